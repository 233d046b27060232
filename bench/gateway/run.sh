#!/usr/bin/env bash
# Gateway overhead: the same cheap GET, directly on a service and through the gateway, in one run
# with the same load (wrk, fixed connections). Reports p50/p99 latency and throughput of each.
#
#   bench/gateway/run.sh [--duration=10s] [--rounds=3] [--warmup=30s] [--connections=32] [--threads=2] [--port-offset=5000]
#                        [--latency-connections=1] [--service-url=http://127.0.0.1:8081 --path=/api/v1/reference/action-lines]
#                        [--real-service [--path=/api/v1/reference/countries]]
#
# --real-service starts the whole platform with ./run-local --port-offset (tokens verified with this run's
# key, gateway rate limits off) and compares its gateway with its stocktaking-service on --path.
#
# Each target is measured twice: throughput with --connections (the machine saturated), and latency with
# --latency-connections (default 1: no queueing, so the p50 difference is the time the extra hop adds).
#
# Without --service-url a stand-in service (EchoService.java, GET /api/v1/ping) is started, so only the
# HTTP path is measured; with it, a running service (e.g. from ./run-local) is used and the gateway
# routes /api/stocktaking/** to it. Four targets: direct and gateway, anonymous and with a bearer token
# (verified at the edge, and by the service, against a key pair made for this run), measured in turn for
# --rounds rounds; each target's throughput is the median of its rounds. Needs wrk (apt-get install -y wrk),
# openssl, and the gateway packaged: ./mvnw -B -q -pl gateway -am package -DskipTests
set -euo pipefail

duration=10s; rounds=3; warmup=30s; connections=32; latency_connections=1; threads=2; offset=5000; service_url=""; path=""
real_service=false
for arg in "$@"; do
  case "$arg" in
    --duration=*) duration="${arg#*=}" ;;
    --rounds=*) rounds="${arg#*=}" ;;
    --warmup=*) warmup="${arg#*=}" ;;
    --connections=*) connections="${arg#*=}" ;;
    --latency-connections=*) latency_connections="${arg#*=}" ;;
    --threads=*) threads="${arg#*=}" ;;
    --port-offset=*) offset="${arg#*=}" ;;
    --service-url=*) service_url="${arg#*=}" ;;
    --path=*) path="${arg#*=}" ;;
    --real-service) real_service=true ;;
    *) echo "unknown argument $arg" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done # the local stack stops what it started
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
jar="$repo/gateway/target/quarkus-app/quarkus-run.jar"
[ -f "$jar" ] || { echo "package the gateway first: ./mvnw -B -q -pl gateway -am package -DskipTests" >&2; exit 1; }

gateway_port=$((8080 + offset))
if [ "$real_service" = true ]; then
  service_url="http://127.0.0.1:$((8081 + offset))"
  path="${path:-/api/v1/reference/countries}"
elif [ -z "$service_url" ]; then
  service_port=$((8081 + offset))
  service_url="http://127.0.0.1:$service_port"
  path="/api/v1/ping"
  # nodelay: without it the JDK server waits for delayed ACKs (~40 ms per response).
  java -Xmx128m -Dsun.net.httpserver.nodelay=true "$here/EchoService.java" "$service_port" > "$work/echo.log" 2>&1 &
  pids+=($!)
fi
[ -n "$path" ] || { echo "--path is needed with --service-url" >&2; exit 2; }

# A key pair for this run; the gateway trusts its public key (quarkus.oidc.public-key).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null
public_key="$(openssl pkey -in "$work/key.pem" -pubout | grep -v -- ----- | tr -d '\n')"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)"
claims="$(printf '{"sub":"bench-user","azp":"wsis-frontend","aud":"wsis-api","iss":"bench","iat":%d,"exp":%d}' "$now" $((now + 3600)) | b64url)"
signature="$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)"
token="$header.$claims.$signature"

if [ "$real_service" = true ]; then
  # The platform as ./run-local starts it; services and gateway verify this run's tokens locally.
  "$repo/run-local" --port-offset="$offset" --work-dir="$work/stack" \
    --set=quarkus.oidc.auth-server-url= --set=quarkus.oidc.public-key="$public_key" \
    --set=wsis.gateway.rate-limit.enabled=false > "$work/stack.log" 2>&1 &
  pids+=($!)
else
# Limits high enough not to refuse the benchmark, but still counted on every request.
java -Xmx512m \
  -Dquarkus.http.port="$gateway_port" \
  -Dquarkus.oidc.public-key="$public_key" \
  -Dwsis.gateway.upstream.stocktaking.url="$service_url" \
  -Dwsis.gateway.rate-limit.requests-per-second=10000000 -Dwsis.gateway.rate-limit.burst=10000000 \
  -Dwsis.gateway.rate-limit.client-requests-per-second=10000000 -Dwsis.gateway.rate-limit.client-burst=10000000 \
  -Dquarkus.log.category.\"org.wsis.gateway\".level=WARN \
  -jar "$jar" > "$work/gateway.log" 2>&1 &
pids+=($!)
fi

wait_for() { for _ in $(seq 1 400); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "$1 did not come up" >&2; cat "$work"/*.log >&2; exit 1; }
direct_url="$service_url$path"
gateway_url="http://127.0.0.1:$gateway_port/api/stocktaking${path#/api}"
wait_for "$direct_url"
wait_for "$gateway_url"

warm() { # url [header]: a freshly started JVM needs tens of seconds of load before C2 has compiled the hot path
  # (measured here: 350 -> 1,700 -> 3,900 -> 7,800 req/s in successive 8 s runs on a busy machine)
  local url="$1"; shift
  wrk -t"$threads" -c"$connections" -d"$warmup" "$@" "$url" > /dev/null
}
throughput() { # url [header]: req/s with --connections for --duration
  local url="$1"; shift
  wrk -t"$threads" -c"$connections" -d"$duration" "$@" "$url" | awk '/Requests\/sec/ {print $2}'
}
latency() { # url [header]: "p50 p99" with --latency-connections (no queueing)
  local url="$1"; shift
  wrk -t1 -c"$latency_connections" -d"$duration" --latency "$@" "$url" | awk '$1=="50%" {p50=$2} $1=="99%" {p99=$2} END {print p50, p99}'
}
ms() { # wrk prints 1.23ms / 456.00us / 1.20s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v + 0 } else { sub(/s$/, "", v); print v * 1000 } }'
}
median() { tr ' ' '\n' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

echo "throughput: wrk -t$threads -c$connections -d$duration, $rounds interleaved rounds; latency: wrk -t1 -c$latency_connections -d$duration"
echo "service $direct_url; gateway $gateway_url"
# The four targets. With a token the service checks it too: a signed-in request is compared with the same
# request sent directly (the stand-in service ignores tokens, so there the two references are alike).
names=(direct gateway direct-token gateway-token)
request() { # fn name: runs warm/throughput/latency against the target's URL, with the token for *-token
  local fn="$1" name="$2" url="$direct_url"
  [[ "$name" == gateway* ]] && url="$gateway_url"
  if [[ "$name" == *-token ]]; then "$fn" "$url" -H "Authorization: Bearer $token"; else "$fn" "$url"; fi
}
for name in "${names[@]}"; do request warm "$name"; done
# On 2 shared cores one 20 s run can be 10-25% off the next (JIT, GC, the database's background work), so
# the four targets are measured in turn, round after round, and each is represented by its median.
declare -A rps_of light_of
for round in $(seq 1 "$rounds"); do
  line="round $round:"
  for name in "${names[@]}"; do
    rps_of[$name]+=" $(request throughput "$name")"
    line+=" ${rps_of[$name]##* }"
  done
  echo "$line req/s (${names[*]})"
done
for name in "${names[@]}"; do light_of[$name]="$(request latency "$name")"; done

printf '%-14s | %10s %-28s %9s | %9s %9s %12s\n' run "median" "req/s per round" "of direct" "light p50" "light p99" "p50 overhead"
for name in "${names[@]}"; do
  reference="direct"
  [[ "$name" == *-token ]] && reference="direct-token"
  rps="$(echo ${rps_of[$name]} | median)"
  reference_rps="$(echo ${rps_of[$reference]} | median)"
  read -r light_p50 light_p99 <<< "${light_of[$name]}"
  read -r reference_p50 _ <<< "${light_of[$reference]}"
  share="$(awk -v a="$rps" -v b="$reference_rps" 'BEGIN { printf "%.0f%%", 100 * a / b }')"
  overhead="$(awk -v a="$(ms "$light_p50")" -v b="$(ms "$reference_p50")" 'BEGIN { printf "%.2fms", a - b }')"
  printf '%-14s | %10.0f %-28s %9s | %9s %9s %12s\n' "$name" "$rps" "${rps_of[$name]# }" "$share" "$light_p50" "$light_p99" "$overhead"
done
echo "Target: p50 overhead < 2 ms (light load), gateway throughput >= 80% of direct (saturated)."
