"""The register of organisations answerable for deficiencies, per province and county."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import County, Province
from shora.readiness.access import can_manage_organisation, require
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import Organisation, OrganisationKind
from shora.readiness.services.common import clean_text
from shora_domain.digits import to_latin_digits
from shora_domain.persian_text import normalize_persian

_PHONE = re.compile(r"(\+98|0)[0-9]{7,11}")
_PHONE_NOISE = str.maketrans(dict.fromkeys(" -()\u200c\u200e\u200f"))


def phone_clean(phone: str) -> str:
    """A phone number in Latin digits without spaces or dashes; refused unless it reads as an
    Iranian landline or mobile number (0… or +98…)."""
    cleaned = to_latin_digits(phone).translate(_PHONE_NOISE)
    if not _PHONE.fullmatch(cleaned):
        raise refuse(
            ReadinessRefusal.BAD_PHONE,
            fa=f"«{phone.strip()[:30]}» شمارهٔ تلفن درستی نیست (مانند ۰۶۱۳۳۳۳۴۴۵۵).",
            en=f"“{phone.strip()[:30]}” is not a phone number (e.g. 06133334455).",
        )
    return cleaned


def _fields(kind: str, name: str, contact_person: str, phone: str) -> dict[str, str]:
    if kind not in OrganisationKind.values:
        raise refuse(
            ReadinessRefusal.BAD_ORGANISATION,
            fa=f"نوع سازمان نامعتبر است: {kind}",
            en=f"Unknown kind of organisation: {kind}",
        )
    name, contact_person = clean_text(name), clean_text(contact_person)
    if not name or not contact_person or len(name) > 150 or len(contact_person) > 150:
        raise refuse(
            ReadinessRefusal.NAME_REQUIRED,
            fa="نام سازمان و نام فرد پاسخ‌گو لازم است (هر کدام تا ۱۵۰ نویسه).",
            en="The organisation's name and its contact person are needed (150 characters each).",
        )
    return {
        "kind": kind,
        "name": name,
        "name_key": normalize_persian(name),
        "contact_person": contact_person,
        "phone": phone_clean(phone),
    }


def _unit(province: Province, county: County | None) -> str:
    return f"county:{county.code}" if county is not None else f"province:{province.code}"


def _save(organisation: Organisation) -> None:
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError as error:
        raise refuse(
            ReadinessRefusal.ORGANISATION_EXISTS,
            fa=f"سازمانی به نام «{organisation.name}» در این واحد ثبت شده است.",
            en=f"An organisation named “{organisation.name}” is already registered here.",
        ) from error


@transaction.atomic
def organisation_register(
    *,
    actor: Any,
    province: Province,
    county: County | None,
    kind: str,
    name: str,
    contact_person: str,
    phone: str,
) -> Organisation:
    """Register an organisation of the province (``county`` None) or of one county."""
    require(actor is None or can_manage_organisation(actor, province, county))
    if county is not None and county.province_id != province.pk:
        raise refuse(
            ReadinessRefusal.BAD_ORGANISATION,
            fa="این شهرستان در این استان نیست.",
            en="This county is not in this province.",
        )
    organisation = Organisation(
        province=province, county=county, **_fields(kind, name, contact_person, phone)
    )
    _save(organisation)
    audit_record(
        actor=actor,
        event_type=AuditEventType.ORGANISATION_REGISTERED,
        target=organisation,
        unit=_unit(province, county),
        new={
            "kind": kind,
            "name": organisation.name,
            "contact_person": organisation.contact_person,
            "phone": organisation.phone,
        },
    )
    return organisation


@transaction.atomic
def organisation_change(
    *,
    actor: Any,
    organisation: Organisation,
    kind: str,
    name: str,
    contact_person: str,
    phone: str,
) -> Organisation:
    organisation = (
        Organisation.objects.select_for_update(of=("self",))
        .select_related("province", "county")
        .get(pk=organisation.pk)
    )
    require(
        actor is None or can_manage_organisation(actor, organisation.province, organisation.county)
    )
    fields = _fields(kind, name, contact_person, phone)
    old = {key: getattr(organisation, key) for key in fields if key != "name_key"}
    for key, value in fields.items():
        setattr(organisation, key, value)
    _save(organisation)
    audit_record(
        actor=actor,
        event_type=AuditEventType.ORGANISATION_CHANGED,
        target=organisation,
        unit=_unit(organisation.province, organisation.county),
        old=old,
        new={key: value for key, value in fields.items() if key != "name_key"},
    )
    return organisation
