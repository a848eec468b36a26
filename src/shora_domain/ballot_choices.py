"""What a voter keyed in, checked against the constituency's frozen ballot.

The rules (DOMAIN.md, "The ballot and the winners"):

* a code may be keyed with Persian, Arabic-Indic or Latin digits, with spaces, dashes or
  invisible marks inside it; an empty entry is ignored;
* a code that is no candidate of this ballot (a typing slip, another constituency's code,
  anything malformed) is skipped and counted, without voiding the ballot;
* a code keyed twice counts once; the repeats are counted for the voter's screen only;
* more than N (the council's members) distinct candidates is refused: the voting screen
  asks the voter to remove some, rather than dropping names silently;
* no valid choice at all is a blank ballot, which counts in turnout.

What is sealed and later counted is ``cast_ballot_bytes``: the constituency, the choices
in ballot order and the number skipped, as canonical JSON. The keying order and the
repeats are not kept, so nothing in a ballot tells more than counting needs.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass

from .ballot_definition import BallotDefinition
from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError
from .signed_documents import canonical_json

CAST_FORMAT = "shora-cast/1"
# A keyed entry longer than this is no code of any ballot (codes have a handful of
# digits); it is skipped without being read character by character.
_LONGEST_ENTRY = 64
_LARGEST_CAST_BYTES = 65_536
_SEPARATORS = frozenset(
    "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"  # dashes
    "\u00ad\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"  # invisible marks
)
_CAST_KEYS = frozenset({"format", "constituency", "choices", "skipped"})


class BallotChoiceRefusal(enum.Enum):
    """Why the codes keyed in, or a cast ballot, were refused."""

    TOO_MANY = "ballot_choice.too_many"
    MALFORMED = "ballot_choice.malformed"
    WRONG_FORMAT = "ballot_choice.wrong_format"
    WRONG_CONSTITUENCY = "ballot_choice.wrong_constituency"
    NOT_ON_BALLOT = "ballot_choice.not_on_ballot"


@dataclass(frozen=True)
class CastBallot:
    """A validated ballot: distinct valid codes in ballot order, and what was left out."""

    constituency_code: str
    choices: tuple[str, ...]
    skipped: int
    repeats: int = 0

    @property
    def is_blank(self) -> bool:
        """Whether no candidate was chosen (blank, or only codes that are no candidate)."""
        return not self.choices


def keyed_code_normalise(keyed: str) -> str:
    """``keyed`` as Latin digits without spaces, dashes or invisible marks ("" if nothing)."""
    kept = "".join(c for c in keyed if not c.isspace() and c not in _SEPARATORS)
    return to_latin_digits(kept)


def _too_many(members: int, chosen: int) -> DomainError:
    return DomainError(
        BallotChoiceRefusal.TOO_MANY,
        fa=(
            f"حداکثر {to_persian_digits(members)} نامزد را می‌توان برگزید؛ "
            f"{to_persian_digits(chosen)} نامزد وارد شده است."
        ),
        en=f"At most {members} candidates may be chosen; {chosen} were keyed.",
    )


def _malformed(why_en: str) -> DomainError:
    return DomainError(
        BallotChoiceRefusal.MALFORMED,
        fa="رأی ثبت‌شده خوانا نیست.",
        en=f"The cast ballot is malformed: {why_en}.",
    )


def choices_validate(ballot: BallotDefinition, keyed: Sequence[str]) -> CastBallot:
    """The ballot the voter keyed in, by the rules in the module notes."""
    if isinstance(keyed, (str, bytes)) or not all(isinstance(entry, str) for entry in keyed):
        raise _malformed("the codes keyed in must be a list of texts")
    place = {candidate.code: number for number, candidate in enumerate(ballot.candidates)}
    chosen: set[str] = set()
    skipped = repeats = 0
    for entry in keyed:
        code = keyed_code_normalise(entry) if len(entry) <= _LONGEST_ENTRY else entry
        if not code:
            continue
        if code not in place:
            skipped += 1
        elif code in chosen:
            repeats += 1
        else:
            chosen.add(code)
    if len(chosen) > ballot.members:
        raise _too_many(ballot.members, len(chosen))
    return CastBallot(
        constituency_code=ballot.constituency_code,
        choices=tuple(sorted(chosen, key=place.__getitem__)),
        skipped=skipped,
        repeats=repeats,
    )


def cast_ballot_bytes(cast: CastBallot) -> bytes:
    """The canonical bytes that are sealed: format, constituency, choices, skipped."""
    return canonical_json(
        {
            "format": CAST_FORMAT,
            "constituency": cast.constituency_code,
            "choices": list(cast.choices),
            "skipped": cast.skipped,
        }
    )


def _is_code(value: object) -> bool:
    return isinstance(value, str) and value.isascii() and value.isdigit()


def cast_ballot_from_bytes(data: bytes) -> CastBallot:
    """The ballot in ``data`` (repeats 0), refused unless exactly as ``cast_ballot_bytes``
    writes it: a ballot in any other form was not made by a shora station."""
    if not isinstance(data, bytes) or len(data) > _LARGEST_CAST_BYTES:
        raise _malformed(f"not bytes of at most {_LARGEST_CAST_BYTES}")
    try:
        content = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise _malformed("not JSON") from error
    if not isinstance(content, dict) or set(content) != _CAST_KEYS:
        raise _malformed("not the fields of a cast ballot")
    if content["format"] != CAST_FORMAT:
        raise DomainError(
            BallotChoiceRefusal.WRONG_FORMAT,
            fa="قالب رأی ثبت‌شده شناخته نیست.",
            en=f"The cast ballot's format is not {CAST_FORMAT}.",
        )
    constituency, choices, skipped = content["constituency"], content["choices"], content["skipped"]
    if not isinstance(constituency, str) or not constituency:
        raise _malformed("the constituency is not a text")
    if not isinstance(choices, list) or not all(_is_code(code) for code in choices):
        raise _malformed("the choices are not a list of codes")
    if len(set(choices)) != len(choices) or choices != sorted(choices, key=lambda c: (len(c), c)):
        raise _malformed("the choices are repeated or not in ballot order")
    if not isinstance(skipped, int) or isinstance(skipped, bool) or skipped < 0:
        raise _malformed("the number skipped is not a whole number")
    cast = CastBallot(constituency, tuple(choices), skipped)
    if _checked_cast_bytes(cast) != data:
        raise _malformed("not in canonical form")
    return cast


def _checked_cast_bytes(cast: CastBallot) -> bytes:
    """``cast_ballot_bytes(cast)`` for a ballot whose choices are known to be codes (ASCII
    digits) and whose number skipped is known to be a whole number.

    Written out directly, as the canonical form of these four fields is fixed: the keys in
    sorted order, codes that need no escaping, and the constituency escaped by JSON itself
    when it is not a code. ``canonical_json`` of the same fields (re-checking every key and
    value on the way) was a third of the time of reading a ballot at the tally; the tests
    check both write the same bytes.
    """
    constituency = cast.constituency_code
    if not _is_code(constituency):
        return cast_ballot_bytes(cast)
    choices = ",".join(['"' + code + '"' for code in cast.choices])
    return (
        f'{{"choices":[{choices}],"constituency":"{constituency}",'
        f'"format":"{CAST_FORMAT}","skipped":{cast.skipped}}}'
    ).encode("ascii")


def cast_ballot_check(ballot: BallotDefinition, cast: CastBallot) -> None:
    """Refuse ``cast`` unless it could have come from ``choices_validate`` on ``ballot``
    (the tally's check of every opened ballot)."""
    if cast.constituency_code != ballot.constituency_code:
        raise DomainError(
            BallotChoiceRefusal.WRONG_CONSTITUENCY,
            fa="این رأی از حوزهٔ انتخابیهٔ دیگری است.",
            en="This ballot is of another constituency.",
        )
    place = {candidate.code: number for number, candidate in enumerate(ballot.candidates)}
    if not all(code in place for code in cast.choices):
        raise DomainError(
            BallotChoiceRefusal.NOT_ON_BALLOT,
            fa="این رأی کدی دارد که در برگهٔ رأی این حوزه نیست.",
            en="This ballot has a code that is not on this constituency's ballot.",
        )
    if len(cast.choices) > ballot.members:
        raise _too_many(ballot.members, len(cast.choices))
    ordered = sorted(set(cast.choices), key=place.__getitem__)
    if list(cast.choices) != ordered:
        raise _malformed("the choices are repeated or not in ballot order")
