"""The participation dashboard as the provincial HQ sees it in Persian: right to left, the
app's font, nothing wider than the screen. The screenshot goes to ./screenshots/."""

from __future__ import annotations

import pytest
from django.test import Client

from shora.participation.services import county_target_set, womens_goal_set
from shora.participation.snapshots import womens_snapshot_take
from tests.participation.conftest import first_time_birth_date
from tests.polling.api_calls import claim
from tests.polling.conftest import polling_day_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_in_persian(geo, make_user, live_server, browser, screenshots, settings):
    day = polling_day_build(geo)
    settings.SHORA_STATION_HOURLY_CAPACITY = 2  # so that a station is expected above it
    voters = [
        *day.add_voters(geo.city_a, 30, gender="female"),
        *day.add_voters(geo.city_a, 12, gender="male", birth_date=first_time_birth_date()),
        *day.add_voters(geo.city_a, 40, gender="male"),
    ]
    day.add_voters(geo.city_b, 25, gender="female")
    device = day.enrol(geo.station_a1)
    day.open(device)
    for voter in voters[::2]:
        assert claim(device, voter.national_code).status_code == 200
    county_target_set(
        actor=None, election=geo.election, county=geo.county_a, target="۶۵", last_turnout="۴۸"
    )
    county_target_set(
        actor=None, election=geo.election, county=geo.county_b, target="۶۰", last_turnout="۴۵"
    )
    womens_goal_set(actor=None, election=geo.election, group="boards", goal="۳۰")
    womens_snapshot_take(geo.election)
    day.add_voters(geo.city_b, 10, gender="male")
    womens_snapshot_take(geo.election)
    hq = make_user("province_hq")
    client = Client()
    client.force_login(hq)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    otp = TOTPDevice.objects.create(user=hq, name="browser", confirmed=True)
    session = client.session
    session["otp_device_id"] = otp.persistent_id
    session.save()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/elections/{geo.election.pk}/participation/")
    assert page.get_attribute("html", "dir") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"
    assert page.inner_text("[data-testid=voters-total]") == "۴۱"
    assert page.locator("[data-testid=where-to-act] tbody tr").count() == 2
    assert page.locator("svg.chart").count() == 2  # the day's curve, the phases' shares
    assert page.locator("[data-testid=overloaded-stations] tbody tr").count() >= 1
    assert page.locator("[data-testid=over-time-table] tbody tr").count() == 2
    assert page.locator("[data-testid=womens-pending]").count() == 2
    page.screenshot(path=str(screenshots / "participation-dashboard.png"), full_page=True)
    context.close()
