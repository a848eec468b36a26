"""A board's page (seats, nominees, what is missing, women's share) and its actions."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.accounts.models import User
from shora.boards.access import (
    board_place_get_for_user,
    can_manage_board,
    can_rule_on_nominees,
    membership_get_for_user,
    nomination_get_for_user,
)
from shora.boards.conflict_checks import election_conflicts
from shora.boards.forms import AppointForm, ChooseForm, EndForm, NominateForm, RuleForm
from shora.boards.models import NominationStatus
from shora.boards.places import BoardPlace, place_of_board
from shora.boards.selectors import board_summary
from shora.boards.services import (
    Appointment,
    board_member_appoint,
    board_member_end,
    nomination_rule,
    trustee_choose,
    trustee_nominate,
)
from shora.boards.views.common import (
    crumbs,
    page,
    person_from_form,
    report_appointment,
    signed_in,
    signed_in_user,
)
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.staff_roles import SeatRole
from shora_domain.womens_share import format_percent


def board_url(place: BoardPlace) -> str:
    return reverse("boards:board", args=[place.election.pk, place.kind.value, place.unit_id])


def _appoint_roles(place: BoardPlace) -> list[str]:
    summary = board_summary(place)
    return [s.role for s in summary.composition.seats if not SeatRole(s.role).is_from_nominees]


def _board_response(
    request: HttpRequest,
    place: BoardPlace,
    *,
    appoint_form: AppointForm | None = None,
    nominate_form: NominateForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    summary = board_summary(place)
    manages = can_manage_board(user, place)
    conflicts = election_conflicts(place.election, board=summary.board) if summary.board else []
    units = [u for u in (place.province, place.county, place.district) if u is not None]
    return page(
        request,
        "boards/board.html",
        place.election,
        status=status,
        place=place,
        title=place.label(reader_language()),
        summary=summary,
        share_percent=format_percent(summary.share, reader_language()),
        manages=manages,
        rules=can_rule_on_nominees(user, place),
        appoint_form=appoint_form or AppointForm(roles=_appoint_roles(place)),
        nominate_form=nominate_form or NominateForm(),
        choose_form=ChooseForm(),
        rule_form=RuleForm(),
        end_form=EndForm(),
        conflicts=conflicts,
        crumbs=crumbs(user, *units),
        NOMINATED=NominationStatus.NOMINATED,
        CLEARED=NominationStatus.CLEARED,
    )


def _place(request: HttpRequest, election_id: int, kind: str, unit_id: int) -> BoardPlace:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    return board_place_get_for_user(user, election, kind, unit_id)


@signed_in
def board_page(request: HttpRequest, election_id: int, kind: str, unit_id: int) -> HttpResponse:
    return _board_response(request, _place(request, election_id, kind, unit_id))


def _refuse_unless_manager(user: User, place: BoardPlace) -> None:
    if not can_manage_board(user, place):
        raise PermissionDenied


@require_POST
@signed_in
def board_appoint(request: HttpRequest, election_id: int, kind: str, unit_id: int) -> HttpResponse:
    user = signed_in_user(request)
    place = _place(request, election_id, kind, unit_id)
    _refuse_unless_manager(user, place)
    form = AppointForm(request.POST, roles=_appoint_roles(place))
    if form.is_valid() and (person := person_from_form(form, place.election)) is not None:
        try:
            appointment = board_member_appoint(
                actor=user, place=place, person=person, role=form.cleaned_data["role"]
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            report_appointment(request, appointment)
            return redirect(board_url(place))
    return _board_response(request, place, appoint_form=form, status=400)


@require_POST
@signed_in
def board_nominate(request: HttpRequest, election_id: int, kind: str, unit_id: int) -> HttpResponse:
    user = signed_in_user(request)
    place = _place(request, election_id, kind, unit_id)
    _refuse_unless_manager(user, place)
    form = NominateForm(request.POST)
    if form.is_valid() and (person := person_from_form(form, place.election)) is not None:
        try:
            trustee_nominate(actor=user, place=place, person=person)
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            messages.success(request, _("Nominated; the supervisory board will rule on it."))
            return redirect(board_url(place))
    return _board_response(request, place, nominate_form=form, status=400)


def _after_action(
    request: HttpRequest, place: BoardPlace, action: Callable[[], object]
) -> HttpResponse:
    """Run ``action``; a refusal is shown as the page's error message."""
    try:
        result = action()
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    else:
        if isinstance(result, Appointment):
            report_appointment(request, result)
        else:
            messages.success(request, _("Saved."))
    return redirect(board_url(place))


@require_POST
@signed_in
def nomination_rule_view(request: HttpRequest, nomination_id: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = nomination_get_for_user(user, nomination_id)
    place = place_of_board(nomination.board)
    if not can_rule_on_nominees(user, place):
        raise PermissionDenied
    form = RuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(board_url(place))
    return _after_action(
        request,
        place,
        lambda: nomination_rule(
            actor=user,
            nomination=nomination,
            cleared=form.cleaned_data["decision"] == "clear",
            reason=form.cleaned_data["reason"],
        ),
    )


@require_POST
@signed_in
def nomination_choose(request: HttpRequest, nomination_id: int) -> HttpResponse:
    user = signed_in_user(request)
    nomination = nomination_get_for_user(user, nomination_id)
    place = place_of_board(nomination.board)
    _refuse_unless_manager(user, place)
    form = ChooseForm(request.POST)
    role = form.cleaned_data["role"] if form.is_valid() else request.POST.get("role", "")
    return _after_action(
        request, place, lambda: trustee_choose(actor=user, nomination=nomination, role=role)
    )


@require_POST
@signed_in
def membership_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    user = signed_in_user(request)
    membership = membership_get_for_user(user, membership_id)
    place = place_of_board(membership.board)
    _refuse_unless_manager(user, place)
    reason = request.POST.get("reason", "")
    return _after_action(
        request,
        place,
        lambda: board_member_end(actor=user, membership=membership, reason=reason),
    )
