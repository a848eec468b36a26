"""Seats on boards: appointing and ending; trustees: nominated, cleared, chosen."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.access import can_manage_board, can_rule_on_nominees, require
from shora.boards.errors import BoardRefusal, refuse
from shora.boards.locks import lock_national_code
from shora.boards.models import (
    BoardMembership,
    NominationStatus,
    Person,
    TrusteeNomination,
)
from shora.boards.places import BoardPlace, board_post_place, place_of_board
from shora.boards.selectors import composition_table_for
from shora.boards.services.serving import (
    Appointment,
    board_for_update,
    board_unit,
    refuse_unless_free_to_serve,
    warnings_for_audit,
)
from shora_domain.board_composition import BoardComposition, Seat
from shora_domain.digits import format_number
from shora_domain.staff_roles import SeatRole, role_label


def _same_election(person: Person, place: BoardPlace) -> None:
    if person.election_id != place.election.pk:
        raise refuse(
            BoardRefusal.WRONG_ELECTION,
            fa="این شخص برای انتخابات دیگری ثبت شده است.",
            en="This person is registered for another election.",
        )


def _seat_of(composition: BoardComposition, role: str, place: BoardPlace) -> Seat:
    seat = composition.seat(role)
    if seat is None:
        raise refuse(
            BoardRefusal.WRONG_ROLE,
            fa=f"«{place.label('fa')}» جایی برای «{role_label(role, 'fa')}» ندارد.",
            en=f"The {place.label('en')} has no seat for a {role_label(role, 'en')}.",
        )
    return seat


def _refuse_unless_room(seat: Seat, board_id: int, place: BoardPlace) -> None:
    taken = BoardMembership.objects.filter(
        board_id=board_id, role=seat.role, ended_at__isnull=True
    ).count()
    if not seat.allows(taken + 1):
        role = SeatRole(seat.role)
        assert seat.maximum is not None
        raise refuse(
            BoardRefusal.SEAT_FULL,
            fa=(
                f"جای «{role.label()}» در «{place.label('fa')}» پر است "
                f"({format_number(taken)} از {format_number(seat.maximum)})."
            ),
            en=(
                f"The {place.label('en')} has no free {role.label('en')} seat "
                f"({taken} of {seat.maximum})."
            ),
        )


def _appoint(
    *, actor: Any, place: BoardPlace, person: Person, seat: Seat, nomination_id: int | None
) -> Appointment:
    """Lock the person and the board, check, and give the seat."""
    lock_national_code(election_id=place.election.pk, national_code=person.national_code)
    board = board_for_update(place, actor)
    _refuse_unless_room(seat, board.pk, place)
    warnings = refuse_unless_free_to_serve(person, board_post_place(place))
    membership = BoardMembership.objects.create(
        board=board,
        person=person,
        role=seat.role,
        nomination_id=nomination_id,
        appointed_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        event_type=(
            AuditEventType.TRUSTEE_CHOSEN
            if nomination_id
            else AuditEventType.BOARD_MEMBER_APPOINTED
        ),
        target=membership,
        unit=board_unit(place),
        new={
            "board": place.kind.value,
            "national_code": person.national_code,
            "role": seat.role,
            "warnings": warnings_for_audit(warnings),
        },
    )
    return Appointment(membership, warnings)


@transaction.atomic
def board_member_appoint(
    *, actor: Any, place: BoardPlace, person: Person, role: str
) -> Appointment:
    """Give ``person`` a seat on the board at ``place`` (not a trustee's: see
    ``trustee_choose``)."""
    require(actor is None or can_manage_board(actor, place))
    _same_election(person, place)
    seat = _seat_of(composition_table_for(place.election).board(place.kind), role, place)
    if SeatRole(role).is_from_nominees:
        raise refuse(
            BoardRefusal.ROLE_NEEDS_NOMINATION,
            fa=(
                "معتمدان و اعضای علی‌البدل تنها از میان نامزدهای تأییدشدهٔ هیئت نظارت برگزیده می‌شوند."
            ),
            en=(
                "Trustees and alternates are chosen only from nominees "
                "the supervisory board cleared."
            ),
        )
    return _appoint(actor=actor, place=place, person=person, seat=seat, nomination_id=None)


@transaction.atomic
def board_member_end(*, actor: Any, membership: BoardMembership, reason: str) -> BoardMembership:
    """End a seat (resignation, replacement, a conflict found), keeping its history."""
    place = place_of_board(membership.board)
    require(actor is None or can_manage_board(actor, place))
    if not reason.strip():
        raise refuse(
            BoardRefusal.REASON_REQUIRED,
            fa="پایان عضویت بدون ذکر دلیل ممکن نیست.",
            en="Ending a seat needs a reason.",
        )
    membership = BoardMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.ended_at is not None:
        raise refuse(
            BoardRefusal.ALREADY_ENDED,
            fa="این عضویت پیش‌تر پایان یافته است.",
            en="This seat has already ended.",
        )
    membership.ended_at = timezone.now()
    membership.ended_reason = reason.strip()[:300]
    membership.save(update_fields=["ended_at", "ended_reason"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.BOARD_MEMBER_ENDED,
        target=membership,
        unit=board_unit(place),
        old={"role": membership.role, "national_code": membership.person.national_code},
        new={"reason": membership.ended_reason},
    )
    return membership


@transaction.atomic
def trustee_nominate(*, actor: Any, place: BoardPlace, person: Person) -> TrusteeNomination:
    """The governor puts ``person`` forward as a trustee of the board at ``place``."""
    require(actor is None or can_manage_board(actor, place))
    _same_election(person, place)
    composition = composition_table_for(place.election).board(place.kind)
    if not composition.nominees_needed:
        raise refuse(
            BoardRefusal.NO_NOMINEES_ON_THIS_BOARD,
            fa=f"«{place.label('fa')}» معتمد نامزد نمی‌پذیرد.",
            en=f"The {place.label('en')} takes no trustee nominees.",
        )
    lock_national_code(election_id=place.election.pk, national_code=person.national_code)
    board = board_for_update(place, actor)
    earlier = TrusteeNomination.objects.filter(board=board, person=person).first()
    if earlier is not None:
        raise refuse(
            BoardRefusal.ALREADY_NOMINATED,
            fa=f"«{person.full_name}» پیش‌تر نامزد شده است ({earlier.get_status_display()}).",
            en=f"{person.full_name} is already a nominee ({earlier.status}).",
        )
    refuse_unless_free_to_serve(person, board_post_place(place))
    nomination = TrusteeNomination.objects.create(
        board=board, person=person, nominated_by=actor if getattr(actor, "pk", None) else None
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.TRUSTEE_NOMINATED,
        target=nomination,
        unit=board_unit(place),
        new={"national_code": person.national_code},
    )
    return nomination


@transaction.atomic
def nomination_rule(
    *, actor: Any, nomination: TrusteeNomination, cleared: bool, reason: str = ""
) -> TrusteeNomination:
    """The supervisory board clears a nominee, or does not (with its reason). Final."""
    place = place_of_board(nomination.board)
    require(actor is None or can_rule_on_nominees(actor, place))
    if not cleared and not reason.strip():
        raise refuse(
            BoardRefusal.REASON_REQUIRED,
            fa="رد نامزد بدون ذکر دلیل ممکن نیست.",
            en="Not clearing a nominee needs a reason.",
        )
    nomination = TrusteeNomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != NominationStatus.NOMINATED:
        raise refuse(
            BoardRefusal.NOMINATION_ALREADY_RULED,
            fa=f"دربارهٔ این نامزد پیش‌تر تصمیم گرفته شده است ({nomination.get_status_display()}).",
            en=f"This nominee has already been ruled on ({nomination.status}).",
        )
    nomination.status = NominationStatus.CLEARED if cleared else NominationStatus.REJECTED
    nomination.ruled_at = timezone.now()
    nomination.ruled_by = actor if getattr(actor, "pk", None) else None
    nomination.reason = reason.strip()[:500]
    nomination.save(update_fields=["status", "ruled_at", "ruled_by", "reason"])
    audit_record(
        actor=actor,
        event_type=(
            AuditEventType.TRUSTEE_NOMINEE_CLEARED
            if cleared
            else AuditEventType.TRUSTEE_NOMINEE_REJECTED
        ),
        target=nomination,
        unit=board_unit(place),
        old={"status": NominationStatus.NOMINATED.value},
        new={"status": nomination.status, "reason": nomination.reason},
    )
    return nomination


@transaction.atomic
def trustee_choose(*, actor: Any, nomination: TrusteeNomination, role: str) -> Appointment:
    """Seat a cleared nominee as a trustee or an alternate."""
    place = place_of_board(nomination.board)
    require(actor is None or can_manage_board(actor, place))
    if role not in (SeatRole.TRUSTEE, SeatRole.ALTERNATE):
        raise refuse(
            BoardRefusal.WRONG_ROLE,
            fa="نامزد تأییدشده تنها معتمد یا عضو علی‌البدل می‌شود.",
            en="A cleared nominee becomes a trustee or an alternate only.",
        )
    seat = _seat_of(composition_table_for(place.election).board(place.kind), role, place)
    lock_national_code(election_id=place.election.pk, national_code=nomination.person.national_code)
    nomination = TrusteeNomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != NominationStatus.CLEARED:
        raise refuse(
            BoardRefusal.NOMINEE_NOT_CLEARED,
            fa="تنها نامزدی که هیئت نظارت تأیید کرده است برگزیده می‌شود.",
            en="Only a nominee the supervisory board cleared can be chosen.",
        )
    if nomination.memberships.filter(ended_at__isnull=True).exists():
        raise refuse(
            BoardRefusal.NOMINEE_ALREADY_CHOSEN,
            fa="این نامزد پیش‌تر برگزیده شده است.",
            en="This nominee has already been chosen.",
        )
    return _appoint(
        actor=actor,
        place=place,
        person=nomination.person,
        seat=seat,
        nomination_id=nomination.pk,
    )
