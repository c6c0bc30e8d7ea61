#!/usr/bin/env bash
# bench-profile.sh: a CPU profile of actorgraph serving one route in a loop,
# for BENCHMARKS.md's route-overhead section. Needs the bench Neo4j still
# running with its graphs (BENCH_KEEP=1 make bench first).
#
#   ROUTE=neighbors DEPTH=1 SIZE=100k SECONDS=20 scripts/bench-profile.sh
#
# Writes bench/results/pprof-ROUTE-SIZE-DATE.txt (go tool pprof -top) and
# the raw profile beside it (.pb.gz).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
ROUTE=${ROUTE:-neighbors}
DEPTH=${DEPTH:-1}
SIZE=${SIZE:-100k}
SECS=${SECONDS_PROFILED:-20}
api=127.0.0.1:${BENCH_PROFILE_PORT:-18081}
pp=127.0.0.1:${BENCH_PPROF_PORT:-16060}
go build -o bin/actorgraph ./cmd/actorgraph
NEO4J_URI=bolt://127.0.0.1:${BENCH_BOLT_PORT:-17687} NEO4J_PASSWORD=benchsecret ACTORGRAPH_ADDR=$api \
  ACTORGRAPH_PPROF_ADDR=$pp ACTORGRAPH_LOG_LEVEL=warn ACTORGRAPH_QUERY_TIMEOUT=60s bin/actorgraph serve >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "http://$api/readyz" >/dev/null && break; sleep 0.5; done
froms=$(python3 -c "import json;print(' '.join(p['from'] for p in json.load(open('bench/data/ba-$SIZE/pairs.json'))['pairs'] if p['distance']>0))")
tos=$(python3 -c "import json;print(' '.join(p['to'] for p in json.load(open('bench/data/ba-$SIZE/pairs.json'))['pairs'] if p['distance']>0))")
url() {
  case $ROUTE in
    neighbors) echo "http://$api/api/v1/entities/$1/neighbors?depth=$DEPTH" ;;
    shortest) echo "http://$api/api/v1/paths/shortest?from=$1&to=$2&maxDepth=8" ;;
    *) echo "unknown ROUTE $ROUTE" >&2; exit 2 ;;
  esac
}
( end=$((SECONDS + SECS + 5))
  while ((SECONDS < end)); do
    set -- $tos
    for f in $froms; do curl -s -o /dev/null "$(url "$f" "$1")"; shift || true; done
  done ) &
loop=$!
sleep 2
stamp=$(date -u +%Y%m%d-%H%M)
out=bench/results/pprof-$ROUTE-$SIZE-$stamp
curl -s -o "$out.pb.gz" "http://$pp/debug/pprof/profile?seconds=$SECS"
wait $loop || true
{
  echo "# CPU profile of actorgraph serving $ROUTE (depth $DEPTH) on ba-$SIZE for ${SECS}s ($(date -u +%FT%TZ))"
  echo "# command: ROUTE=$ROUTE DEPTH=$DEPTH SIZE=$SIZE scripts/bench-profile.sh; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  go tool pprof -top -nodecount=40 bin/actorgraph "$out.pb.gz" 2>/dev/null
  echo
  echo "# cumulative view: go tool pprof -top -cum -nodecount=45 bin/actorgraph $out.pb.gz"
  go tool pprof -top -cum -nodecount=45 bin/actorgraph "$out.pb.gz" 2>/dev/null | tail -n +6
} >"$out.txt"
echo "==> $out.txt"
