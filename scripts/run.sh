#!/usr/bin/env bash
# run.sh runs bin/actorgraph in the foreground on $ADDR (default :8080).
# With NEO4J_URI unset it uses the local Neo4j (scripts/neo4j-local.sh),
# starting it if needed; on exit (Ctrl-C, TERM) it stops actorgraph and then
# the Neo4j it started, never one that was already running.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

app='' started=''
cleanup() {
  trap - EXIT INT TERM
  if [[ -n $app ]] && kill -0 "$app" 2>/dev/null; then
    echo "==> stopping actorgraph (pid $app)"
    kill -TERM "$app" 2>/dev/null || true
    wait "$app" || true
  fi
  [[ -z $started ]] || scripts/neo4j-local.sh stop
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ -z ${NEO4J_URI:-} ]]; then
  if scripts/neo4j-local.sh status >/dev/null; then
    echo "==> using the local Neo4j that is already running"
  else
    scripts/neo4j-local.sh start
    started=1
  fi
  export NEO4J_URI=bolt://127.0.0.1:${NEO4J_BOLT_PORT:-7687} NEO4J_USER=neo4j
  export NEO4J_PASSWORD=${NEO4J_PASSWORD:-actorgraph}
fi
export ADDR=${ADDR:-:8080}
# Writes (ingest, review, import) need a key. Without one configured, this
# session gets a random one, named "local" in the history, printed once.
if [[ -z ${ACTORGRAPH_API_KEY:-} && -z ${ACTORGRAPH_API_KEYS:-} ]]; then
  key=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
  export ACTORGRAPH_API_KEYS="local:$key"
  echo "==> write key for this session (explorer: Sources tab, API: X-API-Key): $key"
fi

echo "==> actorgraph on $ADDR, Neo4j $NEO4J_URI (Ctrl-C stops)"
# In the background plus wait, so the traps run as soon as a signal arrives.
bin/actorgraph serve --addr "$ADDR" --load-if-empty crocus &
app=$!
rc=0
wait "$app" || rc=$?
exit "$rc"
