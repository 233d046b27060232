#!/usr/bin/env bash
# indicators-service benchmarks, on 127.0.0.1 only:
#  1. bulk load: ROWS observations as CSV uploads of at most PART_ROWS rows (the 20 MB upload limit)
#     through the gateway's POST /api/indicators/v1/batches (as agency ITU), timed end to end until
#     every job is PUBLISHED, next to psql \copy of the same file on the same PostgreSQL into a
#     plain table and into a table shaped and indexed like the service's observation table (the floors);
#  2. SDMX query latency through the gateway: one indicator, all economies, 25 years, THREADS concurrent
#     clients, in each of the four data formats;
#  3. a stream of distinct anonymous SDMX queries through the gateway for STREAM_SECONDS, with the heap in
#     use after a full GC of the service and of the gateway sampled every minute.
# The service and the gateway run against their own PostgreSQL (no Keycloak: tokens are verified with a
# public key minted by MintToken.java; no Kafka: outbox rows stay unsent, which does not affect
# what is measured).
# Usage: bench/indicators/run.sh [ROWS=100000]
#   env: THREADS=20 DURATION=30 STREAM_SECONDS=600 (0: no stream) PART_ROWS=500000 PORT_OFFSET=4000 KEEP=0 SKIP_BUILD=0
# Full scale (issue 16): bench/indicators/run.sh 1000000
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-100000}
OFFSET=${PORT_OFFSET:-4000}
THREADS=${THREADS:-20}
DURATION=${DURATION:-30}
PG_PORT=$((15432 + OFFSET))
SVC_PORT=$((8084 + OFFSET))
GW_PORT=$((8080 + OFFSET))
GW_MANAGEMENT_PORT=$((9080 + OFFSET))
STREAM_SECONDS=${STREAM_SECONDS:-600}
WORK=${WORK:-/tmp/wsis-bench-indicators-$OFFSET}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
JAR=indicators-service/target/quarkus-app/quarkus-run.jar
GATEWAY_JAR=gateway/target/quarkus-app/quarkus-run.jar
BENCH=bench/indicators

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_bench() { "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d indicators -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ] || [ ! -f "$GATEWAY_JAR" ]; then
  echo "Building indicators-service and the gateway ..."
  ./mvnw -B -q -pl indicators-service,gateway -am package -DskipTests
fi

rm -rf "$WORK" && mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
# every connection signs in with a password (SCRAM), as in the local stack: a fresh one per run
export PGPASSWORD
PGPASSWORD=$(openssl rand -hex 16)
(umask 077; printf '%s\n' "$PGPASSWORD" > "$WORK/pg-password")
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg-password"
as_postgres "$PGBIN/initdb" -D "$WORK/pg" -U postgres --auth=scram-sha-256 --pwfile="$WORK/pg-password" -E UTF8 >/dev/null
rm -f "$WORK/pg-password"
as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w start \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c max_wal_size=4GB -c work_mem=64MB -c maintenance_work_mem=256MB" >/dev/null
SERVICE_PID=""
GATEWAY_PID=""
cleanup() {
  [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null || true
  [ -n "$SERVICE_PID" ] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  as_postgres "$PGBIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
"$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE indicators"

TOKEN=$(java "$BENCH/MintToken.java" "$WORK/public-key")
java -Xmx2g -Dquarkus.http.port="$SVC_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$PG_PORT/indicators" \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password="$PGPASSWORD" \
  -Dquarkus.oidc.public-key="$(cat "$WORK/public-key")" -Dquarkus.oidc.auth-server-url= \
  -Dkafka.bootstrap.servers="127.0.0.1:$((19092 + OFFSET))" \
  -Dquarkus.log.category.\"org.apache.kafka\".level=ERROR \
  -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$SVC_PORT/api/v1/indicators" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$SVC_PORT/api/v1/indicators" >/dev/null || { echo "service did not start"; tail -30 "$WORK/service.log"; exit 1; }
# the public entry, as UNGIS members reach SDMX (rate limits raised: the clients below are one address)
java -Xmx512m -Dquarkus.http.port="$GW_PORT" -Dquarkus.management.port="$GW_MANAGEMENT_PORT" \
  -Dquarkus.oidc.public-key="$(cat "$WORK/public-key")" -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.discovery-enabled=false \
  -Dwsis.gateway.upstream.indicators.url="http://127.0.0.1:$SVC_PORT" \
  -Dwsis.gateway.rate-limit.enabled=false \
  -Dquarkus.log.category.\"org.wsis.gateway\".level=WARN \
  -jar "$GATEWAY_JAR" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$GW_MANAGEMENT_PORT/q/health/ready" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$GW_PORT/api/indicators/sdmx/dataflow" >/dev/null || { echo "gateway did not start"; tail -30 "$WORK/gateway.log"; exit 1; }
SDMX="http://127.0.0.1:$GW_PORT/api/indicators/sdmx"

# synthetic indicators BENCH_001..BENCH_200, provided by ITU
psql_bench -c "INSERT INTO indicator (code, name, unit, custodian) SELECT format('BENCH_%s', lpad(n::text, 3, '0')), 'Benchmark indicator ' || n, 'percent', 'ITU' FROM generate_series(1, 200) n;
               INSERT INTO indicator_provider (indicator_code, agency) SELECT code, 'ITU' FROM indicator WHERE code LIKE 'BENCH_%';"
java "$BENCH/GenerateObservations.java" "$ROWS" "$WORK/observations.csv"
ls -l "$WORK/observations.csv" | awk '{print "file: " $5 " bytes"}'

# one upload may hold 20 MB (the indicator-batches limit at the gateway and the service, issue 17): the rows go
# as files of PART_ROWS observations (500,000 = 13.4 MB), all sent at once as an agency would, through the gateway
PART_ROWS=${PART_ROWS:-500000}
tail -n +2 "$WORK/observations.csv" | split -l "$PART_ROWS" -d -a 3 - "$WORK/part-"
for part in "$WORK"/part-[0-9][0-9][0-9]; do
  { head -1 "$WORK/observations.csv"; cat "$part"; } > "$part.csv" && rm "$part"
done
PARTS=("$WORK"/part-*.csv)
echo "--- bulk load through the gateway (${#PARTS[@]} x POST /api/indicators/v1/batches as jobs, poll until PUBLISHED) ---"
START=$(date +%s.%N)
LOCATIONS=()
UPLOAD_PIDS=()
for part in "${PARTS[@]}"; do
  curl -s -D "$part.headers" -o "$part.body" -X POST "http://127.0.0.1:$GW_PORT/api/indicators/v1/batches" \
    -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" -H "Prefer: respond-async" --data-binary "@$part" &
  UPLOAD_PIDS+=($!)
done
wait "${UPLOAD_PIDS[@]}"   # the uploads only: a bare wait would wait for the service and the gateway too
for part in "${PARTS[@]}"; do
  LOCATION=$(tr -d '\r' <"$part.headers" | awk -F': ' 'tolower($1)=="location"{print $2}')
  [ -n "$LOCATION" ] || { echo "upload failed:"; cat "$part.headers" "$part.body"; tail -20 "$WORK/service.log"; exit 1; }
  LOCATIONS+=("http://127.0.0.1:$GW_PORT/api/indicators/v1/batches/${LOCATION##*/}")   # polled through the gateway too
done
UPLOADED=$(date +%s.%N)
for LOCATION in "${LOCATIONS[@]}"; do
  while true; do
    BODY=$(curl -sf -H "Authorization: Bearer $TOKEN" "$LOCATION")
    STATUS=$(echo "$BODY" | sed -E 's/.*"status":"([A-Z]+)".*/\1/')
    case "$STATUS" in PUBLISHED|REJECTED|FAILED) break ;; esac
    sleep 0.2
  done
  echo "batch: $BODY" | cut -c1-300
  [ "$STATUS" = PUBLISHED ] || { echo "batch not published: $STATUS"; exit 1; }
done
END=$(date +%s.%N)
printf 'API bulk load: %s rows in %d files, all PUBLISHED, uploads %.1f s, end to end %.1f s\n' "$ROWS" "${#PARTS[@]}" \
  "$(echo "$UPLOADED - $START" | bc)" "$(echo "$END - $START" | bc)"
grep -h "Batch .*staged in\|Batch .*published in" "$WORK/service.log" | sed 's/^.*Batch /  service: batch /' | cut -c1-160

echo "--- limit: psql \\copy of the same file into a plain table ---"
psql_bench -c "CREATE TABLE copy_baseline (indicator text, economy text, period int, value double precision, status text)"
CSTART=$(date +%s.%N)
psql_bench -c "\\copy copy_baseline FROM '$WORK/observations.csv' WITH (FORMAT csv, HEADER true)"
CEND=$(date +%s.%N)
printf 'psql \\copy into a plain table: %s rows in %.1f s\n' "$(psql_bench -c 'SELECT count(*) FROM copy_baseline')" "$(echo "$CEND - $CSTART" | bc)"
# the same rows into a table like observation: its defaults, identity and both indexes (no foreign key)
psql_bench -c "CREATE TABLE copy_observation (LIKE observation INCLUDING DEFAULTS INCLUDING INDEXES);
               ALTER TABLE copy_observation ALTER provider SET DEFAULT 'ITU', ALTER batch_id SET DEFAULT gen_random_uuid(),
                                            ALTER published_at SET DEFAULT now()"
OSTART=$(date +%s.%N)
psql_bench -c "\\copy copy_observation (indicator_code, economy_code, period, value, obs_status) FROM '$WORK/observations.csv' WITH (FORMAT csv, HEADER true)"
OEND=$(date +%s.%N)
printf 'psql \\copy into a table like observation (its indexes): %s rows in %.1f s\n' "$(psql_bench -c 'SELECT count(*) FROM copy_observation')" "$(echo "$OEND - $OSTART" | bc)"
awk -v api="$(echo "$END - $START" | bc)" -v plain="$(echo "$CEND - $CSTART" | bc)" -v like="$(echo "$OEND - $OSTART" | bc)" \
  'BEGIN { printf "API load / COPY: %.1f x the plain table, %.1f x the observation-shaped table (goal: under 60 s, within 3 x COPY)\n", api / plain, api / like }'
psql_bench -c "VACUUM ANALYZE observation"

# one run per SDMX format, through the gateway (the service serves SDMX at /api/sdmx; the gateway at /api/indicators/sdmx)
for ACCEPT in "application/vnd.sdmx.genericdata+xml;version=2.1" "application/vnd.sdmx.structurespecificdata+xml;version=2.1" \
              "application/vnd.sdmx.data+json;version=1.0.0" "application/vnd.sdmx.data+csv;version=1.0.0"; do
  # identity; gzip (latency to the last byte); gzip with every body inflated by the clients on these same cores
  for MODE in "false false" "true false" "true true"; do
    set -- $MODE
    echo "--- SDMX query ($ACCEPT, gzip $1, clients inflate every body $2): one indicator, all economies, 25 years; $THREADS clients, ${DURATION}s ---"
    java "$BENCH/SdmxQueryLoad.java" "$SDMX/data/WSIS,DF_ICT,1.0/A..BENCH_001..." "$THREADS" "$DURATION" 5 "$ACCEPT" "$1" "$2"
  done
done

# Issues 16/17: memory while a stream of distinct anonymous SDMX queries (each asked once, so an unbounded
# response cache would keep all of them) runs through the gateway for STREAM_SECONDS: live heap (after a full
# GC) of the service and of the gateway, before, every minute, and after.
# live objects: GC.class_histogram collects and counts in one step (GC.run then GC.heap_info counts what the
# running queries allocate between the two calls, hundreds of MB a second here)
heap_used() { jcmd "$1" GC.class_histogram | awk '/^Total/ {printf "%.1f MB", $3 / 1048576}'; }
heaps() { echo "heap used: service $(heap_used "$SERVICE_PID"), gateway $(heap_used "$GATEWAY_PID")"; }
[ "$STREAM_SECONDS" -gt 0 ] || exit 0   # STREAM_SECONDS=0: load and latency only
echo "--- distinct anonymous SDMX queries through the gateway for ${STREAM_SECONDS} s: live heap ---"
echo "before: $(heaps)"
java "$BENCH/DistinctQueries.java" "$SDMX/data/WSIS,DF_ICT,1.0" 100000000 8 \
  "$(psql_bench -c "SELECT count(DISTINCT indicator_code) FROM observation WHERE indicator_code LIKE 'BENCH_%'")" "$STREAM_SECONDS" \
  >"$WORK/stream.txt" &
STREAM_PID=$!
ELAPSED=0
while kill -0 "$STREAM_PID" 2>/dev/null; do
  sleep 5; ELAPSED=$((ELAPSED + 5))
  [ $((ELAPSED % 60)) = 0 ] && kill -0 "$STREAM_PID" 2>/dev/null && echo "after ${ELAPSED} s: $(heaps)"
done
wait "$STREAM_PID"
cat "$WORK/stream.txt"
echo "after: $(heaps)"
echo "RSS: service $(ps -o rss= -p "$SERVICE_PID" | awk '{printf "%d MB", $1/1024}'), gateway $(ps -o rss= -p "$GATEWAY_PID" | awk '{printf "%d MB", $1/1024}')"
