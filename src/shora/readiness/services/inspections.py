"""Inspections of polling stations: one result per item of the version used, and what the
results mean for the station's deficiencies.

For every item an inspection fails, the station's unresolved deficiency of that check is
found again (noted in its history; a "fixed" one is reopened), or a new one is opened and
assigned to the responsible organisation registered for the station's county (else the
province's), its contact person and a proposed due date. For every item it passes, a
deficiency marked fixed is verified, unless the inspector is the one who marked it fixed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import PollingStation
from shora.readiness import clock
from shora.readiness.access import can_inspect_station, require
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import (
    Deficiency,
    DeficiencyEvent,
    DeficiencyStatus,
    Inspection,
    InspectionResult,
    Organisation,
    Photo,
    TemplateVersion,
)
from shora.readiness.services.answers import (
    ItemAnswer,
    answer_result,
    finding_of,
    published_items,
    refuse_unknown_and_missing,
)
from shora.readiness.services.common import (
    clean_text,
    moment,
    person_key,
    person_name,
    refuse_if_history,
    station_unit,
)
from shora_domain.readiness_deadlines import proposed_due_date, refuse_after_polling_day
from shora_domain.readiness_scoring import Severity

__all__ = ["InspectionOutcome", "ItemAnswer", "inspection_record"]

Action = DeficiencyEvent.Action


@dataclass
class InspectionOutcome:
    inspection: Inspection
    opened: list[Deficiency] = field(default_factory=list)
    reopened: list[Deficiency] = field(default_factory=list)
    verified: list[Deficiency] = field(default_factory=list)
    still_failing: list[Deficiency] = field(default_factory=list)


def _responsible(station: PollingStation, kinds: set[str]) -> dict[str, Organisation]:
    """For each kind, the county's organisation of that kind, else the province's."""
    county = station.district.county
    chosen: dict[str, Organisation] = {}
    organisations = list(
        Organisation.objects.filter(province_id=county.province_id, kind__in=kinds)
        .filter(Q(county_id=county.pk) | Q(county__isnull=True))
        .order_by("name_key")
    )
    for organisation in organisations:
        if organisation.county_id == county.pk:
            chosen.setdefault(organisation.kind, organisation)
    for organisation in organisations:
        if organisation.county_id is None:
            chosen.setdefault(organisation.kind, organisation)
    return chosen


def _event(
    deficiency: Deficiency,
    action: str,
    *,
    at: datetime.datetime,
    actor: Any,
    name: str,
    from_status: str,
    note: str = "",
    inspection: Inspection | None = None,
    photo: Photo | None = None,
) -> DeficiencyEvent:
    return DeficiencyEvent(
        deficiency=deficiency,
        at=at,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=name,
        from_status=from_status,
        to_status=deficiency.status,
        note=note[:500],
        inspection=inspection,
        photo=photo,
    )


def _resolve_unresolved(
    outcome: InspectionOutcome,
    results: list[InspectionResult],
    existing: dict[str, Deficiency],
    *,
    actor: Any,
    inspector_key: str,
    name: str,
    at: datetime.datetime,
) -> list[DeficiencyEvent]:
    """What each result means for the station's unresolved deficiencies (not the new ones)."""
    events = []
    inspection = outcome.inspection
    for result in results:
        deficiency = existing.get(result.item.code)
        if deficiency is None:
            continue
        before = deficiency.status
        common = {
            "at": at,
            "actor": actor,
            "name": name,
            "from_status": before,
            "inspection": inspection,
            "photo": result.photo,
        }
        if not result.passed and before == DeficiencyStatus.FIXED:
            deficiency.status, deficiency.fixed_by, deficiency.fixed_by_name = (
                DeficiencyStatus.OPEN,
                None,
                "",
            )
            outcome.reopened.append(deficiency)
            events.append(_event(deficiency, Action.REOPENED, note=finding_of(result), **common))
        elif not result.passed:
            outcome.still_failing.append(deficiency)
            events.append(
                _event(deficiency, Action.STILL_FAILING, note=finding_of(result), **common)
            )
        elif (
            before == DeficiencyStatus.FIXED
            and person_key(deficiency.fixed_by, deficiency.fixed_by_name) != inspector_key
        ):
            deficiency.status = DeficiencyStatus.VERIFIED
            deficiency.verified_at, deficiency.verified_by_name = at, name
            outcome.verified.append(deficiency)
            events.append(_event(deficiency, Action.VERIFIED, **common))
        else:
            events.append(_event(deficiency, Action.PASSED_UNVERIFIED, **common))
            continue
        deficiency.changed_at = at
        deficiency.save(
            update_fields=[
                "status",
                "fixed_by",
                "fixed_by_name",
                "verified_at",
                "verified_by_name",
                "changed_at",
            ]
        )
    return events


def _open_new(
    outcome: InspectionOutcome,
    results: list[InspectionResult],
    existing: dict[str, Deficiency],
    station: PollingStation,
    *,
    actor: Any,
    name: str,
    at: datetime.datetime,
) -> list[DeficiencyEvent]:
    failing = [r for r in results if not r.passed and r.item.code not in existing]
    if not failing:
        return []
    inspection = outcome.inspection
    responsible = _responsible(station, {r.item.responsible_kind for r in failing})
    new = []
    for result in failing:
        item = result.item
        organisation = responsible.get(item.responsible_kind)
        new.append(
            Deficiency(
                election=station.election,
                station=station,
                item=item,
                item_code=item.code,
                severity=item.severity,
                found_by=inspection,
                finding=finding_of(result),
                organisation=organisation,
                responsible_person=organisation.contact_person if organisation else "",
                due_on=proposed_due_date(
                    Severity(item.severity),
                    found_on=inspection.inspected_on,
                    polling_date=station.election.polling_date,
                ),
                status=DeficiencyStatus.OPEN,
                opened_at=at,
                changed_at=at,
            )
        )
    Deficiency.objects.bulk_create(new)
    outcome.opened.extend(new)
    return [
        _event(
            deficiency,
            Action.OPENED,
            at=at,
            actor=actor,
            name=name,
            from_status="",
            note=deficiency.finding,
            inspection=inspection,
            photo=result.photo,
        )
        for deficiency, result in zip(new, failing, strict=True)
    ]


@transaction.atomic
def inspection_record(
    *,
    actor: Any,
    station: PollingStation,
    version: TemplateVersion,
    answers: Sequence[ItemAnswer],
    inspected_on: datetime.date | None = None,
    inspector_name: str = "",
    note: str = "",
    at: datetime.datetime | None = None,
) -> InspectionOutcome:
    """Record an inspection of ``station`` against ``version`` (published; an older one is
    accepted, so an inspection begun before a new version keeps its version), answering
    every item of it and nothing else."""
    at = moment(at)
    require(actor is None or can_inspect_station(actor, station))
    # one inspection of a station at a time: each sees what the one before it opened
    PollingStation.objects.select_for_update().filter(pk=station.pk).values_list("pk").get()
    election = station.election
    refuse_if_history(election, at)
    day = inspected_on or clock.local_date(at)
    if day > clock.local_date(at):
        raise refuse(
            ReadinessRefusal.IN_THE_FUTURE,
            fa="تاریخ بازرسی نمی‌تواند پس از امروز باشد.",
            en="The inspection's date cannot be after today.",
        )
    refuse_after_polling_day(day, election.polling_date)
    items = {item.pk: item for item in published_items(version, station)}
    refuse_unknown_and_missing(answers, items, version)
    name = clean_text(inspector_name)[:150] or (person_name(actor) if actor else "")
    if not name:
        raise refuse(
            ReadinessRefusal.NAME_REQUIRED,
            fa="نام بازرس لازم است.",
            en="The inspector's name is needed.",
        )
    results = [answer_result(answer, items[answer.item_id], actor) for answer in answers]
    results.sort(key=lambda result: result.item.position)
    failed = sum(not result.passed for result in results)
    inspection = Inspection.objects.create(
        election=election,
        station=station,
        version=version,
        inspected_on=day,
        inspector_name=name,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        recorded_at=at,
        note=clean_text(note),
        passed=len(results) - failed,
        failed=failed,
    )
    for result in results:
        result.inspection = inspection
    InspectionResult.objects.bulk_create(results)
    existing = {
        deficiency.item_code: deficiency
        for deficiency in Deficiency.objects.select_for_update()
        .filter(station=station)
        .exclude(status=DeficiencyStatus.VERIFIED)
    }
    outcome = InspectionOutcome(inspection)
    inspector_key = person_key(actor if getattr(actor, "pk", None) else None, name)
    events = _resolve_unresolved(
        outcome, results, existing, actor=actor, inspector_key=inspector_key, name=name, at=at
    )
    events += _open_new(outcome, results, existing, station, actor=actor, name=name, at=at)
    DeficiencyEvent.objects.bulk_create(events)
    audit_record(
        actor=actor,
        event_type=AuditEventType.INSPECTION_RECORDED,
        target=inspection,
        unit=station_unit(station),
        new={
            "station": station.code,
            "version": version.number,
            "inspected_on": day.isoformat(),
            "inspector": name,
            "passed": inspection.passed,
            "failed": failed,
            "opened": [d.pk for d in outcome.opened],
            "reopened": [d.pk for d in outcome.reopened],
            "verified": [d.pk for d in outcome.verified],
        },
    )
    return outcome
