#!/usr/bin/env bash
# neo4j-local.sh runs Neo4j Community 5.26.30 as a local child process built
# from Maven jars (no Docker needed). See --help.
# cmd/actorgraph/neo4jlocal.go (actorgraph load --bulk) runs the same server the
# same way, without this script: change both together.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=$root/.neo4j
# NEO4J_LOCAL_HOME puts a second server's database, pid file and log in
# another folder (tests do); the jars stay in .neo4j/lib.
if [[ -n ${NEO4J_LOCAL_HOME:-} ]]; then
  home=$NEO4J_LOCAL_HOME
  pidfile=$home/neo4j.pid
  logfile=$home/neo4j.log
else
  home=$state/home
  pidfile=$state/neo4j.pid
  logfile=$state/neo4j.log
fi

bolt_port=${NEO4J_BOLT_PORT:-7687}
http_port=${NEO4J_HTTP_PORT:-7474}
heap=${NEO4J_HEAP:-2g}
pagecache=${NEO4J_PAGECACHE:-2g}
password=${NEO4J_PASSWORD:-actorgraph}

usage() {
  cat <<USAGE
usage: scripts/neo4j-local.sh start|stop|status|import ARGS...

Runs Neo4j Community 5.26.30 from the jars in .neo4j/lib (resolved on demand by
scripts/neo4j-jars.sh), bound to 127.0.0.1, with NEO4J_HOME=.neo4j/home.

  start    start in the background and wait until Bolt and HTTP answer
           (a no-op when already running); log: .neo4j/neo4j.log
  stop     SIGTERM, wait up to 60 s, then SIGKILL
  status   print running/stopped; exit 0 when running, 3 when stopped
  import   run neo4j-admin database import full ARGS into the stopped server's
           database "neo4j" (as actorgraph load --bulk does, in Go); refuses while running

environment (defaults):
  NEO4J_BOLT_PORT  7687        NEO4J_HTTP_PORT  7474
  NEO4J_HEAP       2g          NEO4J_PAGECACHE  2g
  NEO4J_PASSWORD   actorgraph  (user neo4j; applied on the first start only,
                               remove .neo4j/home to reset the database)
  NEO4J_LOCAL_HOME .neo4j/home (database, pid file and log of another server)
  NEO4J_ADMIN_HEAP 2g          (heap of neo4j-admin import)
USAGE
}

# running_pid prints the server's pid if the pid file names a live Neo4j.
running_pid() {
  [[ -f $pidfile ]] || return 1
  local pid
  pid=$(<"$pidfile")
  # Check the command line too: after a reboot the pid may belong to something else.
  [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q CommunityEntryPoint || return 1
  echo "$pid"
}

# port_open succeeds when something accepts TCP connections on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# http_ok succeeds when GET / on the HTTP port answers 200.
http_ok() {
  local line
  { exec 3<>"/dev/tcp/127.0.0.1/$http_port"; } 2>/dev/null || return 1
  printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  read -r -t 5 line <&3 || true
  exec 3>&-
  [[ $line == *" 200"* ]]
}

write_conf() {
  mkdir -p "$home/conf"
  cat >"$home/conf/neo4j.conf" <<CONF
# Written by scripts/neo4j-local.sh on every start; edit the script, not this file.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$bolt_port
server.http.listen_address=127.0.0.1:$http_port
server.https.enabled=false
# No phoning home from developer machines and CI.
dbms.usage_report.enabled=false
# The heap is set by -Xms/-Xmx on the java command line (no neo4j bootloader here).
server.memory.heap.initial_size=$heap
server.memory.heap.max_size=$heap
server.memory.pagecache.size=$pagecache
CONF
}

start() {
  local pid
  if pid=$(running_pid); then
    echo "neo4j: already running (pid $pid)"
    return 0
  fi
  for port in "$bolt_port" "$http_port"; do
    if port_open "$port"; then
      echo "neo4j: port $port on 127.0.0.1 is already in use; stop that process or set NEO4J_BOLT_PORT/NEO4J_HTTP_PORT" >&2
      exit 1
    fi
  done
  "$root/scripts/neo4j-jars.sh"
  write_conf
  cd "$home"
  if [[ ! -f $home/.password-set ]]; then
    echo "==> setting the initial password for user neo4j"
    NEO4J_HOME=$home NEO4J_CONF=$home/conf java -cp "$state/lib/*" org.neo4j.cli.AdminTool \
      dbms set-initial-password "$password" >"$state/admin.log" 2>&1 ||
      { cat "$state/admin.log" >&2; exit 1; }
    touch "$home/.password-set"
  fi

  echo "==> starting Neo4j 5.26.30 on bolt://127.0.0.1:$bolt_port (heap $heap, page cache $pagecache)"
  local t0=$SECONDS
  # setsid: the server must not get the terminal's Ctrl-C meant for a foreground tool.
  setsid java -Xms"$heap" -Xmx"$heap" \
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
    -Dlog4j2.disable.jmx=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$state/lib/*" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$home" --config-dir="$home/conf" --console-mode \
    >"$logfile" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$pidfile"

  # Polled 4 times a second: a bulk load waits for a start and a stop.
  for _ in $(seq 720); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "neo4j: exited during start; last lines of $logfile:" >&2
      tail -n 20 "$logfile" >&2
      rm -f "$pidfile"
      exit 1
    fi
    if port_open "$bolt_port" && http_ok; then
      echo "==> Neo4j ready in $((SECONDS - t0)) s (pid $pid); log: $logfile"
      return 0
    fi
    sleep 0.25
  done
  echo "neo4j: not ready after 180 s (pid $pid still running); see $logfile" >&2
  exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "neo4j: not running"
    rm -f "$pidfile"
    return 0
  fi
  echo "==> stopping Neo4j (pid $pid)"
  kill -TERM "$pid"
  local t0=$SECONDS
  for _ in $(seq 240); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "==> Neo4j stopped in $((SECONDS - t0)) s"
      return 0
    fi
    sleep 0.25
  done
  echo "neo4j: still running after 60 s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "neo4j: running (pid $pid, bolt://127.0.0.1:$bolt_port, log $logfile)"
  else
    echo "neo4j: stopped"
    exit 3
  fi
}

# admin_import runs neo4j-admin's offline importer (org.neo4j.cli.AdminTool,
# from the same jars as the server) on the stopped server's home.
admin_import() {
  local pid
  if pid=$(running_pid); then
    echo "neo4j: running (pid $pid); stop it before an offline import" >&2
    exit 1
  fi
  "$root/scripts/neo4j-jars.sh" >/dev/null
  write_conf
  cd "$home"
  NEO4J_HOME=$home NEO4J_CONF=$home/conf java -Xms"${NEO4J_ADMIN_HEAP:-2g}" -Xmx"${NEO4J_ADMIN_HEAP:-2g}" \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$state/lib/*" org.neo4j.cli.AdminTool database import full neo4j "$@"
}

case ${1:-} in
  start) start ;;
  import) shift; admin_import "$@" ;;
  stop) stop ;;
  status) status ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
