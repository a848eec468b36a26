#!/usr/bin/env bash
# The README's second command: set up, check, and run the whole test suite.
#
# 1. lint, types, the import contract of the pure package, migrations up to date;
# 2. every test on the embedded database (SQLite);
# 3. the PostgreSQL tests (concurrency, durability) on PostgreSQL when it is reachable at
#    $SHORA_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/shora); without it
#    they are skipped with a message saying how to run them.
# Browser tests drive Debian's chromium (/usr/bin/chromium or $SHORA_CHROMIUM); without it
# they are skipped with a message. With SHORA_REQUIRE_ALL=1 (CI) any such skip fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export SHORA_HOME="${SHORA_HOME:-$(mktemp -d /tmp/shora-test.XXXXXX)}"
bin=.venv/bin

echo "== lint, types, import contract, migrations"
$bin/ruff check src tests
$bin/mypy src
$bin/lint-imports --no-cache | tail -n 3
DJANGO_SETTINGS_MODULE=shora.settings $bin/python -m django makemigrations --check --dry-run >/dev/null \
  || { echo "models changed without a migration: run makemigrations" >&2; exit 1; }

echo "== tests on SQLite"
$bin/pytest -m "not postgres" -n "${SHORA_TEST_WORKERS:-2}" "$@"

echo "== PostgreSQL tests"
pg_url="${SHORA_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/shora}"
if $bin/python - "$pg_url" <<'PY' 2>/dev/null
import sys, psycopg, dj_database_url
c = dj_database_url.parse(sys.argv[1])
psycopg.connect(host=c["HOST"], port=c["PORT"] or 5432, user=c["USER"], password=c["PASSWORD"] or None,
                dbname="postgres", connect_timeout=3).close()
PY
then
  SHORA_DATABASE_URL="$pg_url" $bin/pytest -m postgres "$@"
else
  echo "PostgreSQL is not reachable at $pg_url: its tests will be skipped."
  $bin/pytest -m postgres "$@"
fi
