"""What the readiness pages share: the site's frame, the countdown, the section's links."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from shora.accounts.access import election_get_for_user
from shora.accounts.models import Role, User
from shora.elections.models import Election
from shora.readiness.access import (
    can_see_county_readiness,
    can_see_province_readiness,
)
from shora.readiness.selectors import readiness_reference
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.errors import DomainError
from shora_domain.readiness_deadlines import countdown_text

__all__ = ["crumbs", "election_for", "message_of", "page", "signed_in", "signed_in_user"]

crumbs = unit_crumbs


def election_for(request: HttpRequest, election_id: int) -> Election:
    return election_get_for_user(signed_in_user(request), election_id)


def message_of(refusal: DomainError) -> str:
    return refusal.message(reader_language())


def section_links(user: User, election: Election, current: str) -> list[tuple[str, str, bool]]:
    """The checklist's pages this user may open: (label, url, is the current page)."""
    links: list[tuple[str, str, str]] = []
    if can_see_province_readiness(user, election):
        links += [
            (
                "province",
                _("Readiness of the province"),
                reverse("readiness:province", args=[election.pk]),
            ),
            ("owed", _("Who owes what"), reverse("readiness:owed", args=[election.pk])),
            (
                "submissions",
                _("County submissions"),
                reverse("readiness:submissions", args=[election.pk]),
            ),
        ]
    elif user.role == Role.COUNTY and user.county is not None:
        if can_see_county_readiness(user, user.county):
            links.append(
                (
                    "county",
                    _("Readiness of the county"),
                    reverse("readiness:county", args=[election.pk, user.county_id]),
                )
            )
    elif user.role == Role.DISTRICT and user.district_id is not None:
        links.append(
            (
                "district",
                _("Readiness of the district"),
                reverse("readiness:district", args=[election.pk, user.district_id]),
            )
        )
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR, Role.COUNTY) or user.is_superuser:
        links.append(
            (
                "organisations",
                _("Responsible organisations"),
                reverse("readiness:organisations", args=[election.pk]),
            )
        )
    if user.role != Role.STATION:
        links.append(
            ("checklists", _("Checklist"), reverse("readiness:checklists", args=[election.pk]))
        )
    return [(label, url, key == current) for key, label, url in links]


def page(
    request: HttpRequest,
    template: str,
    election: Election,
    *,
    section: str = "",
    status: int = 200,
    **context: Any,
) -> HttpResponse:
    """A readiness page in the site's frame, with the reference day and the countdown."""
    reference = readiness_reference(election)
    return render_page(
        request,
        template,
        election,
        status=status,
        reference=reference,
        countdown=countdown_text(reference, reader_language()),
        section_links=section_links(signed_in_user(request), election, section),
        **context,
    )
