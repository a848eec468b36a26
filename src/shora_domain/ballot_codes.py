"""Candidate codes: the numbers voters key in, assigned once when a ballot is frozen.

The order: candidates are listed by surname, then first name, then father's name, in the
Persian alphabet's order (آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی),
after ``normalize_persian`` (so Arabic ي/ك, ZWNJ and diacritics never change a place), and
finally by national code, so the order is total and anyone can reproduce it.

The codes: the n-th candidate (from 0) gets the sequence number 10^(w-1) + n, where w ≥ 2 is
the fewest digits that hold every candidate of the ballot (up to 90 candidates: 10…99; up to
900: 100…999; and so on), followed by a Damm check digit. So every code of a ballot has the
same length, and a code keyed with one wrong digit or two neighbouring digits swapped is
never another candidate's code: the voting device can refuse it instead of counting it for
someone else. Examples: 3 candidates get 101, 117, 125; of 750 candidates the first gets
1007 (sequence 100, check digit 7) and the last 8492.
"""

from __future__ import annotations

from .digits import to_latin_digits
from .persian_text import normalize_persian

# The Damm algorithm's quasigroup (weakly totally anti-symmetric, order 10).
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

PERSIAN_ALPHABET = "ءآابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
# Letters written with a hamza sort with their base letter.
_SAME_PLACE = {"أ": "ا", "إ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ی"}
_RANK = {letter: rank for rank, letter in enumerate(PERSIAN_ALPHABET, start=2)}
_SPACE_RANK = 1
_DIGIT_RANK = 100  # digits after the letters; other characters after digits
_OTHER_RANK = 1000


def damm_check_digit(digits: str) -> int:
    """The Damm check digit of a string of digits (Persian or Arabic-Indic digits allowed)."""
    interim = 0
    for char in to_latin_digits(digits):
        if char not in "0123456789":
            raise ValueError(f"damm_check_digit takes digits only, got {digits!r}")
        interim = _DAMM[interim][int(char)]
    return interim


def is_code_well_formed(code: str) -> bool:
    """Whether ``code`` is digits whose last one is the Damm check digit of the others."""
    latin = to_latin_digits(code)
    if len(latin) < 2 or not latin.isascii() or not latin.isdigit():
        return False
    return damm_check_digit(latin) == 0


def sequence_width(count: int) -> int:
    """The digits of the sequence numbers of a ballot of ``count`` candidates (at least 2)."""
    if count < 0:
        raise ValueError("a ballot cannot have a negative number of candidates")
    width = 2
    while count > 9 * 10 ** (width - 1):
        width += 1
    return width


def ballot_codes(count: int) -> list[str]:
    """The codes of a ballot of ``count`` candidates, in ballot order."""
    first = 10 ** (sequence_width(count) - 1)
    codes = []
    for number in range(first, first + count):
        sequence = str(number)
        codes.append(sequence + str(damm_check_digit(sequence)))
    return codes


def persian_collation_key(text: str) -> tuple[int, ...]:
    """A sort key that puts Persian words in dictionary order (see the module notes)."""
    key: list[int] = []
    for char in normalize_persian(text):
        char = _SAME_PLACE.get(char, char)
        if char == " ":
            key.append(_SPACE_RANK)
        elif char in _RANK:
            key.append(_RANK[char])
        elif char.isdigit():
            key.append(_DIGIT_RANK + int(char) if char.isascii() else _OTHER_RANK + ord(char))
        else:
            key.append(_OTHER_RANK + ord(char.casefold()[0]))
    return tuple(key)


def ballot_order_key(
    *, last_name: str, first_name: str, father_name: str, national_code: str
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]:
    """Where a candidate stands on the ballot (surname, name, father's name, national code)."""
    return (
        persian_collation_key(last_name),
        persian_collation_key(first_name),
        persian_collation_key(father_name),
        national_code,
    )
