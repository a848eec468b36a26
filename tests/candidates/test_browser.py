"""The candidates' pages in chromium: Persian, right to left, Persian digits, nothing cut off;
a 750-candidate ballot listed and searched; screenshots for a person to look at."""

from __future__ import annotations

import pytest

from shora.candidates.services import candidacy_appeal, candidacy_decide
from shora_domain.digits import to_persian_digits
from tests.browser.test_pages_render import _assert_persian_page, _sign_in
from tests.candidates.conftest import national_code
from tests.imports.sample_tables import write_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_latin_digits(page) -> None:
    """No Latin digit where a person reads, but in a hash (hex, shown as it is published)."""
    text = page.evaluate(
        "(() => { const main = document.querySelector('main').cloneNode(true);"
        " main.querySelectorAll('[data-testid=sha256]').forEach(e => e.remove());"
        " return main.innerText.replaceAll('SHA-256', ''); })()"
    )
    latin = [line for line in text.splitlines() if any(c.isascii() and c.isdigit() for c in line)]
    assert latin == [], latin


def test_the_candidate_page_shows_the_whole_history(
    register, county_user, supervisor, high_board, clock, live_server, browser, screenshots
):
    candidacy = register(first_name="مهدي", last_name="نیک\u200cپي", veteran_status="combatant")
    candidacy_decide(
        actor=county_user, candidacy=candidacy, action="executive_reject", reason="گزارش مرجع"
    )
    clock.jalali(1404, 12, 1, 11)
    candidacy_decide(
        actor=supervisor, candidacy=candidacy, action="supervisory_reject", reason="تأیید رد"
    )
    clock.jalali(1404, 12, 3, 9)
    candidacy_appeal(actor=county_user, candidacy=candidacy, reason="درخواست کتبی شمارهٔ ۱۲")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, live_server.url, "high-board")
    page.goto(f"{live_server.url}/candidates/{candidacy.pk}/")
    _assert_persian_page(page)
    assert "مهدی نیک\u200cپی" in page.inner_text("h1")
    rows = page.locator("[data-testid=history] tbody tr")
    assert rows.count() == 4
    assert "درخواست کتبی شمارهٔ ۱۲" in rows.nth(3).inner_text()
    assert page.locator("[data-testid=offers] button").count() == 2  # the high board's two
    _no_latin_digits(page)
    page.screenshot(path=str(screenshots / "candidate-history.png"), full_page=True)
    page.fill("#reason-high_board_approve", "مدارک تازه پذیرفته شد")
    page.click("button[value=high_board_approve]")
    page.wait_for_load_state()
    assert "تأیید صلاحیت" in page.inner_text("[data-testid=status]")
    assert page.locator("[data-testid=history] tbody tr").count() == 5


def test_a_750_candidate_ballot_is_listed_and_searched(
    big_ballot, geo, make_user, live_server, browser, screenshots
):
    make_user("station")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, live_server.url, "station")
    page.goto(f"{live_server.url}/candidates/constituencies/{geo.city_a.pk}/ballot/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=ballot] tbody tr").count() == 750
    page.screenshot(path=str(screenshots / "ballot-750.png"))
    page.fill("#q", "حسينزاده")  # Arabic yeh, no ZWNJ
    page.click("form.search button")
    page.wait_for_load_state()
    assert page.locator("[data-testid=ballot] tbody tr").count() == 30
    assert "۳۰" in page.inner_text("[data-testid=found]")
    page.fill("#q", "۱۰۰۷")
    page.click("form.search button")
    page.wait_for_load_state()
    rows = page.locator("[data-testid=ballot] tbody tr")
    assert rows.count() == 1 and "احمد آذری" in rows.first.inner_text()
    _no_latin_digits(page)
    page.screenshot(path=str(screenshots / "ballot-search.png"), full_page=True)


def test_the_registration_form_explains_every_refusal_on_a_phone(
    registering, county_user, live_server, browser, screenshots
):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    _sign_in(page, live_server.url, "county")
    page.goto(f"{live_server.url}/candidates/constituencies/{registering.city_a.pk}/register/")
    _assert_persian_page(page)
    page.fill("#id_national_code", to_persian_digits(national_code(6_422_453)))
    page.fill("#id_first_name", "زهرا")
    page.fill("#id_last_name", "موسوي")
    page.fill("#id_father_name", "علي")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", "۱۳۸۴/۰۵/۰۱")
    page.select_option("#id_degree", "diploma")
    page.fill("#id_clean_record_issued_on", "۱۴۰۴/۰۱/۱۰")
    page.click("[data-testid=register-form] button.primary")
    page.wait_for_load_state()
    failures = page.locator("[data-testid=failures] li")
    assert failures.count() == 4  # age, education, residence, clean record
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / "candidate-register-refused.png"), full_page=True)


def test_the_constituency_queue_and_calendar_pages(
    register, registering, county_user, make_user, live_server, browser, screenshots
):
    for name in ("احمدی", "کاظمی", "رضایی"):
        register(last_name=name)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, live_server.url, "county")
    page.goto(f"{live_server.url}/candidates/constituencies/{registering.city_a.pk}/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=candidates] tbody tr").count() == 3
    _no_latin_digits(page)
    page.screenshot(path=str(screenshots / "candidates-constituency.png"), full_page=True)
    page.goto(f"{live_server.url}/elections/{registering.election.pk}/candidates/review/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=queue-executive] tbody tr").count() == 3
    page.screenshot(path=str(screenshots / "candidates-queue.png"), full_page=True)
    page.goto(f"{live_server.url}/elections/{registering.election.pk}/candidates/schedule/")
    _assert_persian_page(page)
    _no_latin_digits(page)
    page.screenshot(path=str(screenshots / "candidates-calendar.png"), full_page=True)


def test_a_spreadsheet_with_bad_rows_lists_every_problem(
    registering, county_user, live_server, browser, screenshots, tmp_path
):
    rows = [
        ["کد ملی", "نام", "نام خانوادگی", "نام پدر", "جنسیت", "تاریخ تولد", "کد حوزه",
         "مدرک تحصیلی", "نظام وظیفه", "ایثارگری", "تاریخ گواهی عدم سوءپیشینه", "سکونت"],
        ["۱۲۳۴۵۶۷۸۹۰", "علي", "رضايي", "حسن", "مرد", "۱۳۶۰/۰۱/۰۱", "۱۰۰۱", "لیسانس",
         "کارت پایان خدمت", "", "۱۴۰۴/۱۰/۰۱", "بله"],
        [national_code(7), "زهرا", "", "علی", "زن", "۱۳۸۴/۱۳/۰۱", "۲۰۰۱", "دیپلم", "", "",
         "", "خیر"],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "candidates.xlsx", rows)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _sign_in(page, live_server.url, "county")
    page.goto(f"{live_server.url}/candidates/counties/{registering.county_a.pk}/import/")
    _assert_persian_page(page)
    page.set_input_files("#id_file", str(path))
    page.click("[data-testid=import-form] button.primary")
    page.wait_for_load_state()
    problems = page.locator("[data-testid=problems] tbody tr")
    assert problems.count() == 4  # check digit; empty surname; no month 13; Abadan's code
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / "candidates-import-refused.png"), full_page=True)
