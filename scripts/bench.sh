#!/usr/bin/env bash
# bench.sh (make bench): side-by-side benchmarks of actorgraph against the raw
# Neo4j driver and Neo4j's HTTP Query API, on synthetic graphs.
#
#   SIZES=10k,100k scripts/bench.sh        # default; add 1M when there is time
#   PARTS=routes,queryapi,concurrency,export,import
#   ROUNDS=1                                # passes over the ~100 sampled pairs
#   BENCH_KEEP=1                            # keep the Neo4j container (and its graphs)
#   BENCH_GOMEMLIMIT=150MiB                 # GOMEMLIMIT for the server (export RSS)
#   BENCH_EXPORT_LIMIT=50000                # nodes in the exported subgraph
#
# It starts Neo4j 5.26 in a container (actorgraph-bench-neo4j, Bolt on
# 127.0.0.1:17687, HTTP on 127.0.0.1:17474, heap 4g, page cache 4g), writes each
# graph with `actorgraph gen` into bench/data/, loads it in chunks (`gen -load`)
# unless the container already holds it, starts `actorgraph serve` on
# 127.0.0.1:18080 as a subprocess, and runs bench/run for each size. Every
# table is printed and appended to bench/results/bench-DATE.md.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

SIZES=${SIZES:-10k,100k}
PARTS=${PARTS:-routes,queryapi,concurrency,export,import}
ROUNDS=${ROUNDS:-1}
image=${NEO4J_TEST_IMAGE:-actorgraph/neo4j:5.26-local}
name=actorgraph-bench-neo4j
bolt_port=${BENCH_BOLT_PORT:-17687}
http_port=${BENCH_HTTP_PORT:-17474}
api=127.0.0.1:${BENCH_API_PORT:-18080}
pw=benchsecret

echo "==> go build bin/actorgraph bin/agbench"
go build -o bin/actorgraph ./cmd/actorgraph
go build -o bin/agbench ./bench/run

if ! docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null | grep -q true; then
  docker rm -f "$name" >/dev/null 2>&1 || true
  echo "==> starting $name from $image"
  docker run -d --name "$name" -p "127.0.0.1:$bolt_port:7687" -p "127.0.0.1:$http_port:7474" \
    -e NEO4J_AUTH="neo4j/$pw" -e NEO4J_server_memory_heap_max__size=4g -e NEO4J_server_memory_heap_initial__size=4g \
    -e NEO4J_server_memory_pagecache_size=4g "$image" >/dev/null
fi
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$http_port/" >/dev/null && break; sleep 1; done
export NEO4J_URI=bolt://127.0.0.1:$bolt_port NEO4J_PASSWORD=$pw

server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  if [[ ${BENCH_KEEP:-0} != 1 ]]; then docker rm -f "$name" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

mkdir -p bench/results bench/data
out=bench/results/bench-$(date -u +%Y%m%d-%H%M).md
{
  echo "# actorgraph bench $(date -u +%FT%TZ)"
  echo
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(lscpu | awk -F: '/Model name/{gsub(/^ +/,"",$2); print $2}')"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "sizes: $SIZES; parts: $PARTS; rounds: $ROUNDS; Neo4j $image (heap 4g, page cache 4g)"
} > "$out"

for size in ${SIZES//,/ }; do
  tag=$(echo "$size" | tr 'A-Z' 'a-z')-
  dir=bench/data/ba-$size
  if ! bin/agbench -data "$dir" -parts check >/dev/null 2>&1; then
    echo "==> generating and loading ba-$size (chunks of 50k records, each committed)"
    bin/actorgraph gen -shape ba -nodes "$size" -seed 1 -tag "$tag" -out "$dir" -load
  fi
done

echo "==> starting actorgraph serve on $api"
# A 60 s query limit lets the 100k-edge export finish; results up to 100k nodes.
# BENCH_GOMEMLIMIT (e.g. 150MiB) is passed to the server as GOMEMLIMIT.
GOMEMLIMIT=${BENCH_GOMEMLIMIT:-} ACTORGRAPH_ADDR=$api ACTORGRAPH_MAX_RESULTS=100000 ACTORGRAPH_QUERY_TIMEOUT=60s ACTORGRAPH_LOG_LEVEL=warn \
  bin/actorgraph serve >bench/results/serve.log 2>&1 &
server_pid=$!
for _ in $(seq 60); do curl -sf "http://$api/readyz" >/dev/null && break; sleep 0.5; done
if ! kill -0 "$server_pid" 2>/dev/null || ! curl -sf "http://$api/readyz" >/dev/null; then
  echo "bench: actorgraph did not start (is $api in use?):" >&2
  cat bench/results/serve.log >&2
  exit 1
fi

for size in ${SIZES//,/ }; do
  parts=$PARTS
  # import and export run once, on the first size (import makes its own graph).
  [[ $size != "${SIZES%%,*}" ]] && parts=$(echo "$parts" | tr ',' '\n' | grep -v '^import$' | paste -sd, -)
  echo "==> bench $size: $parts"
  bin/agbench -data "bench/data/ba-$size" -label "$size" -api "http://$api" -pid "$server_pid" \
    -bolt "$NEO4J_URI" -http "http://127.0.0.1:$http_port" -password "$pw" -rounds "$ROUNDS" -parts "$parts" -out "$out" >/dev/null
done
echo
cat "$out"
echo
echo "==> written to $out"
