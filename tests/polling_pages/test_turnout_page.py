"""The turnout table: an empty state that explains itself before any vote; per county for the
province's readers, per station for a county or a district, each seeing only its own."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from shora.polling.models import Participation
from shora.polling.selectors import turnout_by_station_hour
from shora.polling.views.turnout import turnout_table

pytestmark = pytest.mark.django_db

ROLES = ("province_hq", "supervisor", "county", "trainer", "district", "station")
READERS = {"province_hq", "supervisor", "county", "district"}


def _url(geo):
    return f"/elections/{geo.election.pk}/polling/turnout/"


def _hour(day, hour):
    moment = datetime.datetime.combine(timezone.localdate(), datetime.time(hour))
    return timezone.make_aware(moment)


def _voted(day, station, constituency, hour, count):
    """Participations recorded in ``hour``. The identity desk's service records only the
    present hour, so a table of several hours is laid down directly, as that service
    would have laid it down at those hours."""
    for voter in day.add_voters(constituency, count):
        Participation.objects.create(
            election=day.election,
            voter=voter,
            station=station,
            constituency=constituency,
            hour=_hour(day, hour),
            document="national_card",
            fingerprint="match",
        )


@pytest.fixture
def voted(day):
    geo = day.geo
    _voted(day, geo.station_a1, geo.city_a, 8, 3)
    _voted(day, geo.station_a1, geo.city_a, 10, 2)
    _voted(day, geo.station_a2, geo.village_a, 9, 1)
    _voted(day, geo.station_b1, geo.city_b, 8, 4)
    return day


def _cells(page: str) -> list[list[str]]:
    table = page[page.index('data-testid="turnout"') : page.index("</table>")]
    cell = re.compile(r"<t[dh][^>]*>(.*?)</t[dh]>", re.S)
    return [
        [re.sub(r"<[^>]+>", "", text).strip() for text in cell.findall(row)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_the_turnout_page(day, as_user, role):
    assert as_user(role).get(_url(day.geo)).status_code == (200 if role in READERS else 403)


def test_before_any_vote_the_page_says_why_it_is_empty(day, as_user):
    page = as_user("province_hq").get(_url(day.geo)).content.decode()
    assert 'data-testid="turnout-empty"' in page
    assert 'data-testid="turnout"' not in page
    assert 'data-testid="turnout-total">۰<' in page


def test_the_province_sees_counties_by_hour_with_every_hour_between(voted, as_user):
    page = as_user("supervisor").get(_url(voted.geo)).content.decode()
    assert "turnout-empty" not in page
    rows = _cells(page)
    assert rows[0][1:] == ["۰۸:۰۰", "۰۹:۰۰", "۱۰:۰۰", rows[0][-1]]
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["اهواز"] == ["۳", "۱", "۲", "۶"]
    assert by_name["آبادان"] == ["۴", "۰", "۰", "۴"]
    assert rows[-1][1:] == ["۷", "۱", "۲", "۱۰"]
    assert 'data-testid="turnout-total">۱۰<' in page


def test_the_province_chooses_a_county_and_sees_its_stations(voted, as_user):
    geo = voted.geo
    page = as_user("province_hq").get(f"{_url(geo)}?county={geo.county_a.pk}").content.decode()
    rows = {row[0]: row[1:] for row in _cells(page)[1:]}
    assert rows["۱۰۰۰۱ · مدرسهٔ شهید بهشتی"] == ["۳", "۰", "۲", "۵"]
    assert rows["۱۰۰۰۲ · مسجد جامع ده نو"] == ["۰", "۱", "۰", "۱"]
    assert "کانون فرهنگی آبادان" not in page


def test_a_county_sees_only_its_own_stations(voted, as_user):
    geo = voted.geo
    client = as_user("county")
    page = client.get(_url(geo)).content.decode()
    assert "مدرسهٔ شهید بهشتی" in page and "مسجد جامع ده نو" in page
    assert "کانون فرهنگی آبادان" not in page and "آبادان" not in page
    assert 'data-testid="turnout-total">۶<' in page
    assert client.get(f"{_url(geo)}?county={geo.county_b.pk}").status_code == 403
    assert client.get(f"{_url(geo)}?county={geo.county_a.pk}").status_code == 200


def test_a_district_sees_only_its_district(voted, as_user):
    geo = voted.geo
    client = as_user("district")
    page = client.get(_url(geo)).content.decode()
    assert "مدرسهٔ شهید بهشتی" in page and "مسجد جامع ده نو" not in page
    assert 'data-testid="turnout-total">۵<' in page
    assert client.get(f"{_url(geo)}?county={geo.county_a.pk}").status_code == 403


def test_a_county_of_another_province_or_unknown_is_refused(voted, as_user):
    from shora.elections.services import county_create, province_create

    other = province_create(actor=None, code="07", name="فارس")
    foreign = county_create(actor=None, province=other, code="0701", name="شیراز")
    client = as_user("province_hq")
    assert client.get(f"{_url(voted.geo)}?county={foreign.pk}").status_code == 403
    assert client.get(f"{_url(voted.geo)}?county=999999").status_code == 404
    assert client.get(f"{_url(voted.geo)}?county=abc").status_code == 200


def test_a_county_with_no_vote_yet_shows_the_empty_state(day, as_user):
    _voted(day, day.geo.station_b1, day.geo.city_b, 8, 2)
    page = as_user("county").get(_url(day.geo)).content.decode()
    assert 'data-testid="turnout-empty"' in page


def test_the_table_adds_up_whatever_the_rows(voted):
    stations = list(voted.election.stations.select_related("district__county"))
    rows = turnout_by_station_hour(voted.election)
    for by_county in (True, False):
        table = turnout_table(rows, stations, by_county=by_county)
        assert table.total == sum(row.voters for row in rows) == 10
        assert sum(table.totals) == table.total
        assert all(len(line.cells) == len(table.hours) == 3 for line in table.lines)
    assert turnout_table([], stations, by_county=True).hours == []


def _fake_station(pk: int, county: int):
    from types import SimpleNamespace

    county_unit = SimpleNamespace(pk=county, code=f"c{county}", name=f"county {county}")
    return SimpleNamespace(
        pk=pk, code=f"s{pk}", name=f"station {pk}", district=SimpleNamespace(county=county_unit)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(0, 12), st.integers(1, 500)), max_size=40),
    st.booleans(),
)
def test_turnout_table_keeps_every_participation_in_scope_and_every_hour_between(
    entries, by_county
):
    from shora.polling.selectors import TurnoutRow

    stations = [_fake_station(pk, county=pk % 2) for pk in range(4)]  # 4 and 5 out of scope
    start = timezone.make_aware(datetime.datetime(2026, 5, 1, 7))
    rows = [
        TurnoutRow(station, start + datetime.timedelta(hours=hour), voters)
        for station, hour, voters in entries
    ]
    table = turnout_table(rows, stations, by_county=by_county)
    in_scope = [row for row in rows if row.station_id < 4]
    assert table.total == sum(row.voters for row in in_scope)
    assert sum(table.totals) == table.total
    assert len(table.lines) == (2 if by_county else 4)
    gaps = {later - earlier for earlier, later in zip(table.hours, table.hours[1:], strict=False)}
    assert gaps <= {datetime.timedelta(hours=1)}
    assert bool(table.hours) == bool(in_scope)
    if in_scope:
        assert table.hours[0] == min(timezone.localtime(row.hour) for row in in_scope)
        assert table.hours[-1] == max(timezone.localtime(row.hour) for row in in_scope)
