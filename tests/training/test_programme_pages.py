"""The HQ writes programmes, modules and questions; everyone else may only read them."""

from __future__ import annotations

import pytest

from shora.training.models import Module, Programme, Question


def test_the_hq_adds_a_programme_a_module_and_a_question(world, client_as):
    client = client_as("province_hq")
    election = world.geo.election.pk
    response = client.post(
        f"/elections/{election}/training/programmes/new/",
        {
            "role": "inspector",
            "title": "آموزش بازرسان",
            "questions_per_test": "۵",
            "time_limit_minutes": "١٥",  # Arabic-Indic digits
            "pass_percent": "80",
            "max_attempts": "2",
            "sessions_required": "1",
            "drills_required": "0",
            "drill_min_score": "60",
        },
    )
    programme = Programme.objects.get(role="inspector")
    assert response["Location"] == f"/training/programmes/{programme.pk}/"
    assert (programme.questions_per_test, programme.time_limit_minutes) == (5, 15)
    client.post(f"/training/programmes/{programme.pk}/modules/new/", {"title": "بازرسی شعبه"})
    module = Module.objects.get(programme=programme)
    client.post(
        f"/training/programmes/{programme.pk}/questions/new/",
        {
            "module": module.pk,
            "text": "بازرس چه زمانی گزارش می‌دهد؟",
            "choices": "پایان روز\n*هر گاه تخلفی ببیند\nهرگز",
            "explanation": "بی‌درنگ.",
        },
    )
    question = Question.objects.get(module=module)
    assert [c.correct for c in question.choices.order_by("pk")] == [False, True, False]
    page = client.get(f"/training/programmes/{programme.pk}/").content.decode()
    assert "هر گاه تخلفی ببیند ✓" in page


@pytest.mark.parametrize("choices", ["تنها یک گزینه", "*الف\n*ب\nج", "الف\nب", "", "*\n*\n*"])
def test_a_bad_question_is_refused_and_nothing_is_written(world, client_as, choices):
    client = client_as("province_hq")
    url = f"/training/programmes/{world.chairs.pk}/questions/new/"
    before = Question.objects.count()
    response = client.post(
        url, {"module": world.chair_module.pk, "text": "پرسش", "choices": choices}, follow=True
    )
    assert response.status_code == 200
    assert Question.objects.count() == before


def test_a_second_programme_for_a_role_is_refused(world, client_as):
    response = client_as("province_hq").post(
        f"/elections/{world.geo.election.pk}/training/programmes/new/",
        {"role": "station_chair", "title": "دوباره", "questions_per_test": "5",
         "time_limit_minutes": "10", "pass_percent": "70", "max_attempts": "3",
         "sessions_required": "1", "drills_required": "0", "drill_min_score": "60"},
        follow=True,
    )  # fmt: skip
    assert "برنامهٔ آموزشی دارد" in response.content.decode()
    assert Programme.objects.filter(role="station_chair").count() == 1


def test_a_module_of_another_programme_is_not_a_choice(world, client_as):
    client = client_as("province_hq")
    before = Question.objects.count()
    client.post(
        f"/training/programmes/{world.chairs.pk}/questions/new/",
        {"module": world.secretary_module.pk, "text": "x", "choices": "*a\nb"},
    )
    assert Question.objects.count() == before


@pytest.mark.parametrize("role", ["supervisor", "county", "trainer", "district", "station"])
def test_only_the_hq_writes_the_programmes(world, client_as, role):
    client = client_as(role)
    election = world.geo.election.pk
    assert client.post(f"/elections/{election}/training/programmes/new/", {}).status_code == 403
    url = f"/training/programmes/{world.chairs.pk}/"
    assert client.post(url + "modules/new/", {"title": "x"}).status_code == 403
    assert client.post(url + "questions/new/", {"text": "x"}).status_code == 403
    assert Module.objects.filter(title="x").count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [("province_hq", 200), ("supervisor", 200), ("county", 200), ("trainer", 200),
     ("district", 403), ("station", 403)],
)  # fmt: skip
def test_who_reads_a_programme(world, client_as, role, status):
    assert client_as(role).get(f"/training/programmes/{world.chairs.pk}/").status_code == status
