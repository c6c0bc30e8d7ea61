#!/usr/bin/env bash
# test-deps.sh installs what the tests use besides Neo4j: networkx, cytoscape
# and d3-force (to parse our exports with real parsers), stix2-validator and
# stix2 (the OASIS tools that check our STIX exports), and Debian's chromium
# (the explorer's browser test). As root it installs with apt; otherwise it
# names what is missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "==> format checkers: networkx, stix2-validator, stix2 (pip), cytoscape + d3-force (npm ci)"
python3 -m pip install -q --disable-pip-version-check --root-user-action=ignore -r tools/formatcheck/requirements.txt
npm ci --prefix tools/formatcheck --no-audit --no-fund --loglevel=error

if ! command -v chromium >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "test-deps: chromium is missing; install Debian's chromium (apt-get install chromium)" >&2
    exit 1
  fi
  echo "==> installing Debian's chromium (first run only, ~1 min)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "==> chromium: $(chromium --version 2>/dev/null | head -n1)"
