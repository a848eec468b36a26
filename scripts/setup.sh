#!/usr/bin/env bash
# Creates .venv and installs shora into it (with the test tools when asked: setup.sh test).
# Idempotent: reinstalls only when pyproject.toml changed since the last run.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python="$(command -v python3.11 || command -v python3)"
if ! "$python" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info < (3, 13) else 1)'; then
  echo "shora needs Python 3.11 or 3.12; found $("$python" --version)" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.shora-installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ -n "$extras" ]; then
    .venv/bin/python -m pip install --quiet -e ".[$extras]"
  else
    .venv/bin/python -m pip install --quiet -e .
  fi
  touch "$stamp"
fi
