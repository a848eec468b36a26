"""A person on a board or a station's staff may not register (posts from shora.boards)."""

from __future__ import annotations

import pytest

from shora.boards.places import board_place
from shora.boards.services.people import person_register
from shora.boards.services.seats import board_member_appoint
from shora.boards.services.staff import staff_post_appoint
from shora.candidates.errors import ConditionsNotMetError
from shora.candidates.models import Candidacy
from shora_domain.candidacy import CandidacyCondition
from shora_domain.digits import to_persian_digits
from shora_domain.staff_roles import BoardKind
from tests.candidates.conftest import national_code

pytestmark = pytest.mark.django_db


def _serving(geo, code: str):
    return person_register(
        actor=None,
        election=geo.election,
        national_code=code,
        first_name="حمید",
        last_name="نوری",
        gender="male",
        county=geo.county_b,
    )


def test_a_station_secretary_elsewhere_may_not_register(registering, register):
    code = national_code(40_404)
    person = _serving(registering, code)
    staff_post_appoint(actor=None, station=registering.station_b1, person=person, role="secretary")
    with pytest.raises(ConditionsNotMetError) as caught:
        register(national_code=to_persian_digits(code))
    assert [f.code for f in caught.value.failures] == [CandidacyCondition.SERVES_AT_STATION]
    assert "منشی" in caught.value.failures[0].fa
    assert not Candidacy.objects.exists()


def test_a_board_member_may_not_register_and_every_other_failure_is_listed(registering, register):
    code = national_code(50_505)
    person = _serving(registering, code)
    place = board_place(registering.election, BoardKind.COUNTY_EXECUTIVE, registering.county_a.pk)
    board_member_appoint(actor=None, place=place, person=person, role="judiciary_representative")
    with pytest.raises(ConditionsNotMetError) as caught:
        register(national_code=code, residence_confirmed=False)
    assert [f.code for f in caught.value.failures] == [
        CandidacyCondition.NO_RESIDENCE,
        CandidacyCondition.SERVES_ON_BOARD,
    ]
