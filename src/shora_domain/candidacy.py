"""Who may stand for a council: the registration conditions, checked all at once.

``registration_failures`` takes the facts about a person and a constituency and the
election's rules, and returns EVERY condition that fails, each with a stable code and a
message in Persian and English, so that a county officer can tell the candidate all that
is missing in one go (an empty list means the person may register).

The conditions (DOMAIN.md, "Candidates"):

* at least ``minimum_age`` (25) full Jalali years on polling day;
* the education the constituency needs (``required_degree``): a village of up to
  ``village_literacy_households_up_to`` households needs literacy, a larger village a
  diploma; a city of at least ``city_degree_population_from`` people needs
  ``city_degree`` (associate or bachelor's, a setting), a smaller city a diploma;
* residence in the constituency;
* for men, a military-service card or a permanent exemption;
* a clean-record certificate issued on or before the registration day and at most
  ``clean_record_max_age_days`` (90) days before it;
* no post on an election board or at a polling station of the election (board members,
  trustees and station staff may not be candidates).

The registration window (dates and daily hours) is checked by
``registration_window_failure``.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .candidate_profile import (
    MILITARY_SERVICE_LABELS,
    QUALIFYING_SERVICE,
    Degree,
    Gender,
    MilitaryService,
    degree_label,
)
from .digits import format_number, to_persian_digits
from .jalali import format_jalali_date, is_at_least_years_old


class CandidacyCondition(enum.Enum):
    """The code of a failed registration condition."""

    UNDER_AGE = "candidacy.under_age"
    EDUCATION_BELOW_REQUIRED = "candidacy.education_below_required"
    NO_RESIDENCE = "candidacy.no_residence"
    MILITARY_SERVICE_MISSING = "candidacy.military_service_missing"
    CLEAN_RECORD_MISSING = "candidacy.clean_record_missing"
    CLEAN_RECORD_TOO_OLD = "candidacy.clean_record_too_old"
    CLEAN_RECORD_AFTER_REGISTRATION = "candidacy.clean_record_after_registration"
    SERVES_ON_BOARD = "candidacy.serves_on_board"
    SERVES_AT_STATION = "candidacy.serves_at_station"
    BEFORE_REGISTRATION_WINDOW = "candidacy.before_registration_window"
    AFTER_REGISTRATION_WINDOW = "candidacy.after_registration_window"
    OUTSIDE_REGISTRATION_HOURS = "candidacy.outside_registration_hours"


@dataclass(frozen=True)
class ConditionFailure:
    code: CandidacyCondition
    fa: str
    en: str

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa


@dataclass(frozen=True)
class PostHeld:
    """A post the person holds in this election: on a board, or at a polling station."""

    kind: Literal["board", "station"]
    role: str
    unit_label: str


@dataclass(frozen=True)
class CandidateFacts:
    birth_date: datetime.date
    gender: Gender
    military_service: MilitaryService
    degree: Degree
    clean_record_issued_on: datetime.date | None
    resides_in_constituency: bool
    posts: Sequence[PostHeld] = ()


@dataclass(frozen=True)
class ConstituencyFacts:
    kind: Literal["city", "village"]
    name: str
    population: int
    households: int


@dataclass(frozen=True)
class EducationRules:
    city_degree: Degree = Degree.ASSOCIATE
    city_degree_population_from: int = 200_000
    village_literacy_households_up_to: int = 200


@dataclass(frozen=True)
class CandidacyRules:
    polling_date: datetime.date
    registration_date: datetime.date
    minimum_age: int = 25
    education: EducationRules = EducationRules()
    clean_record_max_age_days: int = 90


def required_degree(constituency: ConstituencyFacts, education: EducationRules) -> Degree:
    """The lowest degree a candidate of ``constituency`` must hold (see the module notes)."""
    if constituency.kind == "village":
        if constituency.households <= education.village_literacy_households_up_to:
            return Degree.LITERACY
        return Degree.DIPLOMA
    if constituency.population >= education.city_degree_population_from:
        return education.city_degree
    return Degree.DIPLOMA


def _age_failure(facts: CandidateFacts, rules: CandidacyRules) -> ConditionFailure | None:
    if is_at_least_years_old(facts.birth_date, rules.polling_date, rules.minimum_age):
        return None
    years = to_persian_digits(rules.minimum_age)
    polling_fa = format_jalali_date(rules.polling_date)
    polling_en = format_jalali_date(rules.polling_date, "en")
    born_fa = format_jalali_date(facts.birth_date)
    born_en = format_jalali_date(facts.birth_date, "en")
    return ConditionFailure(
        CandidacyCondition.UNDER_AGE,
        fa=(f"داوطلب (متولد {born_fa}) در روز اخذ رأی ({polling_fa}) {years} سال تمام ندارد."),
        en=(
            f"The candidate (born {born_en}) will not be {rules.minimum_age} full years old "
            f"on polling day ({polling_en})."
        ),
    )


def _education_failure(
    facts: CandidateFacts, rules: CandidacyRules, constituency: ConstituencyFacts
) -> ConditionFailure | None:
    needed = required_degree(constituency, rules.education)
    if facts.degree.at_least(needed):
        return None
    if constituency.kind == "village":
        where_fa = (
            f"روستای «{constituency.name}» با {format_number(constituency.households)} خانوار"
        )
        where_en = f"the village of {constituency.name} ({constituency.households} households)"
    else:
        where_fa = f"شهر «{constituency.name}» با {format_number(constituency.population)} جمعیت"
        where_en = f"the city of {constituency.name} (population {constituency.population:,})"
    return ConditionFailure(
        CandidacyCondition.EDUCATION_BELOW_REQUIRED,
        fa=(
            f"{where_fa} دست‌کم «{degree_label(needed)}» می‌خواهد؛ "
            f"مدرک داوطلب «{degree_label(facts.degree)}» است."
        ),
        en=(
            f"{where_en[0].upper()}{where_en[1:]} needs at least this degree: "
            f"{degree_label(needed, 'en')}; the candidate's is {degree_label(facts.degree, 'en')}."
        ),
    )


def _military_failure(facts: CandidateFacts) -> ConditionFailure | None:
    if facts.gender is not Gender.MALE or facts.military_service in QUALIFYING_SERVICE:
        return None
    fa_status, en_status = MILITARY_SERVICE_LABELS[facts.military_service]
    return ConditionFailure(
        CandidacyCondition.MILITARY_SERVICE_MISSING,
        fa=(
            "داوطلب مرد باید کارت پایان خدمت یا معافیت دائم داشته باشد؛ "
            f"وضعیت ثبت‌شده: «{fa_status}»."
        ),
        en=(
            "A man must hold an end-of-service card or a permanent exemption; "
            f"the recorded status is “{en_status}”."
        ),
    )


def _clean_record_failure(facts: CandidateFacts, rules: CandidacyRules) -> ConditionFailure | None:
    issued = facts.clean_record_issued_on
    limit = rules.clean_record_max_age_days
    if issued is None:
        return ConditionFailure(
            CandidacyCondition.CLEAN_RECORD_MISSING,
            fa="گواهی عدم سوءپیشینه ارائه نشده است.",
            en="No clean-record certificate was presented.",
        )
    if issued > rules.registration_date:
        return ConditionFailure(
            CandidacyCondition.CLEAN_RECORD_AFTER_REGISTRATION,
            fa=(
                f"تاریخ گواهی عدم سوءپیشینه ({format_jalali_date(issued)}) پس از روز ثبت‌نام "
                f"({format_jalali_date(rules.registration_date)}) است؛ تاریخ را بررسی کنید."
            ),
            en=(
                f"The clean-record certificate's date ({format_jalali_date(issued, 'en')}) is "
                f"after the registration day ({format_jalali_date(rules.registration_date, 'en')});"
                " please check the date."
            ),
        )
    age = (rules.registration_date - issued).days
    if age > limit:
        return ConditionFailure(
            CandidacyCondition.CLEAN_RECORD_TOO_OLD,
            fa=(
                f"گواهی عدم سوءپیشینه ({format_jalali_date(issued)}) {format_number(age)} روز "
                f"پیش صادر شده است؛ نباید بیش از {format_number(limit)} روز از صدورش "
                "گذشته باشد."
            ),
            en=(
                f"The clean-record certificate ({format_jalali_date(issued, 'en')}) was issued "
                f"{age} days ago; it must be at most {limit} days old."
            ),
        )
    return None


def _post_failures(facts: CandidateFacts) -> list[ConditionFailure]:
    failures = []
    for post in facts.posts:
        if post.kind == "board":
            failures.append(
                ConditionFailure(
                    CandidacyCondition.SERVES_ON_BOARD,
                    fa=(
                        f"داوطلب عضو هیئت است ({post.role}، {post.unit_label})؛ اعضای هیئت‌های "
                        "اجرایی و نظارت نمی‌توانند داوطلب شوند."
                    ),
                    en=(
                        f"The candidate serves on a board ({post.role}, {post.unit_label}); "
                        "board members may not stand as candidates."
                    ),
                )
            )
        else:
            failures.append(
                ConditionFailure(
                    CandidacyCondition.SERVES_AT_STATION,
                    fa=(
                        f"داوطلب از عوامل شعبهٔ اخذ رأی است ({post.role}، {post.unit_label})؛ "
                        "عوامل شعبه نمی‌توانند داوطلب شوند."
                    ),
                    en=(
                        f"The candidate is on a polling station's staff ({post.role}, "
                        f"{post.unit_label}); station staff may not stand as candidates."
                    ),
                )
            )
    return failures


def registration_failures(
    facts: CandidateFacts, rules: CandidacyRules, constituency: ConstituencyFacts
) -> list[ConditionFailure]:
    """Every registration condition that ``facts`` fail, in a fixed order; [] if none."""
    failures = [
        _age_failure(facts, rules),
        _education_failure(facts, rules, constituency),
        None
        if facts.resides_in_constituency
        else ConditionFailure(
            CandidacyCondition.NO_RESIDENCE,
            fa=f"سکونت داوطلب در حوزهٔ «{constituency.name}» تأیید نشده است.",
            en=f"The candidate's residence in {constituency.name} has not been confirmed.",
        ),
        _military_failure(facts),
        _clean_record_failure(facts, rules),
    ]
    return [failure for failure in failures if failure is not None] + _post_failures(facts)


@dataclass(frozen=True)
class RegistrationWindow:
    """The days (inclusive) and daily hours (from ``opens_at`` to before ``closes_at``)."""

    opens_on: datetime.date
    closes_on: datetime.date
    opens_at: datetime.time
    closes_at: datetime.time


def _clock(value: datetime.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def registration_window_failure(
    moment: datetime.datetime, window: RegistrationWindow
) -> ConditionFailure | None:
    """Whether a registration at ``moment`` (local wall-clock time) lies outside ``window``."""
    day, time = moment.date(), moment.time()
    opens_fa, closes_fa = format_jalali_date(window.opens_on), format_jalali_date(window.closes_on)
    opens_en = format_jalali_date(window.opens_on, "en")
    closes_en = format_jalali_date(window.closes_on, "en")
    if day < window.opens_on:
        return ConditionFailure(
            CandidacyCondition.BEFORE_REGISTRATION_WINDOW,
            fa=f"ثبت‌نام این حوزه از {opens_fa} آغاز می‌شود.",
            en=f"Registration for this constituency opens on {opens_en}.",
        )
    if day > window.closes_on:
        return ConditionFailure(
            CandidacyCondition.AFTER_REGISTRATION_WINDOW,
            fa=f"مهلت ثبت‌نام این حوزه ({opens_fa} تا {closes_fa}) به پایان رسیده است.",
            en=f"Registration for this constituency ({opens_en} to {closes_en}) has closed.",
        )
    if not window.opens_at <= time < window.closes_at:
        hours_fa = to_persian_digits(f"{_clock(window.opens_at)} تا {_clock(window.closes_at)}")
        hours_en = f"{_clock(window.opens_at)} to {_clock(window.closes_at)}"
        return ConditionFailure(
            CandidacyCondition.OUTSIDE_REGISTRATION_HOURS,
            fa=f"ثبت‌نام فقط در ساعات {hours_fa} انجام می‌شود.",
            en=f"Registration is open from {hours_en} only.",
        )
    return None
