"""Opening and closing at the centre: only a ready, staffed station in the polling hours
opens; it closes only with the counts and receipts root the centre itself holds."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shora.audit.models import AuditEvent
from shora.elections.models import Election, Phase
from shora.polling.models import BallotToken, StationDay
from shora.polling.services.station_day import station_receipts_root
from tests.polling.api_calls import ballot_entry, claim, post, send_batch

pytestmark = pytest.mark.django_db


def _open(day, device, **changes):
    return post(device, "open", device.signed(day.zero_report(device, **changes)))


def test_a_ready_station_opens_once_with_its_signed_zero_report(day, make_device):
    device = make_device(day.geo.station_a1)
    response = _open(day, device)
    assert response.status_code == 200, response.json()
    stored = StationDay.objects.get()
    assert stored.opening_document["chair"] == day.chair_code
    assert AuditEvent.objects.filter(event_type=820).count() == 1
    assert _open(day, device).json()["code"] == "polling.already_open"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"key_fingerprint": "0000 0000"}, "polling.key_missing"),
        ({"ballots_in_store": 3}, "polling.closing_mismatch"),
        ({"staff_present": ["0012345679"]}, "polling.staff_not_on_roster"),
        ({"chair": "0012345679"}, "polling.staff_not_on_roster"),
        ({"opened_at": "2020-01-01T08:00:00+03:30"}, "polling.clock_wrong"),
        ({"opened_at": "yesterday"}, "polling.batch_malformed"),
    ],
)
def test_a_wrong_zero_report_opens_nothing(day, make_device, changes, code):
    device = make_device(day.geo.station_a1)
    response = _open(day, device, **changes)
    assert response.json()["code"] == code
    assert not StationDay.objects.exists()


def test_the_secretary_cannot_open_as_chair(day, make_device):
    device = make_device(day.geo.station_a1)
    secretary = day.staff_codes[1]
    assert _open(day, device, chair=secretary).json()["code"] == "polling.staff_not_on_roster"


def test_a_station_with_a_roster_gap_or_outside_the_hours_does_not_open(day, make_device):
    from shora.boards.models import StaffPost

    device = make_device(day.geo.station_a1)
    StaffPost.objects.filter(station=day.geo.station_a1, role="station_chair").update(
        ended_at=timezone.now()
    )
    refused = _open(day, device)
    assert refused.json()["code"] == "polling.station_not_ready"
    assert "roster_gap" in refused.json()["missing"]
    Election.objects.filter(pk=day.election.pk).update(phase=Phase.READY)
    assert "not_polling" in _open(day, device).json()["missing"]
    assert not StationDay.objects.exists()


def test_outside_the_polling_hours_a_station_does_not_open(day, make_device):
    device = make_device(day.geo.station_a1)
    Election.objects.filter(pk=day.election.pk).update(
        polling_date=timezone.localdate() + datetime.timedelta(days=1)
    )
    assert _open(day, device).json()["code"] == "polling.outside_window"


def _closing(device, **counts):
    document = {
        "station": device.record.station.code,
        "closed_at": timezone.now().isoformat(),
        "participations": 0,
        "ballots": 0,
        "voided": 0,
        "receipts_root": station_receipts_root(device.record.station),
        "last_seq": 0,
    }
    document.update(counts)
    return device.signed(document)


def _a_day_of_voting(day, device):
    """Three voters claim; two vote; the third walks away and the chair voids the token."""
    tokens = []
    for voter in day.add_voters(day.geo.city_a, 3):
        tokens.append(claim(device, voter.national_code).json()["token"])
    entries = [ballot_entry(day, token, day.geo.city_a) for token in tokens[:2]]
    assert send_batch(device, 1, entries).json()["stored"] == 2
    assert post(device, "tokens/void", {"token": tokens[2], "reason": "رأی‌دهنده رفت"}).json()
    return entries


def test_a_station_closes_with_matching_counts_and_then_refuses_everything(day, device):
    _a_day_of_voting(day, device)
    document = _closing(device, participations=3, ballots=2, voided=1, last_seq=1)
    response = post(device, "close", document)
    assert response.status_code == 200, response.json()
    assert StationDay.objects.get().closed_at is not None
    voter = day.add_voters(day.geo.city_a, 1)[0]
    assert claim(device, voter.national_code).json()["code"] == "polling.station_closed"
    assert send_batch(device, 2, []).json()["code"] == "polling.station_closed"
    assert post(device, "close", document).json()["code"] == "polling.station_closed"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"ballots": 3}, "polling.closing_mismatch"),
        ({"participations": 2}, "polling.closing_mismatch"),
        ({"receipts_root": "ab" * 32}, "polling.closing_mismatch"),
        ({"last_seq": 2}, "polling.batches_missing"),
    ],
)
def test_a_closing_that_differs_from_the_centre_is_refused(day, device, changes, code):
    _a_day_of_voting(day, device)
    counts = {"participations": 3, "ballots": 2, "voided": 1, "last_seq": 1} | changes
    response = post(device, "close", _closing(device, **counts))
    assert response.status_code == 409
    assert response.json()["code"] == code
    assert StationDay.objects.get().closed_at is None


def test_a_token_the_station_never_received_is_voided_at_the_close(day, device):
    """The centre committed the claim but its answer was lost: the station never knew the
    token, so its counts leave it out; the centre voids it and the counts still agree."""
    voter, lost = day.add_voters(day.geo.city_a, 2)
    token = claim(device, voter.national_code).json()["token"]
    assert claim(device, lost.national_code).status_code == 200  # the answer is "lost"
    assert post(device, "tokens/void", {"token": token, "reason": " "}).status_code == 400
    assert post(device, "tokens/void", {"token": token, "reason": "رفت"}).status_code == 200
    again = post(device, "tokens/void", {"token": token, "reason": "رفت"})
    assert again.json()["code"] == "polling.token_voided"
    closing = _closing(device, participations=1, voided=1)
    assert post(device, "close", closing).status_code == 200
    day_record = StationDay.objects.get()
    assert day_record.undelivered_tokens == 1
    assert not BallotToken.objects.filter(status="issued").exists()
