#!/usr/bin/env bash
# web-check.sh checks the explorer's own modules (web/static/js), from
# `make test` and `make web`: ESLint (pinned in package.json; no undefined
# identifier, no unused import), the import-graph check (web/check/imports.mjs:
# no cycle, every imported name exported, no module past 420 lines) and the
# unit tests of the pure modules (node --test web/test/). The linter comes
# with the other pinned packages by npm ci, without install scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v npm >/dev/null || { echo "web-check.sh: npm not found (apt-get install -y npm)" >&2; exit 1; }
echo "==> npm ci (package-lock.json: the linter and the vendored libraries)"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
echo "==> eslint web/static/js web/test web/check"
node_modules/.bin/eslint --max-warnings 0 web/static/js web/test web/check
echo "==> node web/check/imports.mjs"
node web/check/imports.mjs
echo "==> node --test web/test/"
node --test web/test/
