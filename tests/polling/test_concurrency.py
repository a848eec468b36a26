"""One person, one ballot under concurrency (DESIGN.md invariant 1), on PostgreSQL: the same
voter claimed at several stations at the same instant gets exactly one participation and
one ballot token; every other desk is told the person already voted.

Two and ten claims race in threads of this process (through the service, and through the
API as a station calls it); a hundred race over HTTP against the centre served by
gunicorn, since PostgreSQL here allows only a hundred connections in all.
"""

from __future__ import annotations

import http.client
import json
from collections import Counter
from typing import Any

import pytest
from django.db import connection

from shora.polling.bench.centre import centre_serving
from shora.polling.errors import PollingRefusal
from shora.polling.models import BallotToken, Participation, StationDevice
from shora.polling.services.claims import claim_participation
from tests.polling.api_calls import claim
from tests.polling.builders import database_url, opened_stations
from tests.races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


def _claim_through_the_service(device_pk: int, national_code: str) -> Any:
    """As the API does: the device read afresh in this thread, then the claim."""
    device = StationDevice.objects.select_related("station__election", "station__district").get(
        pk=device_pk
    )
    return claim_participation(
        device=device, national_code=national_code, document="national_card", fingerprint="match"
    )


def _one_participation_and_one_token(voter: Any, tokens_before: int) -> None:
    assert Participation.objects.filter(election=voter.election, voter=voter).count() == 1
    assert BallotToken.objects.count() == tokens_before + 1


def test_two_stations_claim_one_voter_at_once(day):
    assert connection.vendor == "postgresql"
    city = day.geo.city_a
    devices = opened_stations(day, city, 2)
    for _ in range(ROUNDS):
        voter = day.add_voters(city, 1)[0]
        tokens = BallotToken.objects.count()
        results, errors = race(
            2,
            lambda i, code=voter.national_code: _claim_through_the_service(
                devices[i].record.pk, code
            ),
        )
        assert len(results) == 1, errors
        assert [getattr(e, "code", repr(e)) for e in errors] == [PollingRefusal.ALREADY_VOTED]
        _one_participation_and_one_token(voter, tokens)
        winner = Participation.objects.get(voter=voter)
        assert winner.station_id in {d.record.station_id for d in devices}


def test_ten_stations_claim_one_voter_at_once_through_the_api(day):
    city = day.geo.city_a
    devices = opened_stations(day, city, 10)
    for _ in range(ROUNDS):
        voter = day.add_voters(city, 1)[0]
        tokens = BallotToken.objects.count()
        results, errors = race(10, lambda i, code=voter.national_code: claim(devices[i], code))
        assert errors == []
        statuses = Counter(response.status_code for response in results)
        assert statuses == {200: 1, 409: 9}
        refused = [r.json()["code"] for r in results if r.status_code == 409]
        assert refused == [PollingRefusal.ALREADY_VOTED.value] * 9
        _one_participation_and_one_token(voter, tokens)


def _http_claim(port: int, token: str, national_code: str) -> tuple[int, str]:
    link = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    body = {"national_code": national_code, "document": "national_card", "fingerprint": "match"}
    link.request(
        "POST",
        "/api/polling/claims",
        body=json.dumps(body),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    response = link.getresponse()
    answer = json.loads(response.read())
    link.close()
    return response.status, answer.get("code", "")


def test_a_hundred_claims_of_one_voter_over_http_at_several_stations(day):
    city = day.geo.city_a
    devices = opened_stations(day, city, 10)
    with centre_serving(database_url(), workers=8) as centre:
        for _ in range(3):
            voter = day.add_voters(city, 1)[0]
            tokens = BallotToken.objects.count()
            results, errors = race(
                100,
                lambda i, code=voter.national_code: _http_claim(
                    centre.port, devices[i % 10].token, code
                ),
            )
            assert errors == []
            assert Counter(status for status, _ in results) == {200: 1, 409: 99}
            assert {code for status, code in results if status == 409} == {
                PollingRefusal.ALREADY_VOTED.value
            }
            _one_participation_and_one_token(voter, tokens)
