#!/usr/bin/env bash
# web.sh vendors the explorer's browser libraries (`make web`): it installs the
# exact versions pinned in package.json / package-lock.json (npm ci, no install
# scripts) and copies their dist files into web/static/vendor, which is committed
# and embedded by go:embed. The page fetches nothing from elsewhere at run time.
# To change a version: edit package.json, then
#   npm install --package-lock-only --omit-lockfile-registry-resolved
# (the lock file then names no registry host), then run this script.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v npm >/dev/null || { echo "web.sh: npm not found (apt-get install -y npm)" >&2; exit 1; }
echo "==> npm ci (package-lock.json)"
npm ci --ignore-scripts --no-audit --no-fund

dest=web/static/vendor
rm -rf "$dest"
mkdir -p "$dest"

# copy PACKAGE FILE [NAME]: one dist file, renamed where the page needs a .js
# name (Go serves .js as JavaScript everywhere; .mjs depends on mime tables).
copy() {
	cp "node_modules/$1/$2" "$dest/${3:-$(basename "$2")}"
}
copy cytoscape dist/cytoscape.esm.min.mjs cytoscape.esm.min.js
copy layout-base layout-base.js
copy cose-base cose-base.js
copy cytoscape-fcose cytoscape-fcose.js

# Licences and exact versions travel with the copies.
{
	echo "Vendored by scripts/web.sh from package-lock.json; do not edit by hand."
	for p in cytoscape layout-base cose-base cytoscape-fcose; do
		v=$(node -p "require('./node_modules/$p/package.json').version")
		l=$(node -p "require('./node_modules/$p/package.json').license")
		echo "$p $v ($l)"
		cp "node_modules/$p/LICENSE" "$dest/LICENSE.$p"
	done
} >"$dest/VERSIONS"
echo "==> web/static/vendor:"
sed 's/^/    /' "$dest/VERSIONS"

# The explorer's own modules: lint, import graph, unit tests.
scripts/web-check.sh
