"""Forwarded batches: what a station journalled, received by the centre exactly once.

A batch is identified by (station, seq). Sent again with the same content it is
acknowledged and not stored again; the same seq with other content is a forgery or a
replay and is refused, as is a gap in seq, a bad signature or anything after the close.
Each entry gets its own result, so one refused entry never stalls a station's forwarding.
Nothing about a batch's arrival is stored more finely than the hour.
"""

from __future__ import annotations

import datetime
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.elections.models import Constituency, PollingStation
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import (
    Ballot,
    BallotToken,
    ForwardedBatch,
    Incident,
    IncidentCategory,
    StationDay,
    StationDevice,
    TokenStatus,
)
from shora.polling.selectors import polling_window
from shora.polling.services.station_day import open_day_of, refuse_unsigned, station_moment_any
from shora.polling.services.tokens import refuse_token, token_hash
from shora_domain.ballot_sealing import sealed_digest
from shora_domain.errors import DomainError
from shora_domain.polling_hours import parse_hour_label, to_hour
from shora_domain.receipt_codes import receipt_code_parse
from shora_domain.signed_documents import b64decode, canonical_json


@dataclass
class BatchResult:
    duplicate: bool
    results: list[dict[str, str]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return sum(1 for result in self.results if result["result"] == "stored")


def _malformed(en: str) -> PollingError:
    return PollingError(
        PollingRefusal.BATCH_MALFORMED,
        fa="بستهٔ فرستاده‌شده ساختار درستی ندارد.",
        en=f"The batch is malformed: {en}",
    )


def _stored_batch(station: PollingStation, seq: int, digest: str) -> bool:
    earlier = ForwardedBatch.objects.filter(station=station, seq=seq).first()
    if earlier is None:
        return False
    if earlier.body_sha256 != digest:
        raise PollingError(
            PollingRefusal.BATCH_REPLAYED,
            fa="بسته‌ای با همین شماره و محتوای دیگر پیش‌تر رسیده است؛ پذیرفته نمی‌شود.",
            en=f"Batch {seq} arrived before with other content; this one is refused.",
        )
    return True


def ballot_hour(station: PollingStation, label: object) -> datetime.datetime:
    """The hour a station dated a ballot, refused when in the future or after the close."""
    moment = timezone.make_aware(parse_hour_label(str(label)))
    window = polling_window(station)
    latest = to_hour(timezone.localtime(timezone.now()))
    if moment > latest:
        raise PollingError(
            PollingRefusal.CLOCK_WRONG,
            fa="ساعت رأی در آینده است؛ ساعت دستگاه شعبه نادرست است.",
            en="The ballot's hour lies in the future: the station's clock is wrong.",
        )
    if not station.election.is_drill and moment >= window.closes:
        raise PollingError(
            PollingRefusal.BALLOT_AFTER_CLOSE,
            fa="رأی پس از پایان اخذ رأی است.",
            en="The ballot is dated after the polls closed.",
        )
    return moment


def ballot_store(
    station: PollingStation,
    constituency: Constituency,
    *,
    sealed: bytes,
    receipt: str,
    hour: datetime.datetime,
) -> Ballot:
    """Store a sealed ballot under a random id; a receipt code is never stored twice."""
    if Ballot.objects.filter(election_id=station.election_id, receipt_code=receipt).exists():
        raise PollingError(
            PollingRefusal.RECEIPT_REPEATED,
            fa="کد رسید تکراری است.",
            en="The receipt code is repeated.",
        )
    return Ballot.objects.create(
        election_id=station.election_id,
        station=station,
        constituency=constituency,
        sealed=sealed,
        sealed_sha256=sealed_digest(sealed),
        receipt_code=receipt,
        hour=hour,
    )


def _store_ballot(station: PollingStation, entry: Mapping[str, Any]) -> None:
    token = (
        BallotToken.objects.select_for_update()
        .select_related("constituency")
        .filter(token_hash=token_hash(str(entry.get("token", ""))))
        .first()
    )
    refuse_token(token, station)
    assert token is not None
    if entry.get("constituency") != token.constituency.code:
        raise PollingError(
            PollingRefusal.BALLOT_OTHER_CONSTITUENCY,
            fa="رأی برای حوزه‌ای جز حوزهٔ مجوز آن است.",
            en="The ballot is for another constituency than its token's.",
        )
    sealed = b64decode(str(entry.get("sealed", "")))
    receipt = receipt_code_parse(str(entry.get("receipt_code", "")))
    hour = ballot_hour(station, entry.get("hour"))
    ballot_store(station, token.constituency, sealed=sealed, receipt=receipt, hour=hour)
    token.status = TokenStatus.USED
    token.save(update_fields=["status"])


def _store_incident(station: PollingStation, entry: Mapping[str, Any]) -> None:
    try:
        incident_id = uuid.UUID(str(entry.get("id")))
    except ValueError as error:
        raise _malformed("incident id") from error
    if entry.get("category") not in IncidentCategory.values:
        raise _malformed(f"unknown incident category {entry.get('category')!r}")
    text = str(entry.get("text", "")).strip()
    if not text or len(text) > 4000:
        raise _malformed("an incident needs a text of at most 4,000 characters")
    Incident.objects.get_or_create(
        id=incident_id,
        defaults={
            "station": station,
            "category": entry["category"],
            "text": text,
            "recorded_by": str(entry.get("recorded_by", ""))[:150],
            "at": station_moment_any(entry.get("at")).replace(second=0, microsecond=0),
        },
    )


_STORERS = {"ballot": _store_ballot, "incident": _store_incident}


def _store_entry(station: PollingStation, entry: Any) -> dict[str, str]:
    if not isinstance(entry, Mapping) or entry.get("kind") not in _STORERS:
        return {"result": "refused", "code": PollingRefusal.BATCH_MALFORMED.value}
    try:
        with transaction.atomic():
            _STORERS[entry["kind"]](station, entry)
    except DomainError as refusal:
        return {"result": "refused", "code": refusal.code.value, "message_en": refusal.en}
    return {"result": "stored"}


def _seq_of(batch: Mapping[str, Any]) -> int:
    seq = batch.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise _malformed("seq must be a whole number from 1")
    if not isinstance(batch.get("entries"), list) or len(batch["entries"]) > 1000:
        raise _malformed("entries must be a list of at most 1,000")
    return seq


@transaction.atomic
def batch_receive(
    *, device: StationDevice, batch: Mapping[str, Any], signature: str
) -> BatchResult:
    """Store a station's batch once; see the module's docstring."""
    station = device.station
    refuse_unsigned(device, batch, signature)
    seq = _seq_of(batch)
    digest = hashlib.sha256(canonical_json(batch)).hexdigest()
    day: StationDay | None = StationDay.objects.select_for_update().filter(station=station).first()
    if day is not None and _stored_batch(station, seq, digest):
        return BatchResult(duplicate=True)
    day = open_day_of(station, lock=True)
    if seq != day.last_seq + 1:
        raise PollingError(
            PollingRefusal.BATCH_GAP,
            fa="بسته‌ای پیش از این بسته نرسیده است؛ به ترتیب بفرستید.",
            en=f"Batch {seq} came before batch {day.last_seq + 1}; send them in order.",
            details={"expected_seq": day.last_seq + 1},
        )
    result = BatchResult(duplicate=False)
    result.results = [_store_entry(station, entry) for entry in batch["entries"]]
    ForwardedBatch.objects.create(
        station=station,
        seq=seq,
        body_sha256=digest,
        signature=signature,
        entries=len(result.results),
        refused=len(result.results) - result.stored,
        received_hour=to_hour(timezone.localtime()),
    )
    day.last_seq = seq
    day.save(update_fields=["last_seq"])
    return result
