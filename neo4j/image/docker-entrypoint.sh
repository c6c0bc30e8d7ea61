#!/bin/bash
# docker-entrypoint.sh starts Neo4j in actorgraph/neo4j:5.26-local with the
# same contract as the official neo4j image, as far as our tests use it:
#   NEO4J_AUTH=none | neo4j/<password>
#   NEO4J_<setting> becomes a neo4j.conf setting: strip NEO4J_, "__" -> "_",
#   "_" -> ".", e.g. NEO4J_server_memory_heap_max__size=1g -> server.memory.heap.max_size=1g
# It listens on 0.0.0.0 (Bolt 7687, HTTP 7474), keeps data in /data and logs to
# stdout (--console-mode), which testcontainers' wait strategy reads.
set -euo pipefail
home=/var/lib/neo4j

# Any other command (e.g. `docker run -it IMAGE bash`) runs as given.
if [[ $# -gt 0 && $1 != neo4j ]]; then
  exec "$@"
fi

declare -A conf=(
  [server.default_listen_address]=0.0.0.0
  [server.directories.data]=/data
  [server.directories.logs]=/logs
  [server.directories.import]=/import
  [server.directories.plugins]=/plugins
  [dbms.usage_report.enabled]=false
  # A test image: small by default; override with NEO4J_server_memory_* as usual.
  [server.memory.heap.max_size]=1g
  [server.memory.pagecache.size]=512m
)

for var in $(compgen -e); do
  [[ $var == NEO4J_* ]] || continue
  case $var in
    # Image controls, not settings.
    NEO4J_AUTH | NEO4J_AUTH_PATH | NEO4J_HOME | NEO4J_CONF | NEO4J_EDITION | NEO4J_DEBUG | \
      NEO4J_ACCEPT_LICENSE_AGREEMENT | NEO4J_PLUGINS | NEO4J_SHA256 | NEO4J_TARBALL) continue ;;
  esac
  name=${var#NEO4J_}
  name=${name//__/@@}
  name=${name//_/.}
  name=${name//@@/_}
  conf[$name]=${!var}
done

# Unset NEO4J_AUTH keeps Neo4j's default (neo4j/neo4j, change required).
auth=${NEO4J_AUTH:-}
set_password=()
if [[ $auth == none ]]; then
  conf[dbms.security.auth_enabled]=false
elif [[ $auth =~ ^neo4j/([^/]+)(/[tT][rR][uU][eE])?$ ]]; then
  set_password=("${BASH_REMATCH[1]}")
  [[ -z ${BASH_REMATCH[2]} ]] || set_password+=(--require-password-change)
elif [[ -n $auth ]]; then
  echo "docker-entrypoint: NEO4J_AUTH must be 'none' or 'neo4j/<password>[/true]'" >&2
  exit 1
fi
if [[ -n ${NEO4J_PLUGINS:-} ]]; then
  echo "docker-entrypoint: NEO4J_PLUGINS is not supported by this local image; ignored" >&2
fi

mkdir -p "$home/conf" /data /logs /import /plugins
: >"$home/conf/neo4j.conf"
: >"$home/conf/apoc.conf"
for k in "${!conf[@]}"; do
  file=neo4j.conf
  [[ $k != apoc.* ]] || file=apoc.conf # as in the official image
  printf '%s=%s\n' "$k" "${conf[$k]}" >>"$home/conf/$file"
done

cd "$home"
# The initial password only counts before the system database exists.
if [[ ${#set_password[@]} -gt 0 && ! -d /data/databases/system ]]; then
  NEO4J_HOME=$home NEO4J_CONF=$home/conf java -cp "$home/lib/*" org.neo4j.cli.AdminTool \
    dbms set-initial-password "${set_password[@]}"
fi

# No neo4j bootloader here, so the heap settings become JVM flags.
heap=(-Xmx"${conf[server.memory.heap.max_size]}")
if [[ -n ${conf[server.memory.heap.initial_size]:-} ]]; then
  heap+=(-Xms"${conf[server.memory.heap.initial_size]}")
fi
exec java "${heap[@]}" \
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
  -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
  -Dlog4j2.disable.jmx=true \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  -cp "$home/lib/*" org.neo4j.server.CommunityEntryPoint \
  --home-dir="$home" --config-dir="$home/conf" --console-mode
