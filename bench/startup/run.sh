#!/usr/bin/env bash
# Measures the run command: seconds from `./run-local` until the gateway answers a real request
# routed to a service, and the resident memory of every process of the stack. Stops it afterwards.
# Usage: bench/startup/run.sh [--port-offset=N]   (build first: ./mvnw package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
offset=0
for arg in "$@"; do case "$arg" in --port-offset=*) offset="${arg#*=}";; esac; done
gateway="http://127.0.0.1:$((8080 + offset))"
log=$(mktemp)

start=$(date +%s.%N)
./run-local --port-offset="$offset" > "$log" 2>&1 &
pid=$!
# TERM, not INT: a background job of a non-interactive shell ignores SIGINT. The launcher stops the stack on TERM.
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT

deadline=$(( $(date +%s) + 300 ))
until curl -sf -o /dev/null "$gateway/api/stocktaking/v1/reference/action-lines" \
   && curl -sf -o /dev/null "$gateway/api/prizes/v1/categories" \
   && curl -sf -o /dev/null "$gateway/api/forum/v1/editions" \
   && curl -sf -o /dev/null "$gateway/api/indicators/v1/indicators"; do
  if ! kill -0 $pid 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
    echo "The stack did not come up; its output:"; cat "$log"; exit 1
  fi
  sleep 0.5
done
end=$(date +%s.%N)
sleep 2 # let the launcher print its summary (with resident memory)
printf 'All four services answered through the gateway %.1f s after ./run-local started.\n' "$(echo "$end - $start" | bc)"
sed -n '/Resident memory:/,$p' "$log"
echo "Machine load: $(uptime)"
