#!/usr/bin/env bash
# bench.sh: placeholder for `make bench`; to be written.
set -euo pipefail
echo "make bench: not yet" >&2
exit 1
