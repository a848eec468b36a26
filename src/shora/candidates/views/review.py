"""The review queue of each board, with deadlines; the registration and review calendar."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.accounts.access import election_get_for_user
from shora.accounts.models import Role, User
from shora.candidates.access import PERSONAL_DATA_ROLES, can_edit_schedule
from shora.candidates.forms import ScheduleForm
from shora.candidates.models import Candidacy
from shora.candidates.selectors import boards_of, candidacy_schedule_for, review_queue
from shora.candidates.services import candidacy_schedule_update
from shora.candidates.services.calendar import CALENDAR_EDITABLE_IN
from shora.elections.models import Election
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.candidate_review import BOARD_LABELS, Board, label
from shora_domain.errors import DomainError

QUEUE_BOARDS = (Board.EXECUTIVE, Board.SUPERVISORY, Board.HIGH_BOARD)


def _candidacies_in_scope(user: User, election: Election) -> QuerySet[Candidacy]:
    candidacies = Candidacy.objects.filter(election=election)
    if user.is_superuser or user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return candidacies
    if user.role == Role.COUNTY:
        return candidacies.filter(constituency__district__county_id=user.county_id)
    if user.role == Role.DISTRICT:
        return candidacies.filter(constituency__district_id=user.district_id)
    return candidacies.none()


@signed_in
def review_queue_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    if not user.is_superuser and user.role not in PERSONAL_DATA_ROLES:
        raise PermissionDenied
    own = boards_of(user)
    candidacies = _candidacies_in_scope(user, election)
    queues = [
        (
            board,
            label(BOARD_LABELS, board, reader_language()),
            board in own,
            review_queue(election=election, board=board, candidacies=candidacies),
        )
        for board in (own or list(QUEUE_BOARDS))
    ]
    return render_page(
        request,
        "candidates/queue.html",
        election,
        queues=queues,
        crumbs=unit_crumbs(user, election.province),
    )


@signed_in
def schedule_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    may_change = can_edit_schedule(user, election) and election.phase in CALENDAR_EDITABLE_IN
    schedule = candidacy_schedule_for(election)
    form = ScheduleForm(instance=schedule)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        form = ScheduleForm(request.POST, instance=candidacy_schedule_for(election))
        if form.is_valid():
            try:
                candidacy_schedule_update(
                    actor=user, election=election, changes=form.changes(schedule)
                )
            except DomainError as refusal:
                form.add_error(None, refusal.message(reader_language()))
            else:
                messages.success(request, _("The calendar was saved."))
                return redirect("candidates:schedule", election_id=election.pk)
    return render_page(
        request,
        "candidates/schedule.html",
        election,
        status=400 if form.errors else 200,
        form=form,
        may_change=may_change,
        shown=form.shown(schedule, reader_language()),
        saved=schedule.pk is not None,
        crumbs=unit_crumbs(user, election.province),
    )
