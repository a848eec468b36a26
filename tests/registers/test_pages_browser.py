"""The register's pages as people see them in chromium: the public look-up on a phone, the
summary, a voter who may not vote and the import history; screenshots in screenshots/."""

from __future__ import annotations

import pytest

from shora.registers.models import Voter
from tests.conftest import PASSWORD
from tests.registers.conftest import DEAD, YOUNG

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LATIN_DIGITS = set("0123456789")


def _persian_page(page) -> None:  # type: ignore[no-untyped-def]
    assert page.get_attribute("html", "dir") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"


def _sign_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_load_state()


def test_the_public_lookup_on_a_phone(geo, imported, live_server, browser, screenshots) -> None:
    station = geo.station_a1.name

    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/where-do-i-vote/")
    _persian_page(page)
    page.screenshot(path=str(screenshots / "where-do-i-vote-phone.png"), full_page=True)

    page.fill("#id_national_code", "۰۰۱۲۳۴۵۶۷۹")
    page.fill("#id_birth_date", "۱۳۶۰/۰۵/۲۰")
    page.click("button.primary")
    page.wait_for_load_state()

    _persian_page(page)
    answer = page.inner_text("[data-testid=answer]")
    assert "اهواز" in answer and station in answer and "۱۰۰۰۱" in answer
    assert not LATIN_DIGITS & set(answer)
    assert "احمد" not in page.inner_text("body")
    page.screenshot(path=str(screenshots / "where-do-i-vote-answer-phone.png"), full_page=True)

    page.fill("#id_national_code", "0012345679")
    page.fill("#id_birth_date", "1360/05/21")
    page.click("button.primary")
    page.wait_for_load_state()
    assert page.locator("[data-testid=not-found]").count() == 1
    page.screenshot(path=str(screenshots / "where-do-i-vote-miss-phone.png"), full_page=True)


def test_the_register_summary_a_voter_and_the_imports(
    geo, imported, make_user, live_server, browser, screenshots
) -> None:
    make_user("supervisor", username="supervisor")
    young = Voter.objects.get(national_code=YOUNG[0]).pk
    dead = DEAD[0].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    base, election, county = live_server.url, geo.election.pk, geo.county_a.name

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, base, "supervisor")

    page.goto(f"{base}/register/province/?election={election}")
    _persian_page(page)
    totals = page.inner_text("[data-testid=register-totals]")
    assert "۶" in totals and "۳" in totals and not LATIN_DIGITS & set(totals)
    assert page.locator("[data-testid=register-rows] tbody tr").count() == 2
    page.screenshot(path=str(screenshots / "register-province.png"), full_page=True)

    page.click(f"text={county}")
    page.wait_for_load_state()
    _persian_page(page)
    assert page.locator("[data-testid=register-rows] tbody tr").count() == 2
    page.screenshot(path=str(screenshots / "register-county.png"), full_page=True)

    page.fill("#id_q", "نوروزی")
    page.click("[data-testid=search-box] button")
    page.wait_for_load_state()
    page.click(f"text={dead}")
    page.wait_for_load_state()
    _persian_page(page)
    assert "درگذشته" in page.inner_text("[data-testid=eligibility]")
    page.screenshot(path=str(screenshots / "register-voter-deceased.png"), full_page=True)

    page.goto(f"{base}/register/voters/{young}/")
    assert "۱۱ اردیبهشت ۱۳۸۷" in page.inner_text("[data-testid=eligibility]")
    page.screenshot(path=str(screenshots / "register-voter-under-age.png"), full_page=True)

    page.goto(f"{base}/register/imports/?election={election}")
    _persian_page(page)
    assert "extract.csv" in page.inner_text("[data-testid=imports]")
    page.screenshot(path=str(screenshots / "register-imports.png"), full_page=True)


def test_the_county_summary_on_a_phone(
    geo, imported, make_user, live_server, browser, screenshots
) -> None:
    make_user("county", username="county")
    county = geo.county_a.name

    page = browser.new_page(viewport={"width": 390, "height": 844})
    _sign_in(page, live_server.url, "county")
    page.goto(f"{live_server.url}/register/")
    page.wait_for_load_state()
    _persian_page(page)
    assert county in page.inner_text("h1")
    page.screenshot(path=str(screenshots / "register-county-phone.png"), full_page=True)
