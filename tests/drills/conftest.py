"""A drill election: the shared geography built with the drill flag."""

from __future__ import annotations

import pytest

from tests.conftest import Geography


@pytest.fixture
def drill_geo(db: None) -> Geography:
    return Geography(drill=True)
