"""Station processes: a one-time enrolment code issued by an official, exchanged once by
the station process for its device token, its Ed25519 key registered with the centre."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.accounts.services import (
    device_token_check,
    device_token_hash,
    device_token_issue,
    refuse_spent_token,
)
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import PollingStation
from shora.polling.access import can_issue_enrolment_code, require
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import EnrolmentCode, StationDevice
from shora_domain.digits import to_latin_digits

ENROLMENT_CODE_VALID_FOR = datetime.timedelta(days=7)
DEVICE_TOKEN_VALID_FOR = datetime.timedelta(days=60)


def _code_hash(code: str) -> str:
    cleaned = to_latin_digits(code).replace("-", "").replace(" ", "").upper()
    return hashlib.sha256(cleaned.encode()).hexdigest()


@transaction.atomic
def enrolment_code_issue(*, actor: Any, station: PollingStation) -> str:
    """A one-time code (shown once) with which the station's process enrols."""
    require(actor is None or can_issue_enrolment_code(actor, station))
    code = "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(4))
    now = timezone.now()
    record = EnrolmentCode.objects.create(
        station=station,
        code_hash=_code_hash(code),
        issued_by=actor,
        issued_at=now,
        expires_at=now + ENROLMENT_CODE_VALID_FOR,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.STATION_ENROLMENT_CODE_ISSUED,
        target=record,
        unit=f"station:{station.code}",
    )
    return code


@dataclass(frozen=True)
class Enrolment:
    device: StationDevice
    device_token: str


@transaction.atomic
def station_enrol(*, code: str, public_key: bytes, label: str) -> Enrolment:
    """Exchange an enrolment code for a device token; the station's public key is kept."""
    record = (
        EnrolmentCode.objects.select_for_update(of=("self",))
        .select_related("station__election", "issued_by")
        .filter(code_hash=_code_hash(code))
        .first()
    )
    if record is None or record.used_at is not None or record.expires_at <= timezone.now():
        raise PollingError(
            PollingRefusal.ENROLMENT_CODE_UNKNOWN,
            fa="کد ثبت شعبه شناخته نیست، به کار رفته یا منقضی شده است.",
            en="The enrolment code is unknown, used or expired.",
        )
    if len(public_key) != 32:
        raise PollingError(
            PollingRefusal.BAD_PUBLIC_KEY,
            fa="کلید عمومی شعبه باید ۳۲ بایت Ed25519 باشد.",
            en="The station's public key must be 32 bytes of Ed25519.",
        )
    record.used_at = timezone.now()
    record.save(update_fields=["used_at"])
    station = record.station
    token_record, token = device_token_issue(
        actor=record.issued_by,
        station=station,
        label=label[:100] or f"station {station.code}",
        valid_for=DEVICE_TOKEN_VALID_FOR,
    )
    device = StationDevice.objects.create(
        station=station,
        device_token=token_record,
        public_key=public_key,
        label=label[:100],
        enrolled_at=timezone.now(),
    )
    audit_record(
        actor=None,
        event_type=AuditEventType.STATION_ENROLLED,
        target=device,
        unit=f"station:{station.code}",
        new={"label": label[:100], "public_key_sha256": hashlib.sha256(public_key).hexdigest()},
    )
    return Enrolment(device=device, device_token=token)


def station_device_check(token: str) -> StationDevice:
    """The enrolled station process a bearer token belongs to, read in one query with its
    station and election; or why it is refused (unknown, revoked, expired, not enrolled)."""
    device = (
        StationDevice.objects.select_related(
            "device_token", "station__election", "station__district"
        )
        .filter(device_token__token_hash=device_token_hash(token))
        .first()
    )
    if device is None:
        device_token_check(token)  # unknown, revoked or expired: that refusal
        raise PollingError(
            PollingRefusal.NOT_ENROLLED,
            fa="این دستگاه به‌عنوان فرایند شعبه ثبت نشده است.",
            en="This device was never enrolled as a station process.",
        )
    refuse_spent_token(device.device_token)
    return device
