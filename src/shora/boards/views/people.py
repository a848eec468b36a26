"""The people who serve: the list (search, register) and each person's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.boards.access import (
    can_manage_person,
    can_register_people,
    people_for_user,
    person_get_for_user,
)
from shora.boards.conflict_checks import election_conflicts
from shora.boards.forms import PersonChangeForm, PersonForm, RelativeForm
from shora.boards.models import DeclaredRelative, Person
from shora.boards.places import place_of_board
from shora.boards.selectors import people_search, person_memberships, person_staff_posts
from shora.boards.services import (
    person_register,
    person_update,
    relative_declare,
    relative_withdraw,
)
from shora.boards.views.common import crumbs, page, signed_in, signed_in_user
from shora.web.language import reader_language
from shora_domain.errors import DomainError

PAGE_SIZE = 50


@signed_in
def people_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    may_register = can_register_people(user, election)
    form = PersonForm()
    status = 200
    if request.method == "POST":
        if not may_register:
            raise PermissionDenied
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                person = person_register(actor=user, election=election, **form.cleaned_data)
            except DomainError as refusal:
                form.add_error(None, refusal.message(reader_language()))
            else:
                messages.success(request, _("Registered."))
                return redirect("boards:person", person_id=person.pk)
        status = 400
    query = request.GET.get("q", "")
    people = people_search(people_for_user(user, election), query)
    listing = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return page(
        request,
        "boards/people.html",
        election,
        status=status,
        form=form,
        may_register=may_register,
        query=query,
        listing=listing,
        crumbs=crumbs(user),
    )


def _person_response(
    request: HttpRequest,
    person: Person,
    *,
    change_form: PersonChangeForm | None = None,
    relative_form: RelativeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    initial = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "gender": person.gender,
        "phone": person.phone,
    }
    return page(
        request,
        "boards/person.html",
        person.election,
        status=status,
        person=person,
        memberships=[(m, place_of_board(m.board)) for m in person_memberships(person)],
        staff_posts=person_staff_posts(person),
        nominations=person.nominations.select_related(
            "board__province", "board__county", "board__district"
        ),
        relatives=person.relatives.all(),
        conflicts=election_conflicts(person.election, person=person),
        manages=can_manage_person(user, person),
        change_form=change_form or PersonChangeForm(initial=initial),
        relative_form=relative_form or RelativeForm(),
        crumbs=crumbs(user),
    )


@signed_in
def person_page(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = person_get_for_user(user, person_id)
    if request.method != "POST":
        return _person_response(request, person)
    if not can_manage_person(user, person):
        raise PermissionDenied
    form = PersonChangeForm(request.POST)
    if form.is_valid():
        try:
            person_update(actor=user, person=person, **form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            messages.success(request, _("Saved."))
            return redirect("boards:person", person_id=person.pk)
    return _person_response(request, person, change_form=form, status=400)


@require_POST
@signed_in
def relative_declare_view(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = person_get_for_user(user, person_id)
    if not can_manage_person(user, person):
        raise PermissionDenied
    form = RelativeForm(request.POST)
    if form.is_valid():
        try:
            relative_declare(actor=user, person=person, **form.cleaned_data)
        except DomainError as refusal:
            form.add_error(None, refusal.message(reader_language()))
        else:
            messages.success(request, _("The relative was recorded."))
            return redirect("boards:person", person_id=person.pk)
    return _person_response(request, person, relative_form=form, status=400)


@require_POST
@signed_in
def relative_withdraw_view(request: HttpRequest, relative_id: int) -> HttpResponse:
    user = signed_in_user(request)
    declared = get_object_or_404(DeclaredRelative.objects.select_related("person"), pk=relative_id)
    person = person_get_for_user(user, declared.person_id)
    if not can_manage_person(user, person):
        raise PermissionDenied
    try:
        relative_withdraw(actor=user, declared=declared)
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    else:
        messages.success(request, _("The declaration was removed."))
    return redirect("boards:person", person_id=person.pk)
