#!/usr/bin/env bash
# Registration rush benchmark for forum-service (see README.md).
#   bench/forum/run.sh                                 # full scale: 10,000 participants, 500 seats, 100 cancellations
#   bench/forum/run.sh --participants=2000 --capacity=100 --cancellations=20   # reduced scale
# Starts PostgreSQL + Kafka with the local stack's API (BenchInfra.java, port offset 3000), the forum
# service with a benchmark RSA public key, runs RegistrationRush.java, and stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."
OFFSET=3000
PG_PORT=$((15432 + OFFSET)); KAFKA_PORT=$((19092 + OFFSET)); FORUM_PORT=$((8083 + OFFSET))
WORK=$(mktemp -d /tmp/forum-bench.XXXXXX)
chmod 755 "$WORK" # the postgres user must reach the data directory under it
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK/stack" "$WORK/private.pem" # data and key go; the logs stay in $WORK
}
trap cleanup EXIT
trap "exit 130" INT TERM # exit runs the EXIT trap, so an interrupted run stops what it started

echo "== building forum-service and the local stack (package, no tests)"
./mvnw -B -q package -DskipTests -pl forum-service,deploy/local-stack,deploy/kafka-runtime -am

echo "== starting PostgreSQL and Kafka (local stack API, no Keycloak, port offset $OFFSET; logs in $WORK)"
java -cp "deploy/local-stack/target/classes:deploy/kafka-runtime/target/kafka-libs/*" bench/forum/BenchInfra.java $OFFSET "$WORK/stack" > "$WORK/stack.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q "infra ready" "$WORK/stack.log" && break; sleep 1; done
grep -q "infra ready" "$WORK/stack.log" || { cat "$WORK/stack.log"; exit 1; }
# PostgreSQL asks for passwords (SCRAM): the superuser's is the stack's own random secret
PG_PASSWORD=$(sed -n 's/^postgres\.superuser\.password=//p' "$WORK/stack/secrets.properties")

echo "== generating the benchmark's token signing key pair"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
PUBLIC_KEY=$(openssl pkey -in "$WORK/private.pem" -pubout -outform DER | base64 -w0)

echo "== starting forum-service on 127.0.0.1:$FORUM_PORT (tokens verified with the benchmark public key)"
# An empty auth-server-url switches quarkus-oidc to local verification with quarkus.oidc.public-key.
java -Xmx1g -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$FORUM_PORT \
  -Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:$PG_PORT/forum \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password="$PG_PASSWORD" \
  -Dkafka.bootstrap.servers=127.0.0.1:$KAFKA_PORT \
  -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$PUBLIC_KEY" \
  -Dquarkus.log.level=WARN \
  `# the rush measures capacity: lift the per-session sign-up pace that stops one person's many accounts` \
  -Dforum.signup.session-rate.burst-share=100 \
  `# a fresh badge key per run: services refuse the published dev key outside dev/test` \
  -Dforum.badge-secret="$(openssl rand -hex 24)" \
  -jar forum-service/target/quarkus-app/quarkus-run.jar > "$WORK/forum.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$FORUM_PORT/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$FORUM_PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/forum.log"; exit 1; }

echo "== running the rush"
java bench/forum/RegistrationRush.java --base="http://127.0.0.1:$FORUM_PORT" --key="$WORK/private.pem" "$@"
