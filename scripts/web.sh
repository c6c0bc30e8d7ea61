#!/usr/bin/env bash
# web.sh: placeholder for `make web`; to be written.
set -euo pipefail
echo "make web: not yet" >&2
exit 1
