"""Fixtures of the election-day pages: a signed-in client per role (its user at hand), and
election day built as tests/polling builds it."""

from __future__ import annotations

import pytest

from tests.conftest import Geography
from tests.polling.conftest import PollingDay, polling_day_build


@pytest.fixture
def day(geo: Geography) -> PollingDay:
    """The shared election on polling day: key made, stations staffed, nothing opened."""
    return polling_day_build(geo)
