"""Extending the polling hours in a county: the county's executive side asks, the
supervisory board confirms (DOMAIN.md: the two boards extend polls together). Only a
confirmed extension moves the closing time; polls are never shortened."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shora.accounts.models import Role
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import County, Election
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import PollingExtension


@transaction.atomic
def extension_request(
    *, actor: Any, election: Election, county: County, closes_at: datetime.time, reason: str
) -> PollingExtension:
    if actor.role not in (Role.COUNTY, Role.PROVINCE_HQ) or (
        actor.role == Role.COUNTY and actor.county_id != county.pk
    ):
        raise PermissionDenied
    if county.province_id != election.province_id:
        raise PermissionDenied
    if closes_at <= election.closes_at:
        raise PollingError(
            PollingRefusal.EXTENSION_SHORTENS,
            fa="تمدید باید پایان اخذ رأی را دیرتر کند، نه زودتر.",
            en="An extension must move the closing time later, not earlier.",
        )
    if not reason.strip():
        raise PollingError(
            PollingRefusal.NO_REASON,
            fa="دلیل تمدید را بنویسید.",
            en="Write why polls are extended.",
        )
    extension = PollingExtension.objects.create(
        election=election,
        county=county,
        closes_at=closes_at,
        reason=reason.strip()[:500],
        requested_by=actor,
        requested_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.POLLING_EXTENSION_REQUESTED,
        target=extension,
        unit=f"county:{county.code}",
        new={"closes_at": closes_at.isoformat(), "reason": extension.reason},
    )
    return extension


@transaction.atomic
def extension_confirm(*, actor: Any, extension: PollingExtension) -> PollingExtension:
    extension = PollingExtension.objects.select_for_update().get(pk=extension.pk)
    if actor.role != Role.SUPERVISOR or actor.province_id != extension.election.province_id:
        raise PermissionDenied
    if extension.confirmed_at is not None:
        raise PollingError(
            PollingRefusal.EXTENSION_CONFIRMED,
            fa="این تمدید پیش‌تر تأیید شده است.",
            en="This extension has already been confirmed.",
        )
    extension.confirmed_by = actor
    extension.confirmed_at = timezone.now()
    extension.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.POLLING_EXTENSION_CONFIRMED,
        target=extension,
        unit=f"county:{extension.county.code}",
        new={"closes_at": extension.closes_at.isoformat()},
    )
    return extension
