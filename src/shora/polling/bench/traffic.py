"""What the stations send during the benchmark, made before any clock runs: the identity
desks' claims (distinct voters, and a few people who try again at another station of
their constituency) and the signed batches of sealed ballots a station forwards."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.utils import timezone

from shora.polling.bench.election_day import BenchDay, BenchStation
from shora_domain.ballot_sealing import ballot_context, ballot_seal
from shora_domain.polling_hours import hour_label
from shora_domain.receipt_codes import receipt_code_new
from shora_domain.signed_documents import b64encode

#: One claim in this many is followed by a claim of someone who already voted.
REPEAT_EVERY = 50
#: A repeat names a voter claimed this many places before, long since answered.
REPEAT_DISTANCE = 100
BALLOTS_PER_BATCH = 20


@dataclass(frozen=True)
class Call:
    """One HTTP request a station makes: where to, with which token, which body."""

    station: BenchStation
    path: str
    body: bytes
    repeat: bool = False
    entries: int = 0


def claim_call(station: BenchStation, national_code: str, *, repeat: bool = False) -> Call:
    body = {"national_code": national_code, "document": "national_card", "fingerprint": "match"}
    return Call(station, "/api/polling/claims", json.dumps(body).encode(), repeat=repeat)


def claim_calls(day: BenchDay, voters: range) -> list[Call]:
    """A claim of each voter of ``voters`` at a station of their constituency (spread over
    its stations), and every ``REPEAT_EVERY``-th followed by an earlier voter coming back
    at another of those stations: the already-voted path."""
    calls: list[Call] = []
    for place, index in enumerate(voters):
        stations = day.stations_of(day.constituency_of_voter(index))
        calls.append(claim_call(stations[place % len(stations)], day.voter_codes[index]))
        if place % REPEAT_EVERY == REPEAT_EVERY - 1 and place >= REPEAT_DISTANCE:
            earlier = voters[place - REPEAT_DISTANCE]
            stations = day.stations_of(day.constituency_of_voter(earlier))
            again = stations[(place - REPEAT_DISTANCE + 1) % len(stations)]
            calls.append(claim_call(again, day.voter_codes[earlier], repeat=True))
    return calls


def _ballot_entries(
    day: BenchDay, station: BenchStation, tokens: Sequence[str], seen: set[str]
) -> Iterator[dict[str, object]]:
    context = ballot_context(str(day.election_id), station.constituency_code)
    cast = day.cast_bytes[station.constituency_code]
    hour = hour_label(timezone.localtime())
    for token in tokens:
        receipt = receipt_code_new()
        while receipt in seen:  # 12 digits: rare, but a repeat would be refused
            receipt = receipt_code_new()
        seen.add(receipt)
        yield {
            "kind": "ballot",
            "token": token,
            "constituency": station.constituency_code,
            "sealed": b64encode(ballot_seal(cast, day.public_key, context=context)),
            "receipt_code": receipt,
            "hour": hour,
        }


def batch_calls(
    day: BenchDay, tokens: dict[int, list[str]], per_batch: int = BALLOTS_PER_BATCH
) -> list[list[Call]]:
    """Per station, its signed batches in ``seq`` order: one ballot for each token it got."""
    by_pk = {station.pk: station for station in day.stations}
    seen: set[str] = set()
    stations: list[list[Call]] = []
    for pk, issued in tokens.items():
        station = by_pk[pk]
        entries = list(_ballot_entries(day, station, issued, seen))
        calls = []
        for seq, start in enumerate(range(0, len(entries), per_batch), start=1):
            chunk = entries[start : start + per_batch]
            batch = {
                "station": station.code,
                "seq": seq,
                "entries": chunk,
            }
            body = {"batch": batch, "signature": station.sign(batch)}
            calls.append(
                Call(
                    station,
                    "/api/polling/batches",
                    json.dumps(body).encode(),
                    entries=len(chunk),
                )
            )
        stations.append(calls)
    return stations


def count_entries(calls: Iterable[Sequence[Call]]) -> int:
    return sum(call.entries for station in calls for call in station)
