"""API for polling devices, authenticated with their station's bearer token."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["devices"])


class DeviceOut(Schema):
    label: str
    station_code: str
    station_name: str
    election: str
    is_drill: bool


@router.get("/whoami", response=DeviceOut)
def device_whoami(request: HttpRequest) -> DeviceOut:
    """Which station this device acts for: a device acts only for its own station."""
    token = request.auth  # type: ignore[attr-defined]
    station = token.station
    return DeviceOut(
        label=token.label,
        station_code=station.code,
        station_name=station.name,
        election=station.election.name,
        is_drill=station.election.is_drill,
    )
