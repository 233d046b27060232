#!/usr/bin/env bash
# Search benchmark of stocktaking-service: the same searches (text + two filters + facets) sent
#   1. through the gateway, 2. to the service directly, 3. as the service's SQL straight to PostgreSQL (pgbench),
# in one run, printing throughput, p50/p95/p99 and our throughput as a share of raw PostgreSQL's.
#
# Usage (from the repository root):
#   bench/stocktaking/run.sh                       # full scale: 100,000 entries, 50 clients, 60 s per target
#   ENTRIES=20000 CLIENTS=10 SECONDS=15 bench/stocktaking/run.sh   # reduced scale
# Environment: ENTRIES, CLIENTS, SECONDS, WARMUP (s, per target), PREWARM (s, once at the start; default WARMUP), PORT_OFFSET (default 1000), REGENERATE=1 to reload data,
#   START_STACK=0 if ./run-local --port-offset=$PORT_OFFSET is already running (default: the script starts it
#   with ./run-local and stops it at the end), STACK_WORK_DIR (the stack's data directory, default .local-stack: one
#   per corpus, e.g. STACK_WORK_DIR=.local-stack-six, lets the English and six-language corpora alternate without
#   regenerating either).
# Needs: java 17+, psql, pgbench (Debian package postgresql-client / postgresql-contrib).
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH=bench/stocktaking
ENTRIES=${ENTRIES:-100000}
CLIENTS=${CLIENTS:-50}
SECONDS_PER_TARGET=${SECONDS:-60}
WARMUP=${WARMUP:-10}
OFFSET=${PORT_OFFSET:-1000}
GATEWAY=http://127.0.0.1:$((8080 + OFFSET))
DIRECT=http://127.0.0.1:$((8081 + OFFSET))
PGPORT=$((15432 + OFFSET))
PSQL=(psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d stocktaking)
OUT=$(mktemp -d /tmp/stocktaking-bench.XXXXXX)
STACK_PID=""

stop_stack() {
  if [ -n "$STACK_PID" ]; then
    echo "Stopping the stack (pid $STACK_PID) ..."
    kill "$STACK_PID" 2>/dev/null || true
    wait "$STACK_PID" 2>/dev/null || true
  fi
}
trap stop_stack EXIT

if [ "${START_STACK:-1}" = 1 ]; then
  echo "Starting ./run-local --port-offset=$OFFSET (log $OUT/stack.log) ..."
  # the gateway's per-caller rate limit would answer 429 to 50 anonymous clients from one address: off here
  ./run-local --port-offset="$OFFSET" --work-dir="${STACK_WORK_DIR:-.local-stack}" \
    --set=wsis.gateway.rate-limit.enabled=false >"$OUT/stack.log" 2>&1 &
  STACK_PID=$!
fi
echo -n "Waiting for the gateway at $GATEWAY "
for _ in $(seq 1 600); do
  # a stack we started must say it is ready (only then does Ctrl-C/kill stop all of it)
  if [ -n "$STACK_PID" ] && ! grep -q "WSIS platform ready" "$OUT/stack.log"; then echo -n "."; sleep 2; continue; fi
  if curl -fs "$GATEWAY/api/stocktaking/v1/reference/regions" >/dev/null 2>&1; then break; fi
  if [ -n "$STACK_PID" ] && ! kill -0 "$STACK_PID" 2>/dev/null; then echo; echo "the stack died:"; tail -20 "$OUT/stack.log"; exit 1; fi
  echo -n "."; sleep 2
done
curl -fs "$GATEWAY/api/stocktaking/v1/reference/regions" >/dev/null || { echo " not up"; exit 1; }
echo " up"
# PostgreSQL asks for passwords (SCRAM): the superuser's is run-local's own random secret (its work dir)
export PGPASSWORD
PGPASSWORD=${PGPASSWORD:-$(sed -n 's/^postgres\.superuser\.password=//p' "${STACK_WORK_DIR:-.local-stack}/secrets.properties")}

# LANGUAGES=six (issue 21): entries in the six UN languages, searched in them (generate.sql -v mix=six)
MIX=en; QUERIES="$BENCH/queries.txt"
if [ "${LANGUAGES:-en}" = six ]; then MIX=six; QUERIES="$BENCH/queries-six-languages.txt"; fi
have=$("${PSQL[@]}" -tA -c "SELECT count(*) FROM entry WHERE owner_id = 'bench-generator'")
# a six-language corpus has Chinese entries written in Chinese; the English one has none
have_mix=$("${PSQL[@]}" -tA -c "SELECT CASE WHEN count(*) > 0 THEN 'six' ELSE 'en' END FROM entry WHERE owner_id = 'bench-generator' AND language = 'zh' AND title ~ '[一-龥]'")
if [ "$have" != "$ENTRIES" ] || [ "$have_mix" != "$MIX" ] || [ "${REGENERATE:-0}" = 1 ]; then
  echo "Generating $ENTRIES entries ($MIX) in PostgreSQL ..."
  "${PSQL[@]}" -v entries="$ENTRIES" -v mix="$MIX" -f "$BENCH/generate.sql"
fi
echo "Entries in the database: $("${PSQL[@]}" -tA -c "SELECT status || '=' || count(*) FROM entry GROUP BY status" | paste -sd' ')"

# --- pgbench scripts: exactly the statement the service runs per search with facets
# (SearchRepository.pageWithFacets, sort by relevance, first page of 20), values inlined. pgbench -M prepared plans
# each script once per connection, as the service plans a text search once per connection (a generic plan) ---
where() { # word region actionLine [language the service stems the query in, default en]
  echo "FROM entry e CROSS JOIN (SELECT websearch_to_tsquery(entry_text_config('${4:-en}'), search_text('$1')) || websearch_to_tsquery('simple', search_text('$1')) AS query OFFSET 0) t WHERE e.status = 'PUBLISHED' AND e.filter_vector @@ (t.query && entry_any_tag('al_', '{$3}'::text[]) && entry_any_tag('rg_', '{$2}'::text[]))"
}
# each hit's approved translations (title, summary), for the reader's language (SearchRepository.TRANSLATED_TEXTS)
TRANSLATED="CASE WHEN e.translations = '{}'::jsonb THEN NULL ELSE (SELECT jsonb_object_agg(key, jsonb_build_array(value ->> 'title', left(value ->> 'description', 300))) FROM jsonb_each(e.translations))::text END"
COUNTS="SELECT NULL::text AS tag, count(*) AS n FROM matching UNION ALL SELECT tag, count(*) FROM matching, unnest(facet_tags) tag GROUP BY tag"
n=0
PGBENCH_FILES=()
while read -r word region line lang; do
  [[ -z "$word" || "$word" == \#* ]] && continue
  n=$((n + 1)); f="$OUT/search-$n.sql"
  w=$(where "$word" "$region" "$line" "$lang")
  cat >"$f" <<SQL
WITH matching AS MATERIALIZED (SELECT e.id, e.published_at, lower(e.title) AS sort_title, ts_rank_cd(e.search_vector, t.query) AS rank, e.facet_tags $w), page AS (SELECT m.id, m.rank, m.published_at, m.sort_title FROM matching m ORDER BY m.rank DESC, m.published_at DESC, m.id LIMIT 20 OFFSET 0), counts AS ($COUNTS) SELECT e.id, e.title, e.organisation, left(e.description, 300), e.action_lines, e.countries, e.regions, e.stakeholder_type, e.sdgs, e.sdg_targets, e.target_groups, e.stocktaking_year, e.project_status, e.language, e.success_story, e.prize_outcomes, e.published_at, p.rank, $TRANSLATED, (SELECT jsonb_agg(jsonb_build_array(tag, n)) FROM counts)::text AS facets FROM (SELECT 1) one LEFT JOIN page p ON true LEFT JOIN entry e ON e.id = p.id ORDER BY p.rank DESC, p.published_at DESC, p.id;
SQL
  PGBENCH_FILES+=(-f "$f")
done <"$QUERIES"
first=$(grep -v '^#' "$QUERIES" | head -1)
echo "Matches of the first search ($first): $("${PSQL[@]}" -tA -c "SELECT count(*) $(where $first)")"

http_run() { # name url
  echo "== $1: $CLIENTS clients, ${SECONDS_PER_TARGET}s after ${WARMUP}s warm-up: $2"
  java "$BENCH/SearchLoad.java" "$2" "$CLIENTS" "$SECONDS_PER_TARGET" "$WARMUP" "$QUERIES" | tee "$OUT/$1.txt"
}
# The JVMs of a stack just started (or of a service just redeployed) are still compiling their hot paths: the first
# target measured would pay for it and the next not. One warm-up pass through the gateway (which exercises the gateway
# and the service) comes first, then each target its own WARMUP.
echo "== warm-up of the gateway and the service: $CLIENTS clients, ${PREWARM:-$WARMUP}s (not measured)"
java "$BENCH/SearchLoad.java" "$GATEWAY/api/stocktaking/v1/search" "$CLIENTS" "${PREWARM:-$WARMUP}" 0 "$QUERIES" >/dev/null
http_run gateway "$GATEWAY/api/stocktaking/v1/search"
http_run direct "$DIRECT/api/v1/search"

echo "== raw PostgreSQL (pgbench, same SQL, $CLIENTS clients, ${SECONDS_PER_TARGET}s after ${WARMUP}s warm-up)"
PGB=(pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -M prepared -c "$CLIENTS" -j 2 "${PGBENCH_FILES[@]}" stocktaking)
"${PGB[@]}" -T "$WARMUP" >/dev/null 2>&1
(cd "$OUT" && "${PGB[@]}" -T "$SECONDS_PER_TARGET" -l --log-prefix=pgb >"$OUT/pgbench.out" 2>&1)
tps=$(grep -oP 'tps = \K[0-9.]+' "$OUT/pgbench.out" | head -1)
cat "$OUT"/pgb.* | awk '{print $3}' | sort -n >"$OUT/pgb.sorted"
pct() { awk -v p="$1" '{a[NR]=$1} END {i=int(p/100*NR+0.999999); if (i<1) i=1; printf "%.1f", a[i]/1000}' "$OUT/pgb.sorted"; }
echo "requests=$(wc -l <"$OUT/pgb.sorted") errors=0 throughput=$tps p50_ms=$(pct 50) p95_ms=$(pct 95) p99_ms=$(pct 99)" | tee "$OUT/pgbench.txt"

field() { grep -oP "$2=\K[0-9.NaN]+" "$OUT/$1.txt"; }
echo
echo "Summary ($ENTRIES entries, languages: $MIX, $CLIENTS clients, ${SECONDS_PER_TARGET}s each; searches: text + region + action line + facets)"
printf '%-10s %12s %9s %9s %9s %8s %18s\n' target "req/s" p50_ms p95_ms p99_ms errors "share of raw PG"
for t in gateway direct pgbench; do
  share=$(awk -v a="$(field $t throughput)" -v b="$tps" 'BEGIN {printf "%.0f%%", 100 * a / b}')
  printf '%-10s %12s %9s %9s %9s %8s %18s\n' "$t" "$(field $t throughput)" "$(field $t p50_ms)" "$(field $t p95_ms)" \
    "$(field $t p99_ms)" "$(field $t errors)" "$share"
done
echo "Goal: p95 < 50 ms at 50 clients, and >= 40% of raw PostgreSQL throughput. Raw output in $OUT"
