"""The key ceremony and a station's election day as officials see them in Persian: right to
left, the app's font, Persian digits, nothing wider than the screen. Screenshots go to
./screenshots/ for a person to look at."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from shora.polling.models import ElectionKey
from tests.polling.api_calls import ballot_entry, claim, send_batch
from tests.polling.conftest import PASSPHRASES, key_holders, polling_day_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _session(browser: Any, live_server: Any, user: Any, viewport: dict[str, int]) -> Any:
    """A browser page signed in as ``user`` (two-factor marked done where needed)."""
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


def test_the_key_ceremony_in_the_browser(geo, make_user, live_server, browser, screenshots):
    holders = key_holders(geo)
    for holder, (first, last) in zip(
        holders, [("مهدی", "رحیمی"), ("فاطمه", "جعفری"), ("علی", "نوری")], strict=True
    ):
        holder.first_name, holder.last_name = first, last
        holder.save(update_fields=["first_name", "last_name"])
    hq = make_user("province_hq")
    url = f"{live_server.url}/elections/{geo.election.pk}/polling/key/"
    page = _session(browser, live_server, hq, DESKTOP)
    page.goto(url)
    _assert_persian_page(page)
    page.fill("input[name=threshold]", "۲")
    for holder, passphrase in zip(holders, PASSPHRASES, strict=True):
        box = page.locator(f"[data-testid=holder-{holder.username}]")
        box.locator("input[type=checkbox]").check()
        box.locator(f"input[name=passphrase_{holder.pk}]").fill(passphrase)
        box.locator(f"input[name=repeat_{holder.pk}]").fill(passphrase)
    page.locator(f"input[name=repeat_{holders[1].pk}]").fill("not the same passphrase")
    page.screenshot(path=str(screenshots / "polling-key-ceremony.png"), full_page=True)
    page.click("[data-testid=make-key]")
    page.wait_for_load_state()
    _assert_persian_page(page)
    assert page.locator(".errorlist").count() == 1
    assert page.input_value(f"input[name=passphrase_{holders[0].pk}]") == ""
    assert not ElectionKey.objects.exists()
    page.screenshot(path=str(screenshots / "polling-key-ceremony-refused.png"), full_page=True)

    for holder, passphrase in zip(holders, PASSPHRASES, strict=True):
        page.fill(f"input[name=passphrase_{holder.pk}]", passphrase)
        page.fill(f"input[name=repeat_{holder.pk}]", passphrase)
    page.click("[data-testid=make-key]")
    page.wait_for_url(url)
    _assert_persian_page(page)
    key = ElectionKey.objects.get()
    assert page.inner_text("[data-testid=fingerprint]").strip() == key.fingerprint
    assert "فاطمه جعفری" in page.inner_text("[data-testid=holders]")
    page.screenshot(path=str(screenshots / "polling-key.png"), full_page=True)

    supervisor = make_user("supervisor")
    phone = _session(browser, live_server, supervisor, PHONE)
    phone.goto(url)
    _assert_persian_page(phone)
    phone.screenshot(path=str(screenshots / "polling-key-phone.png"), full_page=True)


def test_a_station_s_election_day_in_the_browser(geo, make_user, live_server, browser, screenshots):
    day = polling_day_build(geo)
    station = geo.station_a1
    device = day.enrol(station)
    day.open(device)
    tokens = [
        claim(device, voter.national_code).json()["token"]
        for voter in day.add_voters(geo.city_a, 3)
    ]
    incident = {
        "kind": "incident",
        "id": str(uuid.uuid4()),
        "category": "network",
        "text": "پیوند فیبر ۱۰ دقیقه قطع شد؛ شعبه با دفتر خود ادامه داد.",
        "recorded_by": "رضا موسوی",
        "at": timezone.now().isoformat(),
    }
    entries = [ballot_entry(day, token, geo.city_a) for token in tokens[:2]]
    assert send_batch(device, 1, [*entries, incident]).json()["stored"] == 3

    county = make_user("county")
    url = f"{live_server.url}/stations/{station.pk}/polling/"
    page = _session(browser, live_server, county, DESKTOP)
    page.goto(url)
    _assert_persian_page(page)
    assert "۱۰۰۰۱" in page.inner_text("h1")
    page.click("[data-testid=issue-code]")
    page.wait_for_load_state()
    _assert_persian_page(page)
    code = page.inner_text("[data-testid=enrolment-code]").strip()
    assert len(code) == 19
    assert code in page.inner_text("[data-testid=enrol-command]")
    assert page.inner_text("[data-testid=count-participations]").strip() == "۳"
    page.screenshot(path=str(screenshots / "polling-station.png"), full_page=True)

    phone = _session(browser, live_server, county, PHONE)
    phone.goto(url)
    _assert_persian_page(phone)
    assert code not in phone.content()
    phone.click("[data-testid=issue-code]")
    phone.wait_for_load_state()
    _assert_persian_page(phone)
    phone.screenshot(path=str(screenshots / "polling-station-phone.png"), full_page=True)

    incidents = _session(browser, live_server, make_user("supervisor"), DESKTOP)
    incidents.goto(f"{live_server.url}/elections/{geo.election.pk}/polling/incidents/")
    _assert_persian_page(incidents)
    assert "پیوند فیبر" in incidents.inner_text("[data-testid=incidents]")
    incidents.screenshot(path=str(screenshots / "polling-incidents.png"), full_page=True)
    turnout = _session(browser, live_server, county, DESKTOP)
    turnout.goto(f"{live_server.url}/elections/{geo.election.pk}/polling/turnout/")
    _assert_persian_page(turnout)
    assert turnout.inner_text("[data-testid=turnout-total]").strip() == "۳"
    turnout.screenshot(path=str(screenshots / "polling-turnout.png"), full_page=True)
    public = browser.new_context(viewport=PHONE).new_page()
    public.goto(f"{live_server.url}/bulletin/")
    _assert_persian_page(public)
    public.fill(
        "#code", entries[0]["receipt_code"].translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    )
    public.click("[data-testid=receipt-lookup] button")
    public.wait_for_load_state()
    _assert_persian_page(public)
    assert public.locator("[data-testid=received]").count() == 1
    public.screenshot(path=str(screenshots / "bulletin-receipt-phone.png"), full_page=True)
