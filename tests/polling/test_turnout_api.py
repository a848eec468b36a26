"""The turnout feed over the API: per station and hour, within the caller's unit only."""

from __future__ import annotations

import pytest

from tests.polling.api_calls import claim

pytestmark = pytest.mark.django_db


def test_officials_see_the_turnout_of_their_unit_only(day, device, client_as, make_user):
    for voter in day.add_voters(day.geo.city_a, 2):
        assert claim(device, voter.national_code).status_code == 200
    url = f"/api/elections/{day.election.pk}/polling/turnout"
    rows = client_as("province_hq").get(url).json()
    assert [(r["station_code"], r["voters"]) for r in rows] == [("10001", 2)]
    assert rows[0]["hour"].endswith(":00:00+03:30")  # Tehran's wall clock, on the hour
    other_county = client_as("county", county=day.geo.county_b)
    assert other_county.get(url).json() == []
    assert client_as("supervisor").get(url).status_code == 200


def test_without_a_session_the_feed_is_closed(day):
    from django.test import Client

    assert Client().get(f"/api/elections/{day.election.pk}/polling/turnout").status_code == 401
