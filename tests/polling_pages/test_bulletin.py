"""The public bulletin board: a receipt code shows that the ballot was received, where and
in which hour, its proof against the station's signed root once closed, and whether it is
counted; never the choices; an unknown code gets a plain "not found"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Election, Phase
from shora.polling.models import StationDay
from shora.polling.services.station_day import station_receipts_root
from shora_domain.receipt_codes import receipt_code_new
from tests.polling.api_calls import ballot_entry, claim, post, send_batch

pytestmark = pytest.mark.django_db

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _look_up(code: str) -> tuple[int, str]:
    response = Client().get("/bulletin/", {"code": code})
    return response.status_code, response.content.decode()


@pytest.fixture
def device(day):
    """Station A1 enrolled and opened."""
    enrolled = day.enrol(day.geo.station_a1)
    day.open(enrolled)
    return enrolled


@pytest.fixture
def cast(day, device):
    """Two ballots forwarded from station A1; the receipt codes."""
    entries = []
    for voter in day.add_voters(day.geo.city_a, 2):
        token = claim(device, voter.national_code).json()["token"]
        entries.append(ballot_entry(day, token, day.geo.city_a))
    assert send_batch(device, 1, entries).json()["stored"] == 2
    return [entry["receipt_code"] for entry in entries]


def test_a_received_ballot_is_shown_without_its_choices(day, cast):
    typed = " ".join([cast[0][:4], cast[0][4:8], cast[0][8:]]).translate(PERSIAN)
    status, page = _look_up(typed)
    assert status == 200
    assert 'data-testid="received"' in page and "۱۰۰۰۱" in page
    assert 'data-testid="inclusion-' not in page  # the station has not closed yet
    names = [candidate.name for candidate in frozen_ballot(day.geo.city_a).candidates]
    assert not any(name in page for name in names)


def test_after_the_close_the_receipt_is_proved_in_the_signed_root(day, device, cast):
    closing = {
        "station": device.record.station.code,
        "closed_at": timezone.now().isoformat(),
        "participations": 2,
        "ballots": 2,
        "voided": 0,
        "receipts_root": station_receipts_root(device.record.station),
        "last_seq": 1,
    }
    assert post(device, "close", device.signed(closing)).status_code == 200
    status, page = _look_up(cast[1])
    assert status == 200
    root = StationDay.objects.get().closing_document["receipts_root"]
    assert root in page
    assert 'data-testid="proof"' in page
    assert (
        "tell the supervisory board" not in page
        and "هیئت نظارت" not in page.split("inclusion")[1][:300]
    )


def test_counted_once_the_election_is_tallied(day, cast):
    Election.objects.filter(pk=day.election.pk).update(phase=Phase.TALLIED)
    _, page = _look_up(cast[0])
    counted = page.split('data-testid="counted">')[1].split("</dd>")[0]
    assert counted.strip() in ("بله", "yes")


def test_unknown_and_malformed_codes(day, cast):
    other = receipt_code_new()
    status, page = _look_up(other)
    assert status == 200 and 'data-testid="not-found"' in page
    assert cast[0] not in page
    wrong_digit = cast[0][:-1] + str((int(cast[0][-1]) + 1) % 10)
    status, page = _look_up(wrong_digit)
    assert status == 400 and 'data-testid="refusal"' in page
    for junk in ("abc", "1" * 64, "<script>"):
        status, page = _look_up(junk)
        assert status == 400
        assert "<script>" not in page


def test_look_ups_are_limited_per_address(day, cast, settings):
    settings.SHORA_BULLETIN_PER_IP = 2
    assert _look_up(cast[0])[0] == 200
    assert _look_up(cast[1])[0] == 200
    assert _look_up(cast[0])[0] == 429


def test_the_empty_board_explains_itself(day):
    status, page = _look_up("")
    assert status == 200 and 'data-testid="receipt-lookup"' in page


def test_a_provisional_ballot_kept_out_is_received_but_not_counted(day, device):
    from shora.elections.models import OfflinePolicy
    from tests.polling.test_provisional import _provisional, _send

    Election.objects.filter(pk=day.election.pk).update(offline_policy=OfflinePolicy.PROVISIONAL)
    voter = day.add_voters(day.geo.city_a, 1)[0]
    assert claim(device, voter.national_code).status_code == 200
    entry = _provisional(day, device, voter)
    assert _send(device, entry).json()["accepted"] is False
    status, page = _look_up(entry["receipt_code"])
    assert status == 200
    assert "polling.already_voted" in page
    assert 'data-testid="received"' in page
