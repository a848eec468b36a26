"""A drill election: the shared geography, its election flagged as a drill (so that the
shared ``client_as`` and ``make_user`` fixtures, bound to that geography, work here)."""

from __future__ import annotations

import pytest

from shora.elections.models import Election
from tests.conftest import Geography


@pytest.fixture
def drill_geo(geo: Geography) -> Geography:
    Election.objects.filter(pk=geo.election.pk).update(is_drill=True)
    geo.election.refresh_from_db()
    return geo
