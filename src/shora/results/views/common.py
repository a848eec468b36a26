"""What the tally's pages share: the site's frame, the section's links, refusals."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from shora.accounts.models import User
from shora.elections.models import Election
from shora.results.access import can_enter_share, can_see_exclusions, can_see_results
from shora.results.errors import CONFLICTS, FORBIDDEN
from shora.web.language import reader_language
from shora.web.views import render_page, signed_in, signed_in_user, unit_crumbs
from shora_domain.errors import DomainError

__all__ = ["crumbs", "message_of", "page", "refusal_status", "signed_in", "signed_in_user"]

crumbs = unit_crumbs


def message_of(refusal: DomainError) -> str:
    return refusal.message(reader_language())


def refusal_status(refusal: DomainError) -> int:
    """403 for someone with no part in it, 409 for a state that forbids it, else 400."""
    if refusal.code in FORBIDDEN:
        return 403
    return 409 if refusal.code in CONFLICTS else 400


def section_links(user: User, election: Election, current: str) -> list[tuple[str, str, bool]]:
    """The tally's pages this user may open: (label, url, is the current page)."""
    links: list[tuple[str, str, str]] = []
    if can_see_results(user, election):
        links.append(("tally", _("Tally"), reverse("results:tally", args=[election.pk])))
    if can_enter_share(user, election):
        links.append(("share", _("My key share"), reverse("results:share", args=[election.pk])))
    if can_see_exclusions(user, election):
        links.append(
            (
                "exclusions",
                _("Stations left out"),
                reverse("results:exclusions", args=[election.pk]),
            )
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
    """A tally page in the site's frame, with the section's links and the crumbs."""
    user = signed_in_user(request)
    return render_page(
        request,
        template,
        election,
        status=status,
        section_links=section_links(user, election, section),
        crumbs=crumbs(user, election.province),
        **context,
    )
