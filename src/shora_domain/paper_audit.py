"""The paper-record audit: a sample of a constituency's counted stations, drawn the way the
tie lottery is drawn, and the comparison of each sampled station's paper counts with its
electronic count.

**The sample** is drawn with the constituency's lottery seed (``lottery_seed``: the
stations' signed receipts roots, fixed at each close, and the value the provincial HQ
announced before the polls closed; the record's ``result.json`` holds it under
``lottery_seed.seed``). The items are the counted stations' codes, each written
``paper-audit:<code>`` so that the draw is apart from the candidates' (a station and a
candidate may share a code)::

    order = lottery_draw(seed, ["paper-audit:" + code for code in station codes]).order
    sample = the first audit_sample_size(number of stations) of that order

``audit_sample_size(n)`` is a tenth of the stations rounded up, at least two (all of them
when there are fewer). Nothing is chosen by anyone: the seed is fixed before the count, the
stations are those of the record's ``stations.json``; anyone re-draws it with the record
alone (``shora audit-sample DIR``) or with OpenSSL as ``shora_domain.lottery`` shows.

**The paper counts** of a station, as the auditors enter them: the ballots (paper records)
found, the blank ones, the void ones, and the votes of each candidate. They must add up: the
valid ballots (ballots − blank − void) are not negative, and they hold between one vote and
``members`` votes each. Digits may be Persian, Arabic-Indic or Latin.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .ballot_definition import BallotDefinition
from .digits import to_latin_digits, to_persian_digits
from .errors import DomainError
from .json_differences import json_differences
from .lottery import lottery_draw

ITEM_PREFIX = "paper-audit:"
SAMPLE_SHARE = 10  # per cent of the stations, rounded up
SAMPLE_MINIMUM = 2
#: A count above this is a typing error, not a station (a station serves a few thousand).
MAX_PAPER_COUNT = 1_000_000
#: The fields of the paper counts beside the candidates' votes.
FIGURES = ("ballots", "blank", "void")
SIDES = ("paper", "electronic")


class PaperAuditRefusal(enum.Enum):
    NOT_A_NUMBER = "paper_audit.not_a_number"
    NEGATIVE = "paper_audit.negative"
    TOO_LARGE = "paper_audit.too_large"
    UNKNOWN_CANDIDATE = "paper_audit.unknown_candidate"
    DO_NOT_ADD_UP = "paper_audit.do_not_add_up"


@dataclass(frozen=True)
class AuditSample:
    seed: str
    stations: tuple[str, ...]  # the stations drawn from, sorted
    order: tuple[str, ...]  # all of them in the order drawn
    sample: tuple[str, ...]  # the first audit_sample_size of the order


@dataclass(frozen=True)
class PaperCount:
    ballots: int
    blank: int
    void: int
    votes: Mapping[str, int]  # every candidate of the ballot, in ballot order

    def as_dict(self) -> dict[str, object]:
        return {
            "ballots": self.ballots,
            "blank": self.blank,
            "void": self.void,
            "votes": dict(self.votes),
        }


def audit_sample_size(stations: int) -> int:
    """A tenth of ``stations`` rounded up, at least two, at most all of them."""
    if stations <= 0:
        return 0
    return min(stations, max(SAMPLE_MINIMUM, math.ceil(stations * SAMPLE_SHARE / 100)))


def audit_sample_draw(seed: str, station_codes: Sequence[str]) -> AuditSample:
    """The sample of ``station_codes`` the seed draws; DomainError (``LotteryRefusal``) for
    a malformed seed or a repeated station."""
    stations = tuple(sorted(station_codes))
    draw = lottery_draw(seed, [ITEM_PREFIX + code for code in stations])
    order = tuple(item.removeprefix(ITEM_PREFIX) for item in draw.order)
    return AuditSample(seed, stations, order, order[: audit_sample_size(len(stations))])


def _number(field: str, fa_field: str, raw: object) -> int:
    text = to_latin_digits(str(raw if raw is not None else "")).strip().replace(",", "")
    if text == "":
        return 0
    if text.startswith("-") and text[1:].isdigit():
        raise DomainError(
            PaperAuditRefusal.NEGATIVE,
            fa=f"{fa_field}: شمار منفی پذیرفته نیست.",
            en=f"{field}: a count cannot be negative.",
        )
    if not (text.isascii() and text.isdigit()):
        raise DomainError(
            PaperAuditRefusal.NOT_A_NUMBER,
            fa=f"{fa_field}: «{raw}» عدد نیست.",
            en=f"{field}: “{raw}” is not a number.",
        )
    value = int(text)
    if value > MAX_PAPER_COUNT:
        raise DomainError(
            PaperAuditRefusal.TOO_LARGE,
            fa=f"{fa_field}: {to_persian_digits(value)} برای یک شعبه بیش از اندازه است.",
            en=f"{field}: {value} is too large for one station.",
        )
    return value


def paper_count_read(ballot: BallotDefinition, entered: Mapping[str, object]) -> PaperCount:
    """The paper counts as typed: ``ballots``, ``blank``, ``void`` and ``votes:<code>`` for
    each candidate (empty is 0). Refused: a value that is no whole number, negative or
    huge, a code of no candidate, counts that do not add up."""
    figures = {
        name: _number(name, fa, entered.get(name))
        for name, fa in zip(FIGURES, ("برگه‌ها", "سفید", "باطل"), strict=True)
    }
    codes = {candidate.code for candidate in ballot.candidates}
    unknown = sorted(
        key.removeprefix("votes:")
        for key in entered
        if key.startswith("votes:") and key.removeprefix("votes:") not in codes
    )
    if unknown:
        raise DomainError(
            PaperAuditRefusal.UNKNOWN_CANDIDATE,
            fa=f"کد {to_persian_digits(unknown[0])} نامزد این حوزه نیست.",
            en=f"Code {unknown[0]} is no candidate of this constituency.",
        )
    votes = {
        c.code: _number(f"votes of {c.code}", f"آرای {c.code}", entered.get(f"votes:{c.code}"))
        for c in ballot.candidates
    }
    valid = figures["ballots"] - figures["blank"] - figures["void"]
    total = sum(votes.values())
    if valid < 0 or total < valid or total > valid * ballot.members:
        raise DomainError(
            PaperAuditRefusal.DO_NOT_ADD_UP,
            fa=(
                f"شمارها با هم نمی‌خوانند: {to_persian_digits(max(valid, 0))} برگهٔ درست "
                f"(برگه‌ها منهای سفید و باطل) و {to_persian_digits(total)} رأی؛ هر برگهٔ درست "
                f"دست‌کم یک و حداکثر {to_persian_digits(ballot.members)} رأی دارد."
            ),
            en=(
                f"The counts do not add up: {max(valid, 0)} valid ballots (ballots less blank "
                f"and void) and {total} votes; each valid ballot holds one to {ballot.members} "
                "votes."
            ),
        )
    return PaperCount(figures["ballots"], figures["blank"], figures["void"], votes)


def paper_compare(paper: PaperCount, electronic: Mapping[str, object]) -> list[str]:
    """Every difference of the paper counts from the station's electronic count (as the
    tally stored it): "votes.101: paper has 12, electronic 13".
    A ballot the tally rejected is void on paper."""
    votes = electronic.get("votes")
    rejected = electronic.get("rejected", 0)
    void = electronic.get("void", 0)
    again = {
        "ballots": electronic.get("ballots"),
        "blank": electronic.get("blank"),
        "void": (void if isinstance(void, int) else 0)
        + (rejected if isinstance(rejected, int) else 0),
        "votes": dict(votes) if isinstance(votes, Mapping) else {},
    }
    return json_differences(paper.as_dict(), again, names=SIDES)
