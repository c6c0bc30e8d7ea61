#!/usr/bin/env bash
# compose-run.sh runs the compose deployment for real (`make compose-run`; make
# test runs it beside go test): `up` starts Neo4j and actorgraph, the Crocus set
# loads, /readyz turns 200 and a path is served; then the replicas profile adds
# actorgraph-2, which must give the same answer. Bounded (COMPOSE_RUN_TIMEOUT,
# default 900 s in all) and cleaned up: `down -v` on every exit.
# Without Docker Hub it runs the local images: NEO4J_IMAGE (default
# actorgraph/neo4j:5.26-local, scripts/neo4j-image.sh) and actorgraph:local,
# built here by scripts/actorgraph-image.sh. The project name is unique and the
# host ports are Docker's free ones, so it runs beside anything else.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export NEO4J_IMAGE=${NEO4J_IMAGE:-actorgraph/neo4j:5.26-local}
export ACTORGRAPH_IMAGE=${ACTORGRAPH_IMAGE:-actorgraph:local}
export NEO4J_PASSWORD=${NEO4J_PASSWORD:-compose-$RANDOM$RANDOM}
export NEO4J_HTTP_PUBLISH=127.0.0.1: NEO4J_BOLT_PUBLISH=127.0.0.1: \
  ACTORGRAPH_PUBLISH=127.0.0.1: ACTORGRAPH_2_PUBLISH=127.0.0.1:
budget=${COMPOSE_RUN_TIMEOUT:-900}
deadline=$((SECONDS + budget))
project=actorgraph-compose-run-$$
for c in docker-compose curl python3; do
  command -v "$c" >/dev/null || { echo "compose-run: $c not found (scripts/compose-check.sh installs docker-compose)" >&2; exit 1; }
done
docker image inspect "$NEO4J_IMAGE" >/dev/null 2>&1 || {
  echo "compose-run: no image $NEO4J_IMAGE (make image builds the local one)" >&2; exit 1; }

# left is what remains of the budget, at least 1 s.
left() { local s=$((deadline - SECONDS)); echo $((s > 0 ? s : 1)); }
dc() { timeout "$(left)" docker-compose -p "$project" -f "$root/docker-compose.yml" "$@"; }
cleanup() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    echo "compose-run: failed; the containers' last log lines:" >&2
    timeout 30 docker-compose -p "$project" -f "$root/docker-compose.yml" --profile replicas \
      logs --no-color --tail 40 >&2 2>&1 || true
  fi
  timeout 120 docker-compose -p "$project" -f "$root/docker-compose.yml" --profile replicas \
    down -v --remove-orphans >/dev/null 2>&1 || echo "compose-run: down -v failed for project $project" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

scripts/actorgraph-image.sh

# url SERVICE: the host address Docker gave SERVICE's port 8080.
url() { echo "http://$(dc --profile replicas port "$1" 8080)"; }
# ready SERVICE: wait for /readyz 200 within the budget.
ready() {
  local u code
  u=$(url "$1")
  while ((SECONDS < deadline)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$u/readyz" || true)
    if [[ $code == 200 ]]; then
      echo "==> compose: $1 ready at $u ($((SECONDS - t0)) s)"
      return 0
    fi
    sleep 2
  done
  echo "compose-run: $1 /readyz did not answer 200 within ${budget} s (last: $code)" >&2
  return 1
}
# answer SERVICE: the ranked paths ISIS-K -> Tajikistan (by alias and name),
# checked to hold at least one path, each from the node that has the alias
# ISIS-K to the node named Tajikistan; printed as each path's node and edge ids.
answer() {
  curl -sf --max-time 60 "$(url "$1")/api/v1/paths?from=ISIS-K&to=Tajikistan&limit=5" | python3 -c '
import json, sys
d = json.load(sys.stdin)
paths = d.get("paths") or []
assert paths, "no path in the answer: %.300s" % json.dumps(d)
node = {n["id"]: n for n in d["nodes"]}
for p in paths:
    first, last = node[p["nodes"][0]], node[p["nodes"][-1]]
    assert "ISIS-K" in [first["name"]] + first.get("aliases", []), "a path starts at %s" % first["id"]
    assert last["name"] == "Tajikistan", "a path ends at %s" % last["id"]
print(json.dumps([[p["nodes"], p["edges"]] for p in paths]))'
}

t0=$SECONDS
echo "==> compose: up (neo4j $NEO4J_IMAGE, actorgraph $ACTORGRAPH_IMAGE; project $project, ${budget} s budget)"
dc up -d --no-build
ready actorgraph
one=$(answer actorgraph) || { echo "compose-run: actorgraph served no path ISIS-K -> Tajikistan" >&2; exit 1; }
echo "==> compose: actorgraph answers ${one:0:120}…"

echo "==> compose: --profile replicas up (adds actorgraph-2)"
dc --profile replicas up -d --no-build
ready actorgraph-2
two=$(answer actorgraph-2) || { echo "compose-run: actorgraph-2 served no path ISIS-K -> Tajikistan" >&2; exit 1; }
again=$(answer actorgraph)
if [[ $two != "$one" || $again != "$one" ]]; then
  echo "compose-run: the replicas disagree:" >&2
  printf '  actorgraph:   %s\n  actorgraph-2: %s\n  actorgraph (again): %s\n' "$one" "$two" "$again" >&2
  exit 1
fi
echo "==> compose: both replicas give the same paths; passed in $((SECONDS - t0)) s"
