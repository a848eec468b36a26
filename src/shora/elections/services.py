"""Writes to geography and elections. Each service runs in one transaction and audits itself."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.errors import ElectionRefusal, PhaseGateError
from shora.elections.gates import PHASE_ENTRY_ACTIONS, next_phase, phase_gate_problems
from shora.elections.models import (
    Constituency,
    ConstituencyKind,
    County,
    District,
    Election,
    Phase,
    PollingStation,
    Province,
    name_key,
)
from shora_domain.council_size import (
    DEFAULT_COUNCIL_SIZE_TABLE,
    CouncilSizeTable,
    council_size,
    table_from_dict,
    table_to_dict,
)
from shora_domain.errors import DomainError

# The settings an official may correct on the settings page, while the election is in setup
# or registration. Phase and geography are changed by their own services.
EDITABLE_SETTINGS = (
    "name",
    "polling_date",
    "opens_at",
    "closes_at",
    "voter_minimum_age",
    "candidate_minimum_age",
    "minimum_polling_hours",
    "residence_rule_applies",
    "residence_rule_population_below",
    "city_education_required",
    "city_higher_education_population_from",
    "village_literacy_households_up_to",
    "appeal_days",
    "constituency_move_deadline_days",
    "clean_record_max_age_days",
    "offline_policy",
    "council_size_table",
)
SETTINGS_EDITABLE_IN = (Phase.SETUP, Phase.REGISTRATION)
# Councils and stations may be added or resized until the election is declared ready.
GEOGRAPHY_EDITABLE_IN = (Phase.SETUP, Phase.REGISTRATION, Phase.REVIEW)


def refuse_unless_geography_open(election: Election) -> None:
    """Councils and stations change only until the election is declared ready."""
    if election.phase not in GEOGRAPHY_EDITABLE_IN:
        raise DomainError(
            ElectionRefusal.GEOGRAPHY_FROZEN,
            fa="از مرحلهٔ «آماده» به بعد حوزه‌ها و شعبه‌ها تغییر نمی‌کنند.",
            en=f"Constituencies and stations are frozen in phase {election.phase}.",
        )


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


UnitT = TypeVar("UnitT", Province, County, District)


def _unit_create(
    model: type[UnitT],
    *,
    actor: Any,
    event_type: AuditEventType,
    code: str,
    name: str,
    name_en: str,
    **parent: Any,
) -> UnitT:
    unit = model._default_manager.create(
        code=code, name=name, name_en=name_en, name_key=name_key(name), **parent
    )
    audit_record(
        actor=actor,
        event_type=event_type,
        target=unit,
        unit=f"{model._meta.model_name}:{code}",
        new={"code": code, "name": name},
    )
    return unit


@transaction.atomic
def province_create(*, actor: Any, code: str, name: str, name_en: str = "") -> Province:
    return _unit_create(
        Province,
        actor=actor,
        event_type=AuditEventType.PROVINCE_CREATED,
        code=code,
        name=name,
        name_en=name_en,
    )


@transaction.atomic
def county_create(
    *, actor: Any, province: Province, code: str, name: str, name_en: str = ""
) -> County:
    return _unit_create(
        County,
        actor=actor,
        event_type=AuditEventType.COUNTY_CREATED,
        code=code,
        name=name,
        name_en=name_en,
        province=province,
    )


@transaction.atomic
def district_create(
    *, actor: Any, county: County, code: str, name: str, name_en: str = ""
) -> District:
    return _unit_create(
        District,
        actor=actor,
        event_type=AuditEventType.DISTRICT_CREATED,
        code=code,
        name=name,
        name_en=name_en,
        county=county,
    )


@transaction.atomic
def election_create(
    *,
    actor: Any,
    province: Province,
    name: str,
    polling_date: datetime.date,
    opens_at: datetime.time,
    closes_at: datetime.time,
    is_drill: bool = False,
    council_size_table: CouncilSizeTable = DEFAULT_COUNCIL_SIZE_TABLE,
) -> Election:
    election = Election(
        province=province,
        name=name,
        polling_date=polling_date,
        opens_at=opens_at,
        closes_at=closes_at,
        is_drill=is_drill,
        council_size_table=table_to_dict(council_size_table),
    )
    election.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.ELECTION_CREATED,
        target=election,
        unit=f"province:{province.code}",
        new={"name": name, "polling_date": polling_date.isoformat(), "is_drill": is_drill},
    )
    return election


@transaction.atomic
def election_settings_update(
    *, actor: Any, election: Election, changes: dict[str, Any]
) -> Election:
    """Change the election's settings; refused once candidate review has begun."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.phase not in SETTINGS_EDITABLE_IN:
        raise DomainError(
            ElectionRefusal.SETTINGS_FROZEN,
            fa="تنظیمات انتخابات پس از آغاز مرحلهٔ بررسی صلاحیت قابل تغییر نیست.",
            en="The election's settings cannot change once the review phase has begun.",
        )
    unknown = sorted(set(changes) - set(EDITABLE_SETTINGS))
    if unknown:
        raise DomainError(
            ElectionRefusal.BAD_SETTING,
            fa=f"تنظیم ناشناخته: {', '.join(unknown)}",
            en=f"Unknown setting: {', '.join(unknown)}",
        )
    if "council_size_table" in changes:
        table_from_dict(changes["council_size_table"])  # refuses a malformed table
    old = {key: _json_value(getattr(election, key)) for key in changes}
    for key, value in changes.items():
        setattr(election, key, value)
    opens = datetime.datetime.combine(election.polling_date, election.opens_at)
    closes = datetime.datetime.combine(election.polling_date, election.closes_at)
    if (closes - opens).total_seconds() < election.minimum_polling_hours * 3600:
        raise DomainError(
            ElectionRefusal.POLLING_HOURS_TOO_SHORT,
            fa=f"ساعات اخذ رأی باید دست‌کم {election.minimum_polling_hours} ساعت باشد.",
            en=f"Polls must stay open at least {election.minimum_polling_hours} hours.",
        )
    election.save()
    new = {key: _json_value(getattr(election, key)) for key in changes}
    audit_record(
        actor=actor,
        event_type=AuditEventType.ELECTION_SETTINGS_CHANGED,
        target=election,
        unit=f"province:{election.province.code}",
        old=old,
        new=new,
    )
    return election


@transaction.atomic
def election_phase_advance(*, actor: Any, election: Election, to_phase: str) -> Election:
    """Move the election one phase forward, only when that phase's gate has nothing missing."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    order = list(Phase.values)
    if to_phase not in order or order.index(to_phase) <= order.index(election.phase):
        raise DomainError(
            ElectionRefusal.PHASE_BACKWARDS,
            fa="مرحلهٔ انتخابات فقط رو به جلو تغییر می‌کند.",
            en=f"An election only moves forward: it is in {election.phase}, not before {to_phase}.",
        )
    if to_phase != next_phase(election.phase):
        raise DomainError(
            ElectionRefusal.PHASE_SKIPPED,
            fa="مراحل انتخابات را نمی‌توان جا انداخت.",
            en=f"Phases cannot be skipped: {next_phase(election.phase)} comes next.",
        )
    problems = phase_gate_problems(election, to_phase)
    if problems:
        raise PhaseGateError(
            list(problems),
            fa="پیش از رفتن به مرحلهٔ بعد این موارد باید برطرف شوند.",
            en="These must be resolved before the next phase.",
        )
    old_phase = election.phase
    election.phase = to_phase
    election.save(update_fields=["phase"])
    for action in PHASE_ENTRY_ACTIONS[to_phase]:
        action(actor, election)
    audit_record(
        actor=actor,
        event_type=AuditEventType.ELECTION_PHASE_ADVANCED,
        target=election,
        unit=f"province:{election.province.code}",
        old={"phase": old_phase},
        new={"phase": to_phase},
    )
    return election


@transaction.atomic
def constituency_create(
    *,
    actor: Any,
    election: Election,
    district: District,
    code: str,
    kind: str,
    name: str,
    population: int,
    name_en: str = "",
) -> Constituency:
    """A city or village council; members and alternates come from the election's law table."""
    refuse_unless_geography_open(election)
    if kind not in ConstituencyKind.values:
        raise DomainError(
            ElectionRefusal.BAD_SETTING,
            fa=f"نوع حوزهٔ نامعتبر: {kind}",
            en=f"Unknown constituency kind: {kind}",
        )
    size = council_size(
        table_from_dict(election.council_size_table),
        kind="city" if kind == ConstituencyKind.CITY else "village",
        population=population,
        name=name,
    )
    try:
        with transaction.atomic():
            constituency = Constituency.objects.create(
                election=election,
                district=district,
                code=code,
                kind=kind,
                name=name,
                name_en=name_en,
                name_key=name_key(name),
                population=population,
                members=size.members,
                alternates=size.alternates,
            )
    except IntegrityError as error:
        raise DomainError(
            ElectionRefusal.DUPLICATE_CODE,
            fa=f"کد حوزهٔ {code} تکراری است.",
            en=f"Constituency code {code} is already used.",
        ) from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.CONSTITUENCY_CREATED,
        target=constituency,
        unit=f"district:{district.code}",
        new={
            "code": code,
            "name": name,
            "kind": kind,
            "population": population,
            "members": size.members,
            "alternates": size.alternates,
        },
    )
    return constituency


@transaction.atomic
def constituency_size_override(
    *, actor: Any, constituency: Constituency, members: int, alternates: int, reason: str
) -> Constituency:
    """Set members and alternates against the law table, with the reason recorded."""
    if not reason.strip():
        raise DomainError(
            ElectionRefusal.OVERRIDE_WITHOUT_REASON,
            fa="تغییر تعداد اعضای شورا بدون ذکر دلیل ممکن نیست.",
            en="Changing a council's size needs a recorded reason.",
        )
    if members < 1 or alternates < 0 or members > 50 or alternates > 50:
        raise DomainError(
            ElectionRefusal.BAD_SETTING,
            fa="تعداد اعضا یا علی‌البدل‌ها نامعتبر است.",
            en="The number of members or alternates is out of range.",
        )
    constituency = Constituency.objects.select_for_update().get(pk=constituency.pk)
    refuse_unless_geography_open(constituency.election)
    old = {
        "members": constituency.members,
        "alternates": constituency.alternates,
        "reason": constituency.size_override_reason,
    }
    constituency.members = members
    constituency.alternates = alternates
    constituency.size_override_reason = reason.strip()
    constituency.save(update_fields=["members", "alternates", "size_override_reason"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.CONSTITUENCY_SIZE_OVERRIDDEN,
        target=constituency,
        unit=f"district:{constituency.district.code}",
        old=old,
        new={"members": members, "alternates": alternates, "reason": reason.strip()},
    )
    return constituency


@transaction.atomic
def station_create(
    *,
    actor: Any,
    election: Election,
    district: District,
    code: str,
    name: str,
    connectivity: str,
    constituencies: list[Constituency],
    address: str = "",
) -> PollingStation:
    refuse_unless_geography_open(election)
    try:
        with transaction.atomic():
            station = PollingStation.objects.create(
                election=election,
                district=district,
                code=code,
                name=name,
                address=address,
                connectivity=connectivity,
            )
    except IntegrityError as error:
        raise DomainError(
            ElectionRefusal.DUPLICATE_CODE,
            fa=f"کد شعبهٔ {code} تکراری است.",
            en=f"Station code {code} is already used.",
        ) from error
    station.constituencies.set(constituencies)
    audit_record(
        actor=actor,
        event_type=AuditEventType.STATION_CREATED,
        target=station,
        unit=f"district:{district.code}",
        new={
            "code": code,
            "name": name,
            "connectivity": connectivity,
            "constituencies": [c.code for c in constituencies],
        },
    )
    return station
