#!/usr/bin/env bash
# eval.sh scores ingest on the evaluation set (ingest/testdata/eval): per
# relationship type the precision and recall of the candidate edges and the
# share of matched candidates with the right stance, and the recall of
# mention linking. It fails when a target is missed (the same test runs in
# make test).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
echo "==> go test -run TestEvalTargets -v ./ingest/"
go test -count=1 -run '^TestEvalTargets$' -v ./ingest/ | grep -v '^=== RUN\|^--- \|^PASS\|^ok'
