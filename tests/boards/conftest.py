"""People and boards for the boards' tests: valid national codes, people, a full board."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shora.boards.models import Person
from shora.boards.places import BoardPlace
from shora.boards.services import (
    board_member_appoint,
    nomination_rule,
    person_register,
    trustee_choose,
    trustee_nominate,
)
from shora_domain.national_code import national_code_check_digit
from shora_domain.staff_roles import BoardKind
from tests.conftest import Geography


def national_code(number: int) -> str:
    """A valid national code built from ``number`` (its first nine digits)."""
    first_nine = f"{number:09d}"
    return first_nine + str(national_code_check_digit(first_nine))


@pytest.fixture
def person(geo: Geography) -> Callable[..., Person]:
    """Register a person: person(7) gets the code built from 7; gender, names optional."""

    def make(number: int, gender: str = "male", **fields: Any) -> Person:
        return person_register(
            actor=None,
            election=geo.election,
            national_code=national_code(number),
            first_name=fields.pop("first_name", f"نام{'ا' * (number % 5)}"),
            last_name=fields.pop("last_name", "کارمند"),
            gender=gender,
            **fields,
        )

    return make


def county_place(geo: Geography, kind: BoardKind, county: Any = None) -> BoardPlace:
    county = county or geo.county_a
    return BoardPlace(geo.election, kind, geo.province, county)


def fill_executive_board(
    geo: Geography,
    person: Callable[..., Person],
    *,
    start: int = 1000,
    women: int = 0,
    county: Any = None,
) -> BoardPlace:
    """An executive board (county A's by default), complete: 3 officials, 30 nominees
    cleared, 8 trustees and 5 alternates chosen; the first ``women`` nominees are women."""
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE, county)
    officials = ("governor", "judiciary_representative", "civil_registry_head")
    for offset, role in enumerate(officials):
        board_member_appoint(actor=None, place=place, person=person(start + offset), role=role)
    for index in range(30):
        gender = "female" if index < women else "male"
        nomination = trustee_nominate(
            actor=None, place=place, person=person(start + 10 + index, gender)
        )
        nomination_rule(actor=None, nomination=nomination, cleared=True)
        if index < 13:
            trustee_choose(
                actor=None, nomination=nomination, role="trustee" if index < 8 else "alternate"
            )
    return place


def fill_supervisory_board(
    geo: Geography,
    person: Callable[..., Person],
    *,
    start: int = 2000,
    county: Any = None,
    members: int = 4,
) -> BoardPlace:
    """A county supervisory board (county A's by default): a chair and ``members`` members."""
    place = county_place(geo, BoardKind.COUNTY_SUPERVISORY, county)
    board_member_appoint(actor=None, place=place, person=person(start), role="chair")
    for offset in range(1, members + 1):
        board_member_appoint(actor=None, place=place, person=person(start + offset), role="member")
    return place
