"""Recording the daily digest so that the dashboard shows the latest one."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election
from shora.readiness import clock
from shora.readiness.models import DigestRun
from shora.readiness.selectors.digest import digest_compose
from shora.readiness.services.common import moment
from shora_domain.readiness_deadlines import reference_day


@transaction.atomic
def digest_record(
    *,
    actor: Any,
    election: Election,
    on: datetime.date | None = None,
    soon_days: int | None = None,
) -> DigestRun:
    """Compose the digest for the day ``on`` (today by default; never later than polling
    day) and keep it."""
    reference = reference_day(on or clock.today(), election.polling_date)
    soon = clock.soon_days() if soon_days is None else soon_days
    content = digest_compose(election, reference, soon)
    run = DigestRun.objects.create(
        election=election,
        reference_day=reference.day,
        soon_days=soon,
        created_at=moment(None),
        content=content,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.READINESS_DIGEST_RECORDED,
        target=run,
        unit=f"province:{election.province.code}",
        new={
            "reference_day": reference.day.isoformat(),
            "overdue": content["overdue"],
            "due_soon": content["due_soon"],
        },
    )
    return run
