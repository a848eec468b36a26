"""One way to store, search and compare Persian names, and one way to show them.

``normalize_persian`` is THE normalisation for every name stored, searched or compared.
Its choices:

* Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) are NFKC-folded to base
  letters; the rest of the text is only NFC-composed (no other compatibility folding).
* Arabic yeh ي and alef maksura ى become Persian yeh ی; Arabic kaf ك becomes ک; teh
  marbuta ة, heh with yeh above ۀ, ه + hamza above (the ezafe mark) and the look-alike
  U+06D5 become ه. A hamza that composes with yeh (ي/ی + ٔ) gives ئ, as NFC does;
  آ, أ, إ, ؤ and ئ are kept: they are spellings, not encodings.
* Harakat and other marks (U+064B–U+065F, U+0670) and tatweel (U+0640) are removed.
* Zero-width and direction marks (ZWNJ, ZWJ, U+200B–U+200F, U+202A–U+202E,
  U+2066–U+2069, U+061C, U+2060, U+00AD, U+FEFF) are removed. ZWNJ is removed rather
  than made a space, so "می‌روم" equals "میروم"; "می روم" (with a real space) still
  differs, and ``search_key`` makes all three equal by dropping spaces too.
* Persian and Arabic-Indic digits become Latin, so digit style never matters.
* Runs of whitespace become one space; the ends are stripped.
* Latin letters keep their case; only ``search_key`` casefolds.

``display_persian`` is for showing text: Arabic ي/ى/ك become Persian letters and all
digits Persian; everything else, ZWNJ included, is left as written.
"""

from __future__ import annotations

import unicodedata

from .digits import to_latin_digits, to_persian_digits

_INVISIBLE = (
    "\u00ad\u061c\u0640\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)
_MARKS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"

_ARABIC_YEH = "\u064a"

# Before NFC every yeh becomes Arabic yeh, the one NFC composes with hamza above (into
# ئ), so a hamza is treated alike whichever yeh was typed. (Heh needs no such step:
# ه + hamza above is meant to become ه, which removing the mark gives.)
_BEFORE_COMPOSING = str.maketrans(
    {"\u06cc": _ARABIC_YEH, "\u0649": _ARABIC_YEH} | {char: None for char in _INVISIBLE}
)
_AFTER_COMPOSING = str.maketrans(
    {_ARABIC_YEH: "\u06cc", "\u0643": "\u06a9"}
    | {heh_like: "\u0647" for heh_like in "\u0629\u06c0\u06d5"}
    | {char: None for char in _MARKS}
)
_FOR_DISPLAY = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})


def _is_presentation_form(char: str) -> bool:
    code = ord(char)
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF


def _fold_presentation_forms(text: str) -> str:
    return "".join(
        unicodedata.normalize("NFKC", char) if _is_presentation_form(char) else char
        for char in text
    )


def normalize_persian(text: str) -> str:
    """``text`` normalised for storing, searching and comparing (see the module notes)."""
    folded = _fold_presentation_forms(text).translate(_BEFORE_COMPOSING)
    composed = unicodedata.normalize("NFC", folded).translate(_AFTER_COMPOSING)
    # Removing marks can unblock a composition (e.g. of Latin accents): compose again.
    recomposed = unicodedata.normalize("NFC", composed)
    return " ".join(to_latin_digits(recomposed).split())


def search_key(text: str) -> str:
    """A key for matching: normalised, casefolded, with no spaces at all."""
    folded = unicodedata.normalize("NFD", normalize_persian(text)).casefold()
    return normalize_persian(folded.replace(" ", "")).replace(" ", "")


def display_persian(text: str) -> str:
    """``text`` for showing: Persian yeh and kaf, Persian digits; nothing removed."""
    return to_persian_digits(text.translate(_FOR_DISPLAY))
