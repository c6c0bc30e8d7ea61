#!/usr/bin/env bash
# dockerd.sh makes sure a Docker engine answers `docker version`.
# /usr/local/bin/docker may be a bare client; what matters is a running dockerd.
# If none answers: install Debian's docker.io when dockerd is missing (root +
# apt only), start dockerd detached with its log in .docker/dockerd.log, and
# wait up to 60 s for it.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if docker version >/dev/null 2>&1; then
  echo "==> Docker engine: running"
  exit 0
fi

if ! command -v dockerd >/dev/null; then
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "dockerd.sh: no Docker engine; install the Debian package docker.io (as root: apt-get install docker.io)" >&2
    exit 1
  fi
  echo "==> installing docker.io (Debian, ~30 s)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io >/dev/null; }
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "dockerd.sh: Docker engine not running; start it as root (scripts/dockerd.sh) or via your service manager" >&2
  exit 1
fi

mkdir -p "$root/.docker"
echo "==> starting dockerd (log: .docker/dockerd.log)"
# setsid detaches dockerd from this shell's session so it outlives make/CI steps.
setsid dockerd >"$root/.docker/dockerd.log" 2>&1 < /dev/null &
for _ in $(seq 60); do
  if docker version >/dev/null 2>&1; then
    echo "==> Docker engine: running ($(docker version -f '{{.Server.Version}}'))"
    exit 0
  fi
  sleep 1
done
echo "dockerd.sh: dockerd did not answer within 60 s; see .docker/dockerd.log" >&2
tail -n 20 "$root/.docker/dockerd.log" >&2
exit 1
