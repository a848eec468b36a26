"""The demo's drills: seven weeks of drill results on the drill election, so the drill
pages and training's charts tell a story.

* The drill election holds Karun (copied by build.py) and, copied here through the
  elections' services, the first dozen stations of Ahvaz (where the demo's trainer works)
  and of Hoveyzeh, with the councils they serve: three counties to compare.
* Each drill station's roster is the real station's of the same code (the staff who will
  serve there practise on its copy: the same national codes, as training's evaluation
  reads them), else a chair and a secretary of the drill's own synthetic people.
* One drill per station per week, in the weeks of training's sessions (from Saturday 23
  Esfand 1404), alternately run by a trainer and simulated. Ahvaz's teams get much faster
  and make fewer mistakes week by week, Karun's somewhat, Hoveyzeh's not at all.

The runs are inserted with their measures (scored by the pure package), not run through
the whole flow: that takes seconds per station, and is what ``shora simulate`` is for.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from shora.boards.models import Person, StaffPost
from shora.boards.services import person_register, staff_post_appoint
from shora.demo.khuzestan import SEED
from shora.drills.models import DrillKind, DrillRun
from shora.drills.preparation import drill_rosters_fill, drill_stations
from shora.elections.models import Constituency, County, Election, PollingStation
from shora.elections.services import constituency_create, station_create
from shora_domain.drill_scoring import DrillMeasures, drill_score

FIRST_WEEK = datetime.date(2026, 3, 14)  # a Saturday, 23 Esfand 1404, as training's demo
WEEKS = 7
COPIED_COUNTIES = ("Ahvaz", "Hoveyzeh")
COPIED_STATIONS = 12
#: How far each county's team improves over the weeks: Ahvaz much, Karun some, Hoveyzeh not
#: (training's demo tells the same of their sessions and tests).
IMPROVEMENT = {"Ahvaz": 1.0, "Karun": 0.6, "Hoveyzeh": 0.0}


def _copy_county(real: Election, drill: Election, county: County) -> None:
    """The county's first stations of the real election and the councils they serve, made
    in the drill's (a dozen stations are enough to drill on, in the full demo too)."""
    if PollingStation.objects.filter(election=drill, district__county=county).exists():
        return
    originals = list(
        PollingStation.objects.filter(election=real, district__county=county)
        .prefetch_related("constituencies")
        .order_by("code")[:COPIED_STATIONS]
    )
    copies: dict[int, Constituency] = {}
    for real_station in originals:
        for original in real_station.constituencies.all():
            if original.pk in copies:
                continue
            copies[original.pk] = constituency_create(
                actor=None,
                election=drill,
                district=original.district,
                code=original.code,
                kind=original.kind,
                name=original.name,
                name_en=original.name_en,
                population=original.population,
            )
        station_create(
            actor=None,
            election=drill,
            district=real_station.district,
            code=real_station.code,
            name=real_station.name,
            address=real_station.address,
            connectivity=real_station.connectivity,
            constituencies=[copies[c.pk] for c in real_station.constituencies.all()],
        )


def _real_rosters(real: Election, drill: Election, stations: list[PollingStation]) -> None:
    """The real station's staff of the same code on the drill station's roster."""
    for station in stations:
        if StaffPost.objects.filter(station=station, ended_at__isnull=True).exists():
            continue
        posts = StaffPost.objects.filter(
            election=real, station__code=station.code, ended_at__isnull=True
        ).select_related("person")
        for post in posts.order_by("pk"):
            person = Person.objects.filter(
                election=drill, national_code=post.person.national_code
            ).first() or person_register(
                actor=None,
                election=drill,
                national_code=post.person.national_code,
                first_name=post.person.first_name,
                last_name=post.person.last_name,
                gender=post.person.gender,
            )
            staff_post_appoint(actor=None, station=station, person=person, role=post.role)


def _measures(improvement: float, progress: float, draw: random.Random) -> DrillMeasures:
    def noisy(value: float) -> float:
        return round(value * draw.uniform(0.85, 1.15), 1)

    gained = improvement * progress
    return DrillMeasures(
        seconds_to_open=noisy(1300 - 800 * gained),
        seconds_per_voter=noisy(150 - 90 * gained),
        seconds_to_close=noisy(1800 - 1100 * gained),
        errors=max(0, round(4 * (1 - gained)) + draw.choice((-1, 0, 0, 1))),
    )


def _runs(drill: Election, county: County, draw: random.Random) -> None:
    stations = drill_stations(drill, county)
    people = {
        station.pk: list(
            StaffPost.objects.filter(station=station, ended_at__isnull=True).values_list(
                "person_id", flat=True
            )
        )
        for station in stations
    }
    made: list[tuple[DrillRun, list[int]]] = []
    for week in range(WEEKS):
        progress = week / (WEEKS - 1)
        for number, station in enumerate(stations):
            day = FIRST_WEEK + datetime.timedelta(weeks=week, days=draw.randint(2, 4))
            started = timezone.make_aware(
                datetime.datetime.combine(
                    day, datetime.time(draw.randint(9, 15), draw.randint(0, 59))
                )
            )
            measures = _measures(IMPROVEMENT.get(county.name_en, 0.0), progress, draw)
            scored = drill_score(measures)
            voters = draw.randint(12, 25)
            length = (measures.seconds_to_open or 0) + (measures.seconds_per_voter or 0) * voters
            run = DrillRun(
                election=drill,
                station=station,
                county=county,
                kind=DrillKind.TRAINER if number % 2 else DrillKind.SIMULATED,
                started_at=started,
                finished_at=started
                + datetime.timedelta(seconds=length + (measures.seconds_to_close or 0)),
                voters=voters,
                seconds_to_open=measures.seconds_to_open,
                seconds_per_voter=measures.seconds_per_voter,
                seconds_to_close=measures.seconds_to_close,
                errors=measures.errors,
                error_kinds={"ticket_voided": measures.errors} if measures.errors else {},
                measures={"source": "demo"},
                score=scored.score,
                passed=scored.passed,
            )
            made.append((run, people[station.pk]))
    DrillRun.objects.bulk_create([run for run, _ in made])
    through = DrillRun.participants.through
    through.objects.bulk_create(
        through(drillrun_id=run.pk, person_id=person) for run, persons in made for person in persons
    )


def demo_drills_build(real: Election, drill: Election) -> None:
    """Seven weeks of drills in Ahvaz, Karun and Hoveyzeh on the drill election."""
    draw = random.Random(f"{SEED}:drills")  # noqa: S311 - demo data, not a secret
    for copied in County.objects.filter(province=real.province, name_en__in=COPIED_COUNTIES):
        _copy_county(real, drill, copied)
    counties = list(
        County.objects.filter(districts__stations__election=drill).distinct().order_by("code")
    )
    for county in counties:
        stations = drill_stations(drill, county)
        _real_rosters(real, drill, stations)
        drill_rosters_fill(drill, stations)
        _runs(drill, county, draw)
