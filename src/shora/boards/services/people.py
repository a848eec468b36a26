"""Registering the people who serve, and their declared first-degree relatives."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from shora.accounts.models import Role
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.access import can_manage_person, can_register_people, require
from shora.boards.errors import BoardRefusal, refuse
from shora.boards.locks import lock_national_code
from shora.boards.models import DeclaredRelative, Gender, Person, Relation
from shora.elections.models import County, District, Election
from shora_domain.digits import to_persian_digits
from shora_domain.national_code import parse_national_code
from shora_domain.persian_text import search_key
from shora_domain.person_details import clean_person_name, parse_phone_number


def _unit_of(person: Person) -> str:
    if person.district is not None:
        return f"district:{person.district.code}"
    if person.county is not None:
        return f"county:{person.county.code}"
    return f"province:{person.election.province.code}"


def _clean_details(
    first_name: str, last_name: str, gender: str, phone: str
) -> tuple[str, str, str, str]:
    first = clean_person_name(first_name, what_fa="نام", what_en="The first name")
    last = clean_person_name(last_name, what_fa="نام خانوادگی", what_en="The last name")
    if gender not in Gender.values:
        raise refuse(
            BoardRefusal.BAD_GENDER,
            fa="جنسیت باید «زن» یا «مرد» باشد.",
            en=f"The gender must be female or male, not {gender!r}.",
        )
    return first, last, gender, parse_phone_number(phone)


def _registering_unit(
    actor: Any, county: County | None, district: District | None
) -> tuple[County | None, District | None]:
    """The unit the person is registered by: the actor's own, or the one given (system)."""
    if actor is None:
        return (district.county if district else county), district
    if actor.role == Role.DISTRICT:
        return actor.district.county, actor.district
    if actor.role == Role.COUNTY:
        return actor.county, None
    return None, None


@transaction.atomic
def person_register(
    *,
    actor: Any,
    election: Election,
    national_code: str,
    first_name: str,
    last_name: str,
    gender: str,
    phone: str = "",
    county: County | None = None,
    district: District | None = None,
) -> Person:
    """Register someone who will serve. One person per national code and election: the same
    code under another spelling is refused, naming the spelling already registered."""
    require(actor is None or can_register_people(actor, election))
    code = parse_national_code(national_code)
    first, last, gender, phone = _clean_details(first_name, last_name, gender, phone)
    county, district = _registering_unit(actor, county, district)
    lock_national_code(election_id=election.pk, national_code=code)
    existing = Person.objects.filter(election=election, national_code=code).first()
    if existing is None:
        try:
            with transaction.atomic():
                person = Person.objects.create(
                    election=election,
                    national_code=code,
                    first_name=first,
                    last_name=last,
                    name_key=search_key(f"{first} {last}"),
                    gender=gender,
                    phone=phone,
                    county=county,
                    district=district,
                )
        except IntegrityError:
            existing = Person.objects.get(election=election, national_code=code)
    if existing is not None:
        raise refuse(
            BoardRefusal.PERSON_ALREADY_REGISTERED,
            fa=(
                f"کد ملی {to_persian_digits(code)} پیش‌تر به نام «{existing.full_name}» "
                "ثبت شده است؛ همان شخص را به کار بگیرید."
            ),
            en=(
                f"The national code {code} is already registered, as “{existing.full_name}”; "
                "use that person."
            ),
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.STAFF_PERSON_REGISTERED,
        target=person,
        unit=_unit_of(person),
        new={"national_code": code, "first_name": first, "last_name": last, "gender": gender},
    )
    return person


@transaction.atomic
def person_update(
    *, actor: Any, person: Person, first_name: str, last_name: str, gender: str, phone: str = ""
) -> Person:
    """Correct a person's name, gender or phone (the national code never changes)."""
    require(actor is None or can_manage_person(actor, person))
    first, last, gender, phone = _clean_details(first_name, last_name, gender, phone)
    person = Person.objects.select_for_update().get(pk=person.pk)
    fields = ("first_name", "last_name", "gender", "phone")
    old = {name: getattr(person, name) for name in fields}
    person.first_name, person.last_name, person.gender, person.phone = first, last, gender, phone
    person.name_key = search_key(f"{first} {last}")
    person.save(update_fields=[*fields, "name_key"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.STAFF_PERSON_CHANGED,
        target=person,
        unit=_unit_of(person),
        old=old,
        new={name: getattr(person, name) for name in fields},
    )
    return person


@transaction.atomic
def relative_declare(
    *, actor: Any, person: Person, national_code: str, relation: str
) -> DeclaredRelative:
    """Record that ``national_code`` is ``person``'s parent, child, spouse or sibling."""
    require(actor is None or can_manage_person(actor, person))
    code = parse_national_code(national_code)
    if relation not in Relation.values:
        raise refuse(
            BoardRefusal.BAD_RELATION,
            fa="نسبت باید پدر یا مادر، فرزند، همسر یا خواهر و برادر باشد.",
            en=f"The relation must be parent, child, spouse or sibling, not {relation!r}.",
        )
    if code == person.national_code:
        raise refuse(
            BoardRefusal.RELATIVE_IS_SELF,
            fa="هیچ‌کس خویشاوند خودش نیست: کد ملی خویشاوند همان کد ملی این شخص است.",
            en="Nobody is their own relative: the relative's code is this person's own.",
        )
    try:
        with transaction.atomic():
            declared = DeclaredRelative.objects.create(
                person=person, national_code=code, relation=relation
            )
    except IntegrityError as error:
        raise refuse(
            BoardRefusal.RELATIVE_ALREADY_DECLARED,
            fa=f"خویشاوندی با کد ملی {to_persian_digits(code)} پیش‌تر اعلام شده است.",
            en=f"A relative with the national code {code} is already declared.",
        ) from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.RELATIVE_DECLARED,
        target=person,
        unit=_unit_of(person),
        new={"relative": code, "relation": relation},
    )
    return declared


@transaction.atomic
def relative_withdraw(*, actor: Any, declared: DeclaredRelative) -> None:
    """Remove a declaration made by mistake (the audit log keeps that it was made)."""
    person = declared.person
    require(actor is None or can_manage_person(actor, person))
    old = {"relative": declared.national_code, "relation": declared.relation}
    deleted, _ = DeclaredRelative.objects.filter(pk=declared.pk).delete()
    if not deleted:
        raise refuse(
            BoardRefusal.ALREADY_ENDED,
            fa="این خویشاوندی پیش‌تر حذف شده است.",
            en="This declaration was already removed.",
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RELATIVE_WITHDRAWN,
        target=person,
        unit=_unit_of(person),
        old=old,
    )
