"""The API's view of a board and a roster; women's presence side by side."""

from __future__ import annotations

from shora.boards.places import BoardPlace
from shora.boards.services import (
    board_member_appoint,
    field_post_appoint,
    staff_post_appoint,
)
from shora.boards.womens_presence import womens_presence
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, fill_executive_board, fill_supervisory_board


def test_a_board_by_the_api(geo, person, client_as):
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_SUPERVISORY),
        person=person(1, "female"),
        role="chair",
    )
    body = (
        client_as("supervisor")
        .get(f"/api/elections/{geo.election.pk}/boards/county_supervisory/{geo.county_a.pk}")
        .json()
    )
    assert body["label_fa"] == "هیئت نظارت شهرستان اهواز"
    assert body["complete"] is False
    assert [m["message_en"] for m in body["missing"]] == ["4 members needed, 0 chosen"]
    assert (
        body["seats"][0]["role"] == "chair" and body["seats"][0]["holders"][0]["gender"] == "female"
    )
    assert body["women"] == {"women": 1, "total": 1, "percent_tenths": 1000}
    by_id = client_as("province_hq").get(f"/api/boards/{body['id']}").json()
    assert by_id == body


def test_an_empty_board_has_no_id_yet(geo, client_as):
    body = (
        client_as("county")
        .get(f"/api/elections/{geo.election.pk}/boards/county_executive/{geo.county_a.pk}")
        .json()
    )
    assert body["id"] is None
    assert body["nominees_needed"] == 30
    assert body["missing"][0]["message_fa"] == "فرماندار (رئیس هیئت) تعیین نشده است"


def test_unknown_kinds_and_units_are_not_found(geo, client_as):
    client = client_as("province_hq")
    e = geo.election.pk
    assert client.get(f"/api/elections/{e}/boards/royal_court/{geo.county_a.pk}").status_code == 404
    assert client.get(f"/api/elections/{e}/boards/county_executive/99999").status_code == 404
    # a district id where a county is meant
    assert (
        client.get(
            f"/elections/{e}/boards/district_supervisory/{geo.county_b.pk + 999}/"
        ).status_code
        == 404
    )


def test_a_roster_by_the_api(geo, person, client_as):
    staff_post_appoint(actor=None, station=geo.station_a1, person=person(1), role="station_chair")
    body = client_as("station").get(f"/api/stations/{geo.station_a1.pk}/roster").json()
    assert body["code"] == "10001" and body["complete"] is False
    assert [m["message_en"] for m in body["missing"]] == ["no secretary"]
    assert body["women"]["percent_tenths"] == 0


def test_womens_presence_per_board_level_and_station(geo, person):
    fill_executive_board(geo, person, women=4)  # 3 officials (men) + 13 chosen, 4 women
    fill_supervisory_board(geo, person)  # 5 men
    board_member_appoint(
        actor=None,
        place=BoardPlace(geo.election, BoardKind.PROVINCE_HQ, geo.province),
        person=person(3000, "female"),
        role="chair",
    )
    board_member_appoint(
        actor=None,
        place=BoardPlace(
            geo.election,
            BoardKind.DISTRICT_SUPERVISORY,
            geo.province,
            geo.county_a,
            geo.district_a1,
        ),
        person=person(3001, "female"),
        role="chair",
    )
    staff_post_appoint(
        actor=None, station=geo.station_a1, person=person(3002, "female"), role="station_chair"
    )
    staff_post_appoint(actor=None, station=geo.station_a1, person=person(3003), role="secretary")
    staff_post_appoint(actor=None, station=geo.station_b1, person=person(3004), role="secretary")
    field_post_appoint(
        actor=None,
        election=geo.election,
        county=geo.county_a,
        person=person(3005, "female"),
        role="trainer",
    )

    presence = womens_presence(geo.election)
    rows = {(u.level, u.label): u for u in presence.units}
    province = rows[("province", "خوزستان")]
    ahvaz = rows[("county", "اهواز")]
    central = next(
        u for u in presence.units if u.level == "district" and u.unit_id == geo.district_a1.pk
    )
    assert (province.boards.women, province.boards.total) == (1, 1)
    assert (ahvaz.boards.women, ahvaz.boards.total) == (4, 21)
    assert (ahvaz.field.women, ahvaz.field.total) == (1, 1)
    assert (central.boards.women, central.boards.total) == (1, 1)
    assert (central.stations.women, central.stations.total) == (1, 2)
    assert (presence.total.women, presence.total.total) == (8, 27)
    executive = next(s for p, s in presence.boards if p.kind == BoardKind.COUNTY_EXECUTIVE)
    assert (executive.women, executive.total) == (4, 16)

    ahvaz_only = womens_presence(geo.election, county=geo.county_a)
    assert [u.level for u in ahvaz_only.units] == ["county", "district", "district"]
    assert [(s.code, share.women, share.total) for s, share in ahvaz_only.stations] == [
        ("10001", 1, 2),
        ("10002", 0, 0),
    ]
    assert (ahvaz_only.total.women, ahvaz_only.total.total) == (7, 25)


def test_the_presence_page_shows_persian_figures(geo, person, client_as):
    fill_supervisory_board(geo, person)
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_HQ),
        person=person(9, "female"),
        role="chair",
    )
    page = client_as("province_hq").get(f"/elections/{geo.election.pk}/womens-presence/")
    text = page.content.decode()
    assert "۱۶٫۷٪" in text  # 1 woman of 6
    county_page = client_as("county").get(f"/elections/{geo.election.pk}/womens-presence/")
    assert county_page.status_code == 200
    assert "۱۰۰۰۱" in county_page.content.decode()  # the stations of the county are listed
