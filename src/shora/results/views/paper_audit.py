"""A constituency's paper-record audit: the sample and how anyone re-draws it, the HQ's or
supervisors' button that draws it, the auditors' form for each sampled station and the
comparison of what they entered with the station's electronic count."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from shora.candidates.selectors import frozen_ballot
from shora.results.access import constituency_result_get_for_user
from shora.results.models import PaperAudit
from shora.results.selectors import constituency_result_of
from shora.results.services.paper_audit import (
    PAPER_AUDIT_CONFLICTS,
    can_draw_sample,
    can_enter_paper_counts,
    paper_audit_draw,
    paper_audit_of,
    paper_counts_enter,
)
from shora.results.views.common import message_of, page, signed_in, signed_in_user
from shora.results.views.tally import _election_for
from shora_domain.errors import DomainError
from shora_domain.paper_audit import ITEM_PREFIX


def _stations(audit: PaperAudit | None, candidates: list[Any]) -> list[dict[str, Any]]:
    """Each sampled station with its entry and, once entered, the rows paper / electronic."""
    if audit is None:
        return []
    entries = {entry.station_code: entry for entry in audit.entries.all()}
    rows = []
    for code in audit.sample:
        entry = entries.get(code)
        compared = []
        if entry is not None:
            electronic = entry.electronic
            figures = [
                (_("ballots"), "ballots", electronic.get("ballots")),
                (_("blank"), "blank", electronic.get("blank")),
                (_("void"), "void", electronic.get("void", 0) + electronic.get("rejected", 0)),
            ]
            for label, key, value in figures:
                compared.append(("", label, entry.paper.get(key), value))
            for candidate in candidates:
                compared.append(
                    (
                        candidate.code,
                        candidate.name,
                        entry.paper["votes"].get(candidate.code),
                        electronic.get("votes", {}).get(candidate.code),
                    )
                )
        rows.append({"code": code, "entry": entry, "compared": compared})
    return rows


@signed_in
def paper_audit_page(request: HttpRequest, election_id: int, constituency_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = _election_for(request, election_id)
    constituency = constituency_result_get_for_user(user, election, constituency_id)
    error, status = "", 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "draw":
                paper_audit_draw(actor=user, constituency=constituency)
            elif action == "enter":
                paper_counts_enter(
                    actor=user,
                    constituency=constituency,
                    station_code=request.POST.get("station", ""),
                    entered=request.POST.dict(),
                )
            else:
                return HttpResponse(status=400)
        except PermissionDenied:
            raise
        except DomainError as refusal:
            error = message_of(refusal)
            status = 409 if refusal.code in PAPER_AUDIT_CONFLICTS else 400
        else:
            messages.success(request, _("Recorded."))
            return redirect(
                "results:paper_audit", election_id=election.pk, constituency_id=constituency.pk
            )
    result = constituency_result_of(constituency)
    audit = paper_audit_of(constituency) if result is not None else None
    ballot = frozen_ballot(constituency) if result is not None else None
    candidates = list(ballot.candidates) if ballot is not None else []
    return page(
        request,
        "results/paper_audit.html",
        election,
        section="tally",
        status=status,
        error=error,
        constituency=constituency,
        result=result,
        audit=audit,
        stations=_stations(audit, candidates),
        candidates=candidates,
        item_prefix=ITEM_PREFIX,
        may_draw=result is not None and audit is None and can_draw_sample(user, constituency),
        may_enter=can_enter_paper_counts(user, constituency),
    )
