#!/usr/bin/env bash
# soak.sh (make soak): Neo4j is killed (docker kill) and restarted during a
# 60 s load on loopback. actorgraph must never exit, answer 503 (not 500)
# while Neo4j is down, be ready within 5 s of Neo4j answering again, and an
# import interrupted by the kill and re-run must leave exactly its rows.
#
# Neo4j runs in a container with fixed host ports (Bolt 127.0.0.1:27687, HTTP
# 127.0.0.1:27474) so the address survives the restart; actorgraph runs as a
# subprocess on 127.0.0.1:28080. SOAK_DURATION=60s by default.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

image=${NEO4J_TEST_IMAGE:-actorgraph/neo4j:5.26-local}
name=actorgraph-soak-neo4j
pw=soaksecret
api=127.0.0.1:28080

echo "==> go build bin/actorgraph bin/agsoak"
go build -o bin/actorgraph ./cmd/actorgraph
go build -o bin/agsoak ./bench/soak

docker rm -f "$name" >/dev/null 2>&1 || true
echo "==> starting $name from $image"
docker run -d --name "$name" -p 127.0.0.1:27687:7687 -p 127.0.0.1:27474:7474 \
  -e NEO4J_AUTH="neo4j/$pw" -e NEO4J_server_memory_heap_max__size=2g -e NEO4J_server_memory_pagecache_size=1g "$image" >/dev/null
server_pid=
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  docker rm -f "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 120); do curl -sf http://127.0.0.1:27474/ >/dev/null && break; sleep 1; done

mkdir -p bench/results
log=bench/results/soak-serve.log
echo "==> actorgraph serve on $api (log in $log)"
NEO4J_URI=bolt://127.0.0.1:27687 NEO4J_PASSWORD=$pw ACTORGRAPH_ADDR=$api ACTORGRAPH_API_KEY=soak-key \
  ACTORGRAPH_QUERY_TIMEOUT=3s ACTORGRAPH_LOAD_IF_EMPTY=crocus ACTORGRAPH_LOG_LEVEL=warn bin/actorgraph serve >"$log" 2>&1 &
server_pid=$!
for _ in $(seq 60); do
  curl -sf "http://$api/api/v1/entities/group:is-k" >/dev/null && break
  sleep 1
done

echo "==> soak: ${SOAK_DURATION:-60s} of load, Neo4j killed and restarted during an import"
bin/agsoak -api "http://$api" -pid "$server_pid" -container "$name" -neo4j-http http://127.0.0.1:27474 \
  -bolt bolt://127.0.0.1:27687 -password "$pw" -duration "${SOAK_DURATION:-60s}"
if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "soak: actorgraph exited" >&2
  exit 1
fi
