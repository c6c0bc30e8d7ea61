#!/usr/bin/env bash
# fuzz.sh runs every fuzz target for FUZZTIME each (default 60s; make test
# uses 5s) in each package of $pkgs. An input that fails is saved under PKG/testdata/fuzz/TARGET/ and
# fails the run. A run that fails without saving one (the fuzzing engine's own
# trouble, e.g. a worker killed on a loaded machine) is shown and tried once more.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fuzztime=${FUZZTIME:-60s}
# Every package that has fuzz targets (the parsers and query decoders).
pkgs=$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sed 's#^\./##' | sort -u)
[[ -n $pkgs ]] || { echo "fuzz: no fuzz targets found" >&2; exit 1; }
shopt -s nullglob
saved() { local f=("$pkg/testdata/fuzz/$1"/*); echo "${#f[@]}"; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in $pkgs; do
targets=$(go test -list '^Fuzz' "./$pkg/" | grep '^Fuzz' || true)
for t in $targets; do
  for attempt in 1 2; do
    echo "==> fuzz $t for $fuzztime"
    before=$(saved "$t")
    if go test -run '^$' -fuzz "^${t}\$" -fuzztime "$fuzztime" "./$pkg/" >"$log" 2>&1; then
      tail -n 2 "$log"
      break
    fi
    tail -n 40 "$log"
    after=$(saved "$t")
    if [[ $after -gt $before ]]; then
      echo "fuzz: $t found a failing input, saved in $pkg/testdata/fuzz/$t/" >&2
      exit 1
    fi
    if [[ $attempt -eq 2 ]]; then
      echo "fuzz: $t failed twice without a failing input" >&2
      exit 1
    fi
    echo "fuzz: $t failed without a failing input; trying once more"
  done
done
done
