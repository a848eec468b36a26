"""The officials' dashboard: numbers against participations made through the claim API,
scope per role, the hour asked for, the empty state, the live part and the xlsx."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from shora.participation.services import county_target_set

pytestmark = pytest.mark.django_db


def url(geo, query=""):
    return f"/elections/{geo.election.pk}/participation/{query}"


def test_the_province_before_any_vote_explains_itself(day, as_user):
    day.add_voters(day.geo.city_a, 3)
    response = as_user("province_hq").get(url(day.geo))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="participation-empty"' in page
    assert 'data-testid="where-to-act"' not in page
    assert response.context["figures"].voters == 0
    assert response.context["figures"].eligible == 3


def test_the_province_counts_what_the_claims_recorded(voting, as_user):
    day, _ = voting
    geo = day.geo
    response = as_user("province_hq").get(url(geo))
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.eligible, figures.voters) == (25, 6)
    assert figures.turnout_tenths == 240  # 6 of 25
    by_county = {line.name: line for line in response.context["lines"]}
    assert (by_county["اهواز"].eligible, by_county["اهواز"].voters) == (20, 6)
    assert (by_county["آبادان"].eligible, by_county["آبادان"].voters) == (5, 0)
    assert by_county["اهواز"].women_voters == 3
    assert sum(point.voters for point in response.context["curve"]) == 6
    assert response.context["curve"][-1].so_far == 6
    women, men = response.context["genders"]
    assert (women.eligible, women.voters, men.eligible, men.voters) == (11, 3, 14, 3)
    first = response.context["ages"][0]
    assert first.first_time
    assert (first.eligible, first.voters) == (4, 2)
    assert sum(line.eligible for line in response.context["ages"]) == 25
    assert sum(line.voters for line in response.context["ages"]) == 6
    womens = {line.group.value: line.share for line in response.context["womens"]}
    assert (womens["eligible"].women, womens["eligible"].total) == (11, 25)
    assert (womens["voters"].women, womens["voters"].total) == (3, 6)
    assert womens["rosters"].total == 6  # a chair and a secretary at three stations
    assert womens["rosters"].women == 3
    assert "<svg" in response.content.decode()


def test_a_county_sees_its_districts_and_stations(voting, as_user):
    day, _ = voting
    geo = day.geo
    response = as_user("county").get(url(geo))
    assert response.status_code == 200
    assert response.context["scope"].county == geo.county_a
    assert [line.name for line in response.context["lines"]] == ["اسماعیلیه", "مرکزی"]
    stations = {line.station.code: line.voters for line in response.context["stations"]}
    assert stations == {"10001": 6, "10002": 0}
    assert [line.peak_load for line in response.context["stations"]] == [None, None]
    assert response.context["stations"][0].eligible_share == 20


def test_a_station_expected_above_its_capacity_is_marked(voting, as_user, settings):
    day, _ = voting
    geo = day.geo
    county_target_set(actor=None, election=geo.election, county=geo.county_a, target="100")
    settings.SHORA_STATION_HOURLY_CAPACITY = 2
    response = as_user("county").get(url(geo))
    loads = {line.station.code: line.peak_load for line in response.context["stations"]}
    assert loads == {"10001": 3, "10002": 0}  # 20 eligible x 100 % x 15 %, rounded up
    assert response.content.decode().count('data-testid="overloaded"') == 1
    settings.SHORA_STATION_HOURLY_CAPACITY = 3
    assert 'data-testid="overloaded"' not in as_user("county").get(url(geo)).content.decode()


@pytest.mark.parametrize(
    ("role", "query", "status"),
    [
        ("county", "?county={b}", 403),
        ("county", "?county={a}", 200),
        ("county", "?district={b1}", 403),
        ("district", "?district={a2}", 403),
        ("district", "?county={b}", 403),
        ("district", "", 200),
        ("province_hq", "?county={b}", 200),
        ("province_hq", "?district={b1}", 200),
        ("supervisor", "?county={a}", 200),
        ("trainer", "", 403),
        ("station", "", 403),
        ("province_hq", "?county=abc", 403),
        ("province_hq", "?county=999999", 404),
    ],
)
def test_scope(day, as_user, role, query, status):
    geo = day.geo
    query = query.format(
        a=geo.county_a.pk, b=geo.county_b.pk, a2=geo.district_a2.pk, b1=geo.district_b1.pk
    )
    assert as_user(role).get(url(geo, query)).status_code == status


def test_a_district_sees_its_constituencies(voting, as_user):
    day, _ = voting
    response = as_user("district").get(url(day.geo))
    assert [line.name for line in response.context["lines"]] == ["اهواز"]
    assert response.context["figures"].voters == 6


@pytest.mark.parametrize("hour", ["25", "99", "-1", "x", "۲۶", "0", "1.5", "1" * 400])
def test_an_hour_outside_the_polling_window_is_refused(day, as_user, hour):
    response = as_user("province_hq").get(url(day.geo, f"?until={hour}"))
    assert response.status_code == 400
    assert "polling window" in response.content.decode() or "اخذ رأی" in response.content.decode()


def test_an_hour_inside_the_window_shows_the_figures_before_it(voting, as_user):
    day, _ = voting
    client = as_user("province_hq")
    # polls open all day (00:00-23:59:59): 1 o'clock counts nothing before it unless
    # the claims were made in the first hour
    early = client.get(url(day.geo, "?until=۱"))
    assert early.status_code == 200
    assert [point.hour.hour for point in early.context["curve"]] == [0]
    whole_day = client.get(url(day.geo, "?until=24"))
    assert whole_day.status_code == 200
    assert whole_day.context["curve"][-1].so_far == 6


def test_where_to_act_lists_the_units_below_target(voting, as_user):
    day, _ = voting
    geo = day.geo
    county_target_set(actor=None, election=geo.election, county=geo.county_a, target="50")
    county_target_set(
        actor=None, election=geo.election, county=geo.county_b, target="۴۰", last_turnout="35.5"
    )
    response = as_user("province_hq").get(url(geo))
    act = response.context["where_to_act"]
    assert [line.name for line in act] == ["آبادان", "اهواز"]  # -40.0 then -20.0
    assert act[0].gap_tenths == -400
    assert act[1].voters_short == 4  # 10 of 20 needed, 6 voted
    # the province's target: (10 + 2) voters needed of 25 eligible
    assert response.context["figures"].target_tenths == 480


def test_the_live_part_comes_alone(voting, as_user):
    day, _ = voting
    response = as_user("province_hq").get(url(day.geo, "?live=1"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'data-testid="voters-total"' in body


def test_every_table_as_xlsx(voting, as_user):
    day, _ = voting
    response = as_user("province_hq").get(url(day.geo, "?format=xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 4
    units = list(book.worksheets[0].iter_rows(values_only=True))
    assert (
        units[0][2:4] in (("eligible", "voters"), ("واجدان شرایط", "رأی‌دهندگان")) or len(units) == 3
    )
    values = {row[1]: row[3] for row in units[1:]}
    assert values["اهواز"] == 6
