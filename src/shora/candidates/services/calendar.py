"""The registration and review calendar, and villages' households: set before review."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates import schedule as clock
from shora.candidates.access import can_edit_schedule, can_record_households
from shora.candidates.errors import CandidacyRefusal
from shora.candidates.models import CandidacySchedule, VillageHouseholds
from shora.candidates.schedule import ORDER_OF_DATES, schedule_defaults
from shora.elections.models import Constituency, Election, Phase
from shora_domain.digits import format_number
from shora_domain.errors import DomainError
from shora_domain.jalali import format_jalali_date

SCHEDULE_FIELDS = (
    *(f"city_{name}" for name in ORDER_OF_DATES),
    *(f"village_{name}" for name in ORDER_OF_DATES),
    "registration_opens_at",
    "registration_closes_at",
    "persons_per_household",
)
_DATE_LABELS = {
    "registration_opens_on": ("آغاز ثبت‌نام", "registration opens"),
    "registration_closes_on": ("پایان ثبت‌نام", "registration closes"),
    "executive_deadline": ("مهلت هیئت اجرایی", "the executive board's deadline"),
    "supervisory_deadline": ("مهلت هیئت نظارت", "the supervisory board's deadline"),
    "high_board_deadline": ("مهلت هیئت عالی نظارت", "the high board's deadline"),
}
#: The calendar and the villages' households decide who may register: fixed once review begins.
CALENDAR_EDITABLE_IN = (Phase.SETUP, Phase.REGISTRATION)


def _refuse_unless_editable(election: Election) -> None:
    if election.phase not in CALENDAR_EDITABLE_IN:
        raise DomainError(
            CandidacyRefusal.SCHEDULE_FROZEN,
            fa=("تقویم ثبت‌نام و بررسی صلاحیت و شمار خانوارها پس از آغاز مرحلهٔ بررسی تغییر نمی‌کند."),
            en=(
                "The registration and review calendar and the households are fixed once "
                "review begins."
            ),
        )


def _json(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def schedule_problems(schedule: CandidacySchedule) -> list[tuple[str, str]]:
    """(Persian, English) for each date out of order: for cities and for villages, the
    window opens, closes, then each board's deadline in turn, all before polling day."""
    problems = []
    polling = schedule.election.polling_date
    for kind, kind_fa in (("city", "شهرها"), ("village", "روستاها")):
        dates = [(name, getattr(schedule, f"{kind}_{name}")) for name in ORDER_OF_DATES]
        for (earlier, first), (later, then) in itertools.pairwise(dates):
            if then < first:
                (earlier_fa, earlier_en), (later_fa, later_en) = (
                    _DATE_LABELS[earlier],
                    _DATE_LABELS[later],
                )
                problems.append((
                    f"{kind_fa}: «{later_fa}» ({format_jalali_date(then)}) پیش از "
                    f"«{earlier_fa}» ({format_jalali_date(first)}) است.",
                    f"{kind.capitalize()}s: {later_en} ({format_jalali_date(then, 'en')}) is "
                    f"before {earlier_en} ({format_jalali_date(first, 'en')}).",
                ))  # fmt: skip
        if dates[-1][1] >= polling:
            problems.append((
                f"{kind_fa}: همهٔ مهلت‌ها باید پیش از روز اخذ رأی باشند.",
                f"{kind.capitalize()}s: every deadline must fall before polling day.",
            ))  # fmt: skip
    if schedule.registration_closes_at <= schedule.registration_opens_at:
        problems.append(("ساعت پایان ثبت‌نام باید پس از ساعت آغاز آن باشد.",
                         "Registration hours must end after they begin."))  # fmt: skip
    try:
        per_household = Decimal(schedule.persons_per_household)
    except (InvalidOperation, TypeError):
        per_household = Decimal(0)
    if not Decimal(1) <= per_household <= Decimal(20):
        problems.append(("میانگین نفر در هر خانوار باید میان ۱ و ۲۰ باشد.",
                         "Persons per household must be between 1 and 20."))  # fmt: skip
    return problems


@transaction.atomic
def candidacy_schedule_update(
    *, actor: Any, election: Election, changes: dict[str, Any]
) -> CandidacySchedule:
    """Change the calendar (provincial HQ, before review); every date order is checked."""
    if actor is not None and not can_edit_schedule(actor, election):
        raise PermissionDenied("Only the provincial HQ sets the calendar. / فقط ستاد استان.")
    election = Election.objects.select_for_update().get(pk=election.pk)
    _refuse_unless_editable(election)
    unknown = sorted(set(changes) - set(SCHEDULE_FIELDS))
    if unknown:
        raise DomainError(
            CandidacyRefusal.BAD_VALUE,
            fa=f"تنظیم ناشناخته: {'، '.join(unknown)}",
            en=f"Unknown schedule field: {', '.join(unknown)}",
        )
    schedule = CandidacySchedule.objects.filter(election=election).first()
    if schedule is None:
        schedule = CandidacySchedule(election=election, **schedule_defaults(election))
    old = {name: _json(getattr(schedule, name)) for name in changes}
    for name, value in changes.items():
        setattr(schedule, name, value)
    problems = schedule_problems(schedule)
    if problems:
        raise DomainError(
            CandidacyRefusal.SCHEDULE_OUT_OF_ORDER,
            fa=" ".join(fa for fa, _ in problems),
            en=" ".join(en for _, en in problems),
        )
    schedule.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CANDIDACY_SCHEDULE_CHANGED,
        target=schedule,
        unit=f"province:{election.province.code}",
        old=old,
        new={name: _json(getattr(schedule, name)) for name in changes},
    )
    return schedule


@transaction.atomic
def village_households_record(
    *, actor: Any, constituency: Constituency, households: int
) -> VillageHouseholds:
    """Record a village's households (its county or the provincial HQ, before review)."""
    if actor is not None and not can_record_households(actor, constituency):
        raise PermissionDenied("This lies outside your unit. / خارج از حوزهٔ دسترسی شما.")
    if constituency.kind != "village":
        raise DomainError(
            CandidacyRefusal.NOT_A_VILLAGE,
            fa=f"«{constituency.name}» شهر است؛ شمار خانوار فقط برای روستا ثبت می‌شود.",
            en=f"{constituency.name} is a city; households are recorded for villages only.",
        )
    _refuse_unless_editable(constituency.election)
    if not 1 <= households <= max(constituency.population, 1):
        raise DomainError(
            CandidacyRefusal.BAD_VALUE,
            fa=(
                f"شمار خانوار باید میان ۱ و جمعیت روستا "
                f"({format_number(constituency.population)}) باشد."
            ),
            en=f"Households must be between 1 and the population ({constituency.population}).",
        )
    record = VillageHouseholds.objects.select_for_update().filter(constituency=constituency).first()
    old = {"households": record.households} if record is not None else None
    if record is None:
        record = VillageHouseholds(constituency=constituency)
    record.households = households
    record.recorded_at = clock.now()
    record.recorded_by = actor if getattr(actor, "pk", None) is not None else None
    record.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.VILLAGE_HOUSEHOLDS_RECORDED,
        target=constituency,
        unit=f"district:{constituency.district.code}",
        old=old,
        new={"households": households},
    )
    return record
