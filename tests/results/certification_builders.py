"""A tallied constituency without the day of voting: its result row written as the tally
writes it (counts, standings, a tie broken by lottery with its draw), and the county's
executive and supervisory boards seated. Much faster than a real tally; the tally itself
is tested in test_tally.py."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from shora.boards.models import Board, BoardMembership, Person
from shora.elections.models import Constituency
from shora.results.models import ConstituencyResult, TallySession
from tests.conftest import Geography

CANDIDATES = [
    ("101", "زهرا احمدی", 40, "member"),
    ("102", "علی رضایی", 35, "member"),
    ("103", "مریم کاظمی", 35, "member"),
    ("104", "حسن نوری", 20, "alternate"),
    ("105", "فاطمه یزدانی", 20, "alternate"),
    ("106", "رضا کرمی", 5, "not_elected"),
]
SEED = "ab" * 32
DRAW_SEED = "cd" * 32


def result_write(geo: Geography, constituency: Constituency, **counts: int) -> ConstituencyResult:
    session = TallySession.objects.get_or_create(
        election=geo.election,
        status="ran",
        defaults={"threshold": 1, "opened_at": timezone.now()},
    )[0]
    base: dict[str, Any] = {
        "constituency_code": constituency.code,
        "votes": {code: votes for code, _, votes, _ in CANDIDATES},
        "ballots": 60,
        "valid": 52,
        "blank": 3,
        "void": 2,
        "rejected": 3,
        "skipped_codes": 7,
    }
    base.update(counts)
    standings = [
        {"code": code, "name": name, "votes": votes, "place": place, "outcome": outcome}
        for place, (code, name, votes, outcome) in enumerate(CANDIDATES, start=1)
    ]
    ties = [
        {
            "votes": 35,
            "codes": ["102", "103"],
            "boundary": "alternate_order",
            "decided_by": "degree",
            "order": ["102", "103"],
            "draw": None,
        },
        {
            "votes": 20,
            "codes": ["104", "105"],
            "boundary": "alternate_order",
            "decided_by": "lottery",
            "order": ["104", "105"],
            "draw": {"seed": DRAW_SEED, "items": ["104", "105"], "order": ["104", "105"]},
        },
    ]
    return ConstituencyResult.objects.create(
        election=geo.election,
        constituency=constituency,
        session=session,
        counts=base,
        station_counts={},
        standings=standings,
        ties=ties,
        seed=SEED,
        receipts_roots=[],
        tallied_at=timezone.now(),
    )


_NEXT_CODE = [1000000000]


def board_seat(geo: Geography, kind: str, county: Any, people: list[tuple[str, str, str]]) -> Board:
    """``people``: (first name, last name, seat role) seated on the county's ``kind`` board."""
    board, _ = Board.objects.get_or_create(
        election=geo.election, kind=kind, province=geo.province, county=county
    )
    for first, last, role in people:
        _NEXT_CODE[0] += 1
        person = Person.objects.create(
            election=geo.election,
            national_code=str(_NEXT_CODE[0]),
            first_name=first,
            last_name=last,
            name_key=f"{last} {first}",
            gender="male",
        )
        BoardMembership.objects.create(board=board, person=person, role=role)
    return board


EXECUTIVE = [("احمد", "فرماندار", "governor"), ("سارا", "معتمدی", "trustee")]
SUPERVISORY = [("محمود", "ناظری", "chair"), ("نرگس", "بازرس", "member")]


def boards_seated(geo: Geography) -> None:
    for county in (geo.county_a, geo.county_b):
        board_seat(geo, "county_executive", county, EXECUTIVE)
        board_seat(geo, "county_supervisory", county, SUPERVISORY)
