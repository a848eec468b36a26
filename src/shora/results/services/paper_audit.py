"""The paper-record audit of a tallied constituency.

1. The provincial HQ or the province's supervisory board draws the sample
   (``paper_audit_draw``): the counted stations of the result (``station_counts``), drawn
   with the constituency's lottery seed (``shora_domain.paper_audit``), once. Nobody
   chooses it: the seed was fixed before the count and anyone re-draws it from the record.
2. The auditors (the executive side of the constituency's own county, or the province's
   supervisory board) enter each sampled station's paper counts (``paper_counts_enter``):
   read in any digits and checked to add up, compared with the station's electronic count
   stored at the tally, and kept with every difference. Once per station.

Refused: before the tally, a second draw, entry before the draw, a station not in the
sample, a second entry of a station (409); counts that are no numbers, negative, huge, of
no candidate or not adding up (400); anyone else (403). Audited: 960 drawn, 961 entered.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from shora.accounts.models import Role
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency
from shora.results.access import can_run_tally
from shora.results.models import ConstituencyResult, PaperAudit, PaperAuditEntry
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.paper_audit import audit_sample_draw, paper_compare, paper_count_read


class PaperAuditStep(enum.Enum):
    NOT_TALLIED = "paper_audit.not_tallied"
    DRAWN_ALREADY = "paper_audit.drawn_already"
    NOT_DRAWN = "paper_audit.not_drawn"
    NOT_SAMPLED = "paper_audit.not_sampled"
    ENTERED_ALREADY = "paper_audit.entered_already"


#: Refusals of a state (409), as opposed to bad input (400).
PAPER_AUDIT_CONFLICTS = frozenset(PaperAuditStep) - {PaperAuditStep.NOT_SAMPLED}


def _is_provincial_supervisor(user: Any, constituency: Constituency) -> bool:
    if getattr(user, "role", None) != Role.SUPERVISOR:
        return False
    return bool(user.province_id == constituency.election.province_id)


def can_draw_sample(user: Any, constituency: Constituency) -> bool:
    """The provincial HQ or the province's supervisory board."""
    if can_run_tally(user, constituency.election):
        return True
    return _is_provincial_supervisor(user, constituency)


def can_enter_paper_counts(user: Any, constituency: Constituency) -> bool:
    """The auditors: the constituency's own county, or the province's supervisory board."""
    if _is_provincial_supervisor(user, constituency):
        return True
    if getattr(user, "role", None) != Role.COUNTY:
        return False
    return bool(user.county_id == constituency.district.county_id)


def _result_or_refuse(constituency: Constituency) -> ConstituencyResult:
    result = ConstituencyResult.objects.filter(constituency=constituency).first()
    if result is None:
        raise DomainError(
            PaperAuditStep.NOT_TALLIED,
            fa=f"آرای حوزهٔ {to_persian_digits(constituency.code)} هنوز شمرده نشده است.",
            en=f"Constituency {constituency.code} has not been tallied yet.",
        )
    return result


@transaction.atomic
def paper_audit_draw(*, actor: Any, constituency: Constituency) -> PaperAudit:
    """Draw the constituency's sample of stations from its seed, once."""
    if not can_draw_sample(actor, constituency):
        raise PermissionDenied
    result = ConstituencyResult.objects.select_for_update().get(
        pk=_result_or_refuse(constituency).pk
    )
    if PaperAudit.objects.filter(result=result).exists():
        raise DomainError(
            PaperAuditStep.DRAWN_ALREADY,
            fa="نمونهٔ این حوزه پیش‌تر کشیده شده است و دوباره کشیده نمی‌شود.",
            en="This constituency's sample has already been drawn; it is drawn once.",
        )
    sample = audit_sample_draw(result.seed, list(result.station_counts))
    audit = PaperAudit.objects.create(
        result=result,
        seed=result.seed,
        stations=list(sample.stations),
        sample=list(sample.sample),
        drawn_by=actor,
        drawn_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.PAPER_AUDIT_DRAWN,
        target=audit,
        unit=f"constituency:{constituency.code}",
        new={"seed": result.seed, "stations": len(sample.stations), "sample": audit.sample},
    )
    return audit


def paper_audit_of(constituency: Constituency) -> PaperAudit | None:
    return PaperAudit.objects.filter(result__constituency=constituency).first()


def paper_counts_enter(
    *,
    actor: Any,
    constituency: Constituency,
    station_code: str,
    entered: Mapping[str, object],
) -> PaperAuditEntry:
    """One sampled station's paper counts, compared with its electronic count."""
    if not can_enter_paper_counts(actor, constituency):
        raise PermissionDenied
    audit = paper_audit_of(constituency)
    if audit is None:
        raise DomainError(
            PaperAuditStep.NOT_DRAWN,
            fa="نمونهٔ شعبه‌های این حوزه هنوز کشیده نشده است.",
            en="This constituency's sample of stations has not been drawn yet.",
        )
    code = to_latin_digits(str(station_code)).strip()
    if code not in audit.sample:
        raise DomainError(
            PaperAuditStep.NOT_SAMPLED,
            fa=f"شعبهٔ {to_persian_digits(code)} در نمونهٔ این حوزه نیست.",
            en=f"Station {code} is not in this constituency's sample.",
        )
    definition = frozen_ballot(constituency)
    assert definition is not None  # a tallied constituency's ballot was frozen
    paper = paper_count_read(definition, entered)
    electronic = audit.result.station_counts[code]
    differences = paper_compare(paper, electronic)
    already = DomainError(
        PaperAuditStep.ENTERED_ALREADY,
        fa=f"برگه‌های شعبهٔ {to_persian_digits(code)} پیش‌تر وارد شده است.",
        en=f"Station {code}'s paper counts have already been entered.",
    )
    if PaperAuditEntry.objects.filter(audit=audit, station_code=code).exists():
        raise already
    try:
        with transaction.atomic():
            entry = PaperAuditEntry.objects.create(
                audit=audit,
                station_code=code,
                paper=paper.as_dict(),
                electronic=electronic,
                differences=differences,
                entered_by=actor,
                entered_at=timezone.now(),
            )
            audit_record(
                actor=actor,
                event_type=AuditEventType.PAPER_AUDIT_ENTERED,
                target=entry,
                unit=f"station:{code}",
                new={"station": code, "matches": not differences, "differences": differences[:20]},
            )
    except IntegrityError as clash:  # two auditors at the same instant: the second loses
        raise already from clash
    return entry
