"""The boards' part of the gate to "ready", and the settings it follows."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.boards.errors import BoardRefusal
from shora.boards.gates import LISTED, check_boards_complete, check_station_rosters
from shora.boards.selectors import board_summary, composition_table_for, relative_policy_for
from shora.boards.services import board_settings_update, staff_post_appoint
from shora.elections.errors import PhaseGateError
from shora.elections.gates import PHASE_CHECKS
from shora.elections.models import Election, Phase
from shora.elections.services import election_phase_advance, station_create
from shora_domain.board_composition import DEFAULT_COMPOSITION_TABLE, table_to_dict
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, fill_executive_board, fill_supervisory_board


def staff_every_station(geo, person, start=5000):
    number = start
    for station in geo.election.stations.all():
        for role in ("station_chair", "secretary"):
            staff_post_appoint(actor=None, station=station, person=person(number), role=role)
            number += 1


def test_the_checks_are_registered_for_ready():
    assert check_boards_complete in PHASE_CHECKS[Phase.READY]
    assert check_station_rosters in PHASE_CHECKS[Phase.READY]


def test_an_election_without_boards_lists_each_missing_board_and_station(geo):
    boards = check_boards_complete(geo.election)
    assert [p.en.split(":")[0] for p in boards] == [
        "county executive board of Abadan",
        "county supervisory board of Abadan",
        "county executive board of Ahvaz",
        "county supervisory board of Ahvaz",
    ]
    assert "no governor (chair)" in boards[0].en and "۸ معتمد لازم است" in boards[0].fa
    rosters = check_station_rosters(geo.election)
    assert [p.en for p in rosters] == [
        f"Station {code}: no station chair; no secretary." for code in ("10001", "10002", "20001")
    ]
    assert rosters[0].fa == "شعبهٔ ۱۰۰۰۱: رئیس شعبه تعیین نشده است، منشی تعیین نشده است."


def test_complete_boards_and_rosters_pass(geo, person):
    fill_executive_board(geo, person, start=1000)
    fill_supervisory_board(geo, person, start=2000)
    assert board_summary(county_place(geo, BoardKind.COUNTY_EXECUTIVE)).is_complete
    assert [p.en.split(":")[0] for p in check_boards_complete(geo.election)] == [
        "county executive board of Abadan",
        "county supervisory board of Abadan",
    ]
    fill_executive_board(geo, person, start=3000, county=geo.county_b)
    fill_supervisory_board(geo, person, start=4000, county=geo.county_b)
    assert check_boards_complete(geo.election) == []
    staff_every_station(geo, person)
    assert check_station_rosters(geo.election) == []


def test_the_phase_move_is_refused_while_boards_are_missing(geo):
    election_phase_advance(actor=None, election=geo.election, to_phase=Phase.REGISTRATION)
    Election.objects.filter(pk=geo.election.pk).update(phase=Phase.REVIEW)
    geo.election.refresh_from_db()
    with pytest.raises(PhaseGateError) as caught:
        election_phase_advance(actor=None, election=geo.election, to_phase=Phase.READY)
    codes = {p.code for p in caught.value.problems}
    assert {"board_incomplete", "station_roster_incomplete"} <= codes


def test_a_long_list_is_capped_with_and_n_more(geo):
    for number in range(LISTED + 5):
        station_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code=f"3{number:04d}",
            name=f"شعبه {number}",
            connectivity="fibre",
            constituencies=[geo.city_a],
        )
    problems = check_station_rosters(geo.election)
    assert len(problems) == LISTED + 1
    assert problems[-1].en == "and 8 more incomplete stations."
    assert problems[-1].fa == "و ۸ شعبهٔ ناقص دیگر."


def test_the_composition_is_a_setting_that_moves_the_gate(geo, person):
    table = table_to_dict(DEFAULT_COMPOSITION_TABLE)
    for seat in table["boards"]["county_supervisory"]["seats"]:
        if seat["role"] == "member":
            seat["minimum"] = seat["maximum"] = 2
    board_settings_update(actor=None, election=geo.election, composition_table=table)
    supervisory = composition_table_for(geo.election).board(BoardKind.COUNTY_SUPERVISORY)
    assert supervisory.minimum_members == 3
    fill_supervisory_board(geo, person, members=2)
    assert board_summary(county_place(geo, BoardKind.COUNTY_SUPERVISORY)).is_complete
    event = AuditEvent.objects.get(event_type=AuditEventType.BOARD_SETTINGS_CHANGED)
    assert "composition_table" in event.new and "relative_policy" not in event.new


def test_bad_settings_are_refused_and_change_nothing(geo):
    table = table_to_dict(DEFAULT_COMPOSITION_TABLE)
    table["boards"]["county_executive"]["seats"][3]["maximum"] = 1
    with pytest.raises(DomainError):
        board_settings_update(actor=None, election=geo.election, composition_table=table)
    with pytest.raises(DomainError) as caught:
        board_settings_update(actor=None, election=geo.election, relative_policy="shrug")
    assert caught.value.code == BoardRefusal.BAD_SETTING
    assert composition_table_for(geo.election) == DEFAULT_COMPOSITION_TABLE
    assert relative_policy_for(geo.election) == "warn"


def test_settings_freeze_once_ready(geo):
    Election.objects.filter(pk=geo.election.pk).update(phase=Phase.READY)
    geo.election.refresh_from_db()
    with pytest.raises(DomainError) as caught:
        board_settings_update(actor=None, election=geo.election, relative_policy="block")
    assert caught.value.code == BoardRefusal.SETTINGS_FROZEN


@pytest.mark.parametrize("role", ["supervisor", "county", "district", "station", "trainer"])
def test_only_the_hq_changes_the_settings(geo, make_user, role):
    with pytest.raises(PermissionDenied):
        board_settings_update(actor=make_user(role), election=geo.election, relative_policy="block")
    board_settings_update(
        actor=make_user("province_hq"), election=geo.election, relative_policy="block"
    )
    assert relative_policy_for(geo.election) == "block"
