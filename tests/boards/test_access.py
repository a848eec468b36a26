"""Every role on every boards page and API call: what is allowed, and what is refused (403).

Geography (tests/conftest.py): county A (Ahvaz) has districts A1 (city A, station A1) and
A2 (village A, station A2); county B (Abadan) has district B1 (city B, station B1). County,
trainer, district and station users are bound to A, A, A1 and station A1.
"""

from __future__ import annotations

import pytest

from shora.boards.models import Board, BoardMembership, NominationStatus, StaffPost
from shora.boards.services import (
    board_member_appoint,
    person_register,
    staff_post_appoint,
    trustee_nominate,
)
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, national_code

HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION = (
    "province_hq",
    "supervisor",
    "county",
    "trainer",
    "district",
    "station",
)
ROLES = (HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION)
IN_PROVINCE = set(ROLES)


def urls(geo, people) -> dict[str, str]:
    e = geo.election.pk
    return {
        "overview": f"/elections/{e}/boards/",
        "settings": f"/elections/{e}/boards/settings/",
        "executive_a": f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/",
        "executive_b": f"/elections/{e}/boards/county_executive/{geo.county_b.pk}/",
        "province_hq": f"/elections/{e}/boards/province_hq/{geo.province.pk}/",
        "district_board_a1": f"/elections/{e}/boards/district_supervisory/{geo.district_a1.pk}/",
        "district_board_a2": f"/elections/{e}/boards/district_supervisory/{geo.district_a2.pk}/",
        "county_a": f"/elections/{e}/counties/{geo.county_a.pk}/boards/",
        "county_b": f"/elections/{e}/counties/{geo.county_b.pk}/boards/",
        "district_a1": f"/elections/{e}/districts/{geo.district_a1.pk}/boards/",
        "district_a2": f"/elections/{e}/districts/{geo.district_a2.pk}/boards/",
        "roster_a1": f"/stations/{geo.station_a1.pk}/roster/",
        "roster_a2": f"/stations/{geo.station_a2.pk}/roster/",
        "roster_b1": f"/stations/{geo.station_b1.pk}/roster/",
        "people": f"/elections/{e}/people/",
        "person_at_a1": f"/people/{people['at_a1'].pk}/",
        "person_of_hq": f"/people/{people['of_hq'].pk}/",
        "conflicts": f"/elections/{e}/conflicts/",
        "womens_presence": f"/elections/{e}/womens-presence/",
        "api_boards": f"/api/elections/{e}/boards",
        "api_executive_a": f"/api/elections/{e}/boards/county_executive/{geo.county_a.pk}",
        "api_executive_b": f"/api/elections/{e}/boards/county_executive/{geo.county_b.pk}",
        "api_board_by_id": f"/api/boards/{people['board'].pk}",
        "api_roster_a1": f"/api/stations/{geo.station_a1.pk}/roster",
        "api_roster_b1": f"/api/stations/{geo.station_b1.pk}/roster",
        "api_conflicts": f"/api/elections/{e}/conflicts",
    }


ALLOWED = {
    "overview": {HQ, SUP},
    "settings": IN_PROVINCE,
    "executive_a": {HQ, SUP, COUNTY, TRAINER},
    "executive_b": {HQ, SUP},
    "province_hq": {HQ, SUP},
    "district_board_a1": {HQ, SUP, COUNTY, TRAINER, DISTRICT},
    "district_board_a2": {HQ, SUP, COUNTY, TRAINER},
    "county_a": {HQ, SUP, COUNTY, TRAINER},
    "county_b": {HQ, SUP},
    "district_a1": {HQ, SUP, COUNTY, TRAINER, DISTRICT},
    "district_a2": {HQ, SUP, COUNTY, TRAINER},
    "roster_a1": IN_PROVINCE,
    "roster_a2": {HQ, SUP, COUNTY, TRAINER},
    "roster_b1": {HQ, SUP},
    "people": IN_PROVINCE,
    "person_at_a1": IN_PROVINCE,
    "person_of_hq": {HQ, SUP},
    "conflicts": {HQ, SUP},
    "womens_presence": {HQ, SUP, COUNTY, TRAINER, DISTRICT},
    "api_boards": {HQ, SUP, COUNTY, TRAINER, DISTRICT},
    "api_executive_a": {HQ, SUP, COUNTY, TRAINER},
    "api_executive_b": {HQ, SUP},
    "api_board_by_id": {HQ, SUP, COUNTY, TRAINER},
    "api_roster_a1": IN_PROVINCE,
    "api_roster_b1": {HQ, SUP},
    "api_conflicts": {HQ, SUP},
}
CASES = [(name, role, role in allowed) for name, allowed in ALLOWED.items() for role in ROLES]


@pytest.fixture
def people(geo, person):
    at_a1 = person_register(
        actor=None,
        election=geo.election,
        national_code=national_code(1),
        first_name="مریم",
        last_name="صالحی",
        gender="female",
        county=geo.county_a,
    )
    staff_post_appoint(actor=None, station=geo.station_a1, person=at_a1, role="station_chair")
    of_hq = person(2)
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_EXECUTIVE),
        person=person(3),
        role="governor",
    )
    return {"at_a1": at_a1, "of_hq": of_hq, "board": Board.objects.get()}


@pytest.mark.parametrize(("name", "role", "allowed"), CASES)
def test_scope(geo, people, client_as, name, role, allowed):
    response = client_as(role).get(urls(geo, people)[name])
    assert response.status_code == (200 if allowed else 403), response.content[:500]


def test_the_station_sees_only_its_own_people(geo, people, client_as):
    page = client_as(STATION).get(urls(geo, people)["people"]).content.decode()
    assert people["at_a1"].full_name in page
    assert "ناما" not in page  # the HQ's registrations


def test_another_county_is_refused_not_shown_empty(geo, people, client_as):
    from shora.accounts.services import user_create
    from tests.conftest import PASSWORD

    user_create(
        actor=None, username="abadan", password=PASSWORD, role="county", county=geo.county_b
    )
    from django.test import Client

    client = Client()
    client.login(username="abadan", password=PASSWORD)
    assert client.get(urls(geo, people)["executive_a"]).status_code == 403
    assert client.get(urls(geo, people)["api_roster_a1"]).status_code == 403
    listed = client.get(urls(geo, people)["api_boards"]).json()
    assert {b["label_en"] for b in listed} == {
        "county election HQ of Abadan",
        "county executive board of Abadan",
        "county supervisory board of Abadan",
        "district supervisory board of Central",
    }


# -- writes through the pages --------------------------------------------------------------


def test_county_staff_appoint_on_their_board_and_not_the_others(geo, people, client_as):
    client = client_as(COUNTY)
    e = geo.election.pk
    person_register(
        actor=None,
        election=geo.election,
        national_code=national_code(50),
        first_name="سارا",
        last_name="امینی",
        gender="female",
    )
    posted = client.post(
        f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/appoint/",
        {
            "national_code": "۰۰۰-۰۰۰۰۵۰-" + national_code(50)[-1],
            "role": "judiciary_representative",
        },
    )
    assert posted.status_code == 302
    assert BoardMembership.objects.filter(role="judiciary_representative").count() == 1
    refused = client.post(
        f"/elections/{e}/boards/county_executive/{geo.county_b.pk}/appoint/",
        {"national_code": national_code(50), "role": "governor"},
    )
    assert refused.status_code == 403
    hq = client_as(HQ).post(
        f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/appoint/",
        {"national_code": national_code(50), "role": "civil_registry_head"},
    )
    assert hq.status_code == 403


def test_a_refusal_is_shown_on_the_page_in_persian(geo, people, client_as):
    e = geo.election.pk
    page = client_as(COUNTY).post(
        f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/appoint/",
        {"national_code": national_code(3), "role": "governor"},
    )
    assert page.status_code == 400
    assert "پر است" in page.content.decode()
    unknown = client_as(COUNTY, username="county2").post(
        f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/appoint/",
        {"national_code": national_code(77), "role": "governor"},
    )
    assert unknown.status_code == 400
    wrong_digit = client_as(COUNTY, username="county3").post(
        f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/appoint/",
        {"national_code": "0012345678", "role": "governor"},
    )
    assert "رقم کنترل" in wrong_digit.content.decode()


def test_only_the_supervisory_board_rules_on_nominees(geo, people, client_as, person):
    nomination = trustee_nominate(
        actor=None, place=county_place(geo, BoardKind.COUNTY_EXECUTIVE), person=person(60)
    )
    url = f"/nominations/{nomination.pk}/rule/"
    for role in (COUNTY, HQ, DISTRICT, STATION, TRAINER):
        assert client_as(role).post(url, {"decision": "clear"}).status_code == 403
    assert client_as(SUP).post(url, {"decision": "clear"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.CLEARED
    chosen = client_as(COUNTY, username="county2").post(
        f"/nominations/{nomination.pk}/choose/", {"role": "alternate"}
    )
    assert chosen.status_code == 302
    assert BoardMembership.objects.filter(role="alternate", nomination=nomination).exists()
    assert (
        client_as(SUP, username="sup2")
        .post(f"/nominations/{nomination.pk}/choose/", {"role": "trustee"})
        .status_code
        == 403
    )


def test_district_staff_fill_their_stations_roster(geo, people, client_as, person):
    person(70)
    client = client_as(DISTRICT)
    ok = client.post(
        f"/stations/{geo.station_a1.pk}/roster/",
        {"national_code": national_code(70), "role": "secretary"},
    )
    assert ok.status_code == 302
    assert (
        client.post(
            f"/stations/{geo.station_a2.pk}/roster/",
            {"national_code": national_code(70), "role": "secretary"},
        ).status_code
        == 403
    )
    assert (
        client_as(STATION)
        .post(
            f"/stations/{geo.station_a1.pk}/roster/",
            {"national_code": national_code(70), "role": "station_member"},
        )
        .status_code
        == 403
    )
    assert StaffPost.objects.filter(role="secretary").count() == 1


def test_registering_people_through_the_page(geo, people, client_as):
    url = f"/elections/{geo.election.pk}/people/"
    data = {
        "national_code": "٠٠٠٠٠٠٠٩٠" + national_code(90)[-1],
        "first_name": "فاطمه",
        "last_name": "كريمي",
        "gender": "female",
        "phone": "۰۹۱۲۳۴۵۶۷۸۹",
    }
    for role in (SUP, STATION, TRAINER):
        assert client_as(role).post(url, data).status_code == 403
    created = client_as(DISTRICT).post(url, data)
    assert created.status_code == 302
    twice = client_as(COUNTY).post(url, {**data, "first_name": "فاطمة"})
    assert twice.status_code == 400
    assert "پیش‌تر به نام «فاطمه کریمی»" in twice.content.decode()


def test_only_the_hq_saves_the_boards_settings(geo, client_as):
    url = f"/elections/{geo.election.pk}/boards/settings/"
    page = client_as(HQ).get(url)
    form = page.context["form"]
    data = {"relative_policy": "block", "composition_table": form.initial["composition_table"]}
    for role in (SUP, COUNTY, DISTRICT, STATION, TRAINER):
        assert client_as(role).post(url, data).status_code == 403
    assert client_as(HQ, username="hq2").post(url, data).status_code == 302
    bad = client_as(HQ, username="hq3").post(url, {**data, "composition_table": "{not json"})
    assert bad.status_code == 400
