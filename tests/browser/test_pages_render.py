"""The main pages as a person sees them: Persian, right to left, the app's own font, Jalali
dates and Persian digits, nothing cut off on a phone; English on the switch."""

from __future__ import annotations

import pyotp
import pytest

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button.primary")


def _assert_persian_page(page) -> None:
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "fa"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.startswith('"Vazirmatn"') or font.startswith("Vazirmatn")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"


def test_hq_enrols_two_factor_and_sees_the_province(
    geo, make_user, live_server, browser, screenshots
):
    make_user("province_hq", username="hq")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/sign-in/")
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / "sign-in.png"), full_page=True)
    _sign_in(page, live_server.url, "hq")
    secret = page.inner_text("[data-testid=totp-secret]").strip()
    page.screenshot(path=str(screenshots / "two-factor-enrol.png"), full_page=True)
    page.fill("#code", pyotp.TOTP(secret).now())
    page.click("button.primary")
    page.wait_for_url(f"{live_server.url}/province/{geo.province.pk}/")
    _assert_persian_page(page)
    body = page.inner_text("body")
    assert "استان خوزستان" in body
    assert "۱۱ اردیبهشت ۱۴۰۵" in body
    seats = page.locator(".figure", has_text="کرسی شورا").locator(".value").inner_text()
    assert seats == "۲۵"  # 13 (Ahvaz) + 9 (Abadan) + 3 (the village)
    assert "13" not in page.inner_text("main")  # no Latin digits where a person reads
    rows = page.locator("[data-testid=counties] tbody tr")
    assert rows.count() == 2
    page.screenshot(path=str(screenshots / "province.png"), full_page=True)

    page.goto(f"{live_server.url}/elections/{geo.election.pk}/settings/")
    _assert_persian_page(page)
    assert "اخذ رأی" in page.inner_text("[data-testid=phases]")
    page.screenshot(path=str(screenshots / "election-settings.png"), full_page=True)

    page.click("[data-testid=gate] button.primary")
    page.wait_for_load_state()
    assert "ثبت‌نام" in page.inner_text("[data-testid=phases] li.current")

    page.click("button[name=language][value=en]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "dir") == "ltr"
    assert "Election settings" in page.inner_text("h1")
    page.screenshot(path=str(screenshots / "election-settings-en.png"), full_page=True)


@pytest.mark.parametrize(
    ("role", "page_name"),
    [("county", "county"), ("district", "district"), ("station", "station")],
)
def test_unit_pages_on_a_phone(geo, make_user, live_server, browser, screenshots, role, page_name):
    make_user(role)
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _sign_in(page, live_server.url, role)
    page.wait_for_load_state()
    _assert_persian_page(page)
    body = page.inner_text("main")
    expected = {"county": "شهرستان اهواز", "district": "بخش مرکزی", "station": "مدرسهٔ شهید بهشتی"}[
        role
    ]
    assert expected in body
    page.screenshot(path=str(screenshots / f"{page_name}-phone.png"), full_page=True)


def test_constituency_page(geo, make_user, live_server, browser, screenshots):
    make_user("county")
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    _sign_in(page, live_server.url, "county")
    page.goto(f"{live_server.url}/constituencies/{geo.city_a.pk}/")
    _assert_persian_page(page)
    assert "شورای اسلامی شهر اهواز" in page.inner_text("h1")
    figures = page.inner_text(".figures")
    assert "۱٬۱۸۴٬۷۸۸" in figures
    assert "۱۳" in figures and "۸" in figures
    page.screenshot(path=str(screenshots / "constituency.png"), full_page=True)


def test_wrong_password_shows_the_reason_in_persian(geo, make_user, live_server, browser):
    make_user("county")
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#username", "county")
    page.fill("#password", "wrong")
    page.click("button.primary")
    assert "نام کاربری یا گذرواژه نادرست است" in page.inner_text("[role=alert]")
