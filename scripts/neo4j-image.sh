#!/usr/bin/env bash
# neo4j-image.sh builds actorgraph/neo4j:5.26-local, a Neo4j 5.26.30 image made
# without Docker Hub: a Debian bookworm root from debootstrap plus the Maven jars
# and neo4j/image/docker-entrypoint.sh, loaded with `docker import`.
# The root (.image/rootfs) is reused; the import is skipped when the image
# already carries the hash of its inputs.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tag=${NEO4J_LOCAL_IMAGE:-actorgraph/neo4j:5.26-local}
rootfs=$repo/.image/rootfs
rootfs_ok=$repo/.image/rootfs.complete # outside the root, so not in the image
packages=openjdk-17-jre-headless,procps

# need installs Debian package $2 for command $1 when we can, else says what is missing.
need() {
  command -v "$1" >/dev/null && return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "==> installing $2 (Debian)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >/dev/null; }
  else
    echo "neo4j-image: $1 not found; install the Debian package $2 (as root: apt-get install $2)" >&2
    exit 1
  fi
}

need debootstrap debootstrap
"$repo/scripts/neo4j-jars.sh"
"$repo/scripts/dockerd.sh"

inputs=$( {
  cat "${BASH_SOURCE[0]}" "$repo/neo4j/image/docker-entrypoint.sh"
  ls "$repo/.neo4j/lib"
} | sha256sum | cut -c1-16)
if [[ $(docker image inspect -f '{{index .Config.Labels "actorgraph.inputs"}}' "$tag" 2>/dev/null) == "$inputs" ]]; then
  echo "==> image $tag: up to date"
  exit 0
fi

# The marker holds the package list, so changing it rebuilds the root.
if [[ $(cat "$rootfs_ok" 2>/dev/null) != "$packages" ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "neo4j-image: debootstrap needs root" >&2; exit 1; }
  echo "==> debootstrap Debian bookworm + Java 17 into .image/rootfs (first run 1-2 min)"
  t0=$SECONDS
  rm -rf "$rootfs"
  mkdir -p "$rootfs"
  debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" >"$repo/.image/debootstrap.log" 2>&1 ||
    { tail -n 20 "$repo/.image/debootstrap.log" >&2; exit 1; }
  # Package caches are dead weight in the image.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  echo "$packages" >"$rootfs_ok"
  echo "==> root ready in $((SECONDS - t0)) s"
fi

echo "==> importing $tag"
t0=$SECONDS
old=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
rm -rf "$rootfs/var/lib/neo4j"
mkdir -p "$rootfs/var/lib/neo4j/lib"
cp "$repo"/.neo4j/lib/*.jar "$rootfs/var/lib/neo4j/lib/"
install -m 755 "$repo/neo4j/image/docker-entrypoint.sh" "$rootfs/docker-entrypoint.sh"
tar -C "$rootfs" -c . | docker import \
  -c 'ENTRYPOINT ["/docker-entrypoint.sh"]' -c 'CMD ["neo4j"]' \
  -c 'EXPOSE 7474 7687' -c 'WORKDIR /var/lib/neo4j' \
  -c "LABEL actorgraph.inputs=$inputs" \
  - "$tag" >/dev/null
# The previous build is now untagged; drop it unless a container still uses it.
[[ -z $old ]] || docker image rm "$old" >/dev/null 2>&1 || true
echo "==> image $tag built in $((SECONDS - t0)) s ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%d MB", $1/1e6}'))"
