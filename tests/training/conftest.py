"""A small training world on the shared geography: programmes, questions, people, a series.

County A: a chair at station A1 (Arabic ي/ك in the name), a secretary at station A2, an
inspector (no programme). County B: a chair at station B1. Programmes for station chairs
and secretaries, one module each with four questions (three single, one multiple choice).
A weekly series in county A invites chairs and secretaries.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

import pytest

from shora.boards.services import field_post_appoint, person_register, staff_post_appoint
from shora.training.services.programmes import module_create, programme_create, question_create
from shora.training.services.sessions import series_create
from shora_domain.national_code import national_code_check_digit
from tests.conftest import Geography


def national_code(number: int) -> str:
    first_nine = f"{number:09d}"
    return first_nine + str(national_code_check_digit(first_nine))


def _person(geo: Geography, number: int, first: str, last: str) -> Any:
    return person_register(
        actor=None,
        election=geo.election,
        national_code=national_code(number),
        first_name=first,
        last_name=last,
        gender="male",
    )


def _questions(module: Any) -> None:
    for index in range(3):
        question_create(
            actor=None,
            module=module,
            text=f"پرسش {index + 1}",
            choices=[("درست", True), ("نادرست", False), ("شاید", False)],
            explanation="زیرا درست است.",
        )
    question_create(
        actor=None,
        module=module,
        text="کدام‌ها لازم است؟",
        choices=[("الف", True), ("ب", True), ("ج", False)],
        multiple=True,
    )


@pytest.fixture
def world(geo: Geography) -> SimpleNamespace:
    chairs = programme_create(
        actor=None,
        election=geo.election,
        role="station_chair",
        title="آموزش رؤسای شعب",
        questions_per_test=4,
        pass_percent=75,
        max_attempts=2,
        sessions_required=1,
        drills_required=0,
    )
    secretaries = programme_create(
        actor=None,
        election=geo.election,
        role="secretary",
        title="آموزش منشی‌ها",
        questions_per_test=4,
        sessions_required=1,
    )
    chair_module = module_create(actor=None, programme=chairs, title="گشایش شعبه")
    secretary_module = module_create(actor=None, programme=secretaries, title="صورت‌جلسه")
    _questions(chair_module)
    _questions(secretary_module)
    chair_a = _person(geo, 101, "علي", "كريمي")  # Arabic yeh and kaf, as typed
    secretary_a = _person(geo, 102, "مریم", "احمدی")
    chair_b = _person(geo, 103, "رضا", "رضایی")
    inspector_a = _person(geo, 104, "حسن", "حسنی")
    staff_post_appoint(actor=None, station=geo.station_a1, person=chair_a, role="station_chair")
    staff_post_appoint(actor=None, station=geo.station_a2, person=secretary_a, role="secretary")
    staff_post_appoint(actor=None, station=geo.station_b1, person=chair_b, role="station_chair")
    field_post_appoint(
        actor=None, election=geo.election, county=geo.county_a, person=inspector_a, role="inspector"
    )
    series = series_create(
        actor=None,
        election=geo.election,
        county=geo.county_a,
        title="جلسهٔ هفتگی اهواز",
        place="سالن فرمانداری",
        capacity=2,
        roles=["station_chair", "secretary"],
        weekday=5,
        starts_at=datetime.time(9),
        first_date=datetime.date(2026, 3, 1),
        modules=[chair_module],
    )
    return SimpleNamespace(
        geo=geo,
        chairs=chairs,
        secretaries=secretaries,
        chair_module=chair_module,
        secretary_module=secretary_module,
        chair_a=chair_a,
        secretary_a=secretary_a,
        chair_b=chair_b,
        inspector_a=inspector_a,
        series=series,
        session=series.sessions.order_by("date").first(),
    )
