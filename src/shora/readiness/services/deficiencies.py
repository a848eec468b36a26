"""A deficiency's steps after an inspection opened it: assigned, started, fixed, verified.

Each step is its own service, checks the acting user's unit and the workflow (pure:
``shora_domain.deficiency_workflow``), writes a history row and an audit event. Verifying
is a re-inspection of the one item by someone other than the person who marked it fixed;
if the re-inspection fails, the deficiency is open again.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import IO, Any

from django.db import transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.readiness import clock
from shora.readiness.access import can_manage_deficiency, require
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import (
    Deficiency,
    DeficiencyEvent,
    DeficiencyStatus,
    Organisation,
    Photo,
)
from shora.readiness.services.common import (
    clean_text,
    moment,
    person_key,
    person_name,
    refuse_if_history,
    station_unit,
)
from shora.readiness.services.photos import photo_store
from shora_domain.deficiency_workflow import (
    DeficiencyAction,
    next_status,
    refuse_self_verification,
)
from shora_domain.readiness_checks import (
    CheckKind,
    Comparison,
    MeasuredCheck,
    parse_measured_value,
    result_passes,
)
from shora_domain.readiness_deadlines import refuse_bad_due_date
from shora_domain.readiness_scoring import DeficiencyStatus as Status

Action = DeficiencyEvent.Action


#: The fields a step may change; the rest of a deficiency stays as the inspection made it.
_STEP_FIELDS = (
    "status",
    "organisation",
    "responsible_person",
    "due_on",
    "fixed_by",
    "fixed_by_name",
    "verified_at",
    "verified_by_name",
    "changed_at",
)


def _locked(deficiency: Deficiency, actor: Any, at: datetime.datetime) -> Deficiency:
    """The deficiency with its row locked and its workflow fields read afresh (the station,
    item and election it came with are kept: they never change)."""
    columns = [
        field.attname for field in Deficiency._meta.concrete_fields if field.name in _STEP_FIELDS
    ]
    current = Deficiency.objects.select_for_update().filter(pk=deficiency.pk).values(*columns)
    for column, value in current.get().items():
        setattr(deficiency, column, value)
    require(actor is None or can_manage_deficiency(actor, deficiency))
    refuse_if_history(deficiency.election, at)
    return deficiency


def _step(
    deficiency: Deficiency,
    *,
    action: str,
    event_type: AuditEventType,
    actor: Any,
    at: datetime.datetime,
    from_status: str,
    note: str = "",
    photo: Photo | None = None,
    name: str = "",
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
) -> Deficiency:
    deficiency.changed_at = at
    deficiency.save(update_fields=_STEP_FIELDS)
    DeficiencyEvent.objects.create(
        deficiency=deficiency,
        at=at,
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=name or person_name(actor),
        from_status=from_status,
        to_status=deficiency.status,
        note=clean_text(note)[:500],
        photo=photo,
    )
    audit_record(
        actor=actor,
        event_type=event_type,
        target=deficiency,
        unit=station_unit(deficiency.station),
        old=old if old is not None else {"status": from_status},
        new=new if new is not None else {"status": deficiency.status, "note": note[:200]},
    )
    return deficiency


@transaction.atomic
def deficiency_assign(
    *,
    actor: Any,
    deficiency: Deficiency,
    organisation: Organisation,
    responsible_person: str,
    due_on: datetime.date,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Deficiency:
    """Make ``organisation`` (of the station's county, or the province's) and a named person
    answer for the deficiency by ``due_on``, before polling day."""
    at = moment(at)
    deficiency = _locked(deficiency, actor, at)
    if deficiency.status == DeficiencyStatus.VERIFIED:
        next_status(Status.VERIFIED, DeficiencyAction.START)  # refuses: verified is final
    county = deficiency.station.district.county
    if organisation.province_id != county.province_id or organisation.county_id not in (
        None,
        county.pk,
    ):
        raise refuse(
            ReadinessRefusal.BAD_ORGANISATION,
            fa=f"سازمان «{organisation.name}» در شهرستان {county.name} یا استان آن ثبت نشده است.",
            en=f"“{organisation.name}” is registered neither in this county nor province-wide.",
        )
    person = clean_text(responsible_person)[:150]
    if not person:
        raise refuse(
            ReadinessRefusal.NAME_REQUIRED,
            fa="نام فرد مسئول رفع کمبود لازم است.",
            en="The person responsible for the fix must be named.",
        )
    refuse_bad_due_date(
        due_on, polling_date=deficiency.election.polling_date, set_on=clock.local_date(at)
    )
    old = {
        "organisation": deficiency.organisation_id,
        "person": deficiency.responsible_person,
        "due_on": deficiency.due_on.isoformat() if deficiency.due_on else None,
    }
    deficiency.organisation, deficiency.responsible_person, deficiency.due_on = (
        organisation,
        person,
        due_on,
    )
    return _step(
        deficiency,
        action=Action.ASSIGNED,
        event_type=AuditEventType.DEFICIENCY_ASSIGNED,
        actor=actor,
        at=at,
        from_status=deficiency.status,
        note=note or f"{organisation.name} — {person}",
        old=old,
        new={"organisation": organisation.pk, "person": person, "due_on": due_on.isoformat()},
    )


@transaction.atomic
def deficiency_start(
    *, actor: Any, deficiency: Deficiency, note: str = "", at: datetime.datetime | None = None
) -> Deficiency:
    """The responsible organisation has begun the work."""
    at = moment(at)
    deficiency = _locked(deficiency, actor, at)
    before = deficiency.status
    deficiency.status = next_status(Status(before), DeficiencyAction.START).value
    return _step(
        deficiency,
        action=Action.STARTED,
        event_type=AuditEventType.DEFICIENCY_STARTED,
        actor=actor,
        at=at,
        from_status=before,
        note=note,
    )


@transaction.atomic
def deficiency_mark_fixed(
    *,
    actor: Any,
    deficiency: Deficiency,
    note: str = "",
    fixed_by_name: str = "",
    photo: IO[bytes] | bytes | Photo | None = None,
    at: datetime.datetime | None = None,
) -> Deficiency:
    """Reported fixed; it counts against the station until someone else verifies it."""
    at = moment(at)
    deficiency = _locked(deficiency, actor, at)
    before = deficiency.status
    deficiency.status = next_status(Status(before), DeficiencyAction.FIX).value
    name = clean_text(fixed_by_name)[:150] or person_name(actor)
    if actor is None and not fixed_by_name.strip():
        raise refuse(
            ReadinessRefusal.NAME_REQUIRED,
            fa="نام کسی که رفع کمبود را اعلام می‌کند لازم است.",
            en="The name of the person reporting the fix is needed.",
        )
    stored = (
        photo
        if photo is None or isinstance(photo, Photo)
        else photo_store(actor=actor, upload=photo, name="fix")
    )
    deficiency.fixed_by = actor if getattr(actor, "pk", None) else None
    deficiency.fixed_by_name = name
    return _step(
        deficiency,
        action=Action.FIXED,
        event_type=AuditEventType.DEFICIENCY_FIXED,
        actor=actor,
        at=at,
        from_status=before,
        note=note,
        photo=stored,
        name=name,
    )


@transaction.atomic
def deficiency_verify(
    *,
    actor: Any,
    deficiency: Deficiency,
    passed: bool | None = None,
    value: str | Decimal | None = None,
    photo: IO[bytes] | bytes | Photo | None = None,
    inspector_name: str = "",
    note: str = "",
    at: datetime.datetime | None = None,
) -> Deficiency:
    """Re-inspect the one item: passing verifies the fix, failing opens the deficiency again.
    Refused unless the deficiency is marked fixed, and refused to whoever marked it fixed."""
    at = moment(at)
    deficiency = _locked(deficiency, actor, at)
    before = Status(deficiency.status)
    next_status(before, DeficiencyAction.VERIFY)  # only a fixed deficiency can be verified
    name = clean_text(inspector_name)[:150] or (person_name(actor) if actor else "")
    if not name:
        raise refuse(
            ReadinessRefusal.NAME_REQUIRED,
            fa="نام بازرس لازم است.",
            en="The inspector's name is needed.",
        )
    refuse_self_verification(
        fixed_by=person_key(deficiency.fixed_by, deficiency.fixed_by_name),
        verified_by=person_key(actor if getattr(actor, "pk", None) else None, name),
    )
    item = deficiency.item
    if isinstance(value, str):
        value = parse_measured_value(value, item=item.text) if value.strip() else None
    stored = (
        photo
        if photo is None or isinstance(photo, Photo)
        else photo_store(actor=actor, upload=photo, name=item.text)
    )
    measured = (
        MeasuredCheck(item.threshold, Comparison(item.comparison))
        if item.threshold is not None and item.comparison
        else None
    )
    holds = result_passes(
        CheckKind(item.check_kind),
        answer=passed,
        value=value,
        has_photo=stored is not None,
        measured=measured,
        item=item.text,
    )
    if holds:
        deficiency.status = next_status(before, DeficiencyAction.VERIFY).value
        deficiency.verified_at, deficiency.verified_by_name = at, name
        action, event_type = Action.VERIFIED, AuditEventType.DEFICIENCY_VERIFIED
    else:
        deficiency.status = next_status(before, DeficiencyAction.REOPEN).value
        deficiency.fixed_by, deficiency.fixed_by_name = None, ""
        action, event_type = Action.REOPENED, AuditEventType.DEFICIENCY_REOPENED
    if value is not None:
        note = clean_text(f"{value.normalize():f} {item.unit} {note}")
    return _step(
        deficiency,
        action=action,
        event_type=event_type,
        actor=actor,
        at=at,
        from_status=before.value,
        note=note,
        photo=stored,
        name=name,
    )
