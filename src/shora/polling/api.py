"""The centre's side of the station protocol (docs/polling.md). Thin: each handler reads
the body, calls one service and shapes its answer."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import HttpBearer

from shora.accounts.access import election_get_for_user, stations_for_user
from shora.polling.models import StationDevice
from shora.polling.selectors import (
    election_key_of,
    polling_window,
    station_state,
    turnout_by_station_hour,
)
from shora.polling.services.batches import batch_receive
from shora.polling.services.claims import claim_participation
from shora.polling.services.devices import station_device_check, station_enrol
from shora.polling.services.provisional import provisional_reconcile
from shora.polling.services.station_day import station_close, station_open
from shora.polling.services.tokens import token_void
from shora_domain.signed_documents import b64decode, b64encode


class StationBearer(HttpBearer):
    """An enrolled station process with its device token (401 otherwise)."""

    def authenticate(self, request: HttpRequest, token: str) -> StationDevice:
        return station_device_check(token)


router = Router(tags=["polling"], auth=StationBearer())
enrol_router = Router(tags=["polling"])
officials_router = Router(tags=["polling"])


def _device(request: HttpRequest) -> StationDevice:
    device: StationDevice = request.auth  # type: ignore[attr-defined]
    return device


def station_description(device: StationDevice) -> dict[str, Any]:
    station = device.station
    election = station.election
    window = polling_window(station)
    key = election_key_of(election)
    return {
        "station": {
            "id": station.pk,
            "code": station.code,
            "name": station.name,
            "constituencies": [
                {"id": c.pk, "code": c.code, "name": c.name, "members": c.members}
                for c in station.constituencies.order_by("code")
            ],
        },
        "election": {
            "id": election.pk,
            "name": election.name,
            "polling_date": election.polling_date.isoformat(),
            "opens": window.opens.isoformat(),
            "closes": window.closes.isoformat(),
            "extended": window.extended,
            "is_drill": election.is_drill,
            "offline_policy": election.offline_policy,
        },
        "election_public_key": b64encode(bytes(key.public_key)) if key else None,
        "key_fingerprint": key.fingerprint if key else None,
        "state": station_state(station),
    }


class EnrolIn(Schema):
    code: str
    station_public_key: str
    label: str = ""


@enrol_router.post("/polling/enrol", auth=None)
def enrol(request: HttpRequest, body: EnrolIn) -> dict[str, Any]:
    """Exchange a one-time enrolment code for the station's device token."""
    enrolment = station_enrol(
        code=body.code, public_key=b64decode(body.station_public_key), label=body.label
    )
    return {"device_token": enrolment.device_token, **station_description(enrolment.device)}


@router.get("/polling/station")
def station(request: HttpRequest) -> dict[str, Any]:
    """The station, its election and key, and whether it is open."""
    return station_description(_device(request))


class SignedIn(Schema):
    document: dict[str, Any]
    signature: str


@router.post("/polling/open")
def open_station(request: HttpRequest, body: SignedIn) -> dict[str, Any]:
    day = station_open(device=_device(request), document=body.document, signature=body.signature)
    return {"state": "open", "opened_at": day.opened_at.isoformat()}


class ClaimIn(Schema):
    national_code: str
    document: str
    fingerprint: str


@router.post("/polling/claims")
def claim(request: HttpRequest, body: ClaimIn) -> dict[str, Any]:
    """The identity desk: a ballot token, or why not (409 with the facts)."""
    issued = claim_participation(
        device=_device(request),
        national_code=body.national_code,
        document=body.document,
        fingerprint=body.fingerprint,
    )
    constituency = issued.constituency
    return {
        "token": issued.token,
        "constituency": {
            "id": constituency.pk,
            "code": constituency.code,
            "name": constituency.name,
        },
    }


class VoidIn(Schema):
    token: str
    reason: str


@router.post("/polling/tokens/void")
def void(request: HttpRequest, body: VoidIn) -> dict[str, Any]:
    token_void(device=_device(request), token=body.token, reason=body.reason)
    return {"voided": True}


class BatchIn(Schema):
    batch: dict[str, Any]
    signature: str


@router.post("/polling/batches")
def batches(request: HttpRequest, body: BatchIn) -> dict[str, Any]:
    """A batch of the station's journal, stored once."""
    result = batch_receive(device=_device(request), batch=body.batch, signature=body.signature)
    return {"duplicate": result.duplicate, "stored": result.stored, "results": result.results}


class ProvisionalIn(Schema):
    entry: dict[str, Any]
    signature: str


@router.post("/polling/provisional")
def provisional(request: HttpRequest, body: ProvisionalIn) -> dict[str, Any]:
    """A ballot taken while the link was down, with its claim: counted or kept out, once."""
    outcome = provisional_reconcile(
        device=_device(request), entry=body.entry, signature=body.signature
    )
    return {"id": str(outcome.id), "accepted": outcome.accepted, "reason": outcome.reason_code}


@router.post("/polling/close")
def close(request: HttpRequest, body: SignedIn) -> dict[str, Any]:
    day = station_close(device=_device(request), document=body.document, signature=body.signature)
    assert day.closed_at is not None
    return {"state": "closed", "closed_at": day.closed_at.isoformat()}


class TurnoutOut(Schema):
    station_id: int
    station_code: str
    hour: datetime.datetime
    voters: int


@officials_router.get("/elections/{election_id}/polling/turnout", response=list[TurnoutOut])
def turnout(request: HttpRequest, election_id: int) -> list[TurnoutOut]:
    """Participations per station and hour, for the stations of the caller's unit."""
    election = election_get_for_user(request.auth, election_id)  # type: ignore[attr-defined]
    codes = dict(stations_for_user(request.auth, election).values_list("pk", "code"))  # type: ignore[attr-defined]
    return [
        TurnoutOut(
            station_id=row.station_id,
            station_code=codes[row.station_id],
            hour=timezone.localtime(row.hour),
            voters=row.voters,
        )
        for row in turnout_by_station_hour(election)
        if row.station_id in codes
    ]
