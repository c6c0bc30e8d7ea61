#!/usr/bin/env bash
# neo4j-jars.sh resolves the Neo4j 5.26.30 server jars from Maven into .neo4j/lib.
# A marker file records a complete copy, so later runs cost nothing; delete
# .neo4j/lib (or run `make distclean`) to resolve again.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
lib=$root/.neo4j/lib
marker=$lib/.complete

if [[ -f $marker && $marker -nt $root/neo4j/pom.xml ]]; then
  echo "==> Neo4j 5.26.30 jars: up to date ($(ls "$lib"/*.jar | wc -l) in .neo4j/lib)"
  exit 0
fi
command -v mvn >/dev/null || { echo "neo4j-jars: mvn not found; install Maven 3.8+ (apt-get install maven)" >&2; exit 1; }

echo "==> resolving Neo4j 5.26.30 jars (first run ~40 s)"
start=$SECONDS
# Copy into a fresh folder so an interrupted run never leaves a half-complete lib.
rm -rf "$lib.tmp"
mkdir -p "$root/.neo4j"
# Maven's output goes to a log (it is noise unless resolution fails).
mvn -q -B -f "$root/neo4j/pom.xml" dependency:copy-dependencies \
  -DoutputDirectory="$lib.tmp" -DincludeScope=runtime >"$root/.neo4j/mvn.log" 2>&1 ||
  { tail -n 30 "$root/.neo4j/mvn.log" >&2; echo "neo4j-jars: mvn failed; full log: .neo4j/mvn.log" >&2; exit 1; }
rm -rf "$lib"
mv "$lib.tmp" "$lib"
touch "$marker"
echo "==> $(ls "$lib"/*.jar | wc -l) jars ($(du -sh "$lib" | cut -f1)) in .neo4j/lib in $((SECONDS - start)) s"
