"""Fixtures of the candidates tests: a movable clock, an election in registration, people.

The shared ``geo`` election polls on 11 Ordibehesht 1405 (1 May 2026), so its default
calendar is the 7th round's: cities register 21–27 Dey 1404 (11–17 January 2026),
villages 24–30 Bahman 1404 (13–19 February 2026), 08:00–16:00 Tehran time.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from shora.accounts.models import User
from shora.candidates import schedule
from shora.candidates.models import Ballot, Candidacy
from shora.candidates.services import (
    PersonDetails,
    ballot_freeze,
    candidacy_decide,
    candidacy_register,
)
from shora.elections.gates import PHASE_CHECKS
from shora.elections.models import Constituency, Phase
from shora.elections.services import election_phase_advance
from shora_domain.jalali import TEHRAN, from_jalali
from shora_domain.national_code import national_code_check_digit
from shora_domain.persian_text import search_key
from tests.conftest import Geography


def tehran(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment on Tehran's wall clock, from a Jalali date."""
    date = from_jalali(year, month, day)
    return datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=TEHRAN)


class Clock:
    """The candidates app's clock, held still by the test and moved by it."""

    def __init__(self) -> None:
        self.moment = tehran(1404, 10, 22)  # in the cities' registration window

    def set(self, moment: datetime.datetime) -> None:
        self.moment = moment

    def jalali(self, year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> None:
        self.moment = tehran(year, month, day, hour, minute)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    held = Clock()
    monkeypatch.setattr(schedule, "now", lambda: held.moment)
    return held


def national_code(serial: int) -> str:
    """A valid national code made from ``serial`` (its first nine digits)."""
    first = f"{serial:09d}"
    return first + str(national_code_check_digit(first))


_serials = itertools.count(100_000_001)


def person(**changes: Any) -> PersonDetails:
    """A man of 44 with a bachelor's degree, a service card and a fresh clean record."""
    base = PersonDetails(
        national_code=national_code(next(_serials)),
        first_name="علی",
        last_name="رضایی",
        father_name="حسن",
        gender="male",
        birth_date=datetime.date(1981, 3, 21),
        degree="bachelor",
        military_service="card",
        clean_record_issued_on=datetime.date(2026, 1, 1),
        residence_confirmed=True,
    )
    return dataclasses.replace(base, **changes)


@pytest.fixture
def only_our_ready_gate(monkeypatch: pytest.MonkeyPatch) -> None:
    """The "ready" gate with the elections' and the candidates' checks only: other parts of
    the election (boards, say) add their own, which these tests do not set up."""
    ours = ("shora.elections.gates", "shora.candidates.gates")
    checks = [check for check in PHASE_CHECKS[Phase.READY] if check.__module__ in ours]
    monkeypatch.setitem(PHASE_CHECKS, Phase.READY, checks)


@pytest.fixture
def registering(geo: Geography, clock: Clock) -> Geography:
    """The shared geography with its election in the registration phase."""
    election_phase_advance(actor=None, election=geo.election, to_phase=Phase.REGISTRATION)
    geo.election.refresh_from_db()
    return geo


@pytest.fixture
def county_user(make_user: Callable[..., User]) -> User:
    return make_user("county")


@pytest.fixture
def supervisor(make_user: Callable[..., User]) -> User:
    return make_user("supervisor")


@pytest.fixture
def high_board(make_user: Callable[..., User], geo: Geography) -> User:
    return make_user("supervisor", username="high-board", province=geo.province)


@pytest.fixture
def client_of() -> Callable[[User], Client]:
    """A test client signed in as ``user`` (not for roles that need two-factor)."""

    def signed_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in


Register = Callable[..., Candidacy]


@pytest.fixture
def register(registering: Geography, county_user: User) -> Register:
    """Register a person (``person(**changes)``) in a constituency (Ahvaz by default)."""

    def make(constituency: Constituency | None = None, **changes: Any) -> Candidacy:
        return candidacy_register(
            actor=county_user,
            constituency=constituency or registering.city_a,
            details=person(**changes),
        ).candidacy

    return make


def approve(candidacy: Candidacy, county_user: User, supervisor: User) -> Candidacy:
    """Through both boards, in the cities' review window."""
    candidacy_decide(actor=county_user, candidacy=candidacy, action="executive_approve")
    return candidacy_decide(actor=supervisor, candidacy=candidacy, action="supervisory_approve")


FIRST_NAMES = [
    "علی", "محمد", "حسین", "رضا", "مهدی", "زهرا", "فاطمه", "مریم", "سارا", "نرگس",
    "احمد", "حمید", "سعید", "مجید", "پرویز", "ژاله", "شیرین", "لیلا", "کاوه", "گلاره",
    "یوسف", "یاسمن", "بهرام", "چنگیز", "ثریا", "طاهره", "عباس", "غلامرضا", "فرهاد", "هادی",
]  # fmt: skip
LAST_NAMES = [
    "احمدی", "حسین‌زاده", "نیک‌پی", "رضایی", "کاظمی", "موسوی", "هاشمی", "جعفری", "کریمی",
    "رحیمی", "صادقی", "قاسمی", "علی‌محمدی", "پاکزاد", "چمران", "ژیان", "گودرزی", "یزدانی",
    "آذری", "بهرامی", "ثابتی", "طاهری", "ظریف", "عسکری", "فروتن",
]  # fmt: skip


@pytest.fixture
def big_ballot(geo) -> Ballot:
    """750 qualified candidates in Ahvaz (as seeded data), frozen by the real service."""
    moment = datetime.datetime(2026, 1, 12, 7, tzinfo=datetime.UTC)
    people = itertools.product(LAST_NAMES, FIRST_NAMES)
    Candidacy.objects.bulk_create(
        Candidacy(
            election=geo.election,
            constituency=geo.city_a,
            national_code=national_code(200_000_000 + index),
            first_name=first,
            last_name=last,
            father_name="حسن",
            name_key=search_key(f"{first} {last}"),
            gender="female" if index % 2 else "male",
            birth_date=datetime.date(1980, 1, 1),
            degree="bachelor",
            veteran_status="none",
            military_service="card",
            clean_record_issued_on=datetime.date(2026, 1, 1),
            residence_confirmed=True,
            status="approved",
            status_changed_at=moment,
            registered_at=moment,
        )
        for index, (last, first) in enumerate(people)
    )
    return ballot_freeze(actor=None, constituency=geo.city_a)
