"""The boards' pages as a person sees them: Persian, right to left, Persian digits, nothing
cut off on a phone. Screenshots go to ./screenshots for a person to look at."""

from __future__ import annotations

import pytest

from shora.boards.places import BoardPlace
from shora.boards.services import (
    board_member_appoint,
    field_post_appoint,
    nomination_rule,
    staff_post_appoint,
    trustee_choose,
    trustee_nominate,
)
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, fill_supervisory_board, national_code
from tests.browser.test_pages_render import _assert_persian_page, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZWNJ = "\u200c"

NAMES = [
    ("زهرا", "کریمی"),
    ("محمد‌حسین", "رضایی"),
    ("فاطمه", "موسوی"),
    ("علی", "احمدی"),
    ("مریم", "حسینی"),
    ("رضا", "جعفری"),
    ("سارا", "کاظمی"),
    ("حسن", "نوری"),
    ("لیلا", "صالحی"),
    ("مهدی", "عباسی"),
    ("نرگس", "قاسمی"),
    ("امیر", "طاهری"),
]


def _a_half_built_executive_board(geo, person) -> BoardPlace:
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    board_member_appoint(
        actor=None,
        place=place,
        person=person(1, first_name="حمید", last_name="فرماندار"),
        role="governor",
    )
    board_member_appoint(
        actor=None,
        place=place,
        person=person(2, "female", first_name="نسرین", last_name="دادگر"),
        role="judiciary_representative",
    )
    for index, (first, last) in enumerate(NAMES):
        gender = "female" if index % 2 == 0 else "male"
        nominee = person(100 + index, gender, first_name=first, last_name=last)
        nomination = trustee_nominate(actor=None, place=place, person=nominee)
        if index < 9:
            nomination_rule(actor=None, nomination=nomination, cleared=True)
        if index < 6:
            trustee_choose(actor=None, nomination=nomination, role="trustee")
    return place


def test_a_board_page(geo, person, make_user, live_server, browser, screenshots):
    _a_half_built_executive_board(geo, person)
    make_user("county")
    url = (
        f"{live_server.url}/elections/{geo.election.pk}/boards/county_executive/{geo.county_a.pk}/"
    )

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, live_server.url, "county")
    page.goto(url)
    _assert_persian_page(page)
    assert "هیئت اجرایی شهرستان اهواز" in page.inner_text("h1")
    missing = page.inner_text("[data-testid=gate]")
    assert "۸ معتمد لازم است، ۶ تعیین شده" in missing
    assert "۱۲ نامزد معتمد معرفی شده، ۳۰ لازم است" in missing
    assert "رئیس ثبت احوال تعیین نشده است" in missing
    women = page.inner_text("[data-testid=women-share] .value")
    assert women == "۵۰٫۰٪"  # the judiciary representative and 3 of the 6 trustees, of 8
    assert f"محمد{ZWNJ}حسین رضایی" in page.inner_text("[data-testid=seats]")
    assert page.locator("[data-testid=nominees] tbody tr").count() == 12
    assert "8" not in page.inner_text("main .figures")  # digits are Persian
    page.screenshot(path=str(screenshots / "board-executive.png"), full_page=True)

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    _sign_in(phone, live_server.url, "county")
    phone.goto(url)
    _assert_persian_page(phone)
    phone.screenshot(path=str(screenshots / "board-executive-phone.png"), full_page=True)


def _people_in_every_post(geo, person) -> None:
    _a_half_built_executive_board(geo, person)
    fill_supervisory_board(geo, person, start=300)
    board_member_appoint(
        actor=None,
        place=BoardPlace(geo.election, BoardKind.PROVINCE_HQ, geo.province),
        person=person(400, "female", first_name="شهلا", last_name="نیک‌نام"),
        role="chair",
    )
    for number, (station, role, gender) in enumerate(
        [
            (geo.station_a1, "station_chair", "female"),
            (geo.station_a1, "secretary", "male"),
            (geo.station_a1, "identity_device_operator", "female"),
            (geo.station_a2, "station_chair", "male"),
            (geo.station_b1, "station_chair", "male"),
            (geo.station_b1, "secretary", "female"),
        ]
    ):
        staff_post_appoint(
            actor=None, station=station, person=person(500 + number, gender), role=role
        )
    field_post_appoint(
        actor=None,
        election=geo.election,
        county=geo.county_b,
        person=person(600, "female"),
        role="trainer",
    )


def test_the_womens_presence_overview(geo, person, make_user, live_server, browser, screenshots):
    _people_in_every_post(geo, person)
    make_user("supervisor")
    base, e = live_server.url, geo.election.pk

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, base, "supervisor")
    page.goto(f"{base}/elections/{e}/womens-presence/")
    _assert_persian_page(page)
    levels = page.locator("[data-testid=levels] tbody tr")
    assert levels.count() == 6  # the province, 2 counties, 3 districts
    assert "خوزستان" in levels.nth(0).inner_text()
    total = page.inner_text("[data-testid=total-share]")
    assert "۴۲٫۹٪" in total and "۹" in total and "۲۱" in total  # 9 women of 21 serving
    page.screenshot(path=str(screenshots / "womens-presence.png"), full_page=True)

    page.click("[data-testid=levels] a >> nth=0")  # the first county: Abadan
    page.wait_for_load_state()
    assert "آبادان" in page.inner_text("h1")
    assert page.locator("[data-testid=station-shares] tbody tr").count() == 1
    page.screenshot(path=str(screenshots / "womens-presence-county.png"), full_page=True)

    page.goto(f"{base}/elections/{e}/boards/")
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / "boards-overview.png"), full_page=True)

    page.goto(f"{base}/stations/{geo.station_a1.pk}/roster/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=gate] .missing").count() == 0
    page.screenshot(path=str(screenshots / "station-roster.png"), full_page=True)

    page.goto(f"{base}/elections/{e}/counties/{geo.county_a.pk}/boards/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=rosters] tbody tr").count() == 2
    page.screenshot(path=str(screenshots / "county-boards.png"), full_page=True)

    page.goto(f"{base}/elections/{e}/boards/settings/")
    _assert_persian_page(page)
    assert "۳۰" in page.inner_text("[data-testid=composition]")
    page.screenshot(path=str(screenshots / "boards-settings.png"), full_page=True)


def test_registering_and_appointing_in_the_browser(
    geo, make_user, live_server, browser, screenshots
):
    make_user("district")
    base = live_server.url
    people_url = f"{base}/elections/{geo.election.pk}/people/"
    roster_url = f"{base}/stations/{geo.station_a1.pk}/roster/"

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, base, "district")
    page.goto(people_url)
    _assert_persian_page(page)
    code = "۰۰۰۰۰۰۰۰۱" + "۹"  # 0000000019, typed in Persian digits
    page.fill("#id_national_code", code)
    page.fill("#id_first_name", f"محمد{ZWNJ}حسین")
    page.fill("#id_last_name", "كاظمي")  # Arabic yeh and kaf
    page.select_option("#id_gender", "male")
    page.fill("#id_phone", "۰۹۱۶ ۱۲۳ ۴۵۶۷")
    page.click("[data-testid=register-form] button.primary")
    page.wait_for_load_state()
    assert f"محمد{ZWNJ}حسین کاظمی" in page.inner_text("h1")
    assert "۰۹۱۶۱۲۳۴۵۶۷" in page.inner_text("main")

    page.fill("#id_national_code", "0012345679")
    page.select_option("#id_relation", "sibling")
    page.click("[data-testid=relative-form] button.primary")
    page.wait_for_load_state()
    assert "خواهر یا برادر" in page.inner_text("[data-testid=relatives]")
    page.screenshot(path=str(screenshots / "person.png"), full_page=True)

    page.goto(roster_url)
    page.fill("#id_national_code", code)
    page.select_option("#id_role", "station_chair")
    page.click("[data-testid=appoint-form] button.primary")
    page.wait_for_load_state()
    assert "کاظمی" in page.inner_text("[data-testid=roster]")
    assert "منشی تعیین نشده است" in page.inner_text("[data-testid=gate]")

    page.fill("#id_national_code", code)  # the same person again: refused, in Persian
    page.select_option("#id_role", "secretary")
    page.click("[data-testid=appoint-form] button.primary")
    page.wait_for_load_state()
    assert "یک سمت" in page.inner_text("[role=alert]")
    page.screenshot(path=str(screenshots / "roster-refusal.png"), full_page=True)


def test_every_boards_page_fits_a_phone(geo, person, make_user, live_server, browser):
    _people_in_every_post(geo, person)
    make_user("supervisor")
    e = geo.election.pk
    someone = geo.election.staff_people.get(national_code=national_code(500))
    paths = (
        f"/elections/{e}/boards/",
        f"/elections/{e}/boards/settings/",
        f"/elections/{e}/boards/county_executive/{geo.county_a.pk}/",
        f"/elections/{e}/counties/{geo.county_a.pk}/boards/",
        f"/elections/{e}/districts/{geo.district_a1.pk}/boards/",
        f"/stations/{geo.station_a1.pk}/roster/",
        f"/elections/{e}/people/",
        f"/people/{someone.pk}/",
        f"/elections/{e}/conflicts/",
        f"/elections/{e}/womens-presence/",
        f"/elections/{e}/womens-presence/?county={geo.county_a.pk}",
    )

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    _sign_in(phone, live_server.url, "supervisor")
    for path in paths:
        phone.goto(live_server.url + path)
        _assert_persian_page(phone)
