"""Election day for the tally's tests, through the centre's real API: stations enrolled,
opened with their own rosters, voters claimed, ballots of known choices forwarded, and the
stations closed with the counts and receipts root the station itself computes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from shora.boards.selectors.rosters import station_roster
from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency, PollingStation
from shora_domain.ballot_sealing import ballot_context, ballot_seal, sealed_digest
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.signed_documents import b64decode, b64encode
from tests.polling.api_calls import ballot_entry, claim, post, send_batch
from tests.polling.builders import opened_stations
from tests.polling.conftest import Device, PollingDay


@dataclass
class StationRun:
    """A station process during the day: what it sent, so it can sign its close."""

    device: Device
    entries: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0

    @property
    def station(self) -> PollingStation:
        return self.device.record.station


def station_opened(day: PollingDay, station: PollingStation) -> StationRun:
    """Enrol ``station``'s process and open it with its own chair and staff (the API)."""
    posts = station_roster(station).posts
    chair = next(p.person.national_code for p in posts if p.role == "station_chair")
    present = [p.person.national_code for p in posts]
    device = day.enrol(station)
    document = day.zero_report(device, chair=chair, staff_present=present)
    response = post(device, "open", device.signed(document))
    assert response.status_code == 200, response.json()
    return StationRun(device)


def extra_station_opened(day: PollingDay, constituency: Constituency) -> StationRun:
    """A second station serving ``constituency``, staffed, enrolled and opened."""
    return StationRun(opened_stations(day, constituency, 1)[0])


def codes_of(constituency: Constituency) -> list[str]:
    """The candidates' codes in ballot order."""
    definition = frozen_ballot(constituency)
    assert definition is not None
    return [candidate.code for candidate in definition.candidates]


def ballots_cast(
    day: PollingDay, run: StationRun, constituency: Constituency, ballots: list[list[str]]
) -> list[dict[str, Any]]:
    """Voters claimed at ``run``'s desk, each casting one of ``ballots`` (codes keyed), all
    forwarded in one batch."""
    entries = []
    for voter, keyed in zip(day.add_voters(constituency, len(ballots)), ballots, strict=True):
        answer = claim(run.device, voter.national_code)
        assert answer.status_code == 200, answer.json()
        entries.append(ballot_entry(day, answer.json()["token"], constituency, keyed))
    return batch_sent(run, entries)


def unreadable_ballot_cast(
    day: PollingDay, run: StationRun, constituency: Constituency, plaintext: bytes
) -> dict[str, Any]:
    """A ballot sealed properly to the election's key whose content is ``plaintext``: it
    opens, but is no ballot a shora station writes (or breaks the ballot's rules)."""
    voter = day.add_voters(constituency, 1)[0]
    token = claim(run.device, voter.national_code).json()["token"]
    sealed = ballot_seal(
        plaintext,
        bytes(day.election.polling_key.public_key),
        context=ballot_context(str(day.election.pk), constituency.code),
    )
    entry = ballot_entry(day, token, constituency, sealed=b64encode(sealed))
    return batch_sent(run, [entry])[0]


def batch_sent(run: StationRun, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    run.seq += 1
    response = send_batch(run.device, run.seq, entries)
    assert response.status_code == 200, response.json()
    assert response.json()["stored"] == len(entries), response.json()
    run.entries += entries
    return entries


def receipts_root(entries: list[dict[str, Any]]) -> str:
    """The Merkle root of the receipts, as the station computes it from its journal."""
    return merkle_root(
        [
            receipt_leaf(entry["receipt_code"], sealed_digest(b64decode(entry["sealed"])))
            for entry in entries
        ]
    )


def station_closed(run: StationRun) -> dict[str, Any]:
    """Close ``run``'s station through the API with the counts it signs; the document."""
    document = {
        "station": run.station.code,
        "closed_at": timezone.now().isoformat(),
        "participations": len(run.entries),
        "ballots": len(run.entries),
        "voided": 0,
        "receipts_root": receipts_root(run.entries),
        "last_seq": run.seq,
    }
    response = post(run.device, "close", run.device.signed(document))
    assert response.status_code == 200, response.json()
    return document
