#!/usr/bin/env bash
# The README's first command: set up, build the demo province of Khuzestan, serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/shora demo "$@"
