"""Board composition as data, and the gates that say what a board or a roster lacks."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.board_composition import (
    DEFAULT_COMPOSITION_TABLE,
    MAX_SEATS,
    BoardComposition,
    BoardFacts,
    CompositionRefusal,
    CompositionTable,
    Seat,
    board_gaps,
    roster_gaps,
    table_from_dict,
    table_to_dict,
)
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind, SeatRole, StaffRole, role_label

EXECUTIVE = DEFAULT_COMPOSITION_TABLE.board(BoardKind.COUNTY_EXECUTIVE)
SUPERVISORY = DEFAULT_COMPOSITION_TABLE.board(BoardKind.COUNTY_SUPERVISORY)
ROSTER = DEFAULT_COMPOSITION_TABLE.station_roster


def refused(code: CompositionRefusal, call: Any, *args: Any, **kwargs: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code is code, caught.value.en
    return caught.value


def full(composition: BoardComposition) -> BoardFacts:
    return BoardFacts(
        filled={seat.role: seat.minimum for seat in composition.seats},
        nominees=composition.nominees_needed,
        cleared=composition.nominees_needed,
    )


def test_the_law_as_public_sources_show_it():
    seats = {seat.role: (seat.minimum, seat.maximum) for seat in EXECUTIVE.seats}
    assert seats == {
        "governor": (1, 1),
        "judiciary_representative": (1, 1),
        "civil_registry_head": (1, 1),
        "trustee": (8, 8),
        "alternate": (5, 5),
    }
    members = sum(m for role, (m, _) in seats.items() if role != "alternate")
    assert members == 11
    assert EXECUTIVE.nominees_needed == 30
    assert SUPERVISORY.minimum_members == 5
    assert DEFAULT_COMPOSITION_TABLE.board(BoardKind.DISTRICT_SUPERVISORY).minimum_members == 3
    assert DEFAULT_COMPOSITION_TABLE.board(BoardKind.PROVINCE_SUPERVISORY).minimum_members == 3
    roster = {seat.role: seat.minimum for seat in ROSTER}
    assert roster["station_chair"] == 1 and roster["secretary"] == 1


def test_an_empty_executive_board_lacks_everything_in_order():
    gaps = board_gaps(EXECUTIVE, BoardFacts(filled={}))
    assert [g.en for g in gaps] == [
        "no governor (chair)",
        "no judiciary representative",
        "no head of civil registration",
        "8 trustees needed, 0 chosen",
        "5 alternates needed, 0 chosen",
        "0 nominees, 30 needed",
        "only 0 cleared nominees are left to choose from; 13 trustee seats are empty",
    ]
    assert gaps[3].fa == "۸ معتمد لازم است، ۰ تعیین شده"
    assert gaps[5].fa.startswith("۰ نامزد معتمد معرفی شده، ۳۰ لازم است")


def test_the_messages_of_the_issue():
    facts = BoardFacts(
        filled={
            "governor": 1,
            "judiciary_representative": 1,
            "civil_registry_head": 1,
            "trustee": 5,
            "alternate": 3,
        },
        nominees=12,
        cleared=12,
    )
    messages = [g.en for g in board_gaps(EXECUTIVE, facts)]
    assert "8 trustees needed, 5 chosen" in messages
    assert "5 alternates needed, 3 chosen" in messages
    assert "12 nominees, 30 needed" in messages
    assert board_gaps(SUPERVISORY, BoardFacts(filled={"member": 4}))[0].en == "no chair"


def test_a_complete_board_lacks_nothing():
    for composition in DEFAULT_COMPOSITION_TABLE.boards:
        assert board_gaps(composition, full(composition)) == []


def test_too_many_in_a_seat_is_a_gap():
    facts = dataclasses.replace(full(SUPERVISORY), filled={"chair": 2, "member": 4})
    assert [g.code for g in board_gaps(SUPERVISORY, facts)] == ["seat_over"]


def test_cleared_nominees_must_suffice_for_the_empty_trustee_seats():
    facts = BoardFacts(
        filled={
            "governor": 1,
            "judiciary_representative": 1,
            "civil_registry_head": 1,
            "trustee": 6,
        },
        nominees=30,
        cleared=10,
    )
    # 10 cleared, 6 already chosen: 4 left for 2 trustee and 5 alternate seats.
    gaps = {g.code: g for g in board_gaps(EXECUTIVE, facts)}
    assert "cleared_short" in gaps
    assert "4 cleared nominees" in gaps["cleared_short"].en
    assert "7 trustee seats" in gaps["cleared_short"].en


counts = st.integers(min_value=0, max_value=40)


@given(
    filled=st.fixed_dictionaries({seat.role: counts for seat in EXECUTIVE.seats}),
    nominees=counts,
    cleared=counts,
)
def test_the_gate_is_empty_exactly_when_every_seat_and_the_nominees_are_right(
    filled: dict[str, int], nominees: int, cleared: int
):
    cleared = min(cleared, nominees)
    gaps = board_gaps(EXECUTIVE, BoardFacts(filled=filled, nominees=nominees, cleared=cleared))
    seats_right = all(
        seat.minimum <= filled[seat.role] and seat.allows(filled[seat.role])
        for seat in EXECUTIVE.seats
    )
    chosen = filled["trustee"] + filled["alternate"]
    empty = max(8 - filled["trustee"], 0) + max(5 - filled["alternate"], 0)
    enough_cleared = empty <= max(cleared - chosen, 0)
    assert (gaps == []) == (seats_right and nominees >= 30 and enough_cleared)
    # one gap at most per seat, and every gap is in both languages
    seat_gaps = [g for g in gaps if g.code.startswith("seat_")]
    assert len(seat_gaps) == sum(
        1
        for seat in EXECUTIVE.seats
        if filled[seat.role] < seat.minimum or not seat.allows(filled[seat.role])
    )
    assert all(g.fa and g.en and g.fa != g.en for g in gaps)


@given(filled=st.fixed_dictionaries({seat.role: counts for seat in ROSTER}))
def test_a_roster_lacks_a_role_exactly_when_below_its_minimum(filled: dict[str, int]):
    gaps = roster_gaps(ROSTER, filled)
    short = [g for g in gaps if g.code in ("seat_empty", "seat_short")]
    assert len(short) == sum(1 for seat in ROSTER if filled[seat.role] < seat.minimum)
    over = [g for g in gaps if g.code == "seat_over"]
    assert len(over) == sum(1 for seat in ROSTER if not seat.allows(filled[seat.role]))


def test_a_station_without_chair_and_secretary():
    assert [g.en for g in roster_gaps(ROSTER, {})] == ["no station chair", "no secretary"]
    assert [g.fa for g in roster_gaps(ROSTER, {})] == [
        "رئیس شعبه تعیین نشده است",
        "منشی تعیین نشده است",
    ]
    assert roster_gaps(ROSTER, {"station_chair": 1, "secretary": 2}) == []


def test_the_table_survives_json():
    data = json.loads(json.dumps(table_to_dict(DEFAULT_COMPOSITION_TABLE)))
    assert table_from_dict(data) == DEFAULT_COMPOSITION_TABLE


seats_strategy = st.lists(
    st.tuples(st.integers(0, 20), st.one_of(st.none(), st.integers(0, 20))),
    min_size=len(SeatRole),
    max_size=len(SeatRole),
)


@given(bounds=seats_strategy, nominees=st.integers(0, 60))
def test_any_valid_table_round_trips(bounds: list[tuple[int, int | None]], nominees: int):
    seats = tuple(
        Seat(role.value, low, None if high is None else max(high, low, 1))
        for role, (low, high) in zip(SeatRole, bounds, strict=True)
    )
    boards = tuple(BoardComposition(kind, seats, nominees) for kind in BoardKind)
    table = CompositionTable(boards=boards, station_roster=ROSTER)
    assert table_from_dict(table_to_dict(table)) == table


def test_bad_tables_are_refused_with_the_reason():
    data = table_to_dict(DEFAULT_COMPOSITION_TABLE)
    broken = json.loads(json.dumps(data))
    broken["boards"]["county_executive"]["seats"][3]["minimum"] = -1
    error = refused(CompositionRefusal.NEGATIVE, table_from_dict, broken)
    assert "trustee" in error.en

    broken = json.loads(json.dumps(data))
    broken["boards"]["county_executive"]["seats"][3]["maximum"] = 2
    refused(CompositionRefusal.MAXIMUM_BELOW_MINIMUM, table_from_dict, broken)

    broken = json.loads(json.dumps(data))
    broken["boards"]["county_supervisory"]["seats"].append(
        {"role": "chair", "minimum": 1, "maximum": 1}
    )
    refused(CompositionRefusal.REPEATED_ROLE, table_from_dict, broken)

    broken = json.loads(json.dumps(data))
    broken["boards"]["county_supervisory"]["seats"][0]["role"] = "king"
    refused(CompositionRefusal.UNKNOWN_ROLE, table_from_dict, broken)

    broken = json.loads(json.dumps(data))
    del broken["boards"]["district_supervisory"]
    error = refused(CompositionRefusal.MALFORMED_DATA, table_from_dict, broken)
    assert "district_supervisory" in error.en

    broken = json.loads(json.dumps(data))
    broken["boards"]["county_supervisory"]["nominees_needed"] = 30
    refused(CompositionRefusal.NOMINEES_WITHOUT_TRUSTEES, table_from_dict, broken)

    broken = json.loads(json.dumps(data))
    broken["boards"]["county_hq"]["seats"][1]["maximum"] = MAX_SEATS + 1
    refused(CompositionRefusal.TOO_LARGE, table_from_dict, broken)

    broken = json.loads(json.dumps(data))
    broken["station_roster"].append({"role": "inspector", "minimum": 0, "maximum": 2})
    refused(CompositionRefusal.UNKNOWN_ROLE, table_from_dict, broken)

    broken = json.loads(json.dumps(data))
    broken["boards"]["county_hq"]["seats"][0]["minimum"] = True
    refused(CompositionRefusal.MALFORMED_DATA, table_from_dict, broken)

    refused(CompositionRefusal.MALFORMED_DATA, table_from_dict, "not a table")


def test_every_role_and_kind_has_two_labels():
    for kind in BoardKind:
        assert kind.label("fa") != kind.label("en")
    for seat_role in SeatRole:
        assert seat_role.label("fa") and seat_role.label("en", plural=True)
    for staff_role in StaffRole:
        assert staff_role.label("fa") and staff_role.label("en", plural=True)
    assert role_label("trustee") == "معتمد"
    assert role_label("station_chair", "en") == "station chair"
    assert role_label("nobody") == "nobody"
