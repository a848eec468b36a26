"""The public bulletin board: a voter types the receipt code and sees that the ballot was
received, at which station and in which hour, whether it is in the station's signed root
(with the proof), and whether it is counted. No sign-in. An unknown code gets a plain "not
found", the same whatever the reason; every look-up counts towards the limit per client
address (the register's look-up limits, their own bucket)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from shora.elections.models import Election
from shora.elections.selectors import election_current
from shora.polling.receipts import receipt_status
from shora.registers.lookup_limits import Limit, client_address, lookup_allowed
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.receipt_codes import receipt_code_display, receipt_code_parse


def bulletin_limit() -> Limit:
    """Look-ups per client address: SHORA_BULLETIN_PER_IP in SHORA_BULLETIN_IP_MINUTES."""
    return Limit(
        "bulletin",
        int(getattr(settings, "SHORA_BULLETIN_PER_IP", 30)),
        datetime.timedelta(minutes=int(getattr(settings, "SHORA_BULLETIN_IP_MINUTES", 10))),
    )


def _election(request: HttpRequest) -> Election | None:
    chosen = request.GET.get("election", "")
    if chosen.isdigit():
        found = Election.objects.filter(pk=int(chosen), is_drill=False).first()
        if found is not None:
            return found
    return election_current(None)


@never_cache
def bulletin_page(request: HttpRequest) -> HttpResponse:
    election = _election(request)
    typed = request.GET.get("code", "").strip()[:64]
    context: dict[str, object] = {"election": election, "typed": typed}
    if not typed or election is None:
        return render(request, "polling/bulletin.html", context)
    limit = bulletin_limit()
    if not lookup_allowed(bucket=f"bulletin:{client_address(request)}", limit=limit):
        context["retry_minutes"] = int(limit.window.total_seconds() // 60)
        return render(request, "polling/bulletin.html", context, status=429)
    try:
        code = receipt_code_parse(typed)
    except DomainError as refusal:
        context["error"] = refusal.message(reader_language())
        return render(request, "polling/bulletin.html", context, status=400)
    context["shown_code"] = receipt_code_display(code)
    context["status"] = receipt_status(election, code)
    context["asked"] = True
    return render(request, "polling/bulletin.html", context)
