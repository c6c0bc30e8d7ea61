#!/usr/bin/env bash
# compose-check.sh validates docker-compose.yml with Debian's docker-compose,
# installing it when missing (root + apt only).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! command -v docker-compose >/dev/null; then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "compose-check: docker-compose not found; install the Debian package docker-compose" >&2
    exit 1
  fi
  echo "==> installing docker-compose (Debian)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose >/dev/null; }
fi
echo "==> docker-compose config -q"
docker-compose -f "$root/docker-compose.yml" config -q
