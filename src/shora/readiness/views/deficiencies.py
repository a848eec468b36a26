"""A deficiency's page: what was found, who owes the fix by when, its history, and the next
step for those who may take it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.readiness import clock
from shora.readiness.access import can_manage_deficiency, deficiency_get_for_user, require
from shora.readiness.forms import AssignForm, FixForm, NoteForm, VerifyForm
from shora.readiness.models import Deficiency
from shora.readiness.selectors import readiness_reference
from shora.readiness.services import (
    deficiency_assign,
    deficiency_mark_fixed,
    deficiency_start,
    deficiency_verify,
)
from shora.readiness.views.common import crumbs, message_of, page, signed_in, signed_in_user
from shora_domain.deficiency_workflow import allowed_actions
from shora_domain.errors import DomainError
from shora_domain.readiness_deadlines import days_overdue, due_standing
from shora_domain.readiness_scoring import DeficiencyStatus

ACTIONS = ("assign", "start", "fix", "verify")


def _forms(deficiency: Deficiency, bound: str = "", request: HttpRequest | None = None) -> Any:
    """The four step forms; the one named ``bound`` holds what was posted."""

    def posted(name: str) -> tuple[Any, Any]:
        if request is not None and bound == name:
            return request.POST, request.FILES
        return None, None

    initial = {
        "organisation": deficiency.organisation_id,
        "responsible_person": deficiency.responsible_person,
        "due_on": deficiency.due_on,
    }
    return {
        "assign": AssignForm(posted("assign")[0], station=deficiency.station, initial=initial),
        "start": NoteForm(posted("start")[0]),
        "fix": FixForm(*posted("fix")),
        "verify": VerifyForm(*posted("verify")),
    }


def _render(
    request: HttpRequest, deficiency: Deficiency, forms: Any, error: str = "", status: int = 200
) -> HttpResponse:
    user = signed_in_user(request)
    reference = readiness_reference(deficiency.election)
    station = deficiency.station
    may_manage = can_manage_deficiency(user, deficiency) and not reference.is_history
    steps = {action.value for action in allowed_actions(DeficiencyStatus(deficiency.status))}
    return page(
        request,
        "readiness/deficiency.html",
        deficiency.election,
        deficiency=deficiency,
        station=station,
        standing=due_standing(deficiency.due_on, on=reference.day, soon_days=clock.soon_days())
        if deficiency.status != "verified"
        else None,
        days_overdue=days_overdue(deficiency.due_on, on=reference.day),
        events=deficiency.events.select_related("photo").order_by("at", "pk"),
        may_manage=may_manage,
        may_assign=may_manage and deficiency.status != "verified",
        may_start=may_manage and "start" in steps,
        may_fix=may_manage and "fix" in steps,
        may_verify=may_manage and "verify" in steps,
        forms=forms,
        error=error,
        status=status,
        crumbs=crumbs(user, station.district.county, station.district),
    )


@signed_in
def deficiency_page(request: HttpRequest, deficiency_id: int) -> HttpResponse:
    deficiency = deficiency_get_for_user(signed_in_user(request), deficiency_id)
    return _render(request, deficiency, _forms(deficiency))


def _act(request: HttpRequest, deficiency: Deficiency, action: str, form: Any) -> None:
    user = signed_in_user(request)
    data = form.cleaned_data
    if action == "assign":
        deficiency_assign(
            actor=user,
            deficiency=deficiency,
            organisation=data["organisation"],
            responsible_person=data["responsible_person"],
            due_on=data["due_on"],
        )
    elif action == "start":
        deficiency_start(actor=user, deficiency=deficiency, note=data["note"])
    elif action == "fix":
        deficiency_mark_fixed(
            actor=user, deficiency=deficiency, note=data["note"], photo=data["photo"]
        )
    else:
        deficiency_verify(
            actor=user,
            deficiency=deficiency,
            passed=form.answer(),
            value=data["value"],
            photo=data["photo"],
            note=data["note"],
        )


@require_POST
@signed_in
def deficiency_action(request: HttpRequest, deficiency_id: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    user = signed_in_user(request)
    deficiency = deficiency_get_for_user(user, deficiency_id)
    require(can_manage_deficiency(user, deficiency))
    forms = _forms(deficiency, bound=action, request=request)
    form = forms[action]
    if not form.is_valid():
        return _render(request, deficiency, forms, status=400)
    try:
        _act(request, deficiency, action, form)
    except DomainError as refusal:
        return _render(request, deficiency, forms, error=message_of(refusal), status=400)
    messages.success(request, _("Saved."))
    return redirect("readiness:deficiency", deficiency_id=deficiency.pk)
