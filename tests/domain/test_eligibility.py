"""Who may vote: the age boundary, the status flags and the residence rule."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from shora_domain.eligibility import (
    EligibilityRules,
    Ineligible,
    VoterFacts,
    residence_rule_applies,
    voter_eligibility,
)
from shora_domain.jalali import from_jalali, is_at_least_years_old, latest_birth_date_for_age

POLLING_DAY = datetime.date(2026, 5, 1)  # 11 Ordibehesht 1405
RULES = EligibilityRules(polling_date=POLLING_DAY)
LATIN = set("0123456789")
# Jalali 1300/01/01 to 1420/12/29, in Gregorian.
dates = st.dates(min_value=datetime.date(1921, 3, 21), max_value=datetime.date(2042, 3, 20))
polling_days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2040, 12, 31))


def codes(facts: VoterFacts, rules: EligibilityRules = RULES) -> list[Ineligible]:
    return [reason.code for reason in voter_eligibility(facts, rules).reasons]


def test_the_seventh_rounds_boundary_is_11_ordibehesht_1387() -> None:
    assert RULES.latest_birth_date == from_jalali(1387, 2, 11)
    assert voter_eligibility(VoterFacts(from_jalali(1387, 2, 11)), RULES).eligible
    assert codes(VoterFacts(from_jalali(1387, 2, 12))) == [Ineligible.UNDER_AGE]


def test_an_under_age_reason_says_the_age_and_the_last_birth_date() -> None:
    reason = voter_eligibility(VoterFacts(from_jalali(1390, 1, 1)), RULES).reasons[0]
    assert "۱۵ سال تمام" in reason.fa
    assert "۱۱ اردیبهشت ۱۳۸۷" in reason.fa
    assert "15 full years" in reason.en
    assert "11 Ordibehesht 1387" in reason.en
    assert not LATIN & set(reason.fa)


def test_someone_born_after_polling_day_is_not_yet_born() -> None:
    reason = voter_eligibility(VoterFacts(POLLING_DAY + datetime.timedelta(days=3)), RULES)
    assert reason.reasons[0].code is Ineligible.UNDER_AGE
    assert "not yet born" in reason.reasons[0].en


@given(birth=dates, polling=polling_days, minimum=st.integers(min_value=0, max_value=40))
def test_the_age_boundary_is_latest_birth_date_for_age(
    birth: datetime.date, polling: datetime.date, minimum: int
) -> None:
    rules = EligibilityRules(polling_date=polling, minimum_age=minimum)
    under_age = Ineligible.UNDER_AGE in codes(VoterFacts(birth), rules)
    assert under_age == (birth > latest_birth_date_for_age(polling, minimum))
    assert under_age == (not is_at_least_years_old(birth, polling, minimum))


@given(birth=dates, deceased=st.booleans(), barred=st.booleans())
def test_the_flags_always_refuse_and_say_so(
    birth: datetime.date, deceased: bool, barred: bool
) -> None:
    found = codes(VoterFacts(birth, deceased=deceased, barred=barred))
    assert (Ineligible.DECEASED in found) == deceased
    assert (Ineligible.BARRED in found) == barred
    if deceased or barred:
        assert not voter_eligibility(VoterFacts(birth, deceased, barred), RULES).eligible


@given(
    birth=dates,
    deceased=st.booleans(),
    barred=st.booleans(),
    since=st.one_of(st.none(), dates),
    required=st.booleans(),
)
def test_eligible_means_no_reason_and_reasons_come_in_one_order(
    birth: datetime.date,
    deceased: bool,
    barred: bool,
    since: datetime.date | None,
    required: bool,
) -> None:
    rules = EligibilityRules(polling_date=POLLING_DAY, residence_required=required)
    eligibility = voter_eligibility(VoterFacts(birth, deceased, barred, since), rules)
    assert eligibility.eligible == (not eligibility.reasons)
    order = list(Ineligible)
    found = [reason.code for reason in eligibility.reasons]
    assert found == sorted(found, key=order.index)
    assert len(set(found)) == len(found)
    for reason in eligibility.reasons:
        assert reason.fa and reason.en
        assert reason.message("en") == reason.en and reason.message("fa") == reason.fa


@given(since=dates, required=st.booleans())
def test_the_residence_rule_refuses_only_where_it_applies(
    since: datetime.date, required: bool
) -> None:
    rules = EligibilityRules(polling_date=POLLING_DAY, residence_required=required)
    adult = from_jalali(1350, 1, 1)
    short = Ineligible.SHORT_RESIDENCE in codes(VoterFacts(adult, residence_since=since), rules)
    assert short == (required and since > latest_birth_date_for_age(POLLING_DAY, 1))


def test_no_residence_date_is_not_a_refusal() -> None:
    rules = EligibilityRules(polling_date=POLLING_DAY, residence_required=True)
    assert voter_eligibility(VoterFacts(from_jalali(1350, 1, 1)), rules).eligible


def test_a_short_residence_reason_names_the_dates() -> None:
    rules = EligibilityRules(polling_date=POLLING_DAY, residence_required=True)
    facts = VoterFacts(from_jalali(1350, 1, 1), residence_since=from_jalali(1404, 9, 1))
    (reason,) = voter_eligibility(facts, rules).reasons
    assert reason.code is Ineligible.SHORT_RESIDENCE
    assert "۱ آذر ۱۴۰۴" in reason.fa and "۱۱ اردیبهشت ۱۴۰۴" in reason.fa
    assert "1 Azar 1404" in reason.en


@given(
    enabled=st.booleans(),
    below=st.integers(min_value=0, max_value=10_000_000),
    population=st.integers(min_value=0, max_value=10_000_000),
)
def test_the_residence_rule_binds_constituencies_below_the_threshold(
    enabled: bool, below: int, population: int
) -> None:
    applies = residence_rule_applies(
        rule_enabled=enabled, population_below=below, constituency_population=population
    )
    assert applies == (enabled and population < below)
