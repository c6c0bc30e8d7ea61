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
step go test -count=1 -timeout 20m ./...

# Every parser and query decoder is fuzzed for a few seconds (longer: make fuzz).
step env FUZZTIME=${FUZZTIME:-5s} scripts/fuzz.sh
echo "==> tests passed"
