"""The checklist templates: their versions for everyone in the province to read, a draft
for the HQ to edit and publish."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.readiness.access import can_edit_templates, require, version_get_for_user
from shora.readiness.forms import ItemForm
from shora.readiness.models import ChecklistTemplate, TemplateItem
from shora.readiness.services import (
    template_create_default,
    template_draft_open,
    template_item_add,
    template_item_change,
    template_item_remove,
    template_version_publish,
)
from shora.readiness.views.common import (
    crumbs,
    election_for,
    message_of,
    page,
    signed_in,
    signed_in_user,
)
from shora_domain.errors import DomainError


@signed_in
def checklists_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    may_edit = can_edit_templates(user, election)
    if request.method == "POST":
        require(may_edit)
        try:
            template_create_default(actor=user, election=election)
        except DomainError as refusal:
            messages.error(request, message_of(refusal))
        else:
            messages.success(request, _("The default checklist was created."))
        return redirect("readiness:checklists", election_id=election.pk)
    templates = ChecklistTemplate.objects.filter(election=election).prefetch_related("versions")
    return page(
        request,
        "readiness/checklists.html",
        election,
        section="checklists",
        templates=templates,
        may_edit=may_edit,
        crumbs=crumbs(user, election.province),
    )


@require_POST
@signed_in
def draft_open(request: HttpRequest, template_id: int) -> HttpResponse:
    user = signed_in_user(request)
    template = get_object_or_404(
        ChecklistTemplate.objects.select_related("election"), pk=template_id
    )
    require(can_edit_templates(user, template.election))
    draft = template_draft_open(actor=user, template=template)
    return redirect("readiness:version", version_id=draft.pk)


@signed_in
def version_page(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = version_get_for_user(user, version_id)
    election = version.template.election
    may_edit = can_edit_templates(user, election) and not version.is_published
    form = ItemForm()
    status = 200
    if request.method == "POST":
        require(may_edit)
        form = ItemForm(request.POST)
        if form.is_valid():
            try:
                template_item_add(actor=user, version=version, fields=form.fields_value())
            except DomainError as refusal:
                form.add_error(None, message_of(refusal))
            else:
                messages.success(request, _("The item was added."))
                return redirect("readiness:version", version_id=version.pk)
        status = 400
    return page(
        request,
        "readiness/version.html",
        election,
        section="checklists",
        version=version,
        items=version.items.order_by("position"),
        form=form,
        may_edit=may_edit,
        status=status,
        crumbs=crumbs(user, election.province),
    )


@signed_in
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    user = signed_in_user(request)
    item = get_object_or_404(TemplateItem, pk=item_id)
    version = version_get_for_user(user, item.version_id)
    require(can_edit_templates(user, version.template.election))
    form = ItemForm.for_item(item)
    if request.method == "POST":
        form = ItemForm(request.POST)
        if form.is_valid():
            try:
                if request.POST.get("remove"):
                    template_item_remove(actor=user, item=item)
                else:
                    template_item_change(actor=user, item=item, fields=form.fields_value())
            except DomainError as refusal:
                form.add_error(None, message_of(refusal))
            else:
                messages.success(request, _("Saved."))
                return redirect("readiness:version", version_id=version.pk)
    return page(
        request,
        "readiness/item_edit.html",
        version.template.election,
        section="checklists",
        item=item,
        version=version,
        form=form,
        status=400 if form.errors else 200,
    )


@require_POST
@signed_in
def version_publish(request: HttpRequest, version_id: int) -> HttpResponse:
    user = signed_in_user(request)
    version = version_get_for_user(user, version_id)
    require(can_edit_templates(user, version.template.election))
    try:
        template_version_publish(actor=user, version=version)
    except DomainError as refusal:
        messages.error(request, message_of(refusal))
    else:
        messages.success(request, _("The version was published; it can no longer change."))
    return redirect("readiness:version", version_id=version.pk)
