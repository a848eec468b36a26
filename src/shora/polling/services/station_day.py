"""A station's day at the centre: opening with the signed zero report, closing with the
signed counts and receipts root."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.selectors.rosters import station_roster
from shora.elections.models import PollingStation
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import Ballot, BallotToken, StationDay, StationDevice, TokenStatus
from shora.polling.selectors import (
    election_key_of,
    polling_window,
    station_counts,
    station_open_problems,
)
from shora_domain.digits import to_latin_digits
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.signed_documents import document_verify

UNDELIVERED_REASON = "never reached the station: voided at the close"

#: How far a station's clock may differ from the centre's before it is refused.
CLOCK_TOLERANCE = datetime.timedelta(minutes=5)


def refuse_unsigned(device: StationDevice, document: Mapping[str, Any], signature: str) -> None:
    """Refuse a document not signed by the device's key or naming another station."""
    if document.get("station") != device.station.code:
        raise PermissionDenied("This document names another station.")
    if not document_verify(document, signature, bytes(device.public_key)):
        raise PollingError(
            PollingRefusal.BAD_SIGNATURE,
            fa="امضای سند با کلید این شعبه نمی‌خواند.",
            en="The document's signature does not match this station's key.",
        )


def station_moment_any(text: object) -> datetime.datetime:
    """A time the station sent (with its time zone), not compared with the centre's."""
    moment = parse_datetime(str(text)) if text else None
    if moment is None or timezone.is_naive(moment):
        raise PollingError(
            PollingRefusal.BATCH_MALFORMED,
            fa="زمان فرستاده‌شده خوانا نیست (با منطقهٔ زمانی).",
            en="The time sent is not readable (it needs its time zone).",
        )
    return moment


def station_moment(text: object) -> datetime.datetime:
    """A time the station sent now, checked against the centre's clock."""
    moment = station_moment_any(text)
    if abs(moment - timezone.now()) > CLOCK_TOLERANCE:
        raise PollingError(
            PollingRefusal.CLOCK_WRONG,
            fa="ساعت دستگاه شعبه با ساعت مرکز بیش از پنج دقیقه فرق دارد؛ آن را درست کنید.",
            en="The station's clock differs from the centre's by more than five minutes.",
        )
    return moment


def open_day_of(station: PollingStation, *, lock: bool = False) -> StationDay:
    """The station's day, refused unless it is open."""
    days = StationDay.objects.select_for_update() if lock else StationDay.objects
    day = days.filter(station=station).first()
    if day is None:
        raise PollingError(
            PollingRefusal.NOT_OPEN,
            fa="این شعبه هنوز گشایش نیافته است.",
            en="This station has not been opened.",
        )
    if not day.is_open:
        raise PollingError(
            PollingRefusal.STATION_CLOSED,
            fa="اخذ رأی در این شعبه پایان یافته است.",
            en="Polling at this station has closed.",
        )
    return day


def _refuse_staff(station: PollingStation, document: Mapping[str, Any]) -> None:
    roster = {p.person.national_code: p for p in station_roster(station).posts}
    present = [to_latin_digits(str(code)).strip() for code in document.get("staff_present", [])]
    chair = to_latin_digits(str(document.get("chair", ""))).strip()
    strangers = [code for code in present if code not in roster]
    if strangers or chair not in present:
        raise PollingError(
            PollingRefusal.STAFF_NOT_ON_ROSTER,
            fa="همهٔ حاضران، از جمله رئیس شعبه، باید در فهرست کارکنان این شعبه باشند.",
            en="Everyone present, the chair among them, must be on the station's roster.",
            details={"not_on_roster": strangers},
        )
    if roster[chair].role != "station_chair":
        raise PollingError(
            PollingRefusal.STAFF_NOT_ON_ROSTER,
            fa="گشاینده باید رئیس این شعبه باشد.",
            en="The station is opened by its chair.",
        )


@transaction.atomic
def station_open(
    *, device: StationDevice, document: Mapping[str, Any], signature: str
) -> StationDay:
    """Open the station with its signed zero report."""
    station = PollingStation.objects.select_for_update().get(pk=device.station_id)
    refuse_unsigned(device, document, signature)
    if StationDay.objects.filter(station=station).exists():
        raise PollingError(
            PollingRefusal.ALREADY_OPEN,
            fa="این شعبه پیش‌تر گشایش یافته است.",
            en="This station has already been opened.",
        )
    problems = station_open_problems(station)
    if problems:
        raise PollingError(
            PollingRefusal.STATION_NOT_READY,
            fa="شعبه نمی‌تواند گشایش یابد: " + " ".join(p.fa for p in problems),
            en="The station cannot open: " + " ".join(p.en for p in problems),
            details={"missing": [p.code for p in problems]},
        )
    opened_at = station_moment(document.get("opened_at"))
    if not station.election.is_drill and not polling_window(station).holds(opened_at):
        raise PollingError(
            PollingRefusal.OUTSIDE_WINDOW,
            fa="شعبه تنها در ساعات اخذ رأی گشایش می‌یابد.",
            en="A station opens only within the polling hours.",
        )
    key = election_key_of(station.election)
    if key is None or document.get("key_fingerprint") != key.fingerprint:
        raise PollingError(
            PollingRefusal.KEY_MISSING,
            fa="اثر کلید در گزارش صفر با کلید انتخابات نمی‌خواند.",
            en="The key fingerprint on the zero report is not the election's.",
        )
    if document.get("ballots_in_store") != 0:
        raise PollingError(
            PollingRefusal.CLOSING_MISMATCH,
            fa="صندوق شعبه در گشایش باید خالی باشد.",
            en="The station's ballot store must be empty at opening.",
        )
    _refuse_staff(station, document)
    day = StationDay.objects.create(
        station=station,
        device=device,
        opened_at=timezone.now(),
        opening_document=dict(document),
        opening_signature=signature,
    )
    audit_record(
        actor=None,
        event_type=AuditEventType.STATION_OPENED,
        target=day,
        unit=f"station:{station.code}",
        new={"chair": document.get("chair"), "staff_present": document.get("staff_present")},
    )
    return day


def station_receipts_root(station: PollingStation) -> str:
    """The Merkle root of the receipts the centre holds for ``station``."""
    leaves = [
        receipt_leaf(code, digest)
        for code, digest in Ballot.objects.filter(station=station).values_list(
            "receipt_code", "sealed_sha256"
        )
    ]
    return merkle_root(leaves)


def _void_undelivered(station: PollingStation) -> int:
    """Void the tokens still outstanding at the close. The station voids every token it
    knows before closing, so these are tokens whose answer never reached it (the link
    failed after the centre's commit): the voter got no ballot and the token none."""
    return BallotToken.objects.filter(station=station, status=TokenStatus.ISSUED).update(
        status=TokenStatus.VOIDED, void_reason=UNDELIVERED_REASON
    )


def _mismatches(
    station: PollingStation, document: Mapping[str, Any], undelivered: int
) -> dict[str, Any]:
    """What differs between the station's signed counts and the centre's, the tokens the
    station never received taken out of the centre's participations and voided."""
    counts = station_counts(station)
    held = {
        "participations": counts.participations - undelivered,
        "ballots": counts.ballots,
        "voided": counts.voided - undelivered,
        "receipts_root": station_receipts_root(station),
    }
    return {
        name: {"station": document.get(name), "centre": value}
        for name, value in held.items()
        if document.get(name) != value
    }


@transaction.atomic
def station_close(
    *, device: StationDevice, document: Mapping[str, Any], signature: str
) -> StationDay:
    """Close the station: the signed counts and receipts root must equal what the centre
    holds; afterwards the centre refuses anything of this station."""
    station = device.station
    refuse_unsigned(device, document, signature)
    day = open_day_of(station, lock=True)
    station_moment(document.get("closed_at"))
    if document.get("last_seq") != day.last_seq:
        raise PollingError(
            PollingRefusal.BATCHES_MISSING,
            fa="همهٔ بسته‌های شعبه هنوز به مرکز نرسیده است؛ نخست آن‌ها را بفرستید.",
            en=(
                f"The centre holds batches up to {day.last_seq}, the station sent up to "
                f"{document.get('last_seq')}; forward the rest first."
            ),
            details={"centre_last_seq": day.last_seq},
        )
    undelivered = _void_undelivered(station)
    mismatches = _mismatches(station, document, undelivered)
    if mismatches:
        raise PollingError(
            PollingRefusal.CLOSING_MISMATCH,
            fa="شمارش‌های شعبه با آنچه مرکز دارد نمی‌خواند.",
            en="The station's counts differ from what the centre holds: "
            + ", ".join(sorted(mismatches)),
            details={"mismatches": mismatches},
        )
    day.closed_at = timezone.now()
    day.closing_document = dict(document)
    day.closing_signature = signature
    day.undelivered_tokens = undelivered
    day.save(
        update_fields=["closed_at", "closing_document", "closing_signature", "undelivered_tokens"]
    )
    audit_record(
        actor=None,
        event_type=AuditEventType.STATION_CLOSED,
        target=day,
        unit=f"station:{station.code}",
        new={
            **{name: document.get(name) for name in ("participations", "ballots", "voided")},
            "undelivered_tokens": undelivered,
        },
    )
    return day
