"""Registering a candidate: the person read from what was typed, every condition checked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from shora.accounts.models import User
from shora.audit.events import AuditEventType
from shora.boards.locks import lock_national_code
from shora.candidates import schedule as clock
from shora.candidates.access import can_register_in
from shora.candidates.errors import CandidacyRefusal, ConditionsNotMetError
from shora.candidates.models import ACTIVE_STATUS_VALUES, Candidacy
from shora.candidates.selectors import (
    candidacy_name_key,
    candidacy_schedule_for,
    constituency_facts,
    education_rules,
    similar_candidacies,
)
from shora.candidates.services.steps import record_step
from shora.elections.models import Constituency, Election, Phase
from shora_domain.candidacy import (
    CandidacyRules,
    CandidateFacts,
    ConditionFailure,
    PostHeld,
    registration_failures,
    registration_window_failure,
)
from shora_domain.candidate_profile import Degree, Gender, MilitaryService, VeteranStatus
from shora_domain.candidate_review import STATUS_LABELS, Board, CandidacyStatus, ReviewAction, label
from shora_domain.errors import DomainError
from shora_domain.jalali import format_jalali_date
from shora_domain.national_code import parse_national_code
from shora_domain.person_details import clean_person_name


@dataclass(frozen=True)
class PersonDetails:
    """What the registration form (or a spreadsheet row) gives, as typed."""

    national_code: str
    first_name: str
    last_name: str
    father_name: str
    gender: str
    birth_date: datetime.date
    degree: str
    military_service: str
    clean_record_issued_on: datetime.date | None
    residence_confirmed: bool
    veteran_status: str = VeteranStatus.NONE.value


@dataclass(frozen=True)
class Person:
    """The person read and cleaned: canonical code, display names, enums."""

    national_code: str
    first_name: str
    last_name: str
    father_name: str
    gender: Gender
    birth_date: datetime.date
    degree: Degree
    military_service: MilitaryService
    veteran_status: VeteranStatus
    clean_record_issued_on: datetime.date | None
    residence_confirmed: bool


@dataclass
class Registration:
    candidacy: Candidacy
    similar: list[Candidacy] = field(default_factory=list)


def _choice(kind: type[Any], value: str, field_fa: str, field_en: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise DomainError(
            CandidacyRefusal.BAD_VALUE,
            fa=f"«{value}» برای «{field_fa}» پذیرفته نیست.",
            en=f"“{value}” is not accepted as the {field_en}.",
        ) from None


def person_read(details: PersonDetails) -> Person:
    """The person as stored; DomainError naming the first field that cannot be read."""
    gender = _choice(Gender, details.gender, "جنسیت", "gender")
    service = _choice(MilitaryService, details.military_service, "وضعیت نظام وظیفه",
                      "military service status")  # fmt: skip
    if gender is Gender.FEMALE:
        service = MilitaryService.NOT_APPLICABLE
    return Person(
        national_code=parse_national_code(details.national_code),
        first_name=clean_person_name(details.first_name, what_fa="نام", what_en="The first name"),
        last_name=clean_person_name(
            details.last_name, what_fa="نام خانوادگی", what_en="The surname"
        ),
        father_name=clean_person_name(
            details.father_name, what_fa="نام پدر", what_en="The father's name"
        ),
        gender=gender,
        birth_date=details.birth_date,
        degree=_choice(Degree, details.degree, "مدرک تحصیلی", "degree"),
        military_service=service,
        veteran_status=_choice(
            VeteranStatus, details.veteran_status, "وضعیت ایثارگری", "veteran status"
        ),
        clean_record_issued_on=details.clean_record_issued_on,
        residence_confirmed=details.residence_confirmed,
    )


def posts_held(election: Election, national_code: str) -> list[PostHeld]:
    """The board seats and station posts the person holds in this election (shora.boards)."""
    from shora.boards.selectors import serving_posts

    held = []
    for post in serving_posts(election=election, national_code=national_code):
        role = getattr(post, "role_fa", "") or post.role
        held.append(PostHeld(kind=post.kind, role=role, unit_label=post.unit_label))
    return held


def conditions_failures(
    *, person: Person, constituency: Constituency, registered_on: datetime.date
) -> list[ConditionFailure]:
    """Every registration condition the person fails for ``constituency``."""
    election = constituency.election
    schedule = candidacy_schedule_for(election)
    facts = CandidateFacts(
        birth_date=person.birth_date,
        gender=person.gender,
        military_service=person.military_service,
        degree=person.degree,
        clean_record_issued_on=person.clean_record_issued_on,
        resides_in_constituency=person.residence_confirmed,
        posts=posts_held(election, person.national_code),
    )
    rules = CandidacyRules(
        polling_date=election.polling_date,
        registration_date=registered_on,
        minimum_age=election.candidate_minimum_age,
        education=education_rules(election),
        clean_record_max_age_days=election.clean_record_max_age_days,
    )
    return registration_failures(facts, rules, constituency_facts(constituency, schedule))


def refuse_unless_registration_open(constituency: Constituency, at: datetime.datetime) -> None:
    election = constituency.election
    if election.phase != Phase.REGISTRATION:
        raise DomainError(
            CandidacyRefusal.NOT_THIS_PHASE,
            fa="انتخابات در مرحلهٔ ثبت‌نام نیست؛ ثبت‌نام داوطلب ممکن نیست.",
            en=f"The election is in phase {election.phase}, not registration.",
        )
    window = clock.registration_window(candidacy_schedule_for(election), constituency.kind)
    failure = registration_window_failure(clock.tehran_time(at), window)
    if failure is not None:
        raise DomainError(CandidacyRefusal.REGISTRATION_CLOSED, fa=failure.fa, en=failure.en)


def _already_registered(existing: Candidacy) -> DomainError:
    when_fa = format_jalali_date(clock.tehran_time(existing.registered_at).date())
    when_en = format_jalali_date(clock.tehran_time(existing.registered_at).date(), "en")
    status = existing.status_enum
    return DomainError(
        CandidacyRefusal.ALREADY_REGISTERED,
        fa=(
            f"دارندهٔ این کد ملی پیش‌تر با نام «{existing.full_name}» در حوزهٔ "
            f"«{existing.constituency.name}» ({when_fa}) ثبت‌نام کرده است و نامزدی‌اش "
            f"«{label(STATUS_LABELS, status)}» است؛ هر کس در هر انتخابات یک نامزدی دارد."
        ),
        en=(
            f"This national code was already registered as “{existing.full_name}” in "
            f"{existing.constituency.name} ({when_en}), now "
            f"“{label(STATUS_LABELS, status, 'en')}”; a person holds one candidacy per election."
        ),
    )


def refuse_if_already_registered(election: Election, national_code: str) -> None:
    existing = (
        Candidacy.objects.filter(
            election=election, national_code=national_code, status__in=ACTIVE_STATUS_VALUES
        )
        .select_related("constituency")
        .first()
    )
    if existing is not None:
        raise _already_registered(existing)


@transaction.atomic
def candidacy_register(
    *, actor: Any, constituency: Constituency, details: PersonDetails
) -> Registration:
    """Register one candidate, or refuse saying every condition not met.

    Refusals: not the registration phase or outside the window (REGISTRATION_CLOSED), a
    person already holding an active candidacy in the election (ALREADY_REGISTERED, also
    when two registrations race: the database lets one through), and the conditions
    (ConditionsNotMetError listing each). Returns the candidacy and, as a warning, the
    active candidacies with the same normalised name and birth date under another code.
    """
    if actor is not None and not can_register_in(actor, constituency):
        raise PermissionDenied(
            "Registration is for the county's own staff. / ثبت‌نام کار فرمانداری همان شهرستان است."
        )
    at = clock.now()
    refuse_unless_registration_open(constituency, at)
    person = person_read(details)
    election = constituency.election
    # The same lock as giving a post (shora.boards.locks): a post and a candidacy of one
    # person registered at the same instant cannot each miss the other.
    lock_national_code(election_id=election.pk, national_code=person.national_code)
    refuse_if_already_registered(election, person.national_code)
    failures = conditions_failures(
        person=person, constituency=constituency, registered_on=clock.tehran_time(at).date()
    )
    if failures:
        raise ConditionsNotMetError(failures)
    similar = similar_candidacies(
        election=election,
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
        national_code=person.national_code,
    )
    candidacy = Candidacy(
        election=election,
        constituency=constituency,
        national_code=person.national_code,
        first_name=person.first_name,
        last_name=person.last_name,
        father_name=person.father_name,
        name_key=candidacy_name_key(person.first_name, person.last_name),
        gender=person.gender.value,
        birth_date=person.birth_date,
        degree=person.degree.value,
        veteran_status=person.veteran_status.value,
        military_service=person.military_service.value,
        clean_record_issued_on=person.clean_record_issued_on,
        residence_confirmed=person.residence_confirmed,
        status=CandidacyStatus.REGISTERED.value,
        status_changed_at=at,
        registered_at=at,
        registered_by=actor if isinstance(actor, User) else None,
    )
    try:
        with transaction.atomic():
            candidacy.save()
    except IntegrityError as error:  # registered meanwhile by someone else
        existing = Candidacy.objects.filter(
            election=election, national_code=person.national_code, status__in=ACTIVE_STATUS_VALUES
        ).first()
        if existing is None:
            raise
        raise _already_registered(existing) from error
    record_step(
        actor=actor,
        candidacy=candidacy,
        action=ReviewAction.REGISTER,
        board=Board.EXECUTIVE,
        from_status="",
        at=at,
        details={
            "constituency": constituency.code,
            "national_code": person.national_code,
            "name": candidacy.full_name,
            "similar": [other.pk for other in similar],
        },
        event_type=AuditEventType.CANDIDACY_REGISTERED,
    )
    return Registration(candidacy=candidacy, similar=similar)
