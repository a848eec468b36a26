"""Ballot tokens: only their SHA-256 is stored; a token is used once, or voided by the
chair with a reason."""

from __future__ import annotations

import hashlib

from django.db import transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import PollingStation
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import BallotToken, StationDevice, TokenStatus
from shora.polling.services.station_day import open_day_of


def token_hash(token: str) -> str:
    return hashlib.sha256(token.strip().encode()).hexdigest()


@transaction.atomic
def token_void(*, device: StationDevice, token: str, reason: str) -> BallotToken:
    """The chair voids a token that was not used, with a reason."""
    open_day_of(device.station)
    if not reason.strip():
        raise PollingError(
            PollingRefusal.NO_REASON,
            fa="دلیل ابطال را بنویسید.",
            en="Write why the token is voided.",
        )
    record = BallotToken.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    refuse_token(record, device.station)
    assert record is not None
    record.status = TokenStatus.VOIDED
    record.void_reason = reason.strip()[:300]
    record.save(update_fields=["status", "void_reason"])
    audit_record(
        actor=None,
        event_type=AuditEventType.BALLOT_TOKEN_VOIDED,
        target=record,
        unit=f"station:{device.station.code}",
        new={"reason": record.void_reason},
    )
    return record


def refuse_token(record: BallotToken | None, station: PollingStation) -> None:
    """Refuse a token that is unknown, of another station, used or voided."""
    if record is None:
        raise PollingError(
            PollingRefusal.TOKEN_UNKNOWN,
            fa="برگهٔ مجوز رأی شناخته نیست.",
            en="The ballot token is not known.",
        )
    if record.station_id != station.pk:
        raise PollingError(
            PollingRefusal.TOKEN_OTHER_STATION,
            fa="این مجوز رأی از شعبهٔ دیگری است.",
            en="This ballot token belongs to another station.",
        )
    if record.status == TokenStatus.USED:
        raise PollingError(
            PollingRefusal.TOKEN_USED,
            fa="با این مجوز پیش‌تر رأی داده شده است.",
            en="This ballot token has already been used.",
        )
    if record.status == TokenStatus.VOIDED:
        raise PollingError(
            PollingRefusal.TOKEN_VOIDED,
            fa="این مجوز رأی باطل شده است.",
            en="This ballot token has been voided.",
        )
