"""What the election-day pages share: the site's frame, the section's links, refusals."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from shora.accounts.models import User
from shora.elections.models import Election
from shora.polling.access import can_see_election_key, can_see_extensions, can_see_turnout
from shora.polling.errors import CONFLICTS
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.errors import DomainError

__all__ = ["crumbs", "message_of", "page", "refusal_status", "signed_in", "signed_in_user"]

crumbs = unit_crumbs


def message_of(refusal: DomainError) -> str:
    return refusal.message(reader_language())


def refusal_status(refusal: DomainError) -> int:
    """409 when the state forbids it (a key already made), 400 when the input was wrong."""
    return 409 if refusal.code in CONFLICTS else 400


def section_links(user: User, election: Election, current: str) -> list[tuple[str, str, bool]]:
    """The election-day pages this user may open: (label, url, is the current page)."""
    links: list[tuple[str, str, str]] = []
    if can_see_election_key(user, election):
        links.append(("key", _("Election key"), reverse("polling:key", args=[election.pk])))
    if can_see_extensions(user, election):
        links.append(
            (
                "extensions",
                _("Extensions of the polling hours"),
                reverse("polling:extensions", args=[election.pk]),
            )
        )
    if can_see_turnout(user, election):
        links.append(("turnout", _("Turnout"), reverse("polling:turnout", args=[election.pk])))
        links.append(
            ("incidents", _("Incidents"), reverse("polling:incidents", args=[election.pk]))
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
    """An election-day page in the site's frame, with the section's links."""
    return render_page(
        request,
        template,
        election,
        status=status,
        section_links=section_links(signed_in_user(request), election, section),
        **context,
    )
