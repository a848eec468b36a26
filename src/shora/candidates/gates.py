"""The candidates' part of the review → ready gate, and what entering "ready" does.

Before "ready": every candidacy decided for good (none waiting for a board, none appealed,
no rejection whose appeal window is still open) and every constituency with at least one
qualified candidate. On entering "ready": lapsed rejections are marked final and every
constituency's list is frozen with its codes (``services.ballots``).
"""

from __future__ import annotations

from shora.candidates.schedule import tehran_today
from shora.candidates.selectors import (
    appeal_window_passed,
    constituencies_without_approved,
    pending_candidacies,
)
from shora.elections.gates import GateProblem
from shora.elections.models import Election
from shora_domain.candidate_review import STATUS_LABELS, CandidacyStatus, label
from shora_domain.digits import format_number, to_persian_digits

SHOWN = 50


def _and_more(code: str, hidden: int, what_fa: str, what_en: str) -> list[GateProblem]:
    if hidden <= 0:
        return []
    return [GateProblem(code, f"و {format_number(hidden)} {what_fa} دیگر.",
                        f"and {hidden} more {what_en}.")]  # fmt: skip


def check_candidacies_decided(election: Election) -> list[GateProblem]:
    today = tehran_today()
    problems: list[GateProblem] = []
    hidden = 0
    pending = pending_candidacies(election).select_related("constituency", "election")
    for candidacy in pending.order_by("constituency__code", "last_name", "pk").iterator():
        if appeal_window_passed(candidacy, today):
            continue  # final: marked so on entering "ready"
        if len(problems) >= SHOWN:
            hidden += 1
            continue
        status = CandidacyStatus(candidacy.status)
        problems.append(
            GateProblem(
                "candidacy_pending",
                f"نامزدی «{candidacy.full_name}» در «{candidacy.constituency.name}» هنوز قطعی "
                f"نشده است: {label(STATUS_LABELS, status)}.",
                f"The candidacy of {candidacy.full_name} in {candidacy.constituency.name} is "
                f"not decided yet: {label(STATUS_LABELS, status, 'en')}.",
            )
        )
    return problems + _and_more("candidacy_pending", hidden, "نامزدی بی‌تصمیم", "undecided")


def check_constituencies_have_candidates(election: Election) -> list[GateProblem]:
    without = constituencies_without_approved(election)
    problems = [
        GateProblem(
            "constituency_without_candidate",
            f"حوزهٔ «{c.name}» ({to_persian_digits(c.code)}) هیچ نامزد تأییدصلاحیت‌شده‌ای ندارد.",
            f"Constituency {c.name_en or c.name} ({c.code}) has no qualified candidate.",
        )
        for c in without[:SHOWN]
    ]
    hidden = without.count() - SHOWN
    return problems + _and_more(
        "constituency_without_candidate", hidden, "حوزهٔ بی‌نامزد", "constituencies without one"
    )
