#!/usr/bin/env bash
# actorgraph-image.sh builds the image actorgraph:local (ACTORGRAPH_IMAGE) without
# Docker Hub or a module proxy: the static binary is built here on the host, from
# the module cache that `go test` uses, and copied with data/ into an image FROM
# scratch (no base image to pull). Where Docker Hub is reachable, `docker compose
# build` makes the same tag from the Dockerfile instead. docker-compose.yml uses
# whichever exists; `docker compose up` does not rebuild an existing image.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tag=${ACTORGRAPH_IMAGE:-actorgraph:local}
"$repo/scripts/dockerd.sh" >/dev/null

ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
t0=$SECONDS
(cd "$repo" && CGO_ENABLED=0 go build -o "$ctx/actorgraph" ./cmd/actorgraph)
cp -r "$repo/data" "$ctx/data"
# The same user, paths, port and command as the Dockerfile's image; no wget in
# scratch, so no HEALTHCHECK (compose-run.sh asks /readyz from the host).
cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY actorgraph /usr/local/bin/actorgraph
COPY data/ /data/
USER 10001
ENV ACTORGRAPH_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/actorgraph"]
CMD ["serve", "--load-if-empty", "/data/crocus/crocus.json"]
DOCKERFILE
docker build -q -t "$tag" "$ctx" >"$ctx/build.log" 2>&1 || { cat "$ctx/build.log" >&2; exit 1; }
echo "==> image $tag built in $((SECONDS - t0)) s (host binary, FROM scratch)"
