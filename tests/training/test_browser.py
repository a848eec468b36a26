"""The training pages as people see them: the schedule, a session's attendance on a phone,
the trainee's test on a phone, the evaluation with its charts, and the HQ's PDF report.
Right to left, the app's font, Persian digits, nothing wider than the screen. Screenshots
go to ./screenshots/."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from shora.training.documents import invitations_pdf, report_pdf
from shora.training.models import TestAttempt
from shora.training.services.attempts import attempt_start, attempt_submit
from shora.training.services.programmes import trainee_of
from shora.training.services.sessions import attendance_record
from tests.training.test_attempts import right_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _page(browser: Any, live_server: Any, viewport: dict[str, int], user: Any = None) -> Any:
    context = browser.new_context(viewport=viewport)
    if user is not None:
        client = Client()
        client.force_login(user)
        if user.needs_two_factor:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name="browser", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    return context.new_page()


def _pdf_to_png(pdf: bytes, path: Any) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    assert len(document) >= 1
    document[0].render(scale=1.5).to_pil().save(path)


def _assert_persian_page(page: Any) -> None:
    assert page.get_attribute("html", "dir") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Vazirmatn')")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the page is wider than the screen by {overflow}px"


def test_the_trainer_s_pages(world, make_user, live_server, browser, screenshots):
    trainer = make_user("trainer")
    page = _page(browser, live_server, DESKTOP, trainer)
    page.goto(f"{live_server.url}/elections/{world.geo.election.pk}/training/?week=1404/12/16")
    _assert_persian_page(page)
    assert "جلسهٔ هفتگی اهواز" in page.inner_text("[data-testid=schedule]")
    assert "۱۴۰۴" in page.inner_text("h2:nth-of-type(2)")
    page.screenshot(path=str(screenshots / "training-overview.png"), full_page=True)
    phone = _page(browser, live_server, PHONE, trainer)
    phone.goto(f"{live_server.url}/training/sessions/{world.session.pk}/")
    _assert_persian_page(phone)
    phone.fill(
        "[data-testid=code-form] input[name=code]", "۰۰۰۰۰۰۱۰۱" + world.chair_a.national_code[-1]
    )
    phone.click("[data-testid=code-form] button")
    assert "حاضر" in phone.inner_text("[data-testid=attendance]")
    phone.screenshot(path=str(screenshots / "training-session-phone.png"), full_page=True)
    _pdf_to_png(invitations_pdf(world.series), screenshots / "training-invitations.png")


def test_the_trainee_s_test_on_a_phone(world, live_server, browser, screenshots):
    code = trainee_of(world.chair_a).code
    page = _page(browser, live_server, PHONE)
    page.goto(f"{live_server.url}/training/t/{code}/")
    _assert_persian_page(page)
    page.click("[data-testid=module] button")
    page.wait_for_selector("[data-testid=attempt-form]")
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / "training-attempt-phone.png"), full_page=True)
    attempt = TestAttempt.objects.get(person=world.chair_a)
    for question_id, choices in right_answers(attempt).items():
        for choice in choices:
            page.check(f"input[name=q{question_id}][value='{choice}']")
    page.click("[data-testid=attempt-form] button")
    page.wait_for_selector("[data-testid=score]")
    assert "۱۰۰" in page.inner_text("[data-testid=score]")
    page.screenshot(path=str(screenshots / "training-result-phone.png"), full_page=True)


def test_the_evaluation_with_its_charts_and_the_pdf(
    world, make_user, live_server, browser, screenshots
):
    for index, session in enumerate(world.series.sessions.order_by("date")[:3]):
        attendance_record(actor=None, session=session, person=world.chair_a)
        if index == 1:
            attendance_record(actor=None, session=session, person=world.secretary_a)
    at = datetime.datetime(2026, 3, 16, 8, tzinfo=datetime.UTC)
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=at)
    attempt_submit(attempt=attempt, answers=right_answers(attempt), at=at)
    page = _page(browser, live_server, DESKTOP, make_user("province_hq"))
    page.goto(f"{live_server.url}/elections/{world.geo.election.pk}/training/evaluation/")
    _assert_persian_page(page)
    assert page.locator("svg").count() >= 1
    assert "اهواز" in page.inner_text("[data-testid=readiness-table]")
    page.screenshot(path=str(screenshots / "training-evaluation.png"), full_page=True)
    page.goto(f"{live_server.url}/training/programmes/{world.chairs.pk}/")
    _assert_persian_page(page)
    assert "✓" in page.inner_text("[data-testid=question-bank]")
    page.screenshot(path=str(screenshots / "training-programme.png"), full_page=True)
    _pdf_to_png(report_pdf(world.geo.election), screenshots / "training-report.png")


def test_the_demo_s_story_in_the_charts(live_server, browser, screenshots):
    from shora.accounts.models import User
    from shora.demo.build import demo_build
    from shora.elections.models import Election

    demo_build(small=True)
    real = Election.objects.get(is_drill=False)
    hq = User.objects.filter(role="province_hq").first()
    page = _page(browser, live_server, DESKTOP, hq)
    page.goto(f"{live_server.url}/elections/{real.pk}/training/evaluation/")
    _assert_persian_page(page)
    table = page.inner_text("[data-testid=readiness-table]")
    assert "اهواز" in table and "هویزه" in table
    page.screenshot(path=str(screenshots / "training-evaluation-demo.png"), full_page=True)
    _pdf_to_png(report_pdf(real), screenshots / "training-report-demo.png")
