#!/usr/bin/env bash
# Refresh the Persian catalogue from the code and compile it (needs GNU gettext).
# The compiled .mo is committed, so a user's machine needs no gettext.
set -euo pipefail
cd "$(dirname "$0")/../src/shora"
../../.venv/bin/python -m django makemessages -l fa --no-location --no-obsolete \
  --ignore "demo/*" --settings shora.settings
# drop "previous msgid" comments of once-fuzzy entries: the catalogue keeps no fuzzy entry
sed -i '/^#| /d' locale/fa/LC_MESSAGES/django.po
msgfmt --check -o locale/fa/LC_MESSAGES/django.mo locale/fa/LC_MESSAGES/django.po
