#!/usr/bin/env bash
# eval.sh scores the ingest with `actorgraph eval` (docs/eval-format.md): per
# relationship type the gold edges, proposals, precision, recall and stance
# accuracy, then mention recall, candidate recall, precision, new-entity
# scores and quote errors.
#
#   scripts/eval.sh                 dev split with every miss listed, then the
#                                   test split's scores; exit 1 when the test
#                                   split misses a target (eval --check)
#   EVAL_DIR=DIR scripts/eval.sh    score DIR (misses listed); no targets
#
# The dev split is ingest/testdata/eval/dev, or ingest/testdata/eval itself
# before the split. The test split's misses are not printed: nobody tunes on it
# (actorgraph eval --verbose ingest/testdata/eval/test shows them).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
eval_cmd=(go run ./cmd/actorgraph eval)

if [[ -n "${EVAL_DIR:-}" ]]; then
	echo "==> actorgraph eval --verbose $EVAL_DIR"
	exec "${eval_cmd[@]}" --verbose "$EVAL_DIR"
fi

dev=ingest/testdata/eval/dev
[[ -d $dev ]] || dev=ingest/testdata/eval
test=ingest/testdata/eval/test
echo "==> actorgraph eval --verbose $dev"
"${eval_cmd[@]}" --verbose "$dev"
echo
if [[ ! -d $test ]]; then
	echo "eval: the test split $test is missing; the targets are checked on it" >&2
	exit 1
fi
echo "==> actorgraph eval --check $test"
if ! "${eval_cmd[@]}" --check "$test"; then
	echo "eval: $test misses the targets above (ingest/eval/report.go: Targets)" >&2
	exit 1
fi
echo "eval: $test meets every target"
