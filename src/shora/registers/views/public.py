"""The public "where do I vote" page: no sign-in.

A national code and a Jalali birth date give the constituency and its stations, nothing
else (not the person's name). Whether the code is not registered, the birth date is not
the registered one, or the person may not vote, the answer is the same, so the page
cannot be used to learn who is in the register. A birth date too late for the election's
age is answered from the typed date alone. Every submission counts towards the limits per
client address and per national code (``lookup_limits``); past them: 429.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from shora.elections.models import Election
from shora.elections.selectors import election_current
from shora.registers.forms import WhereToVoteForm
from shora.registers.lookup_limits import (
    client_address,
    code_bucket,
    code_limit,
    ip_limit,
    lookup_allowed,
)
from shora.registers.selectors import where_to_vote
from shora_domain.eligibility import EligibilityRules


def _election(request: HttpRequest) -> Election | None:
    """The election asked for (a real one), else the newest real election."""
    chosen = request.GET.get("election", "") or request.POST.get("election", "")
    if chosen.isdigit():
        found = Election.objects.filter(pk=int(chosen), is_drill=False).first()
        if found is not None:
            return found
    return election_current(None)


@never_cache
def where_to_vote_page(request: HttpRequest) -> HttpResponse:
    election = _election(request)
    form = WhereToVoteForm(request.POST or None)
    context: dict[str, object] = {"election": election, "form": form, "countdown_days": None}
    status = 200
    if request.method == "POST" and election is not None:
        context["asked"] = True
        if not lookup_allowed(bucket=f"ip:{client_address(request)}", limit=ip_limit()):
            context["limited"] = True
            context["retry_minutes"] = int(ip_limit().window.total_seconds() // 60)
            return render(request, "registers/where_to_vote.html", context, status=429)
        if form.is_valid():
            code = form.cleaned_data["national_code"]
            birth = form.cleaned_data["birth_date"]
            if not lookup_allowed(bucket=code_bucket(code), limit=code_limit()):
                context["limited"] = True
                context["retry_minutes"] = int(code_limit().window.total_seconds() // 60)
                return render(request, "registers/where_to_vote.html", context, status=429)
            rules = EligibilityRules(
                polling_date=election.polling_date, minimum_age=election.voter_minimum_age
            )
            if birth > rules.latest_birth_date:
                context["too_young"] = rules
            else:
                context["answer"] = where_to_vote(
                    election=election, national_code=code, birth_date=birth
                )
            context["answered"] = True
            context["form"] = WhereToVoteForm()  # not left on a shared screen
        else:
            status = 400
    return render(request, "registers/where_to_vote.html", context, status=status)
