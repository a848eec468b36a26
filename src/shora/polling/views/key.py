"""The election key's page: its fingerprint and holders once made; before that, for the
provincial HQ, the ceremony that makes it with every holder in the room."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.accounts.access import election_get_for_user
from shora.accounts.models import Role, User
from shora.elections.models import Election
from shora.polling.access import can_make_election_key, can_see_election_key, require
from shora.polling.forms import KeyCeremonyForm
from shora.polling.selectors import election_key_of, key_shares
from shora.polling.services.keys import KEY_CEREMONY_PHASES, key_ceremony
from shora.polling.views.common import (
    crumbs,
    message_of,
    page,
    refusal_status,
    signed_in,
    signed_in_user,
)
from shora.web.language import reader_language
from shora_domain.digits import format_number
from shora_domain.election_key import MIN_PASSPHRASE_CHARACTERS
from shora_domain.errors import DomainError


def key_holder_candidates(election: Election) -> QuerySet[User]:
    """Who may hold a share: the province's HQ and supervisors flagged as key holders."""
    return User.objects.filter(
        province_id=election.province_id,
        holds_key_share=True,
        role__in=(Role.PROVINCE_HQ, Role.SUPERVISOR),
        is_active=True,
    ).order_by("last_name", "first_name", "username")


def _render(
    request: HttpRequest,
    election: Election,
    form: KeyCeremonyForm | None,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    key = election_key_of(election)
    return page(
        request,
        "polling/key.html",
        election,
        section="key",
        status=status,
        key=key,
        shares=key_shares(key),
        form=form if key is None else None,
        error=error,
        min_passphrase=MIN_PASSPHRASE_CHARACTERS,
        ceremony_closed=key is None and election.phase not in KEY_CEREMONY_PHASES,
        crumbs=crumbs(user, election.province),
    )


@signed_in
def key_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_see_election_key(user, election))
    may_make = can_make_election_key(user, election)
    candidates = key_holder_candidates(election)
    if request.method != "POST":
        ready = may_make and election.phase in KEY_CEREMONY_PHASES
        form = KeyCeremonyForm(candidates=candidates) if ready else None
        return _render(request, election, form)
    require(may_make)
    form = KeyCeremonyForm(request.POST, candidates=candidates)
    if not form.is_valid():
        return _render(request, election, form, status=400)
    try:
        key = key_ceremony(
            actor=user,
            election=election,
            threshold=form.cleaned_data["threshold"],
            holders=form.holders_with_passphrases(),
        )
    except DomainError as refusal:
        return _render(
            request, election, form, error=message_of(refusal), status=refusal_status(refusal)
        )
    messages.success(
        request,
        _("The election's key was made: %(k)s of %(n)s shares open it.")
        % {
            "k": format_number(key.threshold, reader_language()),
            "n": format_number(key.holders, reader_language()),
        },
    )
    return redirect("polling:key", election_id=election.pk)
