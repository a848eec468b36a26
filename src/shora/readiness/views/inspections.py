"""The inspector's page (made for a phone): every item of the checklist, answered on the
spot, photos taken with the phone's camera; and an inspection's results afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.accounts.access import station_get_for_user
from shora.readiness import clock
from shora.readiness.access import can_inspect_station, inspection_get_for_user, require
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.forms import InspectionHeadForm, item_answers
from shora.readiness.models import Area, ChecklistTemplate, TemplateItem, TemplateVersion
from shora.readiness.services import inspection_record
from shora.readiness.views.common import crumbs, message_of, page, signed_in, signed_in_user
from shora_domain.errors import DomainError


def current_version(election_id: int, template_id: str = "") -> TemplateVersion:
    """The latest published version of the election's checklist (the first one, or the one
    asked for)."""
    templates = ChecklistTemplate.objects.filter(election_id=election_id).order_by("pk")
    if template_id.isdigit():
        templates = templates.filter(pk=int(template_id))
    for template in templates:
        version = template.versions.filter(published_at__isnull=False).order_by("-number").first()
        if version is not None:
            return version
    raise refuse(
        ReadinessRefusal.NO_PUBLISHED_VERSION,
        fa="این انتخابات هنوز چک‌لیست منتشرشده‌ای ندارد؛ ستاد استان باید آن را بسازد.",
        en="This election has no published checklist yet; the provincial HQ must make one.",
    )


@dataclass(frozen=True)
class CheckRow:
    """An item of the form, with what was posted for it (shown again after a refusal)."""

    item: TemplateItem
    answer: str
    typed: str
    note: str


def _areas(version: TemplateVersion, posted: Any) -> list[tuple[str, list[CheckRow]]]:
    labels = list(dict(Area.choices))
    names = dict(Area.choices)
    rows = [
        CheckRow(
            item,
            posted.get(f"item-{item.pk}-passed", ""),
            posted.get(f"item-{item.pk}-value", ""),
            posted.get(f"item-{item.pk}-note", ""),
        )
        for item in sorted(version.items.all(), key=lambda i: (labels.index(i.area), i.position))
    ]
    return [(str(names[area]), list(group)) for area, group in groupby(rows, lambda r: r.item.area)]


@signed_in
def inspect_page(request: HttpRequest, station_id: int) -> HttpResponse:
    user = signed_in_user(request)
    station = station_get_for_user(user, station_id)
    require(can_inspect_station(user, station))
    election = station.election
    context: dict[str, Any] = {
        "station": station,
        "crumbs": crumbs(user, station.district.county, station.district),
    }
    try:
        version = current_version(election.pk, request.GET.get("template", ""))
    except DomainError as refusal:
        return page(
            request,
            "readiness/inspect.html",
            election,
            error=message_of(refusal),
            status=409,
            **context,
        )
    if request.method == "POST" and request.POST.get("version", "").isdigit():
        version = (
            TemplateVersion.objects.filter(
                pk=int(request.POST["version"]), template__election=election
            ).first()
            or version
        )
    form = InspectionHeadForm(initial={"inspected_on": clock.today(), "inspector_name": ""})
    error = ""
    status = 200
    if request.method == "POST":
        form = InspectionHeadForm(request.POST)
        if form.is_valid():
            try:
                outcome = inspection_record(
                    actor=user,
                    station=station,
                    version=version,
                    answers=item_answers(request.POST, request.FILES),
                    inspected_on=form.cleaned_data["inspected_on"],
                    inspector_name=form.cleaned_data["inspector_name"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as refusal:
                error = message_of(refusal)
            else:
                messages.success(request, _("The inspection was recorded."))
                return redirect("readiness:inspection", inspection_id=outcome.inspection.pk)
        status = 400
    return page(
        request,
        "readiness/inspect.html",
        election,
        version=version,
        areas=_areas(version, request.POST if request.method == "POST" else {}),
        form=form,
        error=error,
        status=status,
        **context,
    )


@signed_in
def inspection_page(request: HttpRequest, inspection_id: int) -> HttpResponse:
    user = signed_in_user(request)
    inspection = inspection_get_for_user(user, inspection_id)
    station = inspection.station
    return page(
        request,
        "readiness/inspection.html",
        inspection.election,
        inspection=inspection,
        station=station,
        results=inspection.results.select_related("item", "photo").order_by("item__position"),
        found=inspection.found.select_related("organisation").order_by("pk"),
        crumbs=crumbs(user, station.district.county, station.district),
    )
