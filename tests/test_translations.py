"""The Persian catalogue: every message translated, and the committed .mo compiled from it."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import shora

LOCALE = Path(shora.__file__).parent / "locale" / "fa" / "LC_MESSAGES"


def _po_entries() -> list[tuple[str, list[str], bool]]:
    """(msgid, translations, fuzzy) of each entry; entries are blocks split by blank lines."""
    entries = []
    for block in (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        current = ""
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,"):
                fuzzy = fuzzy or "fuzzy" in line
            elif line.startswith(("msgid", "msgstr")):
                current, _, literal = line.partition(" ")
                fields[current] = ast.literal_eval(literal)
            elif line.startswith('"'):
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            translations = [v for k, v in fields.items() if k.startswith("msgstr")]
            entries.append((fields["msgid"], translations, fuzzy))
    return entries


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = _po_entries()
    assert len(entries) > 50
    untranslated = [msgid for msgid, strs, _ in entries if not all(strs)]
    fuzzy = [msgid for msgid, _, is_fuzzy in entries if is_fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_holds_every_translation():
    with (LOCALE / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [msgid for msgid, strs, _ in _po_entries()
             if catalogue.gettext(msgid) != strs[0] and len(strs) == 1]
    assert stale == [], "run scripts/translations.sh to compile the .mo"
