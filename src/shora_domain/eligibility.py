"""Who may vote in an election: the register's facts about a person against the rules.

``voter_eligibility`` returns every reason a registered person may not vote (an empty
tuple means they may), each with a stable code and a message in Persian and English, so
that an official can tell the person all of it at once.

The rules (DOMAIN.md, "Voters"):

* at least ``minimum_age`` (18) full Jalali years on polling day, that is born on or
  before the same Jalali date ``minimum_age`` years earlier (``latest_birth_date_for_age``,
  which minds 30 Esfand);
* not deceased, and not barred from voting (by a court, as the registry's flag says);
* where the election's residence rule applies to the constituency (a setting: a city or
  village below a population, before the 1403 amendment), at least ``residence_years``
  full years of residence on polling day. Only a known residence start that is too late
  refuses: a person whose extract gives no residence date is not refused for it, since
  the civil registry placed them in the constituency.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from .digits import format_number, to_persian_digits
from .jalali import format_jalali_date, full_years_of_age, latest_birth_date_for_age


class Ineligible(enum.Enum):
    """Why a registered person may not vote."""

    UNDER_AGE = "voter.under_age"
    DECEASED = "voter.deceased"
    BARRED = "voter.barred"
    SHORT_RESIDENCE = "voter.short_residence"


@dataclass(frozen=True)
class VoterFacts:
    """What the register says about one person."""

    birth_date: datetime.date
    deceased: bool = False
    barred: bool = False
    residence_since: datetime.date | None = None


@dataclass(frozen=True)
class EligibilityRules:
    """The election's rules as they apply to one constituency."""

    polling_date: datetime.date
    minimum_age: int = 18
    residence_required: bool = False
    residence_years: int = 1

    @property
    def latest_birth_date(self) -> datetime.date:
        """Born on or before this day: old enough on polling day."""
        return latest_birth_date_for_age(self.polling_date, self.minimum_age)

    @property
    def latest_residence_start(self) -> datetime.date:
        """Resident since this day or earlier: long enough, where the rule applies."""
        return latest_birth_date_for_age(self.polling_date, self.residence_years)


@dataclass(frozen=True)
class Reason:
    """One reason a person may not vote."""

    code: Ineligible
    fa: str
    en: str

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[Reason, ...]

    @property
    def eligible(self) -> bool:
        return not self.reasons


def residence_rule_applies(
    *, rule_enabled: bool, population_below: int, constituency_population: int
) -> bool:
    """Whether the residence rule binds the voters of a constituency of this population.

    The pre-1403 rule named cities under 100,000 people; villages are all far smaller, so
    the rule, when enabled, binds every constituency below the threshold.
    """
    return rule_enabled and constituency_population < population_below


def _under_age(facts: VoterFacts, rules: EligibilityRules) -> Reason | None:
    latest = rules.latest_birth_date
    if facts.birth_date <= latest:
        return None
    polling_fa = format_jalali_date(rules.polling_date)
    polling_en = format_jalali_date(rules.polling_date, "en")
    minimum = rules.minimum_age
    if facts.birth_date > rules.polling_date:
        age_fa = "هنوز زاده نشده است"
        age_en = "is not yet born"
    else:
        years = full_years_of_age(facts.birth_date, rules.polling_date)
        age_fa = f"{format_number(years)} سال تمام دارد"
        age_en = f"is {years} full years old"
    return Reason(
        Ineligible.UNDER_AGE,
        fa=(
            f"در روز اخذ رأی ({polling_fa}) {age_fa}؛ رأی‌دهنده باید "
            f"{to_persian_digits(minimum)} سال تمام داشته باشد، یعنی زادهٔ "
            f"{format_jalali_date(latest)} یا پیش از آن باشد."
        ),
        en=(
            f"On polling day ({polling_en}) this person {age_en}; a voter must be "
            f"{minimum} full years old, that is born on or before "
            f"{format_jalali_date(latest, 'en')}."
        ),
    )


def _short_residence(facts: VoterFacts, rules: EligibilityRules) -> Reason | None:
    if not rules.residence_required or facts.residence_since is None:
        return None
    latest = rules.latest_residence_start
    if facts.residence_since <= latest:
        return None
    years = rules.residence_years
    return Reason(
        Ineligible.SHORT_RESIDENCE,
        fa=(
            f"از {format_jalali_date(facts.residence_since)} در این حوزه ساکن است؛ در این "
            f"حوزه {to_persian_digits(years)} سال اقامت تا روز اخذ رأی لازم است، یعنی "
            f"اقامت از {format_jalali_date(latest)} یا پیش از آن."
        ),
        en=(
            "Resident in this constituency since "
            f"{format_jalali_date(facts.residence_since, 'en')}; "
            f"here {years} year(s) of residence by polling day are required, that is since "
            f"{format_jalali_date(latest, 'en')} or earlier."
        ),
    )


_DECEASED = Reason(
    Ineligible.DECEASED,
    fa="ثبت احوال این شخص را درگذشته اعلام کرده است.",
    en="The civil registry records this person as deceased.",
)
_BARRED = Reason(
    Ineligible.BARRED,
    fa="این شخص به حکم مرجع قضایی از حق رأی محروم است.",
    en="This person is barred from voting by a court's ruling.",
)


def voter_eligibility(facts: VoterFacts, rules: EligibilityRules) -> Eligibility:
    """Every reason the person may not vote, in a fixed order; none when they may."""
    reasons: list[Reason] = []
    under_age = _under_age(facts, rules)
    if under_age is not None:
        reasons.append(under_age)
    if facts.deceased:
        reasons.append(_DECEASED)
    if facts.barred:
        reasons.append(_BARRED)
    short_residence = _short_residence(facts, rules)
    if short_residence is not None:
        reasons.append(short_residence)
    return Eligibility(tuple(reasons))
