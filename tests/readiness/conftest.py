"""Fixtures of the readiness tests: a clock held weeks before polling day, the default
checklist, responsible organisations, and inspections answered item by item.

The shared ``geo`` election polls on 11 Ordibehesht 1405 (1 May 2026); the machine's real
today is after that, so the tests hold the readiness clock on 12 Farvardin 1405
(1 April 2026), a month before, unless a test moves it.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from shora.readiness import clock as readiness_clock
from shora.readiness.models import Organisation, TemplateVersion
from shora.readiness.services import (
    ItemAnswer,
    inspection_record,
    organisation_register,
    template_create_default,
)
from shora_domain.jalali import TEHRAN, from_jalali
from tests.conftest import Geography


def tehran(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    """A moment on Tehran's wall clock, from a Jalali date."""
    date = from_jalali(year, month, day)
    return datetime.datetime(date.year, date.month, date.day, hour, tzinfo=TEHRAN)


class Clock:
    def __init__(self) -> None:
        self.moment = tehran(1405, 1, 12)

    def jalali(self, year: int, month: int, day: int, hour: int = 10) -> None:
        self.moment = tehran(year, month, day, hour)

    def advance(self, days: int) -> None:
        self.moment += datetime.timedelta(days=days)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    held = Clock()
    monkeypatch.setattr(readiness_clock, "now", lambda: held.moment)
    return held


@pytest.fixture(autouse=True)
def media(tmp_path: Path, settings: Any) -> Iterator[Path]:
    settings.SHORA_MEDIA_ROOT = str(tmp_path / "media")
    yield tmp_path / "media"


@pytest.fixture
def checklist(geo: Geography, clock: Clock) -> TemplateVersion:
    template = template_create_default(actor=None, election=geo.election)
    return template.versions.get()


def png_bytes(width: int = 8, height: int = 6, colour: str = "green") -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(stream, "PNG")
    return stream.getvalue()


def answers(version: TemplateVersion, failing: dict[str, Any] | None = None) -> list[ItemAnswer]:
    """Every item of ``version`` answered as passing, except the codes in ``failing`` (a
    measured item's value, or True for a plain failure)."""
    failing = failing or {}
    result = []
    for item in version.items.all():
        fails = item.code in failing
        if item.check_kind == "measured":
            value = failing[item.code] if fails else str(item.threshold * 2)
            result.append(ItemAnswer(item.pk, value=value))
        elif item.check_kind == "photo":
            result.append(ItemAnswer(item.pk, passed=not fails, photo=png_bytes(colour="grey")))
        else:
            result.append(ItemAnswer(item.pk, passed=not fails))
    return result


@pytest.fixture
def organisations(geo: Geography, clock: Clock) -> dict[str, Organisation]:
    """Province-wide organisations of every kind, and Ahvaz's own telecom office."""
    made = {}
    for kind, name, person in (
        ("telecom", "شرکت مخابرات استان خوزستان", "رضا عباسی"),
        ("power", "شرکت توزیع نیروی برق خوزستان", "مهدی چنانی"),
        ("governorate_it", "فناوری اطلاعات استانداری", "سمیه موسوی"),
        ("education", "ادارهٔ کل آموزش و پرورش", "زهرا کریمی"),
        ("police", "فرماندهی انتظامی استان", "سرهنگ احمدی"),
        ("municipality", "شهرداری اهواز", "علی نظری"),
    ):
        made[kind] = organisation_register(
            actor=None,
            province=geo.province,
            county=None,
            kind=kind,
            name=name,
            contact_person=person,
            phone="06133334455",
        )
    made["ahvaz_telecom"] = organisation_register(
        actor=None,
        province=geo.province,
        county=geo.county_a,
        kind="telecom",
        name="مخابرات منطقهٔ اهواز",
        contact_person="ناصر سواری",
        phone="۰۹۱۶۱۲۳۴۵۶۷",
    )
    return made


@pytest.fixture
def inspect(checklist: TemplateVersion) -> Callable[..., Any]:
    """Record an inspection of a station by the system with the given failures."""

    def record(station: Any, failing: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("inspector_name", "بازرس آزمون")
        kwargs.setdefault("actor", None)
        version = kwargs.pop("version", checklist)
        return inspection_record(
            station=station, version=version, answers=answers(version, failing), **kwargs
        )

    return record
