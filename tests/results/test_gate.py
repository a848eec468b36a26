"""The tally's gate lists, before anyone types a passphrase, every station that keeps a
constituency from being counted: one never opened, one still open, one whose signed close
no longer matches what the centre holds; and a station left out by the boards is no
longer a problem."""

from __future__ import annotations

import pytest

from shora.elections.models import Election, Phase
from shora.polling.models import Ballot, StationDay
from shora.results.selectors import tally_gates, tally_problems, tally_problems_of
from tests.results.conftest import close_the_polls, voting_day
from tests.results.election_day import station_closed

pytestmark = pytest.mark.django_db


def _gate(constituency):
    """The gate of one constituency, which the tally's gate of many says alike."""
    alone = tally_problems(constituency)
    assert tally_problems_of(constituency.election, [constituency])[constituency.pk] == alone
    return alone


def _codes(problems):
    return [(problem.code, problem.station) for problem in problems]


def test_while_polling_every_constituency_is_held_back_by_the_phase(day, hq):
    voting_day(day, hq, close=False)
    for constituency in (day.geo.city_a, day.geo.village_a, day.geo.city_b):
        assert ("not_closed", "") in _codes(_gate(constituency))


def test_a_station_still_open_and_one_never_opened_are_listed(day, hq):
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra"):
        station_closed(scenario.runs[name])
    StationDay.objects.filter(station=day.geo.station_a2).delete()  # as if never opened
    Ballot.objects.filter(station=day.geo.station_a2).delete()
    close_the_polls(day.election)
    assert _gate(day.geo.city_a) == []
    assert _codes(_gate(day.geo.village_a)) == [("station_never_opened", "10002")]
    assert _codes(_gate(day.geo.city_b)) == [("station_open", "20001")]
    message = _gate(day.geo.city_b)[0]
    assert "۲۰۰۰۱" in message.fa and "20001" in message.en


def test_the_page_s_gates_say_the_same_in_a_few_queries(day, hq, django_assert_max_num_queries):
    scenario = voting_day(day, hq, close=False)
    station_closed(scenario.runs["a1"])
    station_closed(scenario.runs["a_extra"])
    close_the_polls(day.election)
    constituencies = list(day.election.constituencies.order_by("code"))
    with django_assert_max_num_queries(12):
        gates = tally_gates(day.election, constituencies)
    by_code = {gate.constituency.code: gate for gate in gates}
    assert by_code["1001"].ready
    assert _codes(by_code["1002"].problems) == [("station_open", "10002")]
    assert _codes(by_code["2001"].problems) == [("station_open", "20001")]


def test_a_closing_document_edited_after_the_close_is_caught(closed):
    day = StationDay.objects.get(station=closed.geo.station_b1)
    day.closing_document = {**day.closing_document, "ballots": 3}
    day.save()
    assert _codes(_gate(closed.geo.city_b)) == [("closing_not_signed", "20001")]


def test_a_ballot_removed_after_the_close_is_caught(closed):
    Ballot.objects.filter(station=closed.geo.station_b1).first().delete()
    assert _codes(_gate(closed.geo.city_b)) == [
        ("ballots_mismatch", "20001"),
        ("receipts_mismatch", "20001"),
    ]
    gate = tally_gates(closed.election, [closed.geo.city_b])[0]
    assert _codes(gate.problems) == [("ballots_mismatch", "20001")]  # roots: the tally's


def test_a_receipt_or_digest_changed_after_the_close_is_caught(closed):
    ballot = Ballot.objects.filter(station=closed.geo.station_a2).first()
    Ballot.objects.filter(pk=ballot.pk).update(sealed_sha256="0" * 64)
    assert _codes(_gate(closed.geo.village_a)) == [("receipts_mismatch", "10002")]
    Ballot.objects.filter(pk=ballot.pk).update(sealed_sha256="not hex")
    assert _codes(_gate(closed.geo.village_a)) == [("receipts_mismatch", "10002")]


def test_a_constituency_without_a_frozen_ballot_is_held_back(closed):
    from shora.elections.models import Constituency

    added = Constituency.objects.create(
        election=closed.election,
        district=closed.geo.district_b1,
        code="2002",
        kind="village",
        name="روستای آزمون",
        name_key="روستای آزمون",
        population=500,
        members=3,
        alternates=2,
    )
    assert [p.code for p in _gate(added)] == ["no_ballot"]


def test_every_phase_after_closed_keeps_the_gate_open(closed):
    for phase in (Phase.TALLIED, Phase.CERTIFIED):
        Election.objects.filter(pk=closed.election.pk).update(phase=phase)
        closed.geo.city_a.election.refresh_from_db()
        assert _gate(closed.geo.city_a) == []


def test_a_close_signed_by_a_process_enrolled_again_is_accepted(day, hq):
    """A station whose machine failed enrols a new process and closes with its new key."""
    from tests.results.election_day import StationRun

    scenario = voting_day(day, hq, close=False)
    again = StationRun(day.enrol(day.geo.station_b1))
    run = scenario.runs["b1"]
    again.entries, again.seq = run.entries, run.seq
    station_closed(again)
    close_the_polls(day.election)
    assert _gate(day.geo.city_b) == []
    assert tally_gates(day.election, [day.geo.city_b])[0].ready


def test_the_gate_of_many_is_the_gate_of_each(day, hq, django_assert_max_num_queries):
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra", "b1"):
        station_closed(scenario.runs[name])
    close_the_polls(day.election)
    Ballot.objects.filter(station=day.geo.station_b1).update(sealed_sha256="0" * 64)
    constituencies = list(day.election.constituencies.order_by("code"))
    with django_assert_max_num_queries(16):
        many = tally_problems_of(day.election, constituencies)
    assert {c.pk: tally_problems(c) for c in constituencies} == many
    assert _codes(many[day.geo.city_b.pk]) == [("receipts_mismatch", "20001")]
    assert _codes(many[day.geo.village_a.pk]) == [("station_open", "10002")]
    assert many[day.geo.city_a.pk] == []
