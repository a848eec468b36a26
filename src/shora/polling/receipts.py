"""The bulletin board's answer for one receipt code: was the ballot received, at which
station and in which hour, is it in the station's signed receipts root (with the Merkle
proof to check it), and is it counted. Nothing about the voter or the choices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from shora.elections.models import Election, Phase, PollingStation
from shora.polling.models import Ballot, ProvisionalOutcome, StationDay
from shora_domain.merkle import MerkleStep, merkle_proof, merkle_verify, receipt_leaf

COUNTED_PHASES = (Phase.TALLIED, Phase.CERTIFIED)


@dataclass(frozen=True)
class ReceiptInclusion:
    """The receipt's place in its station's signed root."""

    leaf: str
    root: str
    proof: tuple[MerkleStep, ...]
    verified: bool


@dataclass(frozen=True)
class ReceiptStatus:
    receipt_code: str
    station: PollingStation
    constituency_name: str
    hour: datetime.datetime
    received: bool
    counted: bool
    refusal_reason: str  # a provisional ballot kept out of the count: why
    inclusion: ReceiptInclusion | None  # None until the station has closed


def _inclusion(ballot: Ballot) -> ReceiptInclusion | None:
    day = StationDay.objects.filter(station_id=ballot.station_id, closed_at__isnull=False).first()
    if day is None or not day.closing_document:
        return None
    root = str(day.closing_document.get("receipts_root", ""))
    leaves = [
        receipt_leaf(code, digest)
        for code, digest in Ballot.objects.filter(station_id=ballot.station_id).values_list(
            "receipt_code", "sealed_sha256"
        )
    ]
    leaf = receipt_leaf(ballot.receipt_code, ballot.sealed_sha256)
    proof = tuple(merkle_proof(leaves, leaf))
    return ReceiptInclusion(
        leaf=leaf.decode(), root=root, proof=proof, verified=merkle_verify(leaf, proof, root)
    )


def receipt_status(election: Election, receipt_code: str) -> ReceiptStatus | None:
    """What the bulletin board says of ``receipt_code`` (already parsed), or None."""
    ballot = (
        Ballot.objects.select_related("station", "constituency")
        .filter(election=election, receipt_code=receipt_code)
        .first()
    )
    if ballot is not None:
        return ReceiptStatus(
            receipt_code=receipt_code,
            station=ballot.station,
            constituency_name=ballot.constituency.name,
            hour=ballot.hour,
            received=True,
            counted=election.phase in COUNTED_PHASES,
            refusal_reason="",
            inclusion=_inclusion(ballot),
        )
    kept_out = (
        ProvisionalOutcome.objects.select_related("station")
        .filter(station__election=election, receipt_code=receipt_code, accepted=False)
        .first()
    )
    if kept_out is None:
        return None
    return ReceiptStatus(
        receipt_code=receipt_code,
        station=kept_out.station,
        constituency_name="",
        hour=kept_out.hour,
        received=True,
        counted=False,
        refusal_reason=kept_out.reason_code,
        inclusion=None,
    )
