#!/usr/bin/env bash
# fuzz.sh runs every fuzz target for FUZZTIME each (default 60s; make test
# uses 5s) in each package of $pkgs. An input that fails is saved under PKG/testdata/fuzz/TARGET/ and
# fails the run. A run that fails without saving one (the fuzzing engine's own
# trouble, e.g. a worker killed on a loaded machine) is shown and tried once more.
# Each package's fuzzing test binary is built once (go test -c -fuzz, the same
# coverage instrumentation go test -fuzz builds) and runs each of its targets
# in the package's folder with go test's corpus cache, as go test -fuzz would:
# one build a package, not a build to list targets plus one a target. With
# -test.run '^$' testkit starts no Neo4j (no test runs; the fuzz targets
# need none).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
fuzztime=${FUZZTIME:-60s}
# Every package that has fuzz targets (the parsers and query decoders).
pkgs=$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sed 's#^\./##' | sort -u)
[[ -n $pkgs ]] || { echo "fuzz: no fuzz targets found" >&2; exit 1; }
shopt -s nullglob
saved() { local f=("$root/$pkg/testdata/fuzz/$1"/*); echo "${#f[@]}"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/log
cache=$(go env GOCACHE)/fuzz
for pkg in $pkgs; do
bin=$tmp/$(echo "$pkg" | tr / _).test
echo "==> go test -c -fuzz ./$pkg/"
go test -c -fuzz=. -o "$bin" "./$pkg/"
importpath=$(go list "./$pkg/")
# The targets from the source, as the grep above: asking the binary (-test.list)
# would run TestMain, which starts Neo4j in the database packages.
targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$pkg"/*_test.go | sed 's/^func //' | sort -u)
for t in $targets; do
  for attempt in 1 2; do
    echo "==> fuzz $t for $fuzztime"
    before=$(saved "$t")
    if (cd "$pkg" && "$bin" -test.run '^$' -test.fuzz "^${t}\$" -test.fuzztime "$fuzztime" \
      -test.fuzzcachedir "$cache/$importpath") >"$log" 2>&1; then
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
