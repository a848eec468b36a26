"""The identity desk and the voting screen as the staff and a voter see them in the served
console: Persian, right to left, the app's own font, Persian digits, nothing cut off.
Screenshots go to ./screenshots for a person to look at."""

from __future__ import annotations

import re

import pytest

from shora.station.centre_client import CentreClient
from shora.station.journal import Journal, Setting
from shora.station.station_day import station_open
from shora_domain.digits import to_persian_digits
from tests.station.conftest import CONSOLE_PASSWORD, national_code
from tests.station.station_server import StationProcess

pytestmark = pytest.mark.browser


def _persian_page(page) -> None:
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "fa"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"


def test_the_desk_and_the_voting_screen(enrolled: Journal, centre, tmp_path, browser, screenshots):
    client = CentreClient(centre.url, enrolled.setting(Setting.DEVICE_TOKEN))
    station_open(enrolled, client, chair=national_code(123_456_780), staff_present=[])
    enrolled.close()
    voter = national_code(620_000_001)
    centre.register[voter] = "1001"
    station = StationProcess(enrolled.path, tmp_path / "station.log").start()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{station.url}/desk/")
        _persian_page(page)
        page.fill("#password", CONSOLE_PASSWORD)
        page.click("button.primary")
        page.fill("#id_national_code", to_persian_digits(voter))
        page.check("input[name=document][value=national_card]")
        page.check("input[name=fingerprint][value=match]")
        page.click("button.primary")
        ticket = page.inner_text("[data-testid=ticket]").strip()
        assert ticket and all(digit in "۰۱۲۳۴۵۶۷۸۹" for digit in ticket)
        assert voter not in page.content() and to_persian_digits(voter) not in page.content()
        _persian_page(page)
        page.screenshot(path=str(screenshots / "station-identity-desk.png"), full_page=True)

        page.goto(f"{station.url}/vote/")
        page.fill("#id_ticket", ticket)
        page.click("button.primary")
        codes = [c["code"] for c in centre.definitions[11]["candidates"]]
        page.fill("#code", to_persian_digits(codes[0]))
        page.click("button[name=action][value=add]:near(#code)")
        page.fill("#q", "رضایی")
        page.click("form[method=get] button")
        page.click("[data-testid=results] button[name=action][value=add] >> nth=0")
        assert page.locator("[data-testid=chosen] li").count() == 2
        _persian_page(page)
        page.screenshot(path=str(screenshots / "station-voting-screen.png"), full_page=True)

        page.click("form[action$='/vote/review/'] button")
        assert page.locator("[data-testid=review] li").count() == 2
        page.click("button.primary")
        receipt = page.inner_text("[data-testid=receipt]").strip()
        assert re.fullmatch("[۰-۹]{4}-[۰-۹]{4}-[۰-۹]{4}", receipt), receipt
        _persian_page(page)
        page.screenshot(path=str(screenshots / "station-vote-recorded.png"), full_page=True)

        page.set_viewport_size({"width": 390, "height": 844})  # a phone at the desk
        page.goto(f"{station.url}/desk/")
        _persian_page(page)
        page.screenshot(path=str(screenshots / "station-identity-desk-phone.png"), full_page=True)
    finally:
        page.close()
        station.stop()
