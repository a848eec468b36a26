"""Weekly session series, their expansion into sessions, and attendance.

A series is entered once and ``series_expand`` writes one session per week from its first
date until the election's polling day (running it again adds only what is missing).
Attendance is taken from the list of invited people or by a typed or scanned code: the
person's national code or their personal training code, in any digits. It is refused for
someone the series does not invite, a second time, and beyond the session's capacity.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.models import Person
from shora.elections.models import County, District, Election
from shora.readiness.services.common import clean_text
from shora.training.errors import TrainingRefusal, refuse
from shora.training.models import (
    TRAINING_ROLES,
    Attendance,
    AttendanceMethod,
    Module,
    Session,
    SessionSeries,
    Trainee,
)
from shora.training.selectors.people import is_invited, posts_of
from shora.training.services.programmes import CODE_DIGITS
from shora_domain.digits import to_latin_digits

WEEK = datetime.timedelta(days=7)


def _bad_series(fa: str, en: str) -> Exception:
    return refuse(TrainingRefusal.BAD_SERIES, fa=fa, en=en)


@transaction.atomic
def series_create(
    *,
    actor: Any,
    election: Election,
    county: County,
    title: str,
    place: str,
    capacity: int,
    roles: Sequence[str],
    weekday: int,
    starts_at: datetime.time,
    first_date: datetime.date,
    district: District | None = None,
    trainer: Any = None,
    modules: Sequence[Module] = (),
    duration_minutes: int = 90,
) -> SessionSeries:
    """A weekly series, expanded at once into its sessions up to polling day."""
    if county.province_id != election.province_id or (
        district is not None and district.county_id != county.pk
    ):
        raise _bad_series("این شهرستان یا بخش از این انتخابات نیست.", "Wrong county or district.")
    if not roles or any(role not in TRAINING_ROLES for role in roles):
        raise _bad_series("سمت‌های دعوت‌شده را درست برگزینید.", "Choose the roles invited.")
    if not 1 <= capacity <= 10_000:
        raise _bad_series("ظرفیت باید میان ۱ و ۱۰٬۰۰۰ باشد.", "Capacity must be 1 to 10,000.")
    if not 0 <= weekday <= 6:
        raise _bad_series("روز هفته نادرست است.", "The weekday is wrong.")
    if first_date > election.polling_date:
        raise _bad_series(
            "نخستین جلسه باید پیش از روز رأی‌گیری باشد.",
            "The first session must fall before polling day.",
        )
    if any(module.programme.election_id != election.pk for module in modules):
        raise _bad_series("درسی از انتخابات دیگر برگزیده شده است.", "A module of another election.")
    if not clean_text(title) or not clean_text(place):
        raise _bad_series("عنوان و مکان جلسه را بنویسید.", "Write the title and the place.")
    series = SessionSeries.objects.create(
        election=election,
        county=county,
        district=district,
        trainer=trainer,
        title=clean_text(title),
        place=clean_text(place),
        capacity=capacity,
        roles=list(dict.fromkeys(roles)),
        weekday=weekday,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        first_date=first_date,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    series.modules.set(modules)
    audit_record(
        actor=actor,
        event_type=AuditEventType.TRAINING_SERIES_CREATED,
        target=series,
        unit=f"county:{county.code}",
        new={"title": series.title, "weekday": weekday, "roles": series.roles},
    )
    series_expand(series)
    return series


def session_dates(series: SessionSeries) -> list[datetime.date]:
    """Every date of the series: its weekday from the first date until polling day."""
    first = series.first_date + datetime.timedelta(
        days=(series.weekday - series.first_date.weekday()) % 7
    )
    dates = []
    day = first
    while day <= series.election.polling_date:
        dates.append(day)
        day += WEEK
    return dates


def series_expand(series: SessionSeries) -> int:
    """Write the series' missing sessions; the number written."""
    have = set(series.sessions.values_list("date", flat=True))
    missing = [Session(series=series, date=day) for day in session_dates(series) if day not in have]
    Session.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def expand_all(election: Election) -> int:
    return sum(series_expand(series) for series in SessionSeries.objects.filter(election=election))


def person_by_code(election: Election, raw: str) -> Person:
    """The person a typed or scanned code names: a national code or a training code."""
    code = "".join(ch for ch in to_latin_digits(raw) if not ch.isspace() and ch != "-")
    person = None
    if code.isdigit() and len(code) == 10:
        person = Person.objects.filter(election=election, national_code=code).first()
    elif code.isdigit() and len(code) == CODE_DIGITS:
        trainee = Trainee.objects.filter(code=code, person__election=election).first()
        person = trainee.person if trainee is not None else None
    if person is None:
        raise refuse(
            TrainingRefusal.UNKNOWN_CODE,
            fa="این کد به هیچ‌یک از کارکنان این انتخابات تعلق ندارد.",
            en="This code belongs to nobody on this election's staff.",
        )
    return person


@transaction.atomic
def attendance_record(
    *,
    actor: Any,
    session: Session,
    person: Person,
    method: str = AttendanceMethod.LIST,
    at: datetime.datetime | None = None,
) -> Attendance:
    # The session's row is locked so that two desks cannot both take its last seat.
    session = (
        Session.objects.select_for_update()
        .select_related("series__election", "series__county")
        .get(pk=session.pk)
    )
    series = session.series
    if person.election_id != series.election_id or not is_invited(
        series, posts_of(series.election, [person.pk]).get(person.pk, [])
    ):
        raise refuse(
            TrainingRefusal.NOT_INVITED,
            fa=f"{person.full_name} به این جلسه دعوت نشده است.",
            en=f"{person.full_name} is not invited to this session.",
        )
    if Attendance.objects.filter(session=session, person=person).exists():
        raise refuse(
            TrainingRefusal.ALREADY_PRESENT,
            fa=f"حضور {person.full_name} پیش‌تر ثبت شده است.",
            en=f"{person.full_name} is already marked present.",
        )
    if session.attendances.count() >= series.capacity:
        raise refuse(
            TrainingRefusal.SESSION_FULL,
            fa="ظرفیت این جلسه پر است.",
            en="This session is full.",
        )
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                session=session,
                person=person,
                method=method,
                recorded_at=at or timezone.now(),
                recorded_by=actor if getattr(actor, "pk", None) else None,
            )
    except IntegrityError as error:
        raise refuse(
            TrainingRefusal.ALREADY_PRESENT,
            fa=f"حضور {person.full_name} پیش‌تر ثبت شده است.",
            en=f"{person.full_name} is already marked present.",
        ) from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.TRAINING_ATTENDANCE_RECORDED,
        target=attendance,
        unit=f"county:{series.county.code}",
        new={"session": session.pk, "national_code": person.national_code, "method": method},
    )
    return attendance


def attendance_by_code(*, actor: Any, session: Session, code: str) -> Attendance:
    person = person_by_code(session.series.election, code)
    return attendance_record(
        actor=actor, session=session, person=person, method=AttendanceMethod.CODE
    )
