"""Certifying a constituency's result: the county's executive board approves, then the
supervisory board confirms.

* Approval: a user of role county, of the constituency's own county, records it with the
  names of the county executive board's serving members at that moment.
* Confirmation: a supervisor of the election's province records it with the names of the
  county supervisory board's serving members.

Refused: the wrong board (403), a constituency not tallied yet, a second approval or
confirmation, a confirmation before the approval, a board with no serving member (409).
Both steps are audited. The election enters "certified" only when every constituency's
result is confirmed (``check_every_constituency_certified``, registered from the app's
``ready``).
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
from shora.boards.models import BoardMembership
from shora.elections.gates import PHASE_CHECKS, GateProblem
from shora.elections.models import Constituency, Election, Phase
from shora.results.models import ConstituencyCertification, ConstituencyResult
from shora_domain.digits import format_number, to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind, role_label


class CertificationRefusal(enum.Enum):
    NOT_TALLIED = "certification.not_tallied"
    APPROVED_ALREADY = "certification.approved_already"
    NOT_APPROVED = "certification.not_approved"
    CONFIRMED_ALREADY = "certification.confirmed_already"
    NO_MEMBERS = "certification.no_members"


def can_approve(user: Any, constituency: Constituency) -> bool:
    """The executive side of the constituency's own county."""
    if getattr(user, "role", None) != Role.COUNTY:
        return False
    return bool(user.county_id == constituency.district.county_id)


def can_confirm(user: Any, constituency: Constituency) -> bool:
    """The supervisory side of the election's province."""
    if getattr(user, "role", None) != Role.SUPERVISOR:
        return False
    return bool(user.province_id == constituency.election.province_id)


def serving_members(constituency: Constituency, kind: BoardKind) -> list[dict[str, str]]:
    """The names and seats of the members serving now on the ``kind`` board of the
    constituency's county, in the boards' own order (seat, then name)."""
    memberships = (
        BoardMembership.objects.filter(
            board__election_id=constituency.election_id,
            board__kind=kind.value,
            board__county_id=constituency.district.county_id,
            board__district__isnull=True,
            ended_at__isnull=True,
        )
        .select_related("person")
        .order_by("role", "person__name_key", "pk")
    )
    return [
        {"name": m.person.full_name, "role": m.role, "role_fa": role_label(m.role, "fa")}
        for m in memberships
    ]


def _refuse(code: CertificationRefusal, fa: str, en: str) -> DomainError:
    return DomainError(code, fa=fa, en=en)


def _members_or_refuse(constituency: Constituency, kind: BoardKind) -> list[dict[str, str]]:
    members = serving_members(constituency, kind)
    if members:
        return members
    raise _refuse(
        CertificationRefusal.NO_MEMBERS,
        fa=f"{kind.label('fa')} {constituency.district.county.name} هیچ عضو حاضری ندارد.",
        en=f"The {kind.label('en')} of {constituency.district.county.name} has no serving member.",
    )


def _result_locked(constituency: Constituency) -> ConstituencyResult:
    result = (
        ConstituencyResult.objects.select_for_update().filter(constituency=constituency).first()
    )
    if result is None:
        raise _refuse(
            CertificationRefusal.NOT_TALLIED,
            fa=(
                f"آرای حوزهٔ {constituency.name} ({to_persian_digits(constituency.code)}) "
                "هنوز شمرده نشده است."
            ),
            en=f"Constituency {constituency.code} has not been tallied yet.",
        )
    return result


@transaction.atomic
def certification_approve(*, actor: Any, constituency: Constituency) -> ConstituencyCertification:
    """The county executive board approves the constituency's result."""
    if not can_approve(actor, constituency):
        raise PermissionDenied
    result = _result_locked(constituency)
    if ConstituencyCertification.objects.filter(result=result).exists():
        raise _refuse(
            CertificationRefusal.APPROVED_ALREADY,
            fa="نتیجهٔ این حوزه پیش‌تر به تصویب هیئت اجرایی رسیده است.",
            en="This constituency's result has already been approved.",
        )
    members = _members_or_refuse(constituency, BoardKind.COUNTY_EXECUTIVE)
    certification = ConstituencyCertification.objects.create(
        result=result,
        approved_by=actor,
        approved_at=timezone.now(),
        approving_members=members,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RESULT_APPROVED,
        target=certification,
        unit=f"constituency:{constituency.code}",
        new={"constituency": constituency.code, "members": [m["name"] for m in members]},
    )
    return certification


@transaction.atomic
def certification_confirm(*, actor: Any, constituency: Constituency) -> ConstituencyCertification:
    """The supervisory board confirms the approved result."""
    if not can_confirm(actor, constituency):
        raise PermissionDenied
    result = _result_locked(constituency)
    certification = (
        ConstituencyCertification.objects.select_for_update().filter(result=result).first()
    )
    if certification is None:
        raise _refuse(
            CertificationRefusal.NOT_APPROVED,
            fa="نتیجهٔ این حوزه هنوز به تصویب هیئت اجرایی نرسیده است؛ تأیید پس از تصویب است.",
            en="The executive board has not approved this result yet; confirmation follows it.",
        )
    if certification.is_confirmed:
        raise _refuse(
            CertificationRefusal.CONFIRMED_ALREADY,
            fa="نتیجهٔ این حوزه پیش‌تر به تأیید هیئت نظارت رسیده است.",
            en="This constituency's result has already been confirmed.",
        )
    members = _members_or_refuse(constituency, BoardKind.COUNTY_SUPERVISORY)
    certification.confirmed_by = actor
    certification.confirmed_at = timezone.now()
    certification.confirming_members = members
    certification.save(update_fields=["confirmed_by", "confirmed_at", "confirming_members"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.RESULT_CONFIRMED,
        target=certification,
        unit=f"constituency:{constituency.code}",
        new={"constituency": constituency.code, "members": [m["name"] for m in members]},
    )
    return certification


def certification_of(constituency: Constituency) -> ConstituencyCertification | None:
    return (
        ConstituencyCertification.objects.filter(result__constituency=constituency)
        .select_related("approved_by", "confirmed_by")
        .first()
    )


_NAMED = 20


def check_every_constituency_certified(election: Election) -> list[GateProblem]:
    """One problem naming the constituencies whose result is not confirmed yet."""
    waiting = election.constituencies.exclude(
        tally_result__certification__confirmed_at__isnull=False
    ).order_by("code")
    named = list(waiting[: _NAMED + 1])
    if not named:
        return []
    total = waiting.count()
    shown = named[:_NAMED]
    fa_names = "، ".join(f"{c.name} ({to_persian_digits(c.code)})" for c in shown)
    en_names = ", ".join(f"{c.name_en or c.name} ({c.code})" for c in shown)
    more_fa = f" و {format_number(total - _NAMED)} حوزهٔ دیگر" if total > _NAMED else ""
    more_en = f" and {total - _NAMED} more" if total > _NAMED else ""
    return [
        GateProblem(
            "not_certified",
            f"نتیجهٔ {format_number(total)} حوزه هنوز به تأیید هیئت نظارت نرسیده است: "
            f"{fa_names}{more_fa}.",
            f"{total} constituencies' results are not confirmed yet: {en_names}{more_en}.",
        )
    ]


def register() -> None:
    if check_every_constituency_certified not in PHASE_CHECKS[Phase.CERTIFIED]:
        PHASE_CHECKS[Phase.CERTIFIED].append(check_every_constituency_certified)
