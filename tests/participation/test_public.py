"""The public page: no sign-in, province and counties only, small counts hidden, open data."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_before_any_vote_the_page_explains_itself(day, client):
    day.add_voters(day.geo.city_a, 3)
    response = client.get(f"/participation/?election={day.election.pk}")
    assert response.status_code == 200
    assert 'data-testid="public-empty"' in response.content.decode()


def test_counts_below_the_minimum_are_hidden_everywhere(voting, client):
    day, _ = voting
    response = client.get(f"/participation/?election={day.election.pk}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "fewer than" in page or "کمتر از" in page
    data = response.context["data"]
    assert data["minimum"] == 10
    assert data["province"]["voters"] is None  # 6 voters: fewer than 10
    assert data["province"]["turnout_tenths"] is None
    ahvaz = next(c for c in data["counties"] if c["code"] == day.geo.county_a.code)
    assert ahvaz["voters"] is None
    abadan = next(c for c in data["counties"] if c["code"] == day.geo.county_b.code)
    assert abadan["voters"] == 0  # nobody voted: it tells nothing about anyone
    assert all(hour["voters"] in (None, 0) for hour in data["hours"])
    opened = client.get(f"/participation/?election={day.election.pk}&format=json").json()
    assert opened["province"]["voters"] is None
    assert "6" not in [str(c["voters"]) for c in opened["counties"]]
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/participation/?election={day.election.pk}&format=csv").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert rows[0] == ["kind", "key", "name", "eligible", "voters", "turnout_percent"]
    county_a = next(row for row in rows if row[1] == day.geo.county_a.code)
    assert county_a[4] == "" and county_a[5] == ""


def test_counts_at_the_minimum_are_shown(voting, client, settings):
    day, _ = voting
    settings.SHORA_PUBLIC_MINIMUM_COUNT = 6
    data = client.get(f"/participation/?election={day.election.pk}&format=json").json()
    assert data["province"]["voters"] == 6
    assert data["province"]["turnout_tenths"] == 240
    ahvaz = next(c for c in data["counties"] if c["code"] == day.geo.county_a.code)
    assert (ahvaz["voters"], ahvaz["eligible"], ahvaz["turnout_tenths"]) == (6, 20, 300)
    assert data["hours"][-1]["voters"] == 6


def test_the_public_page_names_no_station_or_district(voting, client, settings):
    day, _ = voting
    settings.SHORA_PUBLIC_MINIMUM_COUNT = 1
    page = client.get(f"/participation/?election={day.election.pk}").content.decode()
    assert day.geo.station_a1.name not in page
    assert day.geo.district_a2.name not in page


def test_a_drill_or_unknown_election_is_not_shown(geo, client):
    response = client.get("/participation/?election=999999")
    assert response.status_code == 200
