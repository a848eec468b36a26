"""The training pages: schedule, series form, attendance, the trainee's tests, evaluation,
reports; and who may open and change what."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from shora.training.models import Attendance, SessionSeries, TestAttempt
from shora.training.services.programmes import trainee_of
from shora_domain.digits import to_latin_digits as to_latin
from shora_domain.digits import to_persian_digits
from tests.training.test_attempts import right_answers


def test_the_overview_shows_programmes_and_the_weeks_sessions(world, client_as):
    client = client_as("trainer")
    page = client.get(f"/elections/{world.geo.election.pk}/training/?week=1404/12/16")
    text = page.content.decode()
    assert page.status_code == 200
    assert "آموزش رؤسای شعب" in text and "جلسهٔ هفتگی اهواز" in text


def test_a_trainer_schedules_a_weekly_series_in_persian_digits(world, client_as):
    client = client_as("trainer")
    response = client.post(
        f"/elections/{world.geo.election.pk}/training/",
        {
            "title": "جلسهٔ منشي‌ها",
            "place": "مدرسه",
            "capacity": "۳۰",
            "roles": ["secretary"],
            "weekday": "1",
            "starts_at": "۱۶:۳۰",
            "first_date": "۱۴۰۵/۰۱/۱۵",
        },
    )
    assert response.status_code == 302
    series = SessionSeries.objects.get(title="جلسهٔ منشی‌ها")  # Arabic yeh stored as Persian
    assert series.county == world.geo.county_a and series.capacity == 30
    assert series.sessions.count() >= 3


def test_an_hq_user_cannot_schedule_sessions(world, client_as):
    response = client_as("province_hq").post(
        f"/elections/{world.geo.election.pk}/training/", {"title": "x"}
    )
    assert response.status_code == 403


def test_attendance_by_list_and_code_on_the_session_page(world, client_as):
    client = client_as("trainer")
    url = f"/training/sessions/{world.session.pk}/"
    assert (
        "كريمي" in client.get(url).content.decode() or "کریمی" in client.get(url).content.decode()
    )
    client.post(url + "attend/", {"person": world.chair_a.pk})
    client.post(url + "attend/", {"code": to_persian_digits(world.secretary_a.national_code)})
    assert Attendance.objects.filter(session=world.session).count() == 2
    response = client.post(url + "attend/", {"code": world.chair_b.national_code}, follow=True)
    assert "دعوت نشده" in response.content.decode()
    assert client.post(url + "attend/", {"person": "abc"}).status_code == 404


def test_a_trainer_of_another_county_can_neither_see_nor_take_attendance(world, client_as):
    client = client_as("trainer", county=world.geo.county_b)
    url = f"/training/sessions/{world.session.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url + "attend/", {"person": world.chair_a.pk}).status_code == 403
    assert not Attendance.objects.exists()


def test_the_supervisory_board_reads_but_does_not_take_attendance(world, client_as):
    client = client_as("supervisor")
    url = f"/training/sessions/{world.session.pk}/"
    assert client.get(url).status_code == 200
    assert client.post(url + "attend/", {"person": world.chair_a.pk}).status_code == 403


def test_a_trainee_takes_a_test_through_their_code(world, client):
    code = trainee_of(world.chair_a).code
    home = client.get(f"/training/t/{to_persian_digits(code)}/")
    assert home.status_code == 200 and "گشایش شعبه" in home.content.decode()
    started = client.post(f"/training/t/{code}/modules/{world.chair_module.pk}/start/")
    attempt = TestAttempt.objects.get(person=world.chair_a)
    assert started["Location"] == f"/training/t/{code}/attempts/{attempt.pk}/"
    form = client.get(started["Location"]).content.decode()
    assert "پرسش ۱" in form or "پرسش" in form
    answers = {f"q{k}": v for k, v in right_answers(attempt).items()}
    client.post(started["Location"], answers)
    attempt.refresh_from_db()
    assert attempt.passed
    result = client.get(started["Location"]).content.decode()
    assert "زیرا درست است." in result  # the explanation, after the attempt


def test_a_trainee_cannot_open_anothers_attempt_or_a_wrong_code(world, client):
    mine = trainee_of(world.chair_a).code
    theirs = trainee_of(world.secretary_a).code
    client.post(f"/training/t/{theirs}/modules/{world.secretary_module.pk}/start/")
    other = TestAttempt.objects.get(person=world.secretary_a)
    assert client.get(f"/training/t/{mine}/attempts/{other.pk}/").status_code == 404
    assert client.get("/training/t/000000000000/").status_code == 404
    assert client.get("/training/t/abc/").status_code == 404


def test_guessing_personal_codes_is_stopped_per_address(world, client, settings):
    settings.SHORA_TRAINEE_WRONG_CODES = 3
    mine = trainee_of(world.chair_a).code
    assert client.get(f"/training/t/{mine}/").status_code == 200  # a right code counts nothing
    for guess in ("000000000001", "۰۰۰۰۰۰۰۰۰۰۰۲", "abc"):
        assert client.get(f"/training/t/{guess}/").status_code == 404
    refused = client.get(f"/training/t/{mine}/")  # now even the right code, from this address
    assert refused.status_code == 429
    shown = refused.content.decode()
    assert "دوباره" in shown and 'data-testid="limited"' in shown
    start = f"/training/t/{mine}/modules/{world.chair_module.pk}/start/"
    assert client.post(start).status_code == 429
    assert not TestAttempt.objects.filter(person=world.chair_a).exists()
    elsewhere = client.get(f"/training/t/{mine}/", REMOTE_ADDR="10.1.2.3")
    assert elsewhere.status_code == 200


def test_a_trainee_cannot_start_another_roles_test(world, client):
    code = trainee_of(world.chair_a).code
    response = client.post(
        f"/training/t/{code}/modules/{world.secretary_module.pk}/start/", follow=True
    )
    assert "برای سمت شما نیست" in response.content.decode()
    assert not TestAttempt.objects.exists()


def test_evaluation_and_the_persons_answers_are_for_their_county(world, client, client_as):
    code = trainee_of(world.chair_a).code
    client.post(f"/training/t/{code}/modules/{world.chair_module.pk}/start/")
    attempt = TestAttempt.objects.get(person=world.chair_a)
    client.post(
        f"/training/t/{code}/attempts/{attempt.pk}/",
        {f"q{k}": v for k, v in right_answers(attempt).items()},
    )
    election = world.geo.election.pk
    trainer = client_as("trainer")
    page = trainer.get(f"/elections/{election}/training/evaluation/").content.decode()
    assert world.chair_a.full_name in page and world.chair_b.full_name not in page
    assert (
        trainer.get(f"/elections/{election}/training/people/{world.chair_a.pk}/").status_code == 200
    )
    assert (
        trainer.get(f"/elections/{election}/training/people/{world.chair_b.pk}/").status_code == 403
    )
    assert (
        trainer.get(
            f"/elections/{election}/training/evaluation/?county={world.geo.county_b.pk}"
        ).status_code
        == 403
    )
    other = client_as("trainer", username="trainer-b", county=world.geo.county_b)
    assert (
        other.get(f"/elections/{election}/training/people/{world.chair_a.pk}/").status_code == 403
    )


def test_the_hq_report_as_pdf_and_spreadsheet(world, client_as):
    client = client_as("province_hq")
    election = world.geo.election.pk
    pdf = client.get(f"/elections/{election}/training/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    sheet = client.get(f"/elections/{election}/training/report.xlsx")
    workbook = load_workbook(io.BytesIO(sheet.content))
    counties = [row for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert {row[0] for row in counties[2:]} == {"اهواز", "آبادان"}
    people = list(workbook.worksheets[1].iter_rows(values_only=True))
    codes = {row[4] for row in people[1:]}
    assert world.chair_a.national_code in codes and world.inspector_a.national_code not in codes


@pytest.mark.parametrize("role", ["county", "trainer", "district", "station"])
def test_the_hq_report_is_refused_to_others(world, client_as, role):
    client = client_as(role)
    assert client.get(f"/elections/{world.geo.election.pk}/training/report.pdf").status_code == 403
    assert client.get(f"/elections/{world.geo.election.pk}/training/report.xlsx").status_code == 403


def test_the_trainer_prints_invitations_with_personal_codes(world, client_as):
    import pypdfium2

    response = client_as("trainer").get(f"/training/series/{world.series.pk}/invitations.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.content)
    text = document[0].get_textpage().get_text_range()
    # Both invited people get a card with their code (in the trainee page's address).
    for person in (world.chair_a, world.secretary_a):
        assert trainee_of(person).code in text and person.national_code in to_latin(text)
    assert trainee_of(world.chair_b).code not in text


@pytest.mark.parametrize("role", ["province_hq", "supervisor", "district", "station"])
def test_invitations_are_for_the_county_and_its_trainers_only(world, client_as, role):
    response = client_as(role).get(f"/training/series/{world.series.pk}/invitations.pdf")
    assert response.status_code == 403


def test_another_county_s_trainer_cannot_print_the_invitations(world, client_as):
    client = client_as("trainer", county=world.geo.county_b)
    assert client.get(f"/training/series/{world.series.pk}/invitations.pdf").status_code == 403


def test_the_code_is_shown_to_the_trainer_not_to_the_hq(world, client_as):
    url = f"/elections/{world.geo.election.pk}/training/people/{world.chair_a.pk}/"
    code = to_persian_digits(trainee_of(world.chair_a).code)
    assert code in client_as("trainer").get(url).content.decode()
    hq_page = client_as("province_hq").get(url)
    assert hq_page.status_code == 200 and code not in hq_page.content.decode()
