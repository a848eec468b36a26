"""Provisional ballots (the offline policy "provisional"): taken while the link was down,
counted on reconnecting when the participation can be recorded, kept out otherwise; once."""

from __future__ import annotations

import uuid

import pytest

from shora.elections.models import Election, OfflinePolicy
from shora.polling.models import Ballot, Participation, ProvisionalOutcome
from tests.polling.api_calls import ballot_entry, claim, post

pytestmark = pytest.mark.django_db


@pytest.fixture
def provisional_policy(day):
    Election.objects.filter(pk=day.election.pk).update(offline_policy=OfflinePolicy.PROVISIONAL)


def _provisional(day, device, voter, **changes):
    entry = ballot_entry(day, "", day.geo.city_a)
    del entry["token"]
    entry.update(
        kind="provisional",
        id=str(uuid.uuid4()),
        station=device.record.station.code,
        national_code=voter.national_code,
        document="national_card",
        fingerprint="not_available",
    )
    entry.update(changes)
    return entry


def _send(device, entry):
    return post(device, "provisional", {"entry": entry, "signature": device.sign(entry)})


def test_a_provisional_ballot_is_counted_once_with_its_participation(
    day, device, provisional_policy
):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    entry = _provisional(day, device, voter)
    first = _send(device, entry)
    assert first.status_code == 200, first.json()
    assert first.json()["accepted"] is True
    assert _send(device, entry).json() == first.json()
    assert Participation.objects.get().voter_id == voter.pk
    assert Ballot.objects.get().receipt_code == entry["receipt_code"]
    outcome = ProvisionalOutcome.objects.get()
    assert outcome.accepted and outcome.receipt_code == entry["receipt_code"]
    assert voter.national_code not in str(ProvisionalOutcome.objects.values().get())


def test_a_provisional_ballot_of_someone_who_voted_elsewhere_is_kept_out(
    day, device, provisional_policy
):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    assert claim(device, voter.national_code).status_code == 200
    response = _send(device, _provisional(day, device, voter))
    assert response.json() == {
        "id": response.json()["id"],
        "accepted": False,
        "reason": "polling.already_voted",
    }
    assert Participation.objects.count() == 1
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"national_code": "0012345678"}, "national_code"),
        ({"fingerprint": "no_match"}, "polling.fingerprint_mismatch"),
        ({"constituency": "1002"}, "polling.ballot_other_constituency"),
        ({"sealed": "%%%"}, "signed_document.bad_base64"),
    ],
)
def test_bad_provisional_ballots_are_kept_out_with_the_reason(
    day, device, provisional_policy, change, reason
):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    response = _send(device, _provisional(day, device, voter, **change))
    assert response.json()["accepted"] is False
    assert response.json()["reason"].startswith(reason)
    assert not Participation.objects.exists() and not Ballot.objects.exists()


def test_under_the_refuse_policy_no_provisional_ballot_is_taken(day, device):
    voter = day.add_voters(day.geo.city_a, 1)[0]
    response = _send(device, _provisional(day, device, voter))
    assert response.status_code == 409
    assert response.json()["code"] == "polling.not_provisional"
    forged = _provisional(day, device, voter)
    assert post(device, "provisional", {"entry": forged, "signature": "AAAA"}).status_code == 401
    assert not ProvisionalOutcome.objects.exists()
