"""Fixtures of the election-day pages: a signed-in client per role (its user at hand), and
election day built as tests/polling builds it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.conftest import Geography
from tests.polling.conftest import PollingDay, polling_day_build


@pytest.fixture
def as_user(make_user: Callable[..., Any]) -> Callable[..., Client]:
    """A signed-in client for a new user of ``role`` (two-factor done where the role needs
    it); the user is ``client.user``."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    made = iter(range(1_000))

    def client(role: str, username: str | None = None, **unit: Any) -> Client:
        user = make_user(role, username=username or f"{role}-{next(made)}", **unit)
        signed = Client()
        signed.force_login(user)
        if user.needs_two_factor:
            device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
            session = signed.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        signed.user = user  # type: ignore[attr-defined]
        return signed

    return client


@pytest.fixture
def day(geo: Geography) -> PollingDay:
    """The shared election on polling day: key made, stations staffed, nothing opened."""
    return polling_day_build(geo)
