"""``shora demo``: build Khuzestan, its real and drill elections and the demo users.

Everything goes through the project's services with the system as the actor, so the demo
is audited like any other data, all inside one transaction: the demo is built whole or
not at all. Building again changes nothing; ``rebuild`` deletes the demo first.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from shora.accounts.models import User
from shora.accounts.services import user_create
from shora.demo.boards import demo_boards_build
from shora.demo.candidates import demo_candidates_build
from shora.demo.drills import demo_drills_build
from shora.demo.khuzestan import (
    DRILL_COUNTY,
    PROVINCE_CODE,
    PROVINCE_NAME,
    PROVINCE_NAME_EN,
)
from shora.demo.people import (
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    DEMO_USERNAMES,
    DemoPerson,
    demo_accounts_table,
)
from shora.demo.plan import CountyPlan, province_plan
from shora.demo.readiness import demo_readiness_build
from shora.demo.registers import demo_register_build
from shora.demo.training import demo_training_build
from shora.demo.wipe import (
    demo_refuse_beside_other_provinces,
    demo_refuse_unless_alone,
    demo_wipe,
)
from shora.elections.gates import phase_gate_problems
from shora.elections.models import (
    County,
    District,
    Election,
    Phase,
    PollingStation,
    Province,
)
from shora.elections.selectors import unit_totals
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    election_create,
    election_phase_advance,
    province_create,
    station_create,
)

__all__ = ["DEMO_PASSWORD", "DemoSummary", "demo_accounts_table", "demo_build", "demo_summary"]

ELECTION_NAME = "هفتمین دورهٔ انتخابات شوراهای اسلامی شهر و روستا — خوزستان"
DRILL_ELECTION_NAME = "انتخابات آزمایشی (تمرین)"
#: 11 Ordibehesht 1405.
POLLING_DATE = datetime.date(2026, 5, 1)
OPENS_AT = datetime.time(8, 0)
CLOSES_AT = datetime.time(18, 0)


@dataclass(frozen=True)
class DemoSummary:
    """What the demo holds. Constituencies, stations and seats are the real election's."""

    counties: int
    districts: int
    constituencies: int
    cities: int
    villages: int
    stations: int
    users: int
    seats: int
    drill_constituencies: int
    drill_stations: int


class _Report:
    """What the build tells the person running it: nothing at all unless asked."""

    def __init__(self, enabled: bool) -> None:
        self.console = Console(highlight=False) if enabled else None
        self.progress: Progress | None = None
        self.task: Any = None

    def say(self, text: str) -> None:
        if self.console is not None:
            self.console.print(text)

    def start(self, counties: int) -> None:
        if self.console is None:
            return
        self.progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
            console=self.console, transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("Khuzestan", total=counties)

    def county_done(self, plan: CountyPlan) -> None:
        if self.progress is None:
            return
        if plan.districts:
            self.progress.console.print(
                f"  {plan.code} {plan.name_en} ({plan.name}): {len(plan.districts)} districts, "
                f"{len(plan.places)} councils, {len(plan.stations)} stations"
            )
        self.progress.update(self.task, advance=1, description=plan.name_en)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def _real_election(province: Province) -> Election | None:
    return Election.objects.filter(province=province, is_drill=False, name=ELECTION_NAME).first()


def _drill_election(province: Province) -> Election | None:
    return Election.objects.filter(province=province, is_drill=True,
                                   name=DRILL_ELECTION_NAME).first()


def demo_summary(province: Province) -> DemoSummary:
    """The counts of the demo as it stands in the database."""
    real = _real_election(province)
    drill = _drill_election(province)
    totals = unit_totals(real) if real is not None else None
    drill_totals = unit_totals(drill) if drill is not None else None
    return DemoSummary(
        counties=County.objects.filter(province=province).count(),
        districts=District.objects.filter(county__province=province).count(),
        constituencies=totals.constituencies if totals else 0,
        cities=totals.cities if totals else 0,
        villages=totals.villages if totals else 0,
        stations=totals.stations if totals else 0,
        users=User.objects.filter(username__in=DEMO_USERNAMES).count(),
        seats=totals.seats if totals else 0,
        drill_constituencies=drill_totals.constituencies if drill_totals else 0,
        drill_stations=drill_totals.stations if drill_totals else 0,
    )


def _county_councils(
    election: Election, plan: CountyPlan, districts: dict[str, District]
) -> None:
    """The county's constituencies and polling stations in ``election``."""
    constituencies = {}
    for district_plan in plan.districts:
        district = districts[district_plan.code]
        for place in district_plan.places:
            constituencies[place.code] = constituency_create(
                actor=None, election=election, district=district, code=place.code,
                kind=place.kind, name=place.name, name_en=place.name_en,
                population=place.population,
            )
        for station in district_plan.stations:
            station_create(
                actor=None, election=election, district=district, code=station.code,
                name=station.name, address=station.address, connectivity=station.connectivity,
                constituencies=[constituencies[code] for code in station.serves],
            )


def _advance_to_registration(election: Election, report: _Report) -> Election:
    problems = phase_gate_problems(election, Phase.REGISTRATION)
    if problems:
        report.say(f"[yellow]{election.name} stays in setup:[/] "
                   + "; ".join(problem.en for problem in problems[:5]))
        return election
    return election_phase_advance(actor=None, election=election, to_phase=Phase.REGISTRATION)


def _elections(province: Province) -> tuple[Election, Election]:
    common: dict[str, Any] = {
        "actor": None, "province": province, "polling_date": POLLING_DATE,
        "opens_at": OPENS_AT, "closes_at": CLOSES_AT,
    }
    real = election_create(name=ELECTION_NAME, **common)
    drill = election_create(name=DRILL_ELECTION_NAME, is_drill=True, **common)
    return real, drill


def _unit(person: DemoPerson, province: Province, counties: dict[str, County]) -> dict[str, Any]:
    """The unit a demo user is bound to, as ``user_create``'s keyword argument."""
    if person.unit == "province":
        return {"province": province}
    county = counties[person.county]
    if person.unit == "county":
        return {"county": county}
    if person.unit == "district":
        return {"district": District.objects.filter(county=county).order_by("code").first()}
    real = _real_election(province)
    stations = PollingStation.objects.filter(election=real, district__county=county)
    return {"station": stations.order_by("code").first()}


def _people(province: Province, counties: dict[str, County]) -> None:
    for person in DEMO_PEOPLE:
        user_create(
            actor=None, username=person.username, password=DEMO_PASSWORD, role=person.role,
            first_name=person.first_name, last_name=person.last_name,
            holds_key_share=person.holds_key_share, **_unit(person, province, counties),
        )


def _build(plans: tuple[CountyPlan, ...], report: _Report) -> Province:
    province = province_create(actor=None, code=PROVINCE_CODE, name=PROVINCE_NAME,
                               name_en=PROVINCE_NAME_EN)
    real, drill = _elections(province)
    counties: dict[str, County] = {}
    report.start(len(plans))
    try:
        for plan in plans:
            county = county_create(actor=None, province=province, code=plan.code,
                                   name=plan.name, name_en=plan.name_en)
            counties[plan.name_en] = county
            districts = {
                district.code: district_create(actor=None, county=county, code=district.code,
                                               name=district.name, name_en=district.name_en)
                for district in plan.districts
            }
            _county_councils(real, plan, districts)
            if plan.name_en == DRILL_COUNTY:
                _county_councils(drill, plan, districts)
            report.county_done(plan)
    finally:
        report.stop()
    _advance_to_registration(real, report)
    _advance_to_registration(drill, report)
    _people(province, counties)
    demo_readiness_build(real)
    real.refresh_from_db()
    if real.phase == Phase.REGISTRATION:  # the registers fill in registration
        demo_register_build(real)
        demo_candidates_build(real)
        demo_boards_build(real)
        demo_training_build(real)
    demo_drills_build(real, drill)
    return province


def demo_build(
    *, small: bool = False, progress: bool = False, rebuild: bool = False
) -> DemoSummary:
    """Build the demo province, or return what is there if it is already built.

    ``small`` builds all 30 counties but gives only three of them (Ahvaz, Karun, Hoveyzeh)
    districts, councils and about 40 stations; ``rebuild`` deletes the demo first, and
    refuses (DomainError) when the database holds anything else.
    """
    report = _Report(progress)
    started = time.perf_counter()
    with transaction.atomic():
        province = Province.objects.filter(code=PROVINCE_CODE).first()
        if province is not None and not rebuild:
            report.say(f"The demo province {PROVINCE_NAME_EN} ({PROVINCE_NAME}) is already "
                       "built; nothing changed (use --rebuild to build it anew).")
            summary = demo_summary(province)
            report.say(_summary_text(summary))
            return summary
        if province is not None:
            demo_refuse_unless_alone(province)
            demo_wipe()
            report.say("Deleted the previous demo.")
        demo_refuse_beside_other_provinces(PROVINCE_CODE)
        size = "small" if small else "full"
        report.say(f"Building the {size} demo of {PROVINCE_NAME_EN} ({PROVINCE_NAME}) …")
        province = _build(province_plan(small=small), report)
        summary = demo_summary(province)
    report.say(_summary_text(summary) + f" — built in {time.perf_counter() - started:.1f} s")
    return summary


def _summary_text(summary: DemoSummary) -> str:
    return (
        f"{summary.counties} counties, {summary.districts} districts, "
        f"{summary.constituencies} councils ({summary.cities} cities, {summary.villages} "
        f"villages, {summary.seats} seats), {summary.stations} polling stations, "
        f"{summary.users} demo users; drill: {summary.drill_constituencies} councils, "
        f"{summary.drill_stations} stations"
    )
