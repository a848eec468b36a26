"""Election day for the participation tests, built as tests/polling builds it: voters of
every kind in the register, station A1 opened, participations made through the real
claim API."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shora_domain.jalali import latest_birth_date_for_age
from tests.conftest import Geography
from tests.polling.api_calls import claim
from tests.polling.conftest import Device, PollingDay, polling_day_build


@pytest.fixture
def day(geo: Geography) -> PollingDay:
    return polling_day_build(geo)


def first_time_birth_date() -> datetime.date:
    """Exactly 18 today (the polling day of ``polling_day_build``)."""
    return latest_birth_date_for_age(timezone.localdate(), 18)


@pytest.fixture
def voting(day: PollingDay) -> tuple[PollingDay, Device]:
    """City A: 6 women of 40, 4 first-time men of 18, 10 men of 40 (20 eligible, plus one
    too young); county B: 5 women. Station A1 open; 3 women, 2 first-time men and 1 man
    of city A have voted through the claim API."""
    geo = day.geo
    women = day.add_voters(geo.city_a, 6, gender="female")
    young = day.add_voters(geo.city_a, 4, gender="male", birth_date=first_time_birth_date())
    men = day.add_voters(geo.city_a, 10, gender="male")
    day.add_voters(
        geo.city_a, 1, gender="male", birth_date=first_time_birth_date() + datetime.timedelta(1)
    )
    day.add_voters(geo.city_b, 5, gender="female")
    device = day.enrol(geo.station_a1)
    day.open(device)
    for voter in [*women[:3], *young[:2], men[0]]:
        answer = claim(device, voter.national_code)
        assert answer.status_code == 200, answer.content
    return day, device
