"""Posts at polling stations (the roster) and in the field (inspectors, trainers)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.access import can_manage_field_posts, can_manage_roster, require
from shora.boards.errors import BoardRefusal, refuse
from shora.boards.locks import lock_national_code
from shora.boards.models import Person, StaffPost
from shora.boards.places import staff_post_place, station_label, unit_label
from shora.boards.selectors import composition_table_for
from shora.boards.services.serving import (
    Appointment,
    refuse_unless_free_to_serve,
    warnings_for_audit,
)
from shora.elections.models import County, District, Election, PollingStation
from shora_domain.digits import format_number
from shora_domain.staff_roles import FIELD_ROLES, StaffRole, role_label


def _same_election(person: Person, election: Election) -> None:
    if person.election_id != election.pk:
        raise refuse(
            BoardRefusal.WRONG_ELECTION,
            fa="این شخص برای انتخابات دیگری ثبت شده است.",
            en="This person is registered for another election.",
        )


def _staff_role(role: str, *, field: bool, where_fa: str, where_en: str) -> StaffRole:
    try:
        staff_role = StaffRole(role)
    except ValueError:
        staff_role = None
    if staff_role is None or (staff_role in FIELD_ROLES) != field:
        raise refuse(
            BoardRefusal.WRONG_ROLE,
            fa=f"«{role_label(role, 'fa')}» سمتی در {where_fa} نیست.",
            en=f"{role_label(role, 'en')} is not a post in {where_en}.",
        )
    return staff_role


def _create(**fields: Any) -> StaffPost:
    """The post's row; the database's constraints are the last word under concurrency."""
    try:
        with transaction.atomic():
            return StaffPost.objects.create(**fields)
    except IntegrityError as error:
        raise refuse(
            BoardRefusal.POST_CLASH,
            fa="این شخص هم‌اکنون سمتی در شعبه یا میدان دارد، یا این شعبه رئیس دارد.",
            en="This person already holds a station or field post, or the station has a chair.",
        ) from error


def _audit(actor: Any, post: StaffPost, unit: str, warnings: list[Any]) -> None:
    audit_record(
        actor=actor,
        event_type=AuditEventType.STAFF_POST_APPOINTED,
        target=post,
        unit=unit,
        new={
            "national_code": post.person.national_code,
            "role": post.role,
            "warnings": warnings_for_audit(warnings),
        },
    )


@transaction.atomic
def staff_post_appoint(
    *, actor: Any, station: PollingStation, person: Person, role: str
) -> Appointment:
    """Put ``person`` on the roster of ``station`` as chair, secretary, member or operator."""
    require(actor is None or can_manage_roster(actor, station))
    _same_election(person, station.election)
    staff_role = _staff_role(
        role,
        field=False,
        where_fa=station_label(station, "fa"),
        where_en=station_label(station, "en"),
    )
    seat = composition_table_for(station.election).roster_seat(staff_role.value)
    if seat is None:
        raise refuse(
            BoardRefusal.WRONG_ROLE,
            fa=f"فهرست کارکنان شعبه جایی برای «{staff_role.label()}» ندارد.",
            en=f"The station roster has no place for a {staff_role.label('en')}.",
        )
    lock_national_code(election_id=station.election_id, national_code=person.national_code)
    PollingStation.objects.select_for_update().filter(pk=station.pk).first()
    taken = StaffPost.objects.filter(
        station=station, role=staff_role.value, ended_at__isnull=True
    ).count()
    if not seat.allows(taken + 1):
        assert seat.maximum is not None
        raise refuse(
            BoardRefusal.SEAT_FULL,
            fa=(
                f"جای «{staff_role.label()}» در {station_label(station, 'fa')} پر است "
                f"({format_number(taken)} از {format_number(seat.maximum)})."
            ),
            en=(
                f"{station_label(station, 'en')} has no free {staff_role.label('en')} place "
                f"({taken} of {seat.maximum})."
            ),
        )
    warnings = refuse_unless_free_to_serve(
        person, staff_post_place(staff_role, election=station.election, station=station)
    )
    post = _create(
        election=station.election,
        person=person,
        role=staff_role.value,
        station=station,
        appointed_by=actor if getattr(actor, "pk", None) else None,
    )
    _audit(actor, post, f"station:{station.code}", warnings)
    return Appointment(post, warnings)


@transaction.atomic
def field_post_appoint(
    *,
    actor: Any,
    election: Election,
    county: County,
    person: Person,
    role: str,
    district: District | None = None,
) -> Appointment:
    """Make ``person`` an inspector or a trainer of ``county`` (or of one of its districts)."""
    if district is not None and district.county_id != county.pk:
        raise refuse(
            BoardRefusal.WRONG_PLACE,
            fa=f"بخش {district.name} در شهرستان {county.name} نیست.",
            en=f"The district {district.name} is not in the county {county.name}.",
        )
    require(actor is None or can_manage_field_posts(actor, county, district))
    _same_election(person, election)
    if county.province_id != election.province_id:
        raise refuse(
            BoardRefusal.WRONG_PLACE,
            fa="این شهرستان در استان این انتخابات نیست.",
            en="This county is not in the election's province.",
        )
    unit = district or county
    staff_role = _staff_role(
        role, field=True, where_fa=unit_label(unit, "fa"), where_en=unit_label(unit, "en")
    )
    lock_national_code(election_id=election.pk, national_code=person.national_code)
    warnings = refuse_unless_free_to_serve(
        person, staff_post_place(staff_role, election=election, county=county, district=district)
    )
    post = _create(
        election=election,
        person=person,
        role=staff_role.value,
        county=county,
        district=district,
        appointed_by=actor if getattr(actor, "pk", None) else None,
    )
    where = f"district:{district.code}" if district else f"county:{county.code}"
    _audit(actor, post, where, warnings)
    return Appointment(post, warnings)


@transaction.atomic
def staff_post_end(*, actor: Any, post: StaffPost, reason: str) -> StaffPost:
    """End a station or field post (replacement, absence, a conflict found), keeping it."""
    if post.station is not None:
        require(actor is None or can_manage_roster(actor, post.station))
    else:
        assert post.county is not None
        require(actor is None or can_manage_field_posts(actor, post.county, post.district))
    if not reason.strip():
        raise refuse(
            BoardRefusal.REASON_REQUIRED,
            fa="پایان سمت بدون ذکر دلیل ممکن نیست.",
            en="Ending a post needs a reason.",
        )
    post = StaffPost.objects.select_for_update().select_related("person").get(pk=post.pk)
    if post.ended_at is not None:
        raise refuse(
            BoardRefusal.ALREADY_ENDED,
            fa="این سمت پیش‌تر پایان یافته است.",
            en="This post has already ended.",
        )
    post.ended_at = timezone.now()
    post.ended_reason = reason.strip()[:300]
    post.save(update_fields=["ended_at", "ended_reason"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.STAFF_POST_ENDED,
        target=post,
        unit=f"station:{post.station.code}" if post.station else f"county:{post.county.code}",  # type: ignore[union-attr]
        old={"role": post.role, "national_code": post.person.national_code},
        new={"reason": post.ended_reason},
    )
    return post
