#!/usr/bin/env bash
# test.sh is `make test`: everything the tests need, then vet and the tests.
# Integration tests run against a real Neo4j in containers (testkit), from the
# local image unless NEO4J_TEST_IMAGE names another.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# step runs a command and prints how long it took.
step() {
  local t0=$SECONDS
  "$@"
  echo "    ($1: $((SECONDS - t0)) s)"
}

# neo4j-image.sh first ensures the jars (neo4j-jars.sh) and a Docker engine (dockerd.sh).
step scripts/neo4j-image.sh
step scripts/compose-check.sh

# The compose deployment, run for real (scripts/compose-run.sh: up, the data
# set loads, /readyz 200, a path served, then two replicas that agree; down -v
# at its end), in the background beside the steps below: its wait for Neo4j
# overlaps the installs and go test. Checked after go test; its log is shown
# when it fails, and it is stopped (and cleaned up) if this script ends first.
compose_log=$(mktemp)
scripts/compose-run.sh >"$compose_log" 2>&1 &
compose_pid=$!
compose_t0=$SECONDS
stop_compose() {
  if kill -0 "$compose_pid" 2>/dev/null; then
    kill -TERM "$compose_pid" 2>/dev/null || true
    wait "$compose_pid" 2>/dev/null || true
  fi
  rm -f "$compose_log"
}
trap stop_compose EXIT

export NEO4J_TEST_IMAGE=${NEO4J_TEST_IMAGE:-actorgraph/neo4j:5.26-local}
# No registry for the Ryuk reaper image; testkit removes its containers itself.
export TESTCONTAINERS_RYUK_DISABLED=${TESTCONTAINERS_RYUK_DISABLED:-true}
# Inside a container testcontainers would guess the gateway; ports map to 127.0.0.1.
export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-127.0.0.1}

# Real parsers for the export formats (networkx; cytoscape and d3-force) and a
# real browser for the explorer's end-to-end test.
step scripts/test-deps.sh

echo "==> the explorer's modules: eslint, import cycles, node --test web/test/"
step scripts/web-check.sh
echo "==> go vet ./..."
step go vet ./...
echo "==> go test ./... (image $NEO4J_TEST_IMAGE; one Neo4j container per package)"
# The slowest packages first (go test runs them in the order given, -p at a
# time; ./... adds each other package once): started last, one of them would
# run on alone at the end while the other core idles.
slow="./cmd/actorgraph ./e2e ./reliability ./handlers ./cypher ./analytics"
step go test -count=1 -timeout 20m $slow ./...

echo "==> compose run (started $((SECONDS - compose_t0)) s ago)"
if wait "$compose_pid"; then
  grep '^==> ' "$compose_log" | sed 's/^/    /'
else
  echo "compose-run failed; its log:" >&2
  cat "$compose_log" >&2
  exit 1
fi

# Every parser and query decoder is fuzzed for a few seconds (longer: make fuzz).
step env FUZZTIME=${FUZZTIME:-5s} scripts/fuzz.sh
echo "==> tests passed"
