"""A programme's page: its rules, modules and question bank (right answers marked); the
HQ adds programmes, modules and questions. The trainees never see this page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from shora.accounts.access import election_get_for_user
from shora.training.access import can_manage_programmes, can_see_training, require
from shora.training.forms import ModuleForm, ProgrammeForm, QuestionForm
from shora.training.models import Programme
from shora.training.services.programmes import module_create, programme_create, question_create
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user
from shora_domain.errors import DomainError


def _programme_for(request: HttpRequest, programme_id: int) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("election"), pk=programme_id)
    user = signed_in_user(request)
    election_get_for_user(user, programme.election_id)
    require(can_see_training(user, programme.election))
    return programme


def _module_choices(programme: Programme) -> list[tuple[int, str]]:
    return [(module.pk, module.title) for module in programme.modules.all()]


@signed_in
def programme_page(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _programme_for(request, programme_id)
    may_edit = can_manage_programmes(signed_in_user(request), programme.election)
    return render_page(
        request,
        "training/programme.html",
        programme.election,
        programme=programme,
        modules=programme.modules.prefetch_related("questions__choices"),
        may_edit=may_edit,
        module_form=ModuleForm() if may_edit else None,
        question_form=QuestionForm(modules=_module_choices(programme)) if may_edit else None,
    )


@require_POST
@signed_in
def programme_new(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_manage_programmes(user, election))
    form = ProgrammeForm(request.POST, language=reader_language())
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("training:overview", election.pk)
    data = dict(form.cleaned_data)
    try:
        programme = programme_create(
            actor=user, election=election, role=data.pop("role"), title=data.pop("title"), **data
        )
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
        return redirect("training:overview", election.pk)
    return redirect("training:programme", programme.pk)


@require_POST
@signed_in
def module_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _programme_for(request, programme_id)
    user = signed_in_user(request)
    require(can_manage_programmes(user, programme.election))
    form = ModuleForm(request.POST)
    if form.is_valid():
        module_create(actor=user, programme=programme, title=form.cleaned_data["title"])
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("title", [])))
    return redirect("training:programme", programme.pk)


@require_POST
@signed_in
def question_new(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = _programme_for(request, programme_id)
    user = signed_in_user(request)
    require(can_manage_programmes(user, programme.election))
    form = QuestionForm(request.POST, modules=_module_choices(programme))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("training:programme", programme.pk)
    try:
        question_create(
            actor=user,
            module=programme.modules.get(pk=form.cleaned_data["module"]),
            text=form.cleaned_data["text"],
            choices=form.choice_lines(),
            multiple=form.cleaned_data["multiple"],
            explanation=form.cleaned_data["explanation"],
        )
    except DomainError as refusal:
        messages.error(request, refusal.message(reader_language()))
    return redirect("training:programme", programme.pk)
