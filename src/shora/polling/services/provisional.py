"""Provisional ballots: a station that lost its link, under the offline policy
"provisional", lets the voter vote and keeps the claim beside the sealed ballot, like a
ballot in a signed envelope. On reconnecting it sends both; the centre records the
participation and stores the ballot in one transaction, or keeps the ballot out of the
count with the reason (already voted elsewhere, not in the register, …). The national code
is not stored: only the outcome, the receipt code and the hour.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from shora.elections.models import OfflinePolicy
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import ProvisionalOutcome, StationDevice
from shora.polling.services.batches import ballot_hour, ballot_store
from shora.polling.services.claims import (
    participation_record,
    refuse_desk_input,
    refuse_other_constituency,
    voter_of,
)
from shora.polling.services.station_day import open_day_of, refuse_unsigned
from shora_domain.errors import DomainError
from shora_domain.national_code import parse_national_code
from shora_domain.receipt_codes import receipt_code_parse
from shora_domain.signed_documents import b64decode


def _entry_id(entry: Mapping[str, Any]) -> uuid.UUID:
    try:
        return uuid.UUID(str(entry.get("id")))
    except ValueError as error:
        raise PollingError(
            PollingRefusal.BATCH_MALFORMED,
            fa="شناسهٔ رأی مشروط خوانا نیست.",
            en="The provisional ballot's id is not a UUID.",
        ) from error


def _count_it(device: StationDevice, entry: Mapping[str, Any], hour: Any, receipt: str) -> None:
    """Record the participation and store the ballot, or refuse (nothing stored)."""
    station = device.station
    code = parse_national_code(str(entry.get("national_code", "")))
    refuse_desk_input(str(entry.get("document")), str(entry.get("fingerprint")))
    voter = voter_of(station, code)
    refuse_other_constituency(station, voter)
    if entry.get("constituency") != voter.constituency.code:
        raise PollingError(
            PollingRefusal.BALLOT_OTHER_CONSTITUENCY,
            fa="برگهٔ رأی مشروط از حوزه‌ای جز حوزهٔ رأی‌دهنده است.",
            en="The provisional ballot is of another constituency than the voter's.",
        )
    sealed = b64decode(str(entry.get("sealed", "")))
    participation_record(
        station,
        voter,
        hour=hour,
        document=str(entry["document"]),
        fingerprint=str(entry["fingerprint"]),
    )
    ballot_store(station, voter.constituency, sealed=sealed, receipt=receipt, hour=hour)


@transaction.atomic
def provisional_reconcile(
    *, device: StationDevice, entry: Mapping[str, Any], signature: str
) -> ProvisionalOutcome:
    """Count a provisional ballot or keep it out, once; sent again, the same outcome."""
    station = device.station
    refuse_unsigned(device, entry, signature)
    entry_id = _entry_id(entry)
    open_day_of(station, lock=True)
    earlier = ProvisionalOutcome.objects.filter(id=entry_id, station=station).first()
    if earlier is not None:
        return earlier
    if station.election.offline_policy != OfflinePolicy.PROVISIONAL:
        raise PollingError(
            PollingRefusal.NOT_PROVISIONAL,
            fa="سیاست این انتخابات رأی مشروط را نمی‌پذیرد.",
            en="This election's offline policy does not accept provisional ballots.",
        )
    hour = ballot_hour(station, entry.get("hour"))
    receipt = receipt_code_parse(str(entry.get("receipt_code", "")))
    reason = ""
    try:
        with transaction.atomic():
            _count_it(device, entry, hour, receipt)
    except DomainError as refusal:
        reason = refusal.code.value
    return ProvisionalOutcome.objects.create(
        id=entry_id,
        station=station,
        receipt_code=receipt,
        accepted=not reason,
        reason_code=reason,
        hour=hour,
    )
