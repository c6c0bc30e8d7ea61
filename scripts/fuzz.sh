#!/usr/bin/env bash
# fuzz.sh runs every fuzz target for FUZZTIME each (default 60s; make test
# uses 5s). New crashers land in graph/testdata/fuzz/ and fail the run.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fuzztime=${FUZZTIME:-60s}
targets=$(go test -list '^Fuzz' ./graph/ | grep '^Fuzz')
for t in $targets; do
  echo "==> fuzz $t for $fuzztime"
  go test -run '^$' -fuzz "^${t}\$" -fuzztime "$fuzztime" ./graph/ 2>&1 | tail -n 3
done
