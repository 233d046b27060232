#!/usr/bin/env bash
# The prizes voting benchmark: a voting season through the gateway, then checks with psql and a
# raw-insert comparison with pgbench on the same PostgreSQL. See README.md.
#
#   bench/prizes/run.sh                          # small scale: 20,000 votes from 4,000 voters
#   VOTES=1100000 VOTERS=200000 bench/prizes/run.sh   # the 2017 season
#
# Parameters (environment): VOTES, VOTERS, CONCURRENCY (client threads = connections),
# OFFSET (port offset, default 2000), SKIP_BUILD=1 (reuse the jars), KEEP=1 (keep the work dir),
# ORDER=spread (votes in rounds of all voters instead of voter sessions), RAW=0 (no pgbench comparison),
# WARMUP (with DETECTION_OFF=1: votes of an unmeasured season first, default VOTES/10; 0 = none).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
VOTES=${VOTES:-20000}
VOTERS=${VOTERS:-4000}
CONCURRENCY=${CONCURRENCY:-32}
# The scripted campaign (issue 18): accounts voting all 18 categories within seconds; the goal scale is
# CAMPAIGN=2000 with VOTERS=200000. DETECTION_OFF=1 first runs the same season on an edition whose
# screening rules are all off (edition 2018), to compare throughput with detection on (edition 2017).
CAMPAIGN=${CAMPAIGN:-0}
export CAMPAIGN CAMPAIGN_BURST=${CAMPAIGN_BURST:-100}
CAMPAIGN_VOTES=$((CAMPAIGN * 18))
TOTAL=$((VOTES + CAMPAIGN_VOTES))
OFFSET=${OFFSET:-2000}
YEAR=2017
PG_PORT=$((15432 + OFFSET))
PRIZES_PORT=$((8082 + OFFSET))
GATEWAY_PORT=$((8080 + OFFSET))
MANAGEMENT_PORT=$((9080 + OFFSET)) # the gateway's health and metrics
WORK=$(mktemp -d /tmp/prizes-bench.XXXXXX)
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "work dir kept: $WORK"; fi
}
trap cleanup EXIT

await_http() { # url, what
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "$2 did not become ready; see $WORK/*.log" >&2
  exit 1
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== building prizes-service, gateway and local-stack (package, no tests)"
  ./mvnw -B -q package -DskipTests -pl prizes-service,gateway,deploy/local-stack -am
fi

echo "== RSA key pair for the benchmark's own tokens"
java bench/prizes/VoteLoad.java keygen "$WORK/keys"
PUBLIC_KEY=$(cat "$WORK/keys/public.b64")
# Verify tokens locally with this public key instead of the Keycloak realm (same properties in gateway and service).
OIDC=(-Dquarkus.oidc.public-key="$PUBLIC_KEY" -Dquarkus.oidc.auth-server-url= -Dquarkus.oidc.discovery-enabled=false)

echo "== PostgreSQL and Kafka (ports $PG_PORT, $((19092 + OFFSET)))"
java -cp "deploy/local-stack/target/classes:deploy/kafka-runtime/target/kafka-libs/*" bench/prizes/BenchInfra.java "$WORK/stack" "$OFFSET" > "$WORK/infra.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do grep -q READY "$WORK/infra.log" && break; sleep 1; done
grep -q READY "$WORK/infra.log" || { cat "$WORK/infra.log"; exit 1; }
# PostgreSQL asks for passwords (SCRAM): the superuser's is the stack's own random secret
export PGPASSWORD
PGPASSWORD=$(sed -n 's/^postgres\.superuser\.password=//p' "$WORK/stack/secrets.properties")
"${PSQL[@]}" -d postgres -c "CREATE DATABASE prizes"
# prizes' Kafka user (SCRAM) and its password in this stack, one -D option per line
mapfile -t KAFKA < "$WORK/stack/prizes-kafka.options"

echo "== prizes-service on $PRIZES_PORT and gateway on $GATEWAY_PORT"
java -Xmx1g -Dquarkus.http.port="$PRIZES_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$PG_PORT/prizes" \
  -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password="$PGPASSWORD" \
  -Dquarkus.datasource.jdbc.max-size="${DB_POOL:-24}" \
  "${KAFKA[@]}" "${OIDC[@]}" \
  -Dprizes.voting.rate-limit.device.capacity=100000 -Dprizes.voting.rate-limit.device.per-second=100000 \
  -Dprizes.voting.rate-limit.address.capacity=100000 -Dprizes.voting.rate-limit.address.per-second=100000 \
  -Dprizes.voting.screening.every="${SCREEN_EVERY:-60s}" \
  -jar prizes-service/target/quarkus-app/quarkus-run.jar > "$WORK/prizes.log" 2>&1 &
PIDS+=($!)
java -Xmx512m -Dquarkus.http.port="$GATEWAY_PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" \
  -Dwsis.gateway.upstream.prizes.url="http://127.0.0.1:$PRIZES_PORT" \
  -Dwsis.gateway.max-connections-per-upstream="$CONCURRENCY" "${OIDC[@]}" \
  -Dwsis.gateway.rate-limit.enabled=false \
  -jar gateway/target/quarkus-app/quarkus-run.jar > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)
await_http "http://127.0.0.1:$PRIZES_PORT/q/health/ready" prizes-service
await_http "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready" gateway

echo "== fixture: edition $YEAR in its voting phase, 18 categories x 10 nominees"
"${PSQL[@]}" -d prizes -v year=$YEAR -f bench/prizes/seed.sql
"${PSQL[@]}" -d prizes -At -F, -c "SELECT category, id FROM submission WHERE edition_year = $YEAR AND status = 'NOMINATED'" \
  > "$WORK/nominees.csv"
if [ "${DETECTION_OFF:-0}" = 1 ]; then
  OFF_YEAR=$((YEAR + 1))
  "${PSQL[@]}" -d prizes -v year=$OFF_YEAR -f bench/prizes/seed.sql
  "${PSQL[@]}" -d prizes -c "UPDATE edition SET screening_rules = '{\"maxAccountsPerAddress\":0,\"maxAccountsPerDeviceSubnet\":0,\"fastCategories\":0,\"fastSeconds\":60,\"identicalAccounts\":0,\"identicalMinVotes\":8,\"burstAccounts\":0,\"burstSeconds\":60,\"regularMinVotes\":0,\"regularMaxJitterMillis\":0}' WHERE year = $OFF_YEAR"
  "${PSQL[@]}" -d prizes -At -F, -c "SELECT category, id FROM submission WHERE edition_year = $OFF_YEAR AND status = 'NOMINATED'" \
    > "$WORK/nominees-off.csv"
  # warm-up: the first season through fresh JVMs pays the JIT's compilation (the gateway, the service, the
  # driver's HTTP client); a short season on a third edition, thrown away, puts both measured seasons on warm code
  WARMUP=${WARMUP:-$((VOTES / 10))}
  if [ "$WARMUP" -gt 0 ]; then
    WARM_YEAR=$((YEAR + 2))
    "${PSQL[@]}" -d prizes -v year=$WARM_YEAR -f bench/prizes/seed.sql
    "${PSQL[@]}" -d prizes -At -F, -c "SELECT category, id FROM submission WHERE edition_year = $WARM_YEAR AND status = 'NOMINATED'" \
      > "$WORK/nominees-warm.csv"
    echo "== warm-up: $WARMUP votes on edition $WARM_YEAR, not measured"
    CAMPAIGN=0 PREFIX=warm java -Xmx2g bench/prizes/VoteLoad.java load "$WORK/keys" "$WORK/nominees-warm.csv" \
      "http://127.0.0.1:$GATEWAY_PORT/api/prizes/v1" "$WARM_YEAR" "$WARMUP" "$((VOTERS / 10 + 1))" "$CONCURRENCY" | tail -3
    "${PSQL[@]}" -d prizes -c "UPDATE edition SET voting_opens = now() + interval '10 days' WHERE year = $WARM_YEAR"
    "${PSQL[@]}" -d prizes -c "DELETE FROM vote WHERE edition_year = $WARM_YEAR"
    "${PSQL[@]}" -d prizes -c "VACUUM ANALYZE vote"
  fi
  echo "== detection OFF first: the same season on edition $OFF_YEAR (screening rules all off)"
  PREFIX=off java -Xmx2g bench/prizes/VoteLoad.java load "$WORK/keys" "$WORK/nominees-off.csv" \
    "http://127.0.0.1:$GATEWAY_PORT/api/prizes/v1" "$OFF_YEAR" "$VOTES" "$VOTERS" "$CONCURRENCY" | tee "$WORK/load-off.txt"
  # park that edition before its voting (so it is neither screened nor closed while the season runs), and drop
  # its votes: the season with detection on then starts from the same empty vote table as the one with it off
  # (on 1.1 million rows already there, its inserts and index upkeep cost more, a bias against detection)
  "${PSQL[@]}" -d prizes -c "UPDATE edition SET voting_opens = now() + interval '10 days' WHERE year = $OFF_YEAR"
  "${PSQL[@]}" -d prizes -c "DELETE FROM vote WHERE edition_year = $OFF_YEAR"
  "${PSQL[@]}" -d prizes -c "VACUUM ANALYZE vote"
  echo "== detection ON: edition $YEAR (default screening rules)"
fi

# CPU time (user + system, clock ticks) of processes, to report what a vote costs each of them.
cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
CPU_BEFORE=("$(cpu_ticks "${PIDS[1]}")" "$(cpu_ticks "${PIDS[2]}")" "$(cpu_ticks $(pgrep -x postgres))")

echo "== the season: $VOTES votes from $VOTERS voters (+ $CAMPAIGN_VOTES from $CAMPAIGN campaign accounts), $CONCURRENCY concurrent connections, through the gateway"
PREFIX=bench java -Xmx2g bench/prizes/VoteLoad.java load "$WORK/keys" "$WORK/nominees.csv" \
  "http://127.0.0.1:$GATEWAY_PORT/api/prizes/v1" "$YEAR" "$VOTES" "$VOTERS" "$CONCURRENCY" | tee "$WORK/load.txt"
ACCEPTED=$(sed -n 's/^ACCEPTED=//p' "$WORK/load.txt")
CPU_AFTER=("$(cpu_ticks "${PIDS[1]}")" "$(cpu_ticks "${PIDS[2]}")" "$(cpu_ticks $(pgrep -x postgres))")
LOADER_CPU=$(sed -n 's/^LOADER_CPU_SECONDS=//p' "$WORK/load.txt")
awk -v hz="$(getconf CLK_TCK)" -v n="$TOTAL" -v s0="${CPU_BEFORE[0]}" -v s1="${CPU_AFTER[0]}" -v g0="${CPU_BEFORE[1]}" \
    -v g1="${CPU_AFTER[1]}" -v p0="${CPU_BEFORE[2]}" -v p1="${CPU_AFTER[2]}" -v l="$LOADER_CPU" 'BEGIN {
  s = (s1 - s0) / hz; g = (g1 - g0) / hz; p = (p1 - p0) / hz
  printf "CPU per vote (us): prizes-service %.0f, gateway %.0f, PostgreSQL %.0f, load driver %.0f; total %.0f\n",
    s / n * 1e6, g / n * 1e6, p / n * 1e6, l / n * 1e6, (s + g + p + l) / n * 1e6 }'

echo "== checks, counted independently from the vote table"
q() { "${PSQL[@]}" -d prizes -At -c "$1"; }
if [ "$CAMPAIGN" -gt 0 ] || [ "${DETECTION_OFF:-0}" = 1 ]; then
  echo "== detection: a screening pass now (as prize admin), then the shares of excluded votes"
  ADMIN_TOKEN=$(java bench/prizes/VoteLoad.java token "$WORK/keys" bench-admin prize-admin)
  SCREEN_START=$(date +%s.%N)
  # straight to the service: a pass over a whole season outlasts the gateway's 10 s upstream timeout (a 504
  # there while the service goes on); the service screens every SCREEN_EVERY by itself anyway
  curl -fsS --max-time 1800 -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "http://127.0.0.1:$PRIZES_PORT/api/v1/editions/$YEAR/vote-audit/screen"; echo
  awk -v a="$SCREEN_START" -v b="$(date +%s.%N)" -v n="$TOTAL" 'BEGIN { printf "screening pass over %d votes: %.1f s (HTTP included)\n", n, b - a }'
  q "SELECT CASE WHEN voter_id LIKE 'bench-campaign-%' THEN 'campaign' ELSE 'organic' END AS who, count(*) AS votes,
            count(*) FILTER (WHERE status = 'EXCLUDED') AS excluded,
            round(100.0 * count(*) FILTER (WHERE status = 'EXCLUDED') / count(*), 3) AS excluded_percent
     FROM vote WHERE edition_year = $YEAR GROUP BY 1 ORDER BY 1" | sed 's/^/DETECTION /'
  q "SELECT reason, count(*) FROM vote WHERE edition_year = $YEAR AND status = 'EXCLUDED' GROUP BY 1 ORDER BY 2 DESC LIMIT 10" | sed 's/^/REASON /'
  if [ "${DETECTION_OFF:-0}" = 1 ]; then
    ON=$(sed -n 's/.*throughput=\([0-9]*\) votes.*/\1/p' "$WORK/load.txt")
    OFF=$(sed -n 's/.*throughput=\([0-9]*\) votes.*/\1/p' "$WORK/load-off.txt")
    awk -v on="$ON" -v off="$OFF" 'BEGIN { printf "THROUGHPUT detection on %d votes/s, off %d votes/s: on/off = %.2f (goal >= 0.80)\n", on, off, on / off }'
  fi
fi
STORED=$(q "SELECT count(*) FROM vote WHERE edition_year = $YEAR")
DUPLICATES=$(q "SELECT count(*) FROM (SELECT 1 FROM vote WHERE edition_year = $YEAR GROUP BY category, voter_id HAVING count(*) > 1) d")
WRONG_TALLIES=$(q "SELECT count(*) FROM vote_tally t LEFT JOIN (SELECT submission_id, count(*) n FROM vote WHERE edition_year = $YEAR GROUP BY 1) v USING (submission_id) WHERE t.edition_year = $YEAR AND t.votes <> coalesce(v.n, 0)")
TALLY_SUM=$(q "SELECT sum(votes) FROM vote_tally WHERE edition_year = $YEAR")
DISTINCT_VOTERS=$(q "SELECT count(DISTINCT voter_id) FROM vote WHERE edition_year = $YEAR")
TALLY_READ_MS=$( { time -p q "SELECT category, submission_id, votes FROM vote_tally WHERE edition_year = $YEAR ORDER BY category, votes DESC" > /dev/null; } 2>&1 | awk '/real/ {print $2 * 1000}')
COUNT_READ_MS=$( { time -p q "SELECT submission_id, count(*) FROM vote WHERE edition_year = $YEAR GROUP BY 1" > /dev/null; } 2>&1 | awk '/real/ {print $2 * 1000}')
echo "sent=$TOTAL accepted(201)=$ACCEPTED stored=$STORED distinct_voters=$DISTINCT_VOTERS duplicates=$DUPLICATES"
echo "tally_sum=$TALLY_SUM tallies_differing_from_count=$WRONG_TALLIES"
echo "tally read (counter table) ${TALLY_READ_MS} ms vs count(*) over vote ${COUNT_READ_MS} ms (psql round trip included)"
OK=1
[ "$STORED" = "$TOTAL" ] && [ "$ACCEPTED" = "$TOTAL" ] && [ "$DUPLICATES" = 0 ] && [ "$WRONG_TALLIES" = 0 ] && [ "$TALLY_SUM" = "$TOTAL" ] || OK=0

if [ "${RAW:-1}" = 0 ]; then
  if [ "$OK" = 1 ]; then echo "RESULT: OK (every vote accepted once, none lost, tallies equal counts)"; exit 0; fi
  echo "RESULT: FAILED"; exit 1
fi
echo "== raw comparison on the same PostgreSQL (pgbench, $CONCURRENCY clients, $VOTES transactions)"
kill "${PIDS[2]}" "${PIDS[1]}" 2>/dev/null || true   # gateway and service off: the database alone
"${PSQL[@]}" -d prizes -c "CREATE TABLE vote_raw (LIKE vote INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES);
  CREATE TABLE raw_nominee AS SELECT row_number() OVER (ORDER BY id) AS n, id, category FROM submission WHERE edition_year = $YEAR;
  ALTER TABLE raw_nominee ADD PRIMARY KEY (n);
  CREATE TABLE vote_tally_raw AS SELECT n, 0::bigint AS votes FROM raw_nominee; ALTER TABLE vote_tally_raw ADD PRIMARY KEY (n);"
PER_CLIENT=$(( (VOTES + CONCURRENCY - 1) / CONCURRENCY ))
PGBENCH=(pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONCURRENCY" -j 2 -t "$PER_CLIENT")
RAW_TPS=$("${PGBENCH[@]}" -f bench/prizes/raw-insert.sql prizes 2>/dev/null | tee "$WORK/pgbench-insert.txt" | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
"${PSQL[@]}" -d prizes -c "TRUNCATE vote_raw"
TX_TPS=$("${PGBENCH[@]}" -f bench/prizes/raw-vote-transaction.sql prizes 2>/dev/null | tee "$WORK/pgbench-tx.txt" | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
THROUGHPUT=$(sed -n 's/.*throughput=\([0-9]*\) votes.*/\1/p' "$WORK/load.txt")
echo "raw single INSERT: $RAW_TPS tps; the vote transaction in SQL: $TX_TPS tps"
awk -v t="$THROUGHPUT" -v r="$RAW_TPS" -v x="$TX_TPS" 'BEGIN { printf "HTTP through gateway / raw insert = %.2f ; HTTP / SQL vote transaction = %.2f\n", t / r, t / x }'
if [ "$OK" = 1 ]; then echo "RESULT: OK (every vote accepted once, none lost, tallies equal counts)"; else echo "RESULT: FAILED"; exit 1; fi
