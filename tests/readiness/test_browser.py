"""The checklist's pages as people see them: the inspector's phone page, the county's
dashboard, the province's view and who owes what. Right to left, the app's font, Persian
digits, nothing wider than a phone's screen. Screenshots go to ./screenshots/."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shora.readiness.models import Deficiency, Inspection

from .conftest import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session(browser: Any, live_server: Any, user: Any, viewport: dict[str, int]) -> Any:
    """A browser page signed in as ``user`` (two-factor marked done for the HQ)."""
    client = Client()
    client.force_login(user)
    if user.needs_two_factor:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="browser", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    context = browser.new_context(viewport=viewport)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def _assert_persian_page(page: Any) -> None:
    assert page.get_attribute("html", "dir") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"


def test_the_inspector_s_phone_page(
    geo, make_user, checklist, clock, live_server, browser, screenshots, tmp_path
):
    inspector = make_user("district")
    page = _session(browser, live_server, inspector, {"width": 390, "height": 844})
    page.goto(f"{live_server.url}/stations/{geo.station_a1.pk}/inspect/")
    _assert_persian_page(page)
    assert "مدرسهٔ شهید بهشتی" in page.inner_text("h1")
    assert "۱۰۰۰۱" in page.inner_text("h1")
    page.screenshot(path=str(screenshots / "readiness-inspect-phone.png"), full_page=True)
    photo = tmp_path / "ramp.png"
    photo.write_bytes(png_bytes(60, 40, "orange"))
    for item in checklist.items.all():
        box = page.locator(f"[data-testid=check-{item.code}]")
        if item.check_kind == "measured":
            value = "۳" if item.code == "link_bandwidth" else "۹۰"
            box.locator("input[inputmode=decimal]").fill(value)
        else:
            answer = "no" if item.code == "primary_link" else "yes"
            box.locator(f"label.{answer}").click()
        if item.check_kind == "photo":
            box.locator("input[type=file]").set_input_files(str(photo))
    page.locator("[data-testid=check-primary_link] input[type=text]").fill("کابل فیبر بریده")
    page.click("[data-testid=record-inspection]")
    page.wait_for_url(f"{live_server.url}/inspections/*/")
    _assert_persian_page(page)
    inspection = Inspection.objects.get()
    assert (inspection.failed, inspection.recorded_by) == (2, inspector)
    assert set(Deficiency.objects.values_list("item_code", flat=True)) == {
        "primary_link",
        "link_bandwidth",
    }
    page.screenshot(path=str(screenshots / "readiness-inspection-phone.png"), full_page=True)


def test_the_county_dashboard_and_a_deficiency(
    geo, make_user, inspect, organisations, clock, live_server, browser, screenshots
):
    inspect(geo.station_a1, {"primary_link": True, "link_bandwidth": "۴", "cooling": True})
    clock.advance(3)
    inspect(geo.station_a2, {"wheelchair_ramp": True})
    clock.advance(9)  # the blocking link is overdue now
    county = make_user("county")
    county.first_name, county.last_name = "عبدالرضا", "سواری"
    county.save(update_fields=["first_name", "last_name"])
    page = _session(browser, live_server, county, {"width": 1280, "height": 900})
    page.goto(
        f"{live_server.url}/elections/{geo.election.pk}/readiness/counties/{geo.county_a.pk}/"
    )
    _assert_persian_page(page)
    assert "اهواز" in page.inner_text("h1")
    table = page.inner_text("[data-testid=deficiencies]")
    assert "۱۰۰۰۱" in table and "مخابرات منطقهٔ اهواز" in table
    assert "10001" not in page.inner_text("main")
    assert page.locator("svg.chart").count() == 1
    page.screenshot(path=str(screenshots / "readiness-county.png"), full_page=True)

    link = Deficiency.objects.get(item_code="primary_link")
    page.goto(f"{live_server.url}/deficiencies/{link.pk}/")
    _assert_persian_page(page)
    page.click("[data-testid=step-start]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=history] li").count() == 2
    page.screenshot(path=str(screenshots / "readiness-deficiency.png"), full_page=True)

    phone = _session(browser, live_server, county, {"width": 390, "height": 844})
    phone.goto(
        f"{live_server.url}/elections/{geo.election.pk}/readiness/counties/{geo.county_a.pk}/"
    )
    _assert_persian_page(phone)
    phone.screenshot(path=str(screenshots / "readiness-county-phone.png"), full_page=True)


def test_the_province_view_of_the_demo(live_server, browser, screenshots, settings, tmp_path):
    """The small demo as the HQ sees it today: polling day has passed, so as it stood."""
    from shora.accounts.models import User
    from shora.demo.build import demo_build

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_build(small=True)
    hq = User.objects.get(username="hq")
    election = hq.province.elections.get(is_drill=False)
    page = _session(browser, live_server, hq, {"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/elections/{election.pk}/readiness/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=history-notice]").count() == 1
    assert "۱۱ اردیبهشت ۱۴۰۵" in page.inner_text("[data-testid=history-notice]")
    rows = page.locator("[data-testid=county-readiness] tbody tr")
    assert rows.count() == 3  # the small demo's counties with stations
    assert page.locator("[data-testid=station-tiles] a.tile").count() > 30
    assert page.locator("svg.chart polyline").count() >= 2
    page.screenshot(path=str(screenshots / "readiness-province.png"), full_page=True)

    page.goto(f"{live_server.url}/elections/{election.pk}/readiness/owed/")
    _assert_persian_page(page)
    assert "مخابرات شهرستان هویزه" in page.inner_text("[data-testid=owed]")
    page.screenshot(path=str(screenshots / "readiness-owed.png"), full_page=True)

    page.goto(f"{live_server.url}/elections/{election.pk}/readiness/submissions/")
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / "readiness-submissions.png"), full_page=True)
