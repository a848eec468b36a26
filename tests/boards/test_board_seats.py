"""Seats on boards, and the trustees' way: nominated by the governor, cleared by the
supervisory board, chosen by the executive board's county. Wrong roles are refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.audit.selectors import audit_chain_problems
from shora.boards.errors import BoardRefusal, PostRefused
from shora.boards.models import Board, BoardMembership, NominationStatus
from shora.boards.selectors import board_summary
from shora.boards.services import (
    board_member_appoint,
    board_member_end,
    nomination_rule,
    trustee_choose,
    trustee_nominate,
)
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, fill_executive_board, fill_supervisory_board


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_an_empty_board_says_what_is_missing(geo):
    summary = board_summary(county_place(geo, BoardKind.COUNTY_EXECUTIVE))
    assert summary.board is None
    assert [g.en for g in summary.gaps][:4] == [
        "no governor (chair)",
        "no judiciary representative",
        "no head of civil registration",
        "8 trustees needed, 0 chosen",
    ]


def test_the_first_seat_establishes_the_board_once(geo, person):
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    board_member_appoint(actor=None, place=place, person=person(1), role="governor")
    board_member_appoint(actor=None, place=place, person=person(2), role="judiciary_representative")
    assert Board.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.BOARD_ESTABLISHED).count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.BOARD_MEMBER_APPOINTED).count() == 2
    assert audit_chain_problems()[1] == []


def test_a_full_seat_is_refused(geo, person):
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    board_member_appoint(actor=None, place=place, person=person(1), role="governor")
    error = refusal(
        lambda: board_member_appoint(actor=None, place=place, person=person(2), role="governor")
    )
    assert error.code == BoardRefusal.SEAT_FULL
    assert "۱ از ۱" in error.fa


def test_a_seat_the_board_does_not_have_is_refused(geo, person):
    place = county_place(geo, BoardKind.COUNTY_SUPERVISORY)
    someone = person(1)
    for role in ("governor", "trustee_of_the_world", ""):
        error = refusal(
            lambda role=role: board_member_appoint(
                actor=None, place=place, person=someone, role=role
            )
        )
        assert error.code == BoardRefusal.WRONG_ROLE
        assert "هیئت نظارت شهرستان اهواز" in error.fa


def test_trustees_come_only_from_cleared_nominees(geo, person):
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    someone = person(1)
    for role in ("trustee", "alternate"):
        error = refusal(
            lambda role=role: board_member_appoint(
                actor=None, place=place, person=someone, role=role
            )
        )
        assert error.code == BoardRefusal.ROLE_NEEDS_NOMINATION


def test_nominee_cleared_then_chosen(geo, person, make_user):
    county_user, supervisor = make_user("county"), make_user("supervisor")
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    nominee = person(5, "female")
    nomination = trustee_nominate(actor=county_user, place=place, person=nominee)
    assert nomination.status == NominationStatus.NOMINATED
    pending = refusal(
        lambda: trustee_choose(actor=county_user, nomination=nomination, role="trustee")
    )
    assert pending.code == BoardRefusal.NOMINEE_NOT_CLEARED

    nomination_rule(actor=supervisor, nomination=nomination, cleared=True)
    nomination.refresh_from_db()
    assert (nomination.status, nomination.ruled_by) == (NominationStatus.CLEARED, supervisor)
    appointment = trustee_choose(actor=county_user, nomination=nomination, role="trustee")
    assert appointment.post.role == "trustee" and appointment.warnings == []
    twice = refusal(
        lambda: trustee_choose(actor=county_user, nomination=nomination, role="alternate")
    )
    assert twice.code == BoardRefusal.NOMINEE_ALREADY_CHOSEN
    events = list(
        AuditEvent.objects.filter(event_type__gte=620, event_type__lt=630).values_list(
            "event_type", "actor__username"
        )
    )
    assert events == [(620, "county"), (621, "supervisor"), (623, "county")]
    summary = board_summary(place)
    assert summary.facts.filled == {"trustee": 1}
    assert (summary.share.women, summary.share.total) == (1, 1)


def test_a_rejected_nominee_cannot_be_chosen_and_rejection_needs_a_reason(geo, person, make_user):
    supervisor = make_user("supervisor")
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    nomination = trustee_nominate(actor=None, place=place, person=person(5))
    no_reason = refusal(
        lambda: nomination_rule(actor=supervisor, nomination=nomination, cleared=False)
    )
    assert no_reason.code == BoardRefusal.REASON_REQUIRED
    nomination_rule(actor=supervisor, nomination=nomination, cleared=False, reason="سوءپیشینه")
    again = refusal(lambda: nomination_rule(actor=supervisor, nomination=nomination, cleared=True))
    assert again.code == BoardRefusal.NOMINATION_ALREADY_RULED
    chosen = refusal(lambda: trustee_choose(actor=None, nomination=nomination, role="trustee"))
    assert chosen.code == BoardRefusal.NOMINEE_NOT_CLEARED
    renominated = refusal(
        lambda: trustee_nominate(actor=None, place=place, person=nomination.person)
    )
    assert renominated.code == BoardRefusal.ALREADY_NOMINATED


@pytest.mark.parametrize("role", ["county", "province_hq", "district", "station", "trainer"])
def test_only_the_supervisory_board_clears(geo, person, make_user, role):
    nomination = trustee_nominate(
        actor=None, place=county_place(geo, BoardKind.COUNTY_EXECUTIVE), person=person(5)
    )
    with pytest.raises(PermissionDenied):
        nomination_rule(actor=make_user(role), nomination=nomination, cleared=True)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOMINATED


@pytest.mark.parametrize("role", ["supervisor", "province_hq", "district", "station", "trainer"])
def test_only_the_countys_staff_nominate_and_appoint(geo, person, make_user, role):
    place = county_place(geo, BoardKind.COUNTY_EXECUTIVE)
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        trustee_nominate(actor=user, place=place, person=person(5))
    with pytest.raises(PermissionDenied):
        board_member_appoint(actor=user, place=place, person=person(6), role="governor")
    assert not BoardMembership.objects.exists()


def test_another_countys_staff_are_refused(geo, person, make_user):
    from shora.accounts.services import user_create
    from tests.conftest import PASSWORD

    abadan = user_create(
        actor=None, username="abadan", password=PASSWORD, role="county", county=geo.county_b
    )
    governor = person(1)
    with pytest.raises(PermissionDenied):
        board_member_appoint(
            actor=abadan,
            place=county_place(geo, BoardKind.COUNTY_EXECUTIVE),
            person=governor,
            role="governor",
        )
    board_member_appoint(
        actor=abadan,
        place=county_place(geo, BoardKind.COUNTY_EXECUTIVE, geo.county_b),
        person=governor,
        role="governor",
    )


def test_the_hq_manages_the_provincial_boards(geo, person, make_user):
    from shora.boards.places import BoardPlace

    hq = make_user("province_hq")
    place = BoardPlace(geo.election, BoardKind.PROVINCE_HQ, geo.province)
    board_member_appoint(actor=hq, place=place, person=person(1, "female"), role="chair")
    for number in range(2, 6):
        board_member_appoint(actor=hq, place=place, person=person(number), role="member")
    summary = board_summary(place)
    assert summary.is_complete
    assert (summary.share.women, summary.share.total) == (1, 5)
    with pytest.raises(PermissionDenied):
        board_member_appoint(
            actor=make_user("county"), place=place, person=person(9), role="member"
        )


def test_nominees_only_where_the_board_takes_them(geo, person):
    error = refusal(
        lambda: trustee_nominate(
            actor=None, place=county_place(geo, BoardKind.COUNTY_SUPERVISORY), person=person(1)
        )
    )
    assert error.code == BoardRefusal.NO_NOMINEES_ON_THIS_BOARD


def test_a_complete_executive_board(geo, person):
    place = fill_executive_board(geo, person, women=3)
    summary = board_summary(place)
    assert summary.gaps == []
    assert summary.facts.nominees == 30 and summary.facts.cleared == 30
    assert (summary.share.women, summary.share.total) == (3, 16)
    extra = refusal(
        lambda: trustee_choose(actor=None, nomination=summary.nominations[20], role="trustee")
    )
    assert extra.code == BoardRefusal.SEAT_FULL


def test_ending_a_seat_frees_it_and_keeps_the_history(geo, person):
    place = fill_supervisory_board(geo, person)
    chair = BoardMembership.objects.get(role="chair")
    missing_reason = refusal(lambda: board_member_end(actor=None, membership=chair, reason="  "))
    assert missing_reason.code == BoardRefusal.REASON_REQUIRED
    board_member_end(actor=None, membership=chair, reason="استعفا")
    again = refusal(lambda: board_member_end(actor=None, membership=chair, reason="استعفا"))
    assert again.code == BoardRefusal.ALREADY_ENDED
    assert [g.en for g in board_summary(place).gaps] == ["no chair"]
    board_member_appoint(actor=None, place=place, person=chair.person, role="chair")
    assert BoardMembership.objects.filter(person=chair.person).count() == 2


def test_one_person_twice_on_one_board_is_refused(geo, person):
    place = county_place(geo, BoardKind.COUNTY_SUPERVISORY)
    someone = person(1)
    board_member_appoint(actor=None, place=place, person=someone, role="chair")
    error = refusal(
        lambda: board_member_appoint(actor=None, place=place, person=someone, role="member")
    )
    assert isinstance(error, PostRefused) and error.code == BoardRefusal.POST_CLASH


def test_a_supervisor_does_not_sit_on_the_executive_board_of_the_same_county(geo, person):
    someone = person(1)
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_SUPERVISORY),
        person=someone,
        role="chair",
    )
    error = refusal(
        lambda: board_member_appoint(
            actor=None,
            place=county_place(geo, BoardKind.COUNTY_EXECUTIVE),
            person=someone,
            role="governor",
        )
    )
    assert error.code == BoardRefusal.POST_CLASH
    assert "نظارت" in error.fa
    nominated = refusal(
        lambda: trustee_nominate(
            actor=None, place=county_place(geo, BoardKind.COUNTY_EXECUTIVE), person=someone
        )
    )
    assert nominated.code == BoardRefusal.POST_CLASH
    # Abadan's executive board does not overlap Ahvaz's supervisory board.
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_EXECUTIVE, geo.county_b),
        person=someone,
        role="governor",
    )


def test_a_person_of_another_election_is_refused(geo, person):
    from shora.boards.services import person_register
    from shora.elections.services import election_create
    from tests.boards.conftest import national_code

    drill = election_create(
        actor=None,
        province=geo.province,
        name="مانور",
        polling_date=geo.election.polling_date,
        opens_at=geo.election.opens_at,
        closes_at=geo.election.closes_at,
        is_drill=True,
    )
    stranger = person_register(
        actor=None,
        election=drill,
        national_code=national_code(1),
        first_name="رضا",
        last_name="نوری",
        gender="male",
    )
    error = refusal(
        lambda: board_member_appoint(
            actor=None, place=county_place(geo, BoardKind.COUNTY_HQ), person=stranger, role="chair"
        )
    )
    assert error.code == BoardRefusal.WRONG_ELECTION
