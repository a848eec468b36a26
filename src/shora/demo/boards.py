"""The demo's boards in Ahvaz county: the people who serve, the county's executive and
supervisory boards part composed, and the rosters of a few of its polling stations.

All of it is done by the Ahvaz county user (``ahvaz``) through the boards' services, the
supervisory board's rulings on trustee nominees by the ``supervisor`` user. Gaps are left
on purpose, so the "ready" gate has something to say: the executive board has its governor
and judiciary representative but no head of civil registration, fewer trustees and
alternates than it needs and nominees still awaiting a ruling; the supervisory board lacks
a member; the last station of the roster has a chair but no secretary. About two in five
of the people are women, so the women's presence page has figures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from shora.accounts.models import User
from shora.boards.models import Person
from shora.boards.places import BoardPlace
from shora.boards.services import (
    board_member_appoint,
    nomination_rule,
    person_register,
    staff_post_appoint,
    trustee_choose,
    trustee_nominate,
)
from shora.demo.khuzestan import SEED
from shora.elections.models import County, Election, PollingStation
from shora.registers.bench.extract import MEN, ROOTS, SUFFIXES, WOMEN, generated_codes
from shora_domain.staff_roles import BoardKind

#: National codes apart from the voters' and the candidates'.
CODE_SEED = 800_000
WOMEN_SHARE = 0.4
NOMINEES = 14
NOT_CLEARED = 1
AWAITING_RULING = 2
TRUSTEES_CHOSEN = 6
ALTERNATES_CHOSEN = 2
SUPERVISORY_MEMBERS = 3
ROSTER_STATIONS = 6
NOT_CLEARED_REASON = "سابقهٔ عضویت در ستاد تبلیغاتی یکی از داوطلبان این دوره گزارش شده است."


@dataclass(frozen=True)
class BoardsDemoSummary:
    people: int
    seats: int
    nominations: int
    posts: int


class _People:
    """Registers made-up people for the county, one national code each."""

    def __init__(self, election: Election, actor: User | None, county: County) -> None:
        self.election = election
        self.actor = actor
        self.county = county
        self.rng = random.Random(SEED * 13 + 3)  # noqa: S311 - made-up, meant to be reproducible
        self.codes: Iterator[str] = generated_codes(10_000, seed=CODE_SEED)
        self.count = 0

    def next(self, *, woman: bool | None = None) -> Person:
        if woman is None:
            woman = self.rng.random() < WOMEN_SHARE
        self.count += 1
        return person_register(
            actor=self.actor,
            election=self.election,
            national_code=next(self.codes),
            first_name=self.rng.choice(WOMEN if woman else MEN),
            last_name=self.rng.choice(ROOTS) + self.rng.choice(SUFFIXES),
            gender="female" if woman else "male",
            phone=f"0916{self.rng.randrange(10**7):07d}",
            county=self.county,
        )


def _executive(place: BoardPlace, people: _People, supervisor: User | None) -> tuple[int, int]:
    actor = people.actor
    board_member_appoint(actor=actor, place=place, person=people.next(woman=False), role="governor")
    board_member_appoint(
        actor=actor, place=place, person=people.next(woman=True), role="judiciary_representative"
    )
    nominations = [
        trustee_nominate(actor=actor, place=place, person=people.next()) for _ in range(NOMINEES)
    ]
    ruled = nominations[: NOMINEES - AWAITING_RULING]
    for index, nomination in enumerate(ruled):
        cleared = index >= NOT_CLEARED
        nomination_rule(
            actor=supervisor,
            nomination=nomination,
            cleared=cleared,
            reason="" if cleared else NOT_CLEARED_REASON,
        )
    cleared_ones = ruled[NOT_CLEARED:]
    roles = ["trustee"] * TRUSTEES_CHOSEN + ["alternate"] * ALTERNATES_CHOSEN
    for nomination, role in zip(cleared_ones, roles, strict=False):
        trustee_choose(actor=actor, nomination=nomination, role=role)
    return 2 + min(len(cleared_ones), len(roles)), len(nominations)


def _supervisory(place: BoardPlace, people: _People) -> int:
    board_member_appoint(actor=people.actor, place=place, person=people.next(), role="chair")
    for _ in range(SUPERVISORY_MEMBERS):
        board_member_appoint(actor=people.actor, place=place, person=people.next(), role="member")
    return 1 + SUPERVISORY_MEMBERS


def _rosters(election: Election, county: County, people: _People) -> int:
    stations = PollingStation.objects.filter(election=election, district__county=county)
    posts = 0
    chosen = list(
        stations.select_related("district", "election").order_by("code")[:ROSTER_STATIONS]
    )
    for index, station in enumerate(chosen):
        roles = ["station_chair"]
        if index < len(chosen) - 1:
            roles.append("secretary")
        if index % 2 == 0:
            roles.append("station_member")
        for role in roles:
            staff_post_appoint(actor=people.actor, station=station, person=people.next(), role=role)
            posts += 1
    return posts


def demo_boards_build(election: Election) -> BoardsDemoSummary:
    """Build Ahvaz county's boards and rosters in ``election`` (see the module notes)."""
    county = County.objects.filter(province=election.province, name_en="Ahvaz").first()
    if county is None:
        return BoardsDemoSummary(0, 0, 0, 0)
    actor = User.objects.filter(username="ahvaz").first()
    supervisor = User.objects.filter(username="supervisor").first()
    people = _People(election, actor, county)
    executive = BoardPlace(election, BoardKind.COUNTY_EXECUTIVE, election.province, county)
    supervisory = BoardPlace(election, BoardKind.COUNTY_SUPERVISORY, election.province, county)
    seats, nominations = _executive(executive, people, supervisor)
    seats += _supervisory(supervisory, people)
    posts = _rosters(election, county, people)
    return BoardsDemoSummary(people.count, seats, nominations, posts)
