"""A tally session whose shares sit unused expires: its shares are deleted.

The opened shares wait in ``ShareEntry`` rows until k are in and the tally runs. A sitting
the holders leave incomplete (or a session left for ``shora tally`` that nobody runs)
would keep fewer than k, or even k, opened shares in the database indefinitely. So a
session whose last share was entered more than ``SHORA_TALLY_SESSION_HOURS`` hours ago
(default 12) is cancelled and its shares deleted, audited as event 926. A session without
a share holds no secret and does not expire.

There is no timer: the expiry is applied whenever the tally is touched (the tally page,
a share entered, ``shora tally``), before anything else reads the session.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election
from shora.results.models import SessionStatus, ShareEntry, TallySession

DEFAULT_HOURS = 12
EXPIRED = "Expired: no share was entered for {hours} hours; the shares were deleted."


def session_hours() -> float:
    return float(getattr(settings, "SHORA_TALLY_SESSION_HOURS", DEFAULT_HOURS))


@transaction.atomic
def sessions_expire(*, election: Election, now: datetime.datetime | None = None) -> list[Any]:
    """Cancel the election's open sessions whose last share is older than the setting;
    the sessions expired."""
    moment = now or timezone.now()
    hours = session_hours()
    limit = moment - datetime.timedelta(hours=hours)
    stale = (
        TallySession.objects.filter(election=election, status=SessionStatus.OPEN)
        .annotate(last_share=Max("entries__entered_at"))
        .filter(last_share__lt=limit)
        .values_list("pk", flat=True)
    )
    expired = []
    for session in TallySession.objects.select_for_update().filter(
        pk__in=list(stale), status=SessionStatus.OPEN
    ):
        deleted, _ = ShareEntry.objects.filter(session=session).delete()
        session.status = SessionStatus.CANCELLED
        session.closed_at = moment
        session.refusal = EXPIRED.format(hours=f"{hours:g}")
        session.save(update_fields=["status", "closed_at", "refusal"])
        audit_record(
            actor=None,
            event_type=AuditEventType.TALLY_SESSION_EXPIRED,
            target=session,
            unit=f"election:{election.pk}",
            new={"shares_deleted": deleted, "hours": hours},
        )
        expired.append(session)
    return expired
