"""The registration conditions: every failure reported, each exactly when its rule fails."""

from __future__ import annotations

import datetime
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.candidacy import (
    CandidacyCondition,
    CandidacyRules,
    CandidateFacts,
    ConstituencyFacts,
    EducationRules,
    PostHeld,
    RegistrationWindow,
    registration_failures,
    registration_window_failure,
    required_degree,
)
from shora_domain.candidate_profile import (
    QUALIFYING_SERVICE,
    Degree,
    Gender,
    MilitaryService,
)
from shora_domain.jalali import full_years_of_age

POLLING = datetime.date(2026, 5, 1)
C = CandidacyCondition

dates = st.dates(datetime.date(1930, 1, 1), datetime.date(2026, 4, 30))
degrees = st.sampled_from(list(Degree))
posts = st.lists(
    st.builds(
        PostHeld,
        kind=st.sampled_from(["board", "station"]),
        role=st.sampled_from(["عضو", "رئیس"]),
        unit_label=st.just("اهواز"),
    ),
    max_size=3,
)
facts = st.builds(
    CandidateFacts,
    birth_date=dates,
    gender=st.sampled_from(list(Gender)),
    military_service=st.sampled_from(list(MilitaryService)),
    degree=degrees,
    clean_record_issued_on=st.none() | dates,
    resides_in_constituency=st.booleans(),
    posts=posts,
)


@st.composite
def constituencies(draw: st.DrawFn) -> ConstituencyFacts:
    kind: Literal["city", "village"] = draw(st.sampled_from(["city", "village"]))
    return ConstituencyFacts(
        kind=kind,
        name="حوزه",
        population=draw(st.integers(0, 20_000_000)),
        households=draw(st.integers(0, 5_000)),
    )


education = st.builds(
    EducationRules,
    city_degree=st.sampled_from([Degree.DIPLOMA, Degree.ASSOCIATE, Degree.BACHELOR]),
    city_degree_population_from=st.integers(0, 1_000_000),
    village_literacy_households_up_to=st.integers(0, 1_000),
)
rules = st.builds(
    CandidacyRules,
    polling_date=st.just(POLLING),
    registration_date=st.dates(datetime.date(2025, 10, 1), datetime.date(2026, 3, 1)),
    minimum_age=st.integers(18, 40),
    education=education,
    clean_record_max_age_days=st.integers(1, 365),
)


def expected_codes(
    f: CandidateFacts, r: CandidacyRules, c: ConstituencyFacts
) -> list[CandidacyCondition]:
    """An independent statement of the rules, in the order they are reported."""
    codes = []
    if f.birth_date > r.polling_date or full_years_of_age(f.birth_date, POLLING) < r.minimum_age:
        codes.append(C.UNDER_AGE)
    if f.degree.rank < required_degree(c, r.education).rank:
        codes.append(C.EDUCATION_BELOW_REQUIRED)
    if not f.resides_in_constituency:
        codes.append(C.NO_RESIDENCE)
    if f.gender is Gender.MALE and f.military_service not in QUALIFYING_SERVICE:
        codes.append(C.MILITARY_SERVICE_MISSING)
    issued = f.clean_record_issued_on
    if issued is None:
        codes.append(C.CLEAN_RECORD_MISSING)
    elif issued > r.registration_date:
        codes.append(C.CLEAN_RECORD_AFTER_REGISTRATION)
    elif (r.registration_date - issued).days > r.clean_record_max_age_days:
        codes.append(C.CLEAN_RECORD_TOO_OLD)
    codes += [C.SERVES_ON_BOARD if p.kind == "board" else C.SERVES_AT_STATION for p in f.posts]
    return codes


@given(facts, rules, constituencies())
def test_each_condition_fails_exactly_when_its_rule_does(f, r, c):
    failures = registration_failures(f, r, c)
    assert [failure.code for failure in failures] == expected_codes(f, r, c)
    for failure in failures:
        assert failure.fa and failure.en
        assert not any(char in "0123456789" for char in failure.fa), failure.fa
        assert failure.message("en") == failure.en and failure.message() == failure.fa


@given(st.sampled_from(list(MilitaryService)), facts)
def test_a_woman_never_fails_for_military_service(service, f):
    woman = CandidateFacts(
        birth_date=f.birth_date,
        gender=Gender.FEMALE,
        military_service=service,
        degree=f.degree,
        clean_record_issued_on=f.clean_record_issued_on,
        resides_in_constituency=f.resides_in_constituency,
    )
    r = CandidacyRules(polling_date=POLLING, registration_date=datetime.date(2026, 1, 12))
    c = ConstituencyFacts(kind="city", name="x", population=10, households=0)
    assert C.MILITARY_SERVICE_MISSING not in [x.code for x in registration_failures(woman, r, c)]


@given(education, st.integers(0, 5_000), st.integers(0, 5_000))
def test_a_bigger_village_never_needs_less(rules_, smaller, extra):
    def needed(households: int) -> Degree:
        c = ConstituencyFacts(kind="village", name="x", population=0, households=households)
        return required_degree(c, rules_)

    assert needed(smaller).rank <= needed(smaller + extra).rank
    assert needed(smaller) in (Degree.LITERACY, Degree.DIPLOMA)


@given(education, st.integers(0, 10_000_000), st.integers(0, 10_000_000))
def test_a_bigger_city_never_needs_less(rules_, smaller, extra):
    def needed(population: int) -> Degree:
        c = ConstituencyFacts(kind="city", name="x", population=population, households=0)
        return required_degree(c, rules_)

    assert needed(smaller).rank <= needed(smaller + extra).rank


@pytest.mark.parametrize(
    ("kind", "population", "households", "degree"),
    [
        ("village", 700, 200, Degree.LITERACY),  # "up to 200 households": 200 included
        ("village", 704, 201, Degree.DIPLOMA),
        ("city", 199_999, 0, Degree.DIPLOMA),
        ("city", 200_000, 0, Degree.ASSOCIATE),  # "from 200,000": 200,000 included
        ("city", 1_184_788, 0, Degree.ASSOCIATE),
    ],
)
def test_the_default_education_boundaries(kind, population, households, degree):
    c = ConstituencyFacts(kind=kind, name="x", population=population, households=households)
    assert required_degree(c, EducationRules()) is degree


def test_degrees_are_ordered():
    assert [d.rank for d in Degree] == list(range(len(Degree)))
    assert Degree.DOCTORATE.at_least(Degree.BACHELOR)
    assert not Degree.DIPLOMA.at_least(Degree.ASSOCIATE)


WINDOW = RegistrationWindow(
    opens_on=datetime.date(2026, 1, 11),
    closes_on=datetime.date(2026, 1, 17),
    opens_at=datetime.time(8),
    closes_at=datetime.time(16),
)


@given(st.datetimes(datetime.datetime(2026, 1, 1), datetime.datetime(2026, 1, 31)))
def test_the_window_is_its_days_and_hours(moment):
    inside = WINDOW.opens_on <= moment.date() <= WINDOW.closes_on and datetime.time(
        8
    ) <= moment.time() < datetime.time(16)
    failure = registration_window_failure(moment, WINDOW)
    assert (failure is None) == inside
    if failure is not None and moment.date() < WINDOW.opens_on:
        assert failure.code is C.BEFORE_REGISTRATION_WINDOW
    if failure is not None and moment.date() > WINDOW.closes_on:
        assert failure.code is C.AFTER_REGISTRATION_WINDOW
