"""The register of responsible organisations, and the province's view of who owes what."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.accounts.models import Role
from shora.elections.models import County
from shora.readiness import clock
from shora.readiness.access import (
    can_manage_organisation,
    can_see_province_readiness,
    organisation_get_for_user,
    require,
)
from shora.readiness.forms import OrganisationForm
from shora.readiness.models import Organisation
from shora.readiness.selectors import readiness_reference
from shora.readiness.selectors.deficiencies import (
    deficiencies_of,
    deficiency_rows,
    owed_by_county,
    owed_by_organisation,
)
from shora.readiness.services import organisation_change, organisation_register
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
def organisations_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """HQ and supervisors see the whole register; a county sees its own and the province's."""
    user = signed_in_user(request)
    election = election_for(request, election_id)
    province = election.province
    organisations = Organisation.objects.filter(province=province).select_related("county")
    if user.role == Role.COUNTY:
        organisations = organisations.filter(Q(county_id=user.county_id) | Q(county__isnull=True))
        counties = County.objects.filter(pk=user.county_id)
    elif user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR) or user.is_superuser:
        counties = County.objects.filter(province=province).order_by("name_key")
    else:
        require(False)
    may_add = user.role == Role.COUNTY or can_manage_organisation(user, province, None)
    form = OrganisationForm(counties=counties)
    status = 200
    if request.method == "POST":
        require(may_add)
        form = OrganisationForm(request.POST, counties=counties)
        if form.is_valid():
            data = form.cleaned_data
            county = data["county"] if user.role != Role.COUNTY else counties.first()
            try:
                organisation_register(
                    actor=user,
                    province=province,
                    county=county,
                    kind=data["kind"],
                    name=data["name"],
                    contact_person=data["contact_person"],
                    phone=data["phone"],
                )
            except DomainError as refusal:
                form.add_error(None, message_of(refusal))
            else:
                messages.success(request, _("The organisation was registered."))
                return redirect("readiness:organisations", election_id=election.pk)
        status = 400
    rows = [(o, can_manage_organisation(user, province, o.county)) for o in organisations]
    return page(
        request,
        "readiness/organisations.html",
        election,
        section="organisations",
        rows=rows,
        form=form,
        may_add=may_add,
        status=status,
        crumbs=crumbs(user, province) if user.role != Role.COUNTY else [],
    )


@signed_in
def organisation_edit(request: HttpRequest, election_id: int, organisation_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_for(request, election_id)
    organisation = organisation_get_for_user(user, organisation_id)
    require(organisation.province_id == election.province_id)
    require(can_manage_organisation(user, organisation.province, organisation.county))
    form = OrganisationForm(
        request.POST or None,
        counties=County.objects.none(),
        initial={
            "kind": organisation.kind,
            "name": organisation.name,
            "contact_person": organisation.contact_person,
            "phone": organisation.phone,
        },
    )
    form.fields.pop("county")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation_change(
                actor=user,
                organisation=organisation,
                kind=data["kind"],
                name=data["name"],
                contact_person=data["contact_person"],
                phone=data["phone"],
            )
        except DomainError as refusal:
            form.add_error(None, message_of(refusal))
        else:
            messages.success(request, _("Saved."))
            return redirect("readiness:organisations", election_id=election.pk)
    return page(
        request,
        "readiness/organisation_edit.html",
        election,
        section="organisations",
        organisation=organisation,
        form=form,
        status=400 if form.errors else 200,
    )


@signed_in
def owed_page(request: HttpRequest, election_id: int) -> HttpResponse:
    """Who owes what: per organisation, open and overdue items and days overdue."""
    user = signed_in_user(request)
    election = election_for(request, election_id)
    require(can_see_province_readiness(user, election))
    reference = readiness_reference(election)
    rows = deficiency_rows(deficiencies_of(election), on=reference.day, soon_days=clock.soon_days())
    return page(
        request,
        "readiness/owed.html",
        election,
        section="owed",
        owed=owed_by_organisation(rows),
        by_county=owed_by_county(rows),
        open_items=len(rows),
        overdue=sum(row.is_overdue for row in rows),
        crumbs=crumbs(user, election.province),
    )
