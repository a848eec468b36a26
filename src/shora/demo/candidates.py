"""The demo's candidates: registrations in the 7th round's windows, and their review.

Ahvaz city has 40 candidates, the county's other councils and a few councils of other
counties 3 to 10 each; about a third are women, one in seven a veteran (ایثارگر), their
degrees from a diploma to a doctorate as the council needs. Each is registered through
``candidacy_register`` on a day inside its window (cities 21–27 Dey 1404, villages 24–30
Bahman 1404), by the Ahvaz county user in Ahvaz and by the system elsewhere. The
candidates app reads its one clock (``shora.candidates.schedule.now``); the demo holds it
at each registration's moment for the call, as the app's tests do, and puts it back.

In Ahvaz county the executive board (the ``ahvaz`` user) then decides most of them and the
supervisory board (the ``supervisor`` user) rules on most of those, some rejected with a
reason; the rest wait, so the review queues show something. The election's phase stays.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from shora.accounts.models import User
from shora.candidates import schedule
from shora.candidates.models import Candidacy
from shora.candidates.services import PersonDetails, candidacy_decide, candidacy_register
from shora.demo.khuzestan import SEED
from shora.elections.models import Constituency, Election
from shora.registers.bench.extract import MEN, ROOTS, SUFFIXES, WOMEN, generated_codes
from shora_domain.jalali import TEHRAN, from_jalali

#: Candidates of Ahvaz city; of each other council chosen, between these bounds.
AHVAZ_CITY_CANDIDATES = 40
OTHER_CANDIDATES = (3, 10)
#: The other councils with candidates: Ahvaz county's first ones, and a few others'.
AHVAZ_COUNTY_OTHERS = 4
OTHER_COUNTIES = ("Karun", "Hoveyzeh", "Abadan", "Dezful", "Shushtar")
#: National codes far from the voter register's (which start at the SEED's index).
CODE_SEED = 700_000
#: Registration days (Jalali, year 1404) by kind, and the boards' review days.
REGISTRATION_DAYS = {"city": (10, 21, 7), "village": (11, 24, 7)}
EXECUTIVE_DAY = {"city": (1404, 11, 2), "village": (1404, 12, 5)}
SUPERVISORY_DAY = {"city": (1404, 11, 28), "village": (1404, 12, 20)}

CITY_DEGREES = ("bachelor", "bachelor", "master", "master", "doctorate")
VILLAGE_DEGREES = ("diploma", "diploma", "associate", "bachelor")
VETERANS = ("martyr_family", "disabled_veteran", "freed_prisoner_of_war", "combatant")
EXECUTIVE_REJECTIONS = (
    "گواهی عدم سوءپیشینه با استعلام مرجع قضایی هم‌خوان نیست.",
    "مدرک تحصیلی ارائه‌شده در استعلام از وزارت علوم تأیید نشد.",
)
SUPERVISORY_REJECTIONS = (
    "عدم احراز التزام عملی به قانون اساسی بر پایهٔ گزارش مراجع ذی‌صلاح.",
    "اقامت داوطلب در حوزهٔ انتخابیه در بازدید محلی تأیید نشد.",
)


@dataclass(frozen=True)
class CandidatesDemoSummary:
    registered: int
    decided: int
    ruled: int


def _moment(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime.datetime:
    date = from_jalali(year, month, day)
    return datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=TEHRAN)


@contextmanager
def _clock_at(moment: datetime.datetime) -> Iterator[None]:
    """Hold the candidates app's clock at ``moment`` for the block."""
    held = schedule.now
    schedule.now = lambda: moment
    try:
        yield
    finally:
        schedule.now = held


def _constituencies(election: Election) -> list[tuple[Constituency, int]]:
    """The councils with candidates, and how many each has (see the module notes)."""
    rng = random.Random(SEED * 11 + 1)  # noqa: S311 - made-up demo data, meant to be reproducible
    real = election.constituencies.select_related("district__county").order_by(
        "kind", "-population", "code"
    )  # cities first, the largest first
    chosen: list[tuple[Constituency, int]] = []
    ahvaz = [c for c in real if c.district.county.name_en == "Ahvaz"]
    for index, constituency in enumerate(ahvaz[: AHVAZ_COUNTY_OTHERS + 1]):
        many = AHVAZ_CITY_CANDIDATES if index == 0 else rng.randint(*OTHER_CANDIDATES)
        chosen.append((constituency, many))
    for name in OTHER_COUNTIES:
        county = [c for c in real if c.district.county.name_en == name]
        cities = [c for c in county if c.kind == "city"][:1]
        villages = [c for c in county if c.kind == "village"][:1]
        chosen += [(c, rng.randint(*OTHER_CANDIDATES)) for c in cities + villages]
    return chosen


def _details(
    code: str, kind: str, registered_on: datetime.date, rng: random.Random
) -> PersonDetails:
    woman = rng.random() < 0.33
    veteran = rng.choice(VETERANS) if rng.random() < 0.15 else "none"
    return PersonDetails(
        national_code=code,
        first_name=rng.choice(WOMEN if woman else MEN),
        last_name=rng.choice(ROOTS) + rng.choice(SUFFIXES),
        father_name=rng.choice(MEN),
        gender="female" if woman else "male",
        birth_date=datetime.date(rng.randint(1958, 1996), rng.randint(1, 12), rng.randint(1, 28)),
        degree=rng.choice(CITY_DEGREES if kind == "city" else VILLAGE_DEGREES),
        military_service=rng.choice(("card", "card", "card", "permanent_exemption")),
        clean_record_issued_on=registered_on - datetime.timedelta(days=rng.randint(3, 60)),
        residence_confirmed=True,
        veteran_status=veteran,
    )


def _register_all(
    election: Election, rng: random.Random, ahvaz_user: User | None
) -> list[Candidacy]:
    chosen = _constituencies(election)
    codes = generated_codes(sum(many for _, many in chosen), seed=CODE_SEED)
    registered = []
    for constituency, many in chosen:
        month, first_day, days = REGISTRATION_DAYS[constituency.kind]
        in_ahvaz = constituency.district.county.name_en == "Ahvaz"
        for _ in range(many):
            moment = _moment(1404, month, first_day + rng.randrange(days), rng.randint(8, 15),
                             rng.randrange(60))  # fmt: skip
            details = _details(next(codes), constituency.kind, moment.date(), rng)
            with _clock_at(moment):
                registration = candidacy_register(
                    actor=ahvaz_user if in_ahvaz else None,
                    constituency=constituency,
                    details=details,
                )
            registered.append(registration.candidacy)
    return registered


def demo_candidates_build(election: Election) -> CandidatesDemoSummary:
    """Register and review the demo's candidates of ``election`` (see the module notes)."""
    rng = random.Random(SEED * 11 + 2)  # noqa: S311 - made-up demo data, meant to be reproducible
    ahvaz_user = User.objects.filter(username="ahvaz").first()
    supervisor = User.objects.filter(username="supervisor").first()
    registered = _register_all(election, rng, ahvaz_user)
    decided = ruled = 0
    for candidacy in registered:
        kind = candidacy.constituency.kind
        if candidacy.constituency.district.county.name_en != "Ahvaz" or rng.random() < 0.2:
            continue  # waits for the executive board
        rejected = rng.random() < 0.1
        with _clock_at(_moment(*EXECUTIVE_DAY[kind], rng.randint(9, 14))):
            candidacy = candidacy_decide(
                actor=ahvaz_user,
                candidacy=candidacy,
                action="executive_reject" if rejected else "executive_approve",
                reason=rng.choice(EXECUTIVE_REJECTIONS) if rejected else "",
            )
        decided += 1
        if rejected or rng.random() < 0.25:
            continue  # waits for the supervisory board
        not_qualified = rng.random() < 0.1
        with _clock_at(_moment(*SUPERVISORY_DAY[kind], rng.randint(9, 14))):
            candidacy_decide(
                actor=supervisor,
                candidacy=candidacy,
                action="supervisory_reject" if not_qualified else "supervisory_approve",
                reason=rng.choice(SUPERVISORY_REJECTIONS) if not_qualified else "",
            )
        ruled += 1
    return CandidatesDemoSummary(len(registered), decided, ruled)
