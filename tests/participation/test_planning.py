"""Planning per unit: stations against the eligible register for county and district
lines, and the stations expected above capacity at the peak hour, seen from the province."""

from __future__ import annotations

import pytest

from shora.elections.models import PollingStation
from shora.participation.access import Scope
from shora.participation.selectors import Figures, UnitPlan, station_lines, unit_plans
from shora.participation.services import county_target_set

pytestmark = pytest.mark.django_db


def url(geo, query=""):
    return f"/elections/{geo.election.pk}/participation/{query}"


def test_stations_per_eligible_voter_by_county(voting, as_user):
    day, _ = voting
    response = as_user("province_hq").get(url(day.geo))
    plans = {plan.line.name: plan for plan in response.context["plans"]}
    ahvaz, abadan = plans["اهواز"], plans["آبادان"]
    assert (ahvaz.line.eligible, ahvaz.stations) == (20, 2)
    assert ahvaz.eligible_per_station == 10
    assert ahvaz.stations_per_10000 == 10_000  # 1,000 stations per 10,000 voters, in tenths
    assert (abadan.line.eligible, abadan.stations, abadan.eligible_per_station) == (5, 1, 5)
    assert ahvaz.busiest is None and ahvaz.overloaded == 0  # no target yet: nothing expected
    page = response.content.decode()
    assert 'data-testid="plans-need-target"' in page
    assert 'data-testid="overloaded-stations"' not in page
    assert response.context["stations"] == []  # the province lists only the overloaded


def test_an_overloaded_station_is_seen_from_the_province(voting, as_user, settings):
    day, _ = voting
    geo = day.geo
    county_target_set(actor=None, election=geo.election, county=geo.county_a, target="۱۰۰")
    settings.SHORA_STATION_HOURLY_CAPACITY = 2
    response = as_user("province_hq").get(url(geo))
    assert [line.station.code for line in response.context["overloaded"]] == ["10001"]
    plans = {plan.line.name: plan for plan in response.context["plans"]}
    assert (plans["اهواز"].busiest, plans["اهواز"].overloaded) == (3, 1)
    assert plans["آبادان"].busiest is None  # county B has no target
    page = response.content.decode()
    assert 'data-testid="overloaded-stations"' in page
    assert page.count('data-testid="overloaded-unit"') == 1
    settings.SHORA_STATION_HOURLY_CAPACITY = 3
    calm = as_user("province_hq").get(url(geo))
    assert calm.context["overloaded"] == []
    assert 'data-testid="overloaded-stations"' not in calm.content.decode()


def test_a_county_plans_by_district_and_a_district_has_no_plan(voting, as_user):
    day, _ = voting
    geo = day.geo
    county = as_user("county", county=geo.county_a).get(url(geo))
    plans = {plan.line.name: plan.stations for plan in county.context["plans"]}
    assert sum(plans.values()) == 2 and set(plans) == {"اسماعیلیه", "مرکزی"}
    district = as_user("district").get(url(geo))
    assert district.context["plans"] == []
    assert 'data-testid="plans"' not in district.content.decode()


def test_the_province_station_lines_cover_every_station(voting):
    day, _ = voting
    lines = station_lines(day.geo.election, Scope(), province=True)
    voters = {line.station.code: line.voters for line in lines}
    assert voters.pop("10001") == 6 and set(voters.values()) == {0}
    assert len(lines) == day.geo.election.stations.count()
    assert station_lines(day.geo.election, Scope()) == []  # the default: not for the province


def test_a_unit_without_stations_or_voters_has_no_ratio():
    empty = Figures(key="county:1", code="01", name="x", eligible=0, voters=0)
    plan = UnitPlan(empty, stations=0, overloaded=0, busiest=None)
    assert plan.eligible_per_station is None and plan.stations_per_10000 is None
    lonely = UnitPlan(
        Figures(key="county:1", code="01", name="x", eligible=7, voters=0), 0, 0, None
    )
    assert lonely.eligible_per_station is None and lonely.stations_per_10000 == 0
    assert unit_plans(Scope(), [empty], [], 60)[0].stations == 0


def test_the_province_lists_the_busiest_overloaded_stations_first(voting, as_user, settings):
    day, _ = voting
    geo = day.geo
    day.add_voters(geo.city_b, 30)  # 35 eligible at B1: 6 expected in the peak hour
    for county in (geo.county_a, geo.county_b):
        county_target_set(actor=None, election=geo.election, county=county, target="100")
    settings.SHORA_STATION_HOURLY_CAPACITY = 1
    response = as_user("province_hq").get(url(geo))
    loads = [line.peak_load for line in response.context["overloaded"]]
    assert loads == [6, 3]  # busiest first; 10002 serves no one
    assert response.context["overloaded_count"] == 2
    assert 'data-testid="overloaded-more"' not in response.content.decode()
    monkeypatched = pytest.MonkeyPatch()
    monkeypatched.setattr("shora.participation.views.OVERLOADED_SHOWN", 1)
    try:
        fewer = as_user("province_hq").get(url(geo))
    finally:
        monkeypatched.undo()
    assert len(fewer.context["overloaded"]) == 1 and fewer.context["overloaded_count"] == 2
    assert fewer.context["overloaded"][0].peak_load == max(loads)
    assert 'data-testid="overloaded-more"' in fewer.content.decode()


def test_the_province_plans_each_station_as_its_county_does(voting, as_user):
    day, _ = voting
    geo = day.geo
    county_target_set(actor=None, election=geo.election, county=geo.county_a, target="70")
    # (the geography is frozen on polling day: the second station written directly)
    extra = PollingStation.objects.create(
        election=geo.election, district=geo.station_a1.district, code="10009", name="شعبهٔ دوم"
    )
    extra.constituencies.add(geo.city_a)
    assert extra.pk  # city A now has two stations: each takes half of its 20 voters
    province = {
        line.station.code: line for line in station_lines(geo.election, Scope(), province=True)
    }
    county = {line.station.code: line for line in station_lines(geo.election, Scope(geo.county_a))}
    for code, line in county.items():
        assert (province[code].eligible_share, province[code].peak_load) == (
            line.eligible_share,
            line.peak_load,
        )
    assert county["10009"].eligible_share == 10 and county["10009"].peak_load == 2
