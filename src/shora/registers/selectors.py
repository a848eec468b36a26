"""Reads of the voter register, shaped for the other parts of the election, pages and the API.

Eligibility has one source of rules, ``shora_domain.eligibility``: for one voter it is
asked directly (``voter_eligibility_of``); for counting millions, the same rules become a
filter on the register (``eligible_filter``), whose agreement with the pure function is a
tested property.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from shora.elections.models import Constituency, County, District, Election, PollingStation
from shora.registers.models import Gender, Voter, VoterImport
from shora_domain.eligibility import (
    Eligibility,
    EligibilityRules,
    VoterFacts,
    residence_rule_applies,
    voter_eligibility,
)
from shora_domain.errors import DomainError
from shora_domain.national_code import parse_national_code
from shora_domain.persian_text import search_key

SEARCH_LIMIT = 50


def current_voters(election: Election) -> QuerySet[Voter]:
    """The election's register as it stands (voters removed by a later extract left out)."""
    return Voter.objects.filter(election=election, removed_by__isnull=True)


def voter_by_national_code(*, election: Election, national_code: str) -> Voter | None:
    """The voter of ``election``'s current register with this code, or None.

    The code may be typed in any digits, with separators; a code that is not a valid
    national code is simply not in the register (None). Voters removed by a later
    extract are not in the register either.
    """
    try:
        code = parse_national_code(national_code)
    except DomainError:
        return None
    return (
        current_voters(election)
        .select_related("constituency__district__county")
        .filter(national_code=code)
        .first()
    )


def eligibility_rules(election: Election, constituency: Constituency) -> EligibilityRules:
    """The election's voter rules as they apply in ``constituency``."""
    return EligibilityRules(
        polling_date=election.polling_date,
        minimum_age=election.voter_minimum_age,
        residence_required=residence_rule_applies(
            rule_enabled=election.residence_rule_applies,
            population_below=election.residence_rule_population_below,
            constituency_population=constituency.population,
        ),
    )


def voter_eligibility_of(voter: Voter) -> Eligibility:
    """Whether ``voter`` may vote, and every reason if not (see ``shora_domain.eligibility``)."""
    if voter.removed_by_id is not None:
        raise ValueError("a removed voter is not in the register")
    facts = VoterFacts(
        birth_date=voter.birth_date,
        deceased=voter.deceased,
        barred=voter.barred,
        residence_since=voter.residence_since,
    )
    return voter_eligibility(facts, eligibility_rules(voter.election, voter.constituency))


def _conditions(election: Election) -> dict[str, Q]:
    """The eligibility rules as conditions on the register's rows (prefix-free)."""
    rules = EligibilityRules(
        polling_date=election.polling_date, minimum_age=election.voter_minimum_age
    )
    short_residence = Q(pk__in=[])
    if election.residence_rule_applies:
        short_residence = Q(
            residence_since__gt=rules.latest_residence_start,
            constituency__population__lt=election.residence_rule_population_below,
        )
    return {
        "under_age": Q(birth_date__gt=rules.latest_birth_date),
        "deceased": Q(deceased=True),
        "barred": Q(barred=True),
        "short_residence": short_residence,
    }


def eligible_filter(election: Election) -> Q:
    """A filter of the register's rows that may vote (the pure rules, as SQL)."""
    conditions = _conditions(election)
    return (
        ~conditions["under_age"]
        & ~conditions["deceased"]
        & ~conditions["barred"]
        & ~conditions["short_residence"]
    )


def eligible_voters(election: Election) -> QuerySet[Voter]:
    return current_voters(election).filter(eligible_filter(election))


@dataclass(frozen=True)
class RegisterCounts:
    voters: int
    eligible: int
    women: int
    men: int
    under_age: int
    deceased: int
    barred: int
    short_residence: int


def _count_columns(election: Election) -> dict[str, Count]:
    conditions = _conditions(election)
    return {
        "voters": Count("pk"),
        "eligible": Count("pk", filter=eligible_filter(election)),
        "women": Count("pk", filter=Q(gender=Gender.FEMALE)),
        "men": Count("pk", filter=Q(gender=Gender.MALE)),
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()},
    }


def _counts(row: Mapping[str, Any]) -> RegisterCounts:
    return RegisterCounts(
        **{name: int(row.get(name) or 0) for name in RegisterCounts.__annotations__}
    )


def register_totals(
    election: Election, *, county: County | None = None, district: District | None = None
) -> RegisterCounts:
    """The register's counts for the province, a county or a district."""
    voters = current_voters(election)
    if county is not None:
        voters = voters.filter(constituency__district__county=county)
    if district is not None:
        voters = voters.filter(constituency__district=district)
    return _counts(voters.aggregate(**_count_columns(election)))


@dataclass(frozen=True)
class RegisterRow:
    """One line of a summary: a county or a constituency and its counts."""

    id: int
    code: str
    name: str
    counts: RegisterCounts


def register_rows_by_county(election: Election, counties: QuerySet[County]) -> list[RegisterRow]:
    """The province's summary: a line per county (counties without voters too)."""
    grouped = {
        row["constituency__district__county"]: row
        for row in current_voters(election)
        .values("constituency__district__county")
        .annotate(**_count_columns(election))
    }
    return [
        RegisterRow(county.pk, county.code, county.name, _counts(grouped.get(county.pk, {})))
        for county in counties.order_by("name_key")
    ]


def register_rows_by_constituency(
    election: Election, *, county: County | None = None, district: District | None = None
) -> list[RegisterRow]:
    """A county's or district's summary: a line per constituency (empty ones too)."""
    constituencies = election.constituencies.all()
    voters = current_voters(election)
    if county is not None:
        constituencies = constituencies.filter(district__county=county)
        voters = voters.filter(constituency__district__county=county)
    if district is not None:
        constituencies = constituencies.filter(district=district)
        voters = voters.filter(constituency__district=district)
    grouped = {
        row["constituency"]: row
        for row in voters.values("constituency").annotate(**_count_columns(election))
    }
    return [
        RegisterRow(c.pk, c.code, c.name, _counts(grouped.get(c.pk, {})))
        for c in constituencies.order_by("code")
    ]


def constituencies_without_eligible_voters(election: Election) -> QuerySet[Constituency]:
    """The election's constituencies where nobody may vote (the "ready" gate lists them)."""
    with_eligible = eligible_voters(election).values("constituency")
    return election.constituencies.exclude(pk__in=with_eligible).order_by("code")


def _name_patterns(words: list[str]) -> list[str]:
    """Prefixes of ``name_key`` ("last first") the typed words can mean, in either order."""
    keys = [search_key(word) for word in words]
    keys = [key for key in keys if key]
    if not keys:
        return []
    if len(keys) == 1:
        return [keys[0]]
    patterns = []
    for split in range(1, len(keys)):
        first, last = "".join(keys[:split]), "".join(keys[split:])
        patterns += [f"{last} {first}", f"{first} {last}"]
    patterns.append("".join(keys))  # a last name of several words, typed in full
    return list(dict.fromkeys(patterns))


def voters_search(voters: QuerySet[Voter], query: str) -> QuerySet[Voter]:
    """Voters of ``voters`` matching ``query``: a national code (any digits, 8 to 10 of
    them), or names: a last name's start, or first and last name in either order."""
    text = query.strip()
    if not text:
        return voters.none()
    try:
        code = parse_national_code(text)
    except DomainError:
        code = None
    if code is not None:
        return voters.filter(national_code=code)
    patterns = _name_patterns(text.split()[:5])
    if not patterns:
        return voters.none()
    matches = Q()
    for pattern in patterns:
        matches |= Q(name_key__startswith=pattern)
    return voters.filter(matches).order_by("name_key", "national_code")


def voter_imports(election: Election) -> QuerySet[VoterImport]:
    return election.voter_imports.select_related("actor").order_by("-started_at", "-pk")


@dataclass(frozen=True)
class WhereToVote:
    """All the public look-up tells: the constituency and the stations that serve it."""

    constituency: Constituency
    stations: list[PollingStation]


def where_to_vote(
    *, election: Election, national_code: str, birth_date: datetime.date
) -> WhereToVote | None:
    """The constituency and stations of the eligible voter with this code and birth date.

    None alike when the code is not in the register, the birth date differs, or the person
    may not vote: the public page cannot tell these apart (see docs/registers.md).
    """
    voter = voter_by_national_code(election=election, national_code=national_code)
    if voter is None or voter.birth_date != birth_date:
        return None
    if not voter_eligibility_of(voter).eligible:
        return None
    constituency = voter.constituency
    return WhereToVote(constituency, list(constituency.stations.order_by("code")))
