"""The closed election the tally benchmark counts, built in a fresh database.

Through the services, as the officials would: the province, its constituencies and
stations, the frozen ballots, the key ceremony (k = 2 of 3 holders), each station's
enrolment (its Ed25519 key), the HQ's announced lottery value. In bulk, because the
services would take far longer than the measurement and are measured and tested
elsewhere (``shora bench polling``, tests/polling): the approved candidates (a plain
insert), each station's day (its opening and its closing document, signed with its key,
inserted directly instead of through ``station_open``/``station_close``, which need a
roster and voters' participations), and the sealed ballots (PostgreSQL's COPY). What the
tally checks is real: every close is signed by the station's enrolled key and gives the
number of ballots and the Merkle root of the receipts the centre holds.

The first constituency is Ahvaz-like (750 candidates, 13 seats, a third of the ballots);
the others share the rest. Every ballot is sealed to the election's key in its
constituency's context; its choices are drawn (seeded) among the ballot's candidates, a
few blank.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from shora.candidates.selectors import frozen_ballot
from shora.candidates.services import ballot_freeze
from shora.elections.models import Constituency, Election, Phase, PollingStation
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    election_create,
    province_create,
    station_create,
)
from shora.polling.bench.election_day import (
    CANDIDATE_CODES_FROM,
    PASSPHRASES,
    _key,
    _polling_today,
    approved_candidates_insert,
)
from shora.polling.models import ElectionKey, StationDay
from shora.polling.services.devices import enrolment_code_issue, station_enrol
from shora.registers.bench.extract import generated_codes
from shora.results.services.announcement import lottery_value_announce
from shora_domain.ballot_choices import CastBallot, cast_ballot_bytes
from shora_domain.ballot_codes import damm_check_digit
from shora_domain.ballot_definition import BallotDefinition
from shora_domain.ballot_sealing import ballot_context, ballot_seal, sealed_digest
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.signed_documents import document_sign, signing_key_generate

AHVAZ_CANDIDATES = 750
AHVAZ_SHARE = 1 / 3
OTHER_CANDIDATES = 12
BALLOTS_PER_STATION = 1_000
ANNOUNCED = "۱۴۰۵-۰۲-۱۰ ۴۸۲۹۱۷"
COPY_ROWS = 50_000


@dataclass
class TallyBench:
    """The built election: its id, and each constituency's ballots as plaintext choices
    (the candidates' places on the ballot), for the raw counting."""

    election_id: int
    constituency_codes: list[str]
    ballots: int
    #: per constituency code: each ballot's choices as places on the ballot
    places: dict[str, list[tuple[int, ...]]] = field(default_factory=dict)
    candidates: dict[str, int] = field(default_factory=dict)


def ballots_split(constituencies: int, ballots: int) -> list[int]:
    """The ballots of each constituency: Ahvaz a third (all of them if it is alone), the
    rest shared evenly."""
    if constituencies == 1:
        return [ballots]
    first = int(ballots * AHVAZ_SHARE)
    rest, extra = divmod(ballots - first, constituencies - 1)
    return [first] + [rest + (1 if n < extra else 0) for n in range(constituencies - 1)]


def _geography(
    constituencies: int, split: list[int]
) -> tuple[Election, list[Constituency], dict[str, list[PollingStation]]]:
    province = province_create(actor=None, code="06", name="خوزستان", name_en="Khuzestan")
    election = election_create(
        actor=None,
        province=province,
        name="انتخابات شوراهای ۱۴۰۵ (سنجش شمارش)",
        polling_date=timezone.localdate(),  # polling today, as _polling_today sets it
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
    )
    county = county_create(actor=None, province=province, code="0601", name="اهواز")
    district = district_create(actor=None, county=county, code="060101", name="مرکزی")
    made = []
    stations: dict[str, list[PollingStation]] = {}
    number = 0
    for index in range(constituencies):
        constituency = constituency_create(
            actor=None,
            election=election,
            district=district,
            code=f"1{index:04d}",
            kind="city",
            name="اهواز" if index == 0 else f"شهر {index}",
            population=1_300_000 if index == 0 else 20_000,
        )
        made.append(constituency)
        stations[constituency.code] = []
        for _ in range(max(1, -(-split[index] // BALLOTS_PER_STATION))):
            number += 1
            stations[constituency.code].append(
                station_create(
                    actor=None,
                    election=election,
                    district=district,
                    code=f"{number:05d}",
                    name=f"شعبهٔ {number}",
                    connectivity="fibre",
                    constituencies=[constituency],
                )
            )
    return election, made, stations


def _candidates(election: Election, constituencies: list[Constituency]) -> None:
    sizes = [AHVAZ_CANDIDATES if n == 0 else OTHER_CANDIDATES for n in range(len(constituencies))]
    codes = generated_codes(sum(sizes), CANDIDATE_CODES_FROM)
    for constituency, size in zip(constituencies, sizes, strict=True):
        approved_candidates_insert(election, constituency, size, codes)
        ballot_freeze(actor=None, constituency=constituency)


def receipt_code(number: int) -> str:
    """The ``number``-th receipt code: 11 digits and the Damm check digit."""
    body = f"{number:011d}"
    return body + str(damm_check_digit(body))


def _choices(definition: BallotDefinition, rng: random.Random) -> tuple[int, ...]:
    """A voter's choices as places on the ballot: one in 40 blank, else 1 to N candidates
    favouring the first ones (so the standings are not all ties)."""
    if rng.random() < 0.025:
        return ()
    count = len(definition.candidates)
    chosen = {min(count - 1, int(rng.paretovariate(1.2)) - 1) for _ in range(definition.members)}
    return tuple(sorted(chosen)[: rng.randint(1, definition.members)])


def _ballot_rows(
    election: Election,
    constituency: Constituency,
    station: PollingStation,
    definition: BallotDefinition,
    count: int,
    first_receipt: int,
    rng: random.Random,
    public_key: bytes,
    places: list[tuple[int, ...]],
) -> tuple[list[tuple[object, ...]], list[bytes]]:
    context = ballot_context(str(election.pk), constituency.code)
    codes = [candidate.code for candidate in definition.candidates]
    hour = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows: list[tuple[object, ...]] = []
    leaves: list[bytes] = []
    for offset in range(count):
        chosen = _choices(definition, rng)
        places.append(chosen)
        cast = CastBallot(constituency.code, tuple(codes[p] for p in chosen), 0)
        sealed = ballot_seal(cast_ballot_bytes(cast), public_key, context=context)
        digest = sealed_digest(sealed)
        code = receipt_code(first_receipt + offset)
        leaves.append(receipt_leaf(code, digest))
        rows.append(
            (uuid.uuid4(), election.pk, station.pk, constituency.pk, sealed, digest, code, hour)
        )
    return rows, leaves


def _copy(rows: list[tuple[object, ...]]) -> None:
    columns = (
        "id, election_id, station_id, constituency_id, sealed, sealed_sha256, receipt_code, hour"
    )
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY polling_ballot ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _station_day(station: PollingStation, key: ElectionKey, ballots: int, root: str) -> None:
    """The station enrolled, and its day opened and closed with documents it signs."""
    private, public = signing_key_generate()
    code = enrolment_code_issue(actor=None, station=station)
    device = station_enrol(code=code, public_key=public, label=f"bench {station.code}").device
    now = timezone.now()
    opening = {
        "station": station.code,
        "opened_at": now.isoformat(),
        "key_fingerprint": key.fingerprint,
        "ballots_in_store": 0,
    }
    closing = {
        "station": station.code,
        "closed_at": now.isoformat(),
        "participations": ballots,
        "ballots": ballots,
        "voided": 0,
        "receipts_root": root,
        "last_seq": 0,
    }
    StationDay.objects.create(
        station=station,
        device=device,
        opened_at=now,
        opening_document=opening,
        opening_signature=document_sign(opening, private),
        closed_at=now,
        closing_document=closing,
        closing_signature=document_sign(closing, private),
    )


def tally_bench_build(*, constituencies: int, ballots: int, seed: int = 1405) -> TallyBench:
    """Build the closed election (see the module's notes); the lottery value announced."""
    split = ballots_split(constituencies, ballots)
    rng = random.Random(seed)  # noqa: S311 - the voters of a bench, reproducible
    with transaction.atomic():
        election, made, stations = _geography(constituencies, split)
        _candidates(election, made)
        key = _key(election)
        _polling_today(election)
        lottery_value_announce(actor=None, election=election, value=ANNOUNCED)
    bench = TallyBench(election.pk, [c.code for c in made], ballots)
    public_key = bytes(key.public_key)
    receipt = 0
    for constituency, total in zip(made, split, strict=True):
        definition = frozen_ballot(constituency)
        assert definition is not None, "frozen above"
        places: list[tuple[int, ...]] = []
        served = stations[constituency.code]
        share, extra = divmod(total, len(served))
        with transaction.atomic():
            for index, station in enumerate(served):
                count = share + (1 if index < extra else 0)
                rows, leaves = _ballot_rows(
                    election, constituency, station, definition, count, receipt, rng,
                    public_key, places,
                )  # fmt: skip
                receipt += count
                _copy(rows)
                _station_day(station, key, count, merkle_root(leaves))
        bench.places[constituency.code] = places
        bench.candidates[constituency.code] = len(definition.candidates)
    Election.objects.filter(pk=election.pk).update(phase=Phase.CLOSED)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE polling_ballot")
    return bench


def holders_of(election_id: int) -> Iterator[tuple[object, str]]:
    """The key holders and their passphrases, in the order of the shares."""
    from shora.accounts.models import User

    for index, passphrase in enumerate(PASSPHRASES):
        yield User.objects.get(username=f"bench-holder{index}"), passphrase
