"""More of election day for the concurrency tests: several opened stations that serve one
constituency, each with its own staff and enrolled station process, and the URL of the
test database for a centre served by gunicorn."""

from __future__ import annotations

from django.db import connection

from shora.elections.models import Constituency, PollingStation
from shora.polling.services.station_day import station_open
from tests.polling.conftest import Device, PollingDay, staff


def opened_stations(day: PollingDay, constituency: Constituency, count: int) -> list[Device]:
    """``count`` new stations serving ``constituency``, staffed, enrolled and opened.

    The geography is frozen once polling starts, so the stations are inserted directly, as
    tests/polling/test_claims.py does; everything after goes through the services."""
    devices = []
    for number in range(count):
        station = PollingStation.objects.create(
            election=day.election,
            district=constituency.district,
            code=f"{constituency.code}{number:03d}",
            name=f"شعبهٔ آزمون {number}",
            connectivity="fibre",
        )
        station.constituencies.add(constituency)
        chair, present = staff(day.geo, [station])
        device = day.enrol(station)
        document = day.zero_report(device, chair=chair, staff_present=present)
        station_open(device=device.record, document=document, signature=device.sign(document))
        devices.append(device)
    return devices


def database_url() -> str:
    """The URL of the database this test runs on (the test database, not the configured)."""
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
