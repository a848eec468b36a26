"""A drill election beside the shared geography's real one: one city, one station."""

from __future__ import annotations

import datetime

from shora.elections.models import Election, PollingStation
from shora.elections.services import constituency_create, election_create, station_create
from tests.conftest import Geography


def drill_station_beside(geo: Geography) -> tuple[Election, PollingStation]:
    """A drill election in ``geo``'s province with Ahvaz's council and station 10001."""
    drill = election_create(
        actor=None,
        province=geo.province,
        name="تمرین",
        polling_date=datetime.date(2026, 5, 1),
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
        is_drill=True,
    )
    city = constituency_create(
        actor=None,
        election=drill,
        district=geo.district_a1,
        code="1001",
        kind="city",
        name="اهواز",
        population=1_184_788,
    )
    station = station_create(
        actor=None,
        election=drill,
        district=geo.district_a1,
        code="10001",
        name="مدرسهٔ شهید بهشتی",
        connectivity="fibre",
        constituencies=[city],
    )
    return drill, station
