"""Recounting a tallied constituency from the ballots stored at its tally.

* The provincial HQ asks with a reason: the recount runs at once.
* The executive side of the constituency's own county asks with a reason: it waits for
  the province's supervisory board, whose confirmation runs it.

The recount reads the stored shuffled ballots (``ConstituencyBallots``), counts them and
decides the standings again with the pure package (``shora_domain.recount``), the seed
made again from the stored receipts roots and the announced value, and keeps every
difference from the stored result, or that there is none. No key is needed: the stored
ballots are already opened. A certified result may be recounted; the recount says it was
certified. Refused: before the tally, without a reason, by anyone else (403), a county's
request while another of the constituency waits, a confirmation twice. Audited: 950 asked,
951 confirmed, 952 run (same or the number of differences).
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shora.accounts.models import Role
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency
from shora.results.access import can_run_tally
from shora.results.models import ConstituencyResult, Recount
from shora.results.selectors import results_settings_of, shuffled_ballots_text
from shora_domain.digits import to_persian_digits
from shora_domain.election_record import count_to_dict
from shora_domain.errors import DomainError
from shora_domain.lottery import lottery_seed
from shora_domain.recount import SIDES, recount_differences, recount_lines

MAX_REASON = 500


class RecountRefusal(enum.Enum):
    NOT_TALLIED = "recount.not_tallied"
    NO_REASON = "recount.no_reason"
    WAITING = "recount.waiting"
    CONFIRMED_ALREADY = "recount.confirmed_already"


#: Refusals of a state (409), as opposed to bad input (400).
RECOUNT_CONFLICTS = frozenset(
    {RecountRefusal.NOT_TALLIED, RecountRefusal.WAITING, RecountRefusal.CONFIRMED_ALREADY}
)


def can_ask_recount(user: Any, constituency: Constituency) -> bool:
    """The provincial HQ, or the executive side of the constituency's own county."""
    if can_run_tally(user, constituency.election):
        return True
    if getattr(user, "role", None) != Role.COUNTY:
        return False
    return bool(user.county_id == constituency.district.county_id)


def can_confirm_recount(user: Any, constituency: Constituency) -> bool:
    """The supervisory board of the election's province."""
    if getattr(user, "role", None) != Role.SUPERVISOR:
        return False
    return bool(user.province_id == constituency.election.province_id)


def _result_or_refuse(constituency: Constituency) -> ConstituencyResult:
    result = ConstituencyResult.objects.filter(constituency=constituency).first()
    if result is None:
        raise DomainError(
            RecountRefusal.NOT_TALLIED,
            fa=(
                f"آرای حوزهٔ {constituency.name} ({to_persian_digits(constituency.code)}) هنوز "
                "شمرده نشده است؛ بازشماری پس از شمارش است."
            ),
            en=f"Constituency {constituency.code} has not been tallied yet; a recount follows "
            "the tally.",
        )
    return result


def _reason_or_refuse(reason: object) -> str:
    said = " ".join(reason.split()) if isinstance(reason, str) else ""
    if not said:
        raise DomainError(
            RecountRefusal.NO_REASON,
            fa="دلیل بازشماری را بنویسید.",
            en="Write why the constituency is recounted.",
        )
    return said[:MAX_REASON]


@transaction.atomic
def recount_ask(*, actor: Any, constituency: Constituency, reason: str) -> Recount:
    """Ask for a recount; the HQ's runs at once, a county's waits for the supervisors.
    ``actor`` None is the operator of the centre's command line, who acts for the HQ."""
    if actor is not None and not can_ask_recount(actor, constituency):
        raise PermissionDenied
    said = _reason_or_refuse(reason)
    result = _result_or_refuse(constituency)
    result = ConstituencyResult.objects.select_for_update().get(pk=result.pk)
    by_hq = actor is None or can_run_tally(actor, constituency.election)
    if not by_hq and Recount.objects.filter(result=result, ran_at__isnull=True).exists():
        raise DomainError(
            RecountRefusal.WAITING,
            fa="درخواست بازشماری دیگری از این حوزه در انتظار تأیید هیئت نظارت است.",
            en="Another recount of this constituency awaits the supervisory board.",
        )
    recount = Recount.objects.create(
        result=result, reason=said, requested_by=actor, requested_at=timezone.now()
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECOUNT_REQUESTED,
        target=recount,
        unit=f"constituency:{constituency.code}",
        new={"constituency": constituency.code, "reason": said, "by_hq": by_hq},
    )
    if by_hq:
        return recount_run(actor=actor, recount=recount)
    return recount


@transaction.atomic
def recount_confirm(*, actor: Any, recount: Recount) -> Recount:
    """The supervisory board confirms a county's request; the recount runs."""
    recount = (
        Recount.objects.select_for_update()
        .select_related("result__constituency__election", "result__constituency__district")
        .get(pk=recount.pk)
    )
    constituency = recount.result.constituency
    if not can_confirm_recount(actor, constituency):
        raise PermissionDenied
    if recount.confirmed_at is not None or recount.has_run:
        raise DomainError(
            RecountRefusal.CONFIRMED_ALREADY,
            fa="این بازشماری پیش‌تر تأیید یا انجام شده است.",
            en="This recount has already been confirmed or run.",
        )
    recount.confirmed_by = actor
    recount.confirmed_at = timezone.now()
    recount.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECOUNT_CONFIRMED,
        target=recount,
        unit=f"constituency:{constituency.code}",
        new={"constituency": constituency.code},
    )
    return recount_run(actor=actor, recount=recount)


def recount_run(*, actor: Any, recount: Recount) -> Recount:
    """Count the stored ballots again and keep every difference from the stored result.
    Called inside the asking or confirming transaction."""
    result = recount.result
    constituency = result.constituency
    definition = frozen_ballot(constituency)
    assert definition is not None  # a tallied constituency's ballot was frozen
    settings = results_settings_of(constituency.election)
    announced = settings.announced_lottery_value if settings is not None else ""
    seed = lottery_seed(
        election_ref=str(constituency.election_id),
        constituency_code=constituency.code,
        receipts_roots=list(result.receipts_roots),
        announced=announced,
    )
    text = shuffled_ballots_text(result)
    again = recount_lines(definition, text.splitlines(), seed)
    differences = recount_differences(
        again,
        stored_count=result.counts,
        stored_standings=result.standings,
        stored_ties=result.ties,
    )
    if seed != result.seed:
        differences.insert(0, f"seed: {SIDES[0]} has {result.seed}, {SIDES[1]} {seed}")
    certification = getattr(result, "certification", None)
    recount.was_certified = certification is not None and certification.is_confirmed
    recount.ran_at = timezone.now()
    recount.same = not differences
    recount.counts = count_to_dict(again.count)
    recount.differences = differences
    recount.save(update_fields=["was_certified", "ran_at", "same", "counts", "differences"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.RECOUNT_RUN,
        target=recount,
        unit=f"constituency:{constituency.code}",
        new={
            "constituency": constituency.code,
            "same": recount.same,
            "differences": len(differences),
            "was_certified": recount.was_certified,
            "ballots": again.count.ballots,
        },
    )
    return recount
