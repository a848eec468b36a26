"""Reads of the register: a voter by code, eligibility, counts by unit, search, the gate."""

from __future__ import annotations

import datetime
import random

import pytest

from shora.elections.gates import phase_gate_problems
from shora.registers.gates import check_constituencies_have_eligible_voters
from shora.registers.models import Voter, VoterImport
from shora.registers.selectors import (
    current_voters,
    register_rows_by_constituency,
    register_rows_by_county,
    register_totals,
    voter_by_national_code,
    voter_eligibility_of,
    voters_search,
)
from shora_domain.eligibility import Ineligible
from shora_domain.jalali import latest_birth_date_for_age
from shora_domain.persian_text import search_key
from tests.registers.conftest import (
    AHMAD,
    BARRED,
    DEAD,
    HEADER,
    NASRIN,
    YOUNG,
    ZAHRA,
    Import,
    WriteExtract,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed", ["0012345679", "۰۰۱۲۳۴۵۶۷۹", "٠٠١٢٣٤٥٦٧٩", "001-234567-9", "12345679", " 0012345679 "]
)
def test_a_voter_by_national_code_in_any_digits(geo, imported, typed: str) -> None:
    voter = voter_by_national_code(election=geo.election, national_code=typed)
    assert voter is not None and voter.national_code == AHMAD[0]


@pytest.mark.parametrize("typed", ["0012345678", "", "abc", "0056789017"])
def test_no_voter_for_a_wrong_or_unknown_code(geo, imported, typed: str) -> None:
    assert voter_by_national_code(election=geo.election, national_code=typed) is None


def test_each_voter_with_the_reasons_they_may_not_vote(geo, imported) -> None:
    def reasons(code: str) -> list[Ineligible]:
        voter = Voter.objects.select_related("election", "constituency").get(national_code=code)
        return [reason.code for reason in voter_eligibility_of(voter).reasons]

    assert reasons(AHMAD[0]) == []
    assert reasons(YOUNG[0]) == [Ineligible.UNDER_AGE]  # born 1390/02/12
    assert reasons(DEAD[0]) == [Ineligible.DECEASED]
    assert reasons(BARRED[0]) == [Ineligible.BARRED]


def test_the_counts_of_the_fixture(geo, imported) -> None:
    totals = register_totals(geo.election)
    assert (totals.voters, totals.eligible, totals.women, totals.men) == (6, 3, 3, 3)
    assert (totals.under_age, totals.deceased, totals.barred) == (1, 1, 1)
    county_b = register_totals(geo.election, county=geo.county_b)
    assert (county_b.voters, county_b.eligible) == (1, 1)
    rows = register_rows_by_county(geo.election, geo.province.counties.all())
    assert [(row.code, row.counts.voters) for row in rows] == [("0602", 1), ("0601", 5)]
    by_constituency = register_rows_by_constituency(geo.election, county=geo.county_a)
    assert [(row.code, row.counts.voters, row.counts.eligible) for row in by_constituency] == [
        ("1001", 3, 2),
        ("1002", 2, 0),
    ]


@pytest.mark.parametrize(
    ("rule", "minimum_age"), [(False, 18), (True, 18), (True, 20), (False, 16)]
)
def test_the_counts_agree_with_the_pure_rules_voter_by_voter(
    geo, rule: bool, minimum_age: int
) -> None:
    election = geo.election
    election.residence_rule_applies = rule
    election.voter_minimum_age = minimum_age
    election.save()
    record = VoterImport.objects.create(
        election=election, operator="test", file_name="made.csv", file_sha256="0" * 64,
        file_size=0, birth_calendar="jalali", status="applied",
        started_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    rng = random.Random(minimum_age * 2 + rule)
    cutoff = latest_birth_date_for_age(election.polling_date, minimum_age)
    year_ago = latest_birth_date_for_age(election.polling_date, 1)
    near = [cutoff + datetime.timedelta(days=d) for d in (-1, 0, 1)]
    constituencies = [geo.city_a, geo.village_a, geo.city_b]
    voters = []
    for index in range(300):
        birth = (
            rng.choice(near)
            if index % 3 == 0
            else cutoff - datetime.timedelta(days=rng.randint(-2000, 20000))
        )
        since = rng.choice([None, year_ago, year_ago + datetime.timedelta(days=1), birth])
        voters.append(
            Voter(
                election=election, national_code=f"{index:010d}", first_name="الف",
                last_name="ب", name_key="ب الف", gender=rng.choice(["female", "male"]),
                birth_date=birth, constituency=rng.choice(constituencies),
                deceased=rng.random() < 0.1, barred=rng.random() < 0.1, residence_since=since,
                imported_by=record,
            )
        )  # fmt: skip
    Voter.objects.bulk_create(voters)
    every = list(current_voters(election).select_related("election", "constituency"))
    verdicts = [voter_eligibility_of(voter) for voter in every]

    totals = register_totals(election)

    assert totals.voters == 300
    assert totals.eligible == sum(verdict.eligible for verdict in verdicts)
    for field, code in [
        ("under_age", Ineligible.UNDER_AGE),
        ("deceased", Ineligible.DECEASED),
        ("barred", Ineligible.BARRED),
        ("short_residence", Ineligible.SHORT_RESIDENCE),
    ]:
        expected = sum(any(r.code is code for r in verdict.reasons) for verdict in verdicts)
        assert getattr(totals, field) == expected, field
    assert totals.women + totals.men == 300
    if rule:
        assert totals.short_residence > 0  # the village is below the rule's population


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("رضایی", {AHMAD[0]}),
        ("رضا", {AHMAD[0]}),  # the start of a last name
        ("احمد رضایی", {AHMAD[0]}),
        ("رضایی احمد", {AHMAD[0]}),
        ("رضايي", {AHMAD[0]}),  # typed with Arabic yeh
        ("موسوی نژاد", {ZAHRA[0]}),
        ("موسوی‌نژاد زهرا", {ZAHRA[0]}),
        ("زهرا موسوینژاد", {ZAHRA[0]}),
        ("۱۲۳۴۵۶۷۸۹۱", {NASRIN[0]}),
        ("کعبی", {NASRIN[0]}),
        ("احمد", set()),  # a first name alone is not a last name
        ("", set()),
        ("%", set()),
    ],
)
def test_search_by_code_or_name(geo, imported, query: str, found: set[str]) -> None:
    result = voters_search(current_voters(geo.election), query)
    assert set(result.values_list("national_code", flat=True)) == found


def test_search_keys_are_last_then_first(geo, imported) -> None:
    voter = Voter.objects.get(national_code=ZAHRA[0])
    assert voter.name_key == f"{search_key('موسوی نژاد')} {search_key('زهرا')}"


def test_the_ready_gate_lists_constituencies_without_eligible_voters(
    geo, write_extract: WriteExtract, import_voters: Import
) -> None:
    problems = check_constituencies_have_eligible_voters(geo.election)
    assert [p.code for p in problems] == ["constituency_without_voters"] * 3
    import_voters(write_extract("some.csv", [HEADER, AHMAD, DEAD, NASRIN]))

    problems = check_constituencies_have_eligible_voters(geo.election)
    assert len(problems) == 1  # village A: its only voter is deceased
    assert "ده نو" in problems[0].fa and "1002" in problems[0].en
    assert "۱۰۰۲" in problems[0].fa
    assert any(
        p.code == "constituency_without_voters" for p in phase_gate_problems(geo.election, "ready")
    )
