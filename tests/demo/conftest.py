"""Fixtures for the demo's tests: a built small demo, and quick password hashing."""

from __future__ import annotations

import pytest
from pytest_django.fixtures import Settings

from shora.demo.build import DemoSummary, demo_build


@pytest.fixture(autouse=True)
def quick_password_hashing(settings: Settings) -> None:
    """Argon2 takes a third of a second per demo user; these tests only need it to work."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def small_demo(db: None) -> DemoSummary:
    return demo_build(small=True)
