"""The drill pages as a trainer sees them: Persian, right to left, Jalali dates, Persian
digits, nothing cut off; the enrolment code shown once when a drill starts."""

from __future__ import annotations

import pytest

from shora.drills.simulate import simulate
from shora.elections.models import Election
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _persian_and_whole(page) -> None:
    assert page.get_attribute("html", "dir") == "rtl"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"


def test_a_trainer_sees_the_runs_and_starts_a_drill(
    geo, make_user, live_server, browser, screenshots
):
    Election.objects.filter(pk=geo.election.pk).update(is_drill=True)
    simulate(election_id=geo.election.pk, county_code=geo.county_a.code, voters=5)
    make_user("trainer", username="trainer")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.fill("#username", "trainer")
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.goto(f"{live_server.url}/elections/{geo.election.pk}/drills/")
    _persian_and_whole(page)
    rows = page.locator("[data-testid=runs] tbody tr")
    assert rows.count() == 2
    body = page.inner_text("main")
    assert "۱۰۰۰۱" in body and "قبول" in body and "۱۴۰۵" in body
    assert "10001" not in body
    page.screenshot(path=str(screenshots / "drills-list.png"), full_page=True)

    page.locator("[data-testid=runs] tbody tr a").first.click()
    _persian_and_whole(page)
    assert page.locator("[data-testid=measures] tbody tr").count() == 4
    page.screenshot(path=str(screenshots / "drill-run.png"), full_page=True)

    page.goto(f"{live_server.url}/elections/{geo.election.pk}/drills/")
    page.click("[data-testid=start] button")
    code = page.inner_text("[data-testid=enrolment-code] strong")
    assert len(code) == 19 and code[0] in "۰۱۲۳۴۵۶۷۸۹"
    _persian_and_whole(page)
    page.screenshot(path=str(screenshots / "drill-started.png"), full_page=True)
    page.reload()
    assert page.locator("[data-testid=enrolment-code]").count() == 0 or "POST" in page.url

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/elections/{geo.election.pk}/drills/")
    _persian_and_whole(page)  # the tables scroll inside the page, the page does not
    page.screenshot(path=str(screenshots / "drills-phone.png"), full_page=True)
