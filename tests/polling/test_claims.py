"""The identity desk at the centre: a token for an eligible voter of the station's
constituency who has not voted; otherwise the exact reason, and nothing recorded."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shora.accounts.services import device_token_issue
from shora.elections.models import Election
from shora.polling.models import BallotToken, Participation, StationDay
from shora_domain.digits import to_persian_digits
from tests.polling.api_calls import claim, post

pytestmark = pytest.mark.django_db

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def test_an_eligible_voter_gets_a_token_and_a_participation_cut_to_the_hour(day, device):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    response = claim(device, voter.national_code)
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["constituency"]["code"] == day.geo.city_a.code
    assert len(body["token"]) >= 32
    participation = Participation.objects.get()
    assert participation.voter_id == voter.pk
    assert participation.station_id == day.geo.station_a1.pk
    hour = timezone.localtime(participation.hour)
    assert (hour.minute, hour.second, hour.microsecond) == (0, 0, 0)
    token = BallotToken.objects.get()
    assert token.token_hash != body["token"] and body["token"] not in token.token_hash
    assert token.status == "issued"


@pytest.mark.parametrize("script", ["persian", "arabic"])
def test_national_codes_in_persian_or_arabic_digits_are_the_same_person(day, device, script):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    typed = (
        to_persian_digits(voter.national_code)
        if script == "persian"
        else voter.national_code.translate(ARABIC)
    )
    assert claim(device, typed).status_code == 200
    again = claim(device, voter.national_code)
    assert again.status_code == 409
    assert again.json()["code"] == "polling.already_voted"


def test_a_second_claim_says_where_and_in_which_hour_the_person_voted(day, device, make_device):
    from shora.elections.models import PollingStation

    other = PollingStation.objects.create(
        election=day.election,
        district=day.geo.district_a1,
        code="10009",
        name="دبستان فردوسی",
        connectivity="fibre",
    )
    other.constituencies.add(day.geo.city_a)
    from tests.polling.conftest import staff

    day.chair_code, day.staff_codes = staff(day.geo, [other])
    second = make_device(other)
    day.open(second)
    voter = day.add_voters(day.geo.city_a, 1)[0]
    assert claim(device, voter.national_code).status_code == 200
    refused = claim(second, voter.national_code)
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "polling.already_voted"
    assert body["station"] == day.geo.station_a1.code
    assert body["hour"] == f"{timezone.localtime().hour:02d}:00"
    assert "۱۰۰۰۱" in body["message_fa"]
    assert Participation.objects.count() == 1
    assert BallotToken.objects.count() == 1


def test_a_voter_of_another_constituency_is_told_where_to_go(day, device):
    voter = day.add_voters(day.geo.city_b, 1)[0]
    response = claim(device, voter.national_code)
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "polling.wrong_constituency"
    assert body["constituency"] == day.geo.city_b.code
    assert body["stations"] == [day.geo.station_b1.code]
    assert not Participation.objects.exists()


def test_a_code_not_in_the_register_and_a_malformed_code_are_refused(day, device):
    assert claim(device, "0012345679").json()["code"] in (
        "polling.not_in_register",
        "national_code.bad_check_digit",
    )
    malformed = claim(device, "12ab")
    assert malformed.status_code == 400
    assert claim(device, "").status_code == 400
    assert claim(device, "1" * 5000).status_code == 400
    assert not Participation.objects.exists()


def test_an_ineligible_voter_is_refused_with_every_reason(day, device):
    young = day.add_voters(day.geo.city_a, 1, birth_date=datetime.date(2010, 1, 1))[0]
    dead = day.add_voters(day.geo.city_a, 1, deceased=True)[0]
    for voter, reason in ((young, "under_age"), (dead, "deceased")):
        response = claim(device, voter.national_code)
        assert response.status_code == 409
        body = response.json()
        assert body["code"] == "polling.not_eligible"
        assert any(reason in code for code in body["reasons"])
    assert not Participation.objects.exists()


def test_a_fingerprint_that_does_not_match_issues_nothing(day, device):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    refused = claim(device, voter.national_code, fingerprint="no_match")
    assert refused.status_code == 409
    assert refused.json()["code"] == "polling.fingerprint_mismatch"
    assert claim(device, voter.national_code, document="library_card").status_code == 400
    assert not Participation.objects.exists()
    assert claim(device, voter.national_code, fingerprint="not_available").status_code == 200


def test_a_station_not_open_or_closed_takes_no_voter(day, make_device):
    device = make_device(day.geo.station_a1)
    voter = day.add_voters(day.geo.city_a, 1)[0]
    assert claim(device, voter.national_code).json()["code"] == "polling.not_open"
    day.open(device)
    StationDay.objects.update(closed_at=timezone.now())
    assert claim(device, voter.national_code).json()["code"] == "polling.station_closed"
    assert not Participation.objects.exists()


def test_after_the_polls_close_the_desk_is_refused(day, device):
    Election.objects.filter(pk=day.election.pk).update(
        polling_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    voter = day.add_voters(day.geo.city_a, 1)[0]
    response = claim(device, voter.national_code)
    assert response.json()["code"] == "polling.outside_window"
    assert not Participation.objects.exists()


def test_a_device_never_enrolled_and_no_token_are_refused(day):
    _, token = device_token_issue(
        actor=None,
        station=day.geo.station_a1,
        label="not a station process",
        valid_for=datetime.timedelta(days=1),
    )
    from django.test import Client

    response = Client().post(
        "/api/polling/claims",
        {"national_code": "0012345679", "document": "national_card", "fingerprint": "match"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401
    assert response.json()["code"] == "polling.not_enrolled"
    assert post(None, "claims", {"national_code": "1"}).status_code == 401


def test_the_turnout_feed_counts_participations_per_station_and_hour(day, device):
    from shora.polling.selectors import turnout_by_station_hour

    assert turnout_by_station_hour(day.election) == []
    for voter in day.add_voters(day.geo.city_a, 3):
        assert claim(device, voter.national_code).status_code == 200
    rows = turnout_by_station_hour(day.election)
    assert [(r.station_id, r.voters) for r in rows] == [(day.geo.station_a1.pk, 3)]
    assert timezone.localtime(rows[0].hour).minute == 0


def test_a_claim_costs_few_round_trips_to_the_database(day, device):
    """The identity desk is the hot path (docs/benchmarks.md): device, station day,
    extension, voter with its constituency check, participation, token, and the
    transaction around them. A new query here costs every voter of the province."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    voter = day.add_voters(day.geo.city_a, 1)[0]
    with CaptureQueriesContext(connection) as queries:
        assert claim(device, voter.national_code).status_code == 200
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements.count("SELECT") == 4, queries.captured_queries
    assert statements.count("INSERT") == 2
    # the claim's own transaction (a savepoint inside the test's); none nested in it
    assert statements.count("SAVEPOINT") == 1
