"""Forwarding at the centre: each batch stored once, a forged or replayed one refused,
each ballot checked against its token, nothing kept finer than the hour."""

from __future__ import annotations

import datetime
import uuid

import pytest
from django.utils import timezone

from shora.elections.models import Election
from shora.polling.models import Ballot, BallotToken, ForwardedBatch, Incident
from tests.polling.api_calls import ballot_entry, claim, post, send_batch

pytestmark = pytest.mark.django_db


def _token(day, device, constituency=None):
    constituency = constituency or day.geo.city_a
    voter = day.add_voters(constituency, 1)[0]
    response = claim(device, voter.national_code)
    assert response.status_code == 200, response.json()
    return response.json()["token"]


def test_a_ballot_is_stored_once_under_a_random_id_and_its_token_is_used(day, device):
    entry = ballot_entry(day, _token(day, device), day.geo.city_a)
    first = send_batch(device, 1, [entry])
    assert first.status_code == 200, first.json()
    assert first.json() == {"duplicate": False, "stored": 1, "results": [{"result": "stored"}]}
    again = send_batch(device, 1, [entry])
    assert again.json()["duplicate"] is True
    ballot = Ballot.objects.get()
    assert ballot.id.version == 4
    assert ballot.receipt_code == entry["receipt_code"]
    hour = timezone.localtime(ballot.hour)
    assert (hour.minute, hour.second, hour.microsecond) == (0, 0, 0)
    assert BallotToken.objects.get().status == "used"
    assert ForwardedBatch.objects.count() == 1


def test_the_same_seq_with_other_content_is_a_replay_and_is_refused(day, device):
    assert send_batch(device, 1, [ballot_entry(day, _token(day, device), day.geo.city_a)])
    forged = send_batch(device, 1, [ballot_entry(day, _token(day, device), day.geo.city_a)])
    assert forged.status_code == 409
    assert forged.json()["code"] == "polling.batch_replayed"
    assert Ballot.objects.count() == 1


def test_a_gap_in_seq_and_a_bad_signature_are_refused(day, device):
    entry = ballot_entry(day, _token(day, device), day.geo.city_a)
    gap = send_batch(device, 3, [entry])
    assert gap.status_code == 409
    assert gap.json()["expected_seq"] == 1
    batch = {"station": device.record.station.code, "seq": 1, "entries": [entry]}
    other_key = device.sign({"station": device.record.station.code, "seq": 1, "entries": []})
    forged = post(device, "batches", {"batch": batch, "signature": other_key})
    assert forged.status_code == 401
    assert forged.json()["code"] == "polling.bad_signature"
    assert post(device, "batches", {"batch": batch, "signature": "%%%"}).status_code == 401
    assert not Ballot.objects.exists()


def test_a_batch_naming_another_station_is_refused(day, device):
    entry = ballot_entry(day, _token(day, device), day.geo.city_a)
    response = send_batch(device, 1, [entry], station=day.geo.station_b1.code)
    assert response.status_code == 403


def test_each_bad_ballot_is_refused_on_its_own_and_the_rest_stored(day, device, make_device):
    token = _token(day, device)
    good = ballot_entry(day, token, day.geo.city_a)
    reused = ballot_entry(day, token, day.geo.city_a)
    unknown = ballot_entry(day, "not-a-token", day.geo.city_a)
    other_place = ballot_entry(day, _token(day, device), day.geo.village_a)
    future = ballot_entry(
        day,
        _token(day, device),
        day.geo.city_a,
        hour=(timezone.localtime() + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:00"),
    )
    minutes = ballot_entry(
        day,
        _token(day, device),
        day.geo.city_a,
        hour=timezone.localtime().strftime("%Y-%m-%dT%H:07"),
    )
    persian_receipt = ballot_entry(day, _token(day, device), day.geo.city_a)
    persian_receipt["receipt_code"] = persian_receipt["receipt_code"].translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    response = send_batch(
        device, 1, [good, reused, unknown, other_place, future, minutes, persian_receipt, "x"]
    )
    assert response.status_code == 200
    codes = [r.get("code", r["result"]) for r in response.json()["results"]]
    assert codes == [
        "stored",
        "polling.token_used",
        "polling.token_unknown",
        "polling.ballot_other_constituency",
        "polling.clock_wrong",
        "polling_hour.not_on_the_hour",
        "stored",
        "polling.batch_malformed",
    ]
    assert Ballot.objects.count() == 2
    assert ForwardedBatch.objects.get().refused == 6


def test_a_token_of_another_station_is_refused(day, device, make_device):
    other = make_device(day.geo.station_b1)
    day.chair_code, day.staff_codes = _staff_of(day.geo.station_b1)
    day.open(other)
    token_b = _token(day, other, day.geo.city_b)
    response = send_batch(device, 1, [ballot_entry(day, token_b, day.geo.city_b)])
    assert response.json()["results"][0]["code"] == "polling.token_other_station"


def _staff_of(station):
    from shora.boards.models import StaffPost

    posts = StaffPost.objects.filter(station=station, ended_at__isnull=True).select_related(
        "person"
    )
    chair = next(p.person.national_code for p in posts if p.role == "station_chair")
    return chair, [p.person.national_code for p in posts]


def test_a_ballot_dated_after_the_close_is_refused(day, device):
    token = _token(day, device)
    now = timezone.localtime()
    Election.objects.filter(pk=day.election.pk).update(
        closes_at=now.replace(minute=0, second=0, microsecond=0).time()
    )
    if now.hour == 0:
        pytest.skip("the polls cannot close before midnight")
    response = send_batch(device, 1, [ballot_entry(day, token, day.geo.city_a)])
    assert response.json()["results"][0]["code"] == "polling.ballot_after_close"


def test_incidents_are_stored_once_at_minute_precision(day, device):
    incident = {
        "kind": "incident",
        "id": str(uuid.uuid4()),
        "category": "assisted_voter",
        "text": "رأی‌دهندهٔ نابینا با همراه رأی داد.",
        "recorded_by": "منشی شعبه",
        "at": timezone.localtime().isoformat(),
    }
    bad = dict(incident, id="not-a-uuid")
    empty = dict(incident, id=str(uuid.uuid4()), text="  ")
    unknown = dict(incident, id=str(uuid.uuid4()), category="party")
    response = send_batch(device, 1, [incident, incident, bad, empty, unknown])
    results = [r["result"] for r in response.json()["results"]]
    assert results == ["stored", "stored", "refused", "refused", "refused"]
    stored = Incident.objects.get()
    assert stored.at.second == 0 and stored.at.microsecond == 0
    assert stored.station_id == day.geo.station_a1.pk


def test_a_batch_after_the_close_is_refused(day, device):
    from shora.polling.models import StationDay

    StationDay.objects.update(closed_at=timezone.now())
    response = send_batch(device, 1, [])
    assert response.status_code == 409
    assert response.json()["code"] == "polling.station_closed"
