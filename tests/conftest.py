"""Shared fixtures: a small province and election built through the services, one user per role.

Also decides, in one place, when PostgreSQL and browser tests must skip (with a message saying
how to run them) and makes such skips fail the run when SHORA_REQUIRE_ALL=1 (CI).
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from shora.accounts.models import Role, User
from shora.accounts.services import user_create
from shora.elections.models import Election
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    election_create,
    province_create,
    station_create,
)

PASSWORD = "a-long-test-password-1405"
CHROMIUM = os.environ.get("SHORA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in the test's thread; the ORM calls the browser
# tests make around it are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
_REQUIRED_MARKERS = ("postgres", "browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    on_postgres = connection.vendor == "postgresql"
    has_chromium = shutil.which(CHROMIUM) is not None
    skip_pg = pytest.mark.skip(
        reason="needs PostgreSQL: run scripts/test.sh with PostgreSQL reachable at "
        "$SHORA_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/shora)"
    )
    skip_browser = pytest.mark.skip(
        reason=f"needs Debian's chromium at {CHROMIUM}: apt-get install chromium "
        "(or set SHORA_CHROMIUM), then run scripts/test.sh"
    )
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "browser" in item.keywords and not has_chromium:
            item.add_marker(skip_browser)


_skipped_required: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and any(marker in report.keywords for marker in _REQUIRED_MARKERS):
        _skipped_required.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("SHORA_REQUIRE_ALL") == "1" and _skipped_required:
        print(
            f"\nSHORA_REQUIRE_ALL=1 but {len(_skipped_required)} PostgreSQL/browser test(s) "
            "were skipped:"
        )
        for nodeid in _skipped_required:
            print(f"  {nodeid}")
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Argon2 is the project's hasher (tested on its own); tests hash many throwaway passwords."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Geography:
    """Two counties (A with two districts, B with one), their councils and stations."""

    def __init__(self, *, drill: bool = False) -> None:
        self.province = province_create(actor=None, code="06", name="خوزستان", name_en="Khuzestan")
        self.election = election_create(
            actor=None,
            province=self.province,
            name="انتخابات آزمون",
            polling_date=datetime.date(2026, 5, 1),
            opens_at=datetime.time(8),
            closes_at=datetime.time(18),
            is_drill=drill,
        )
        self.county_a = county_create(
            actor=None, province=self.province, code="0601", name="اهواز", name_en="Ahvaz"
        )
        self.county_b = county_create(
            actor=None, province=self.province, code="0602", name="آبادان", name_en="Abadan"
        )
        self.district_a1 = district_create(
            actor=None, county=self.county_a, code="060101", name="مرکزی", name_en="Central"
        )
        self.district_a2 = district_create(
            actor=None, county=self.county_a, code="060102", name="اسماعیلیه", name_en="Esmailiyeh"
        )
        self.district_b1 = district_create(
            actor=None, county=self.county_b, code="060201", name="مرکزی", name_en="Central"
        )
        self.city_a = constituency_create(
            actor=None,
            election=self.election,
            district=self.district_a1,
            code="1001",
            kind="city",
            name="اهواز",
            population=1_184_788,
        )
        self.village_a = constituency_create(
            actor=None,
            election=self.election,
            district=self.district_a2,
            code="1002",
            kind="village",
            name="ده نو",
            population=900,
        )
        self.city_b = constituency_create(
            actor=None,
            election=self.election,
            district=self.district_b1,
            code="2001",
            kind="city",
            name="آبادان",
            population=231_476,
        )
        self.station_a1 = station_create(
            actor=None,
            election=self.election,
            district=self.district_a1,
            code="10001",
            name="مدرسهٔ شهید بهشتی",
            connectivity="fibre",
            constituencies=[self.city_a],
        )
        self.station_a2 = station_create(
            actor=None,
            election=self.election,
            district=self.district_a2,
            code="10002",
            name="مسجد جامع ده نو",
            connectivity="mobile",
            constituencies=[self.village_a],
        )
        self.station_b1 = station_create(
            actor=None,
            election=self.election,
            district=self.district_b1,
            code="20001",
            name="کانون فرهنگی آبادان",
            connectivity="copper",
            constituencies=[self.city_b],
        )

    def unit_for(self, role: str) -> dict[str, Any]:
        return {
            Role.PROVINCE_HQ: {"province": self.province},
            Role.SUPERVISOR: {"province": self.province},
            Role.COUNTY: {"county": self.county_a},
            Role.TRAINER: {"county": self.county_a},
            Role.DISTRICT: {"district": self.district_a1},
            Role.STATION: {"station": self.station_a1},
        }[Role(role)]


@pytest.fixture
def geo(db: None) -> Geography:
    return Geography()


@pytest.fixture
def election(geo: Geography) -> Election:
    return geo.election


@pytest.fixture
def make_user(geo: Geography) -> Callable[..., User]:
    def make(role: str, username: str | None = None, **unit: Any) -> User:
        return user_create(
            actor=None,
            username=username or role,
            password=PASSWORD,
            role=role,
            **(unit or geo.unit_for(role)),
        )

    return make


def signed_in_client(user: User) -> Client:
    """A test client signed in as ``user``, two-factor marked as done where the role needs
    it; the user is ``client.user``."""
    client = Client()
    client.force_login(user)
    if user.needs_two_factor:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def client_as(make_user: Callable[..., User]) -> Callable[..., Client]:
    """A test client signed in as a new user of ``role``, named after the role."""

    def signed_in(role: str, **unit: Any) -> Client:
        return signed_in_client(make_user(role, **unit))

    return signed_in


@pytest.fixture
def as_user(make_user: Callable[..., User]) -> Callable[..., Client]:
    """A test client signed in as a new user of ``role`` (a fresh name each call), or as
    the ``user`` given."""
    made = iter(range(10_000))

    def signed_in(
        role: str | None = None,
        username: str | None = None,
        *,
        user: User | None = None,
        **unit: Any,
    ) -> Client:
        if user is None:
            user = make_user(role, username=username or f"{role}-{next(made)}", **unit)
        return signed_in_client(user)

    return signed_in


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (no browser download); one per test process.

    Defined here, once: a second Playwright session in the same process cannot start."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def screenshots() -> Path:
    """Where browser tests leave their screenshots for a person to look at."""
    folder = Path(os.environ.get("SHORA_SCREENSHOTS", "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
