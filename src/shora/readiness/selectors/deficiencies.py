"""Deficiencies as people read them: lists with their due standing, who owes what."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet

from shora.elections.models import County, District, Election, PollingStation
from shora.readiness.models import Deficiency, DeficiencyStatus, Organisation
from shora_domain.readiness_deadlines import DueStanding, days_overdue, due_standing


@dataclass(frozen=True)
class DeficiencyRow:
    deficiency: Deficiency
    standing: DueStanding
    days_overdue: int

    @property
    def is_overdue(self) -> bool:
        return self.standing is DueStanding.OVERDUE

    @property
    def is_due_soon(self) -> bool:
        return self.standing is DueStanding.DUE_SOON


def deficiencies_of(
    election: Election,
    *,
    county: County | None = None,
    district: District | None = None,
    station: PollingStation | None = None,
    unresolved_only: bool = True,
) -> QuerySet[Deficiency]:
    deficiencies = Deficiency.objects.filter(election=election).select_related(
        "station__district__county", "item", "organisation"
    )
    if unresolved_only:
        deficiencies = deficiencies.exclude(status=DeficiencyStatus.VERIFIED)
    if county is not None:
        deficiencies = deficiencies.filter(station__district__county=county)
    if district is not None:
        deficiencies = deficiencies.filter(station__district=district)
    if station is not None:
        deficiencies = deficiencies.filter(station=station)
    return deficiencies


_SEVERITY_ORDER = {"blocking": 0, "major": 1, "minor": 2}


def deficiency_rows(
    deficiencies: QuerySet[Deficiency], *, on: datetime.date, soon_days: int
) -> list[DeficiencyRow]:
    """Overdue first (longest overdue first), then by severity and due date."""
    rows = []
    for deficiency in deficiencies:
        standing = (
            DueStanding.LATER
            if deficiency.status == DeficiencyStatus.VERIFIED
            else due_standing(deficiency.due_on, on=on, soon_days=soon_days)
        )
        overdue = days_overdue(deficiency.due_on, on=on) if standing is DueStanding.OVERDUE else 0
        rows.append(DeficiencyRow(deficiency, standing, overdue))
    rows.sort(
        key=lambda row: (
            -row.days_overdue,
            _SEVERITY_ORDER[row.deficiency.severity],
            row.deficiency.due_on or datetime.date.max,
            row.deficiency.pk,
        )
    )
    return rows


@dataclass
class OwedRow:
    """What one organisation (None: nobody yet) owes: its unresolved items."""

    organisation: Organisation | None
    open_items: int = 0
    blocking: int = 0
    overdue: int = 0
    due_soon: int = 0
    days_overdue_total: int = 0
    days_overdue_most: int = 0
    counties: set[str] = field(default_factory=set)
    rows: list[DeficiencyRow] = field(default_factory=list)


def owed_by_organisation(rows: list[DeficiencyRow]) -> list[OwedRow]:
    """Unresolved deficiencies grouped by the organisation that owes them: most overdue first."""
    owed: dict[int | None, OwedRow] = {}
    for row in rows:
        deficiency = row.deficiency
        if deficiency.status == DeficiencyStatus.VERIFIED:
            continue
        key = deficiency.organisation_id
        entry = owed.setdefault(key, OwedRow(deficiency.organisation))
        entry.open_items += 1
        entry.blocking += deficiency.severity == "blocking"
        entry.overdue += row.is_overdue
        entry.due_soon += row.is_due_soon
        entry.days_overdue_total += row.days_overdue
        entry.days_overdue_most = max(entry.days_overdue_most, row.days_overdue)
        entry.counties.add(deficiency.station.district.county.name)
        entry.rows.append(row)
    return sorted(
        owed.values(),
        key=lambda entry: (
            -entry.overdue,
            -entry.days_overdue_total,
            -entry.open_items,
            entry.organisation.name_key if entry.organisation else "",
        ),
    )


@dataclass
class CountyOwedRow:
    county: County
    open_items: int = 0
    blocking: int = 0
    overdue: int = 0
    due_soon: int = 0


def owed_by_county(rows: list[DeficiencyRow]) -> list[CountyOwedRow]:
    counties: dict[int, CountyOwedRow] = {}
    for row in rows:
        county = row.deficiency.station.district.county
        entry = counties.setdefault(county.pk, CountyOwedRow(county))
        entry.open_items += 1
        entry.blocking += row.deficiency.severity == "blocking"
        entry.overdue += row.is_overdue
        entry.due_soon += row.is_due_soon
    return sorted(counties.values(), key=lambda e: (-e.overdue, -e.open_items, e.county.name_key))
