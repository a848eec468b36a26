"""A small election record built with the pure functions alone, for the record's tests and
the ``shora verify`` tests: two constituencies, three stations (one serving both), 325
ballots, a tie for the last seat broken by the lottery, one by veterans, one by degree."""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from shora_domain.ballot_choices import CastBallot
from shora_domain.ballot_codes import ballot_codes
from shora_domain.ballot_definition import BallotCandidate, BallotDefinition
from shora_domain.candidate_profile import Degree
from shora_domain.counting import count_ballots
from shora_domain.election_record import (
    MANIFEST,
    MANIFEST_SIGNATURE,
    ElectionRecord,
    RecordConstituency,
    RecordElection,
    RecordStation,
    record_write,
)
from shora_domain.lottery import lottery_seed
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.receipt_codes import receipt_code_new
from shora_domain.signed_documents import (
    b64encode,
    canonical_json,
    document_sign,
    signing_key_generate,
)
from shora_domain.standings import standings_decide

ELECTION = RecordElection(
    id="E7",
    name="هفتمین دورهٔ انتخابات شوراهای اسلامی شهر و روستا",
    polling_date=datetime.date(2026, 5, 1),
    province_code="06",
    province_name="خوزستان",
    lottery_announced="۱۴۰۵ ۰۲ ۱۱ ۳۷",
)
NAMES = ["علی رضایی", "مریم احمدی", "حسن کریمی", "زهرا موسوی", "رضا عباسی", "سارا نوری"]


def _ballot(code: str, name: str, members: int, alternates: int, people: list) -> BallotDefinition:
    return BallotDefinition(
        election=ELECTION.name,
        polling_date=ELECTION.polling_date,
        constituency_code=code,
        constituency_name=name,
        members=members,
        alternates=alternates,
        candidates=tuple(
            BallotCandidate(code=c, name=f"{NAMES[n % 6]} {n}", veteran=v, degree=d)
            for n, (c, (v, d)) in enumerate(zip(ballot_codes(len(people)), people, strict=True))
        ),
    )


PLAIN = (False, Degree.BACHELOR)
# Ahvaz-like: 3 members, 2 alternates; C and D tie for the last seat (alike: the lottery
# decides), E and F for the last alternate's place (E is a veteran).
AHVAZ = _ballot("1001", "اهواز", 3, 2, [PLAIN] * 4 + [(True, Degree.DIPLOMA)] + [PLAIN] * 3)
# Karun: 2 members, 1 alternate; Q and R tie for the last seat (R holds a master's).
KARUN = _ballot(
    "1002",
    "کارون",
    2,
    1,
    [PLAIN, PLAIN, (False, Degree.MASTER), PLAIN, PLAIN],
)


def _casts(ballot: BallotDefinition, plan: list[tuple[int, tuple[int, ...], int]]) -> list:
    """(how many, the candidates' places on the ballot, codes skipped) → cast ballots."""
    codes = [candidate.code for candidate in ballot.candidates]
    return [
        CastBallot(ballot.constituency_code, tuple(codes[p] for p in places), skipped)
        for times, places, skipped in plan
        for _ in range(times)
    ]


# A100 B90 C80 D80 E30 F30 G10 H0; 190 valid, 10 blank, 5 void, 3 rejected = 208
AHVAZ_CASTS = (
    _casts(
        AHVAZ,
        [
            (80, (0, 1, 2), 0),
            (10, (0, 1, 3), 1),
            (10, (0, 3, 4), 0),
            (60, (3,), 0),
            (20, (4, 5), 2),
            (10, (5, 6), 0),
            (10, (), 0),
            (5, (), 1),
        ],
    )
    + [None] * 3
)
# P50 Q40 R40 S20 T20; 110 valid, 5 blank, 2 rejected = 117
KARUN_CASTS = (
    _casts(
        KARUN,
        [
            (40, (0, 1), 0),
            (40, (2,), 0),
            (10, (0, 3), 0),
            (10, (3, 4), 0),
            (10, (4,), 0),
            (5, (), 0),
        ],
    )
    + [None] * 2
)

# station: the constituencies it serves and how many of their ballots it took
SPLIT = {"10001": {"1001": 120}, "10002": {"1001": 88, "1002": 50}, "10003": {"1002": 67}}


@dataclass(frozen=True)
class Sample:
    directory: Path
    record: ElectionRecord
    centre_private_key: bytes
    centre_public_key: bytes
    station_keys: dict[str, bytes]  # station code -> private key


def _receipts(count: int) -> list[tuple[str, str]]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(receipt_code_new())
    return sorted((code, secrets.token_bytes(32).hex()) for code in codes)


def _station(code: str, private_key: bytes, public_key: bytes) -> RecordStation:
    receipts = {served: _receipts(count) for served, count in SPLIT[code].items()}
    leaves = [receipt_leaf(c, d) for pairs in receipts.values() for c, d in pairs]
    ballots = sum(SPLIT[code].values())
    closing = {
        "station": code,
        "closed_at": "2026-05-01T18:00:00+03:30",
        "participations": ballots + 1,
        "ballots": ballots,
        "voided": 1,
        "receipts_root": merkle_root(leaves),
        "last_seq": 4,
    }
    return RecordStation(
        code=code,
        public_key=public_key,
        closing=closing,
        closing_signature=document_sign(closing, private_key),
        receipts=receipts,
    )


def _constituency(ballot, casts, stations) -> RecordConstituency:
    count = count_ballots(ballot, casts)
    roots = [
        str(s.closing["receipts_root"]) for s in stations if ballot.constituency_code in s.receipts
    ]
    seed = lottery_seed(
        election_ref=ELECTION.id,
        constituency_code=ballot.constituency_code,
        receipts_roots=roots,
        announced=ELECTION.lottery_announced,
    )
    return RecordConstituency(
        ballot=ballot, casts=casts, count=count, standings=standings_decide(ballot, count, seed)
    )


def sample_record(directory: Path) -> Sample:
    """Write the sample record into ``directory`` (new or empty)."""
    centre_private, centre_public = signing_key_generate()
    keys = {code: signing_key_generate() for code in SPLIT}
    stations = [_station(code, *keys[code]) for code in SPLIT]
    record = ElectionRecord(
        election=ELECTION,
        constituencies=[
            _constituency(AHVAZ, AHVAZ_CASTS, stations),
            _constituency(KARUN, KARUN_CASTS, stations),
        ],
        stations=stations,
    )
    record_write(directory, record, centre_private)
    return Sample(
        directory=directory,
        record=record,
        centre_private_key=centre_private,
        centre_public_key=centre_public,
        station_keys={code: pair[0] for code, pair in keys.items()},
    )


def resign(sample: Sample) -> None:
    """Recompute the manifest from the files as they are now and sign it again with the
    centre's key: what a centre that altered its own record would do."""
    root = sample.directory
    manifest = json.loads((root / MANIFEST).read_bytes())
    manifest["files"] = {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in (MANIFEST, MANIFEST_SIGNATURE)
    }
    (root / MANIFEST).write_bytes(canonical_json(manifest))
    signature = document_sign(manifest, sample.centre_private_key)
    (root / MANIFEST_SIGNATURE).write_bytes(signature.encode("ascii"))


def read_json(path: Path) -> dict:
    return json.loads(path.read_bytes())


def write_json(path: Path, content: dict) -> None:
    path.write_bytes(canonical_json(content))


def test_the_sample_has_the_ties_it_promises(tmp_path):
    sample = sample_record(tmp_path / "record")
    ahvaz, karun = sample.record.constituencies
    assert ahvaz.count.ballots == 208 and ahvaz.count.rejected == 3
    assert karun.count.ballots == 117
    assert [t.decided_by for t in ahvaz.standings.ties] == ["lottery", "veterans"]
    assert [t.decided_by for t in karun.standings.ties] == ["degree"]
    assert b64encode(sample.centre_public_key) in (tmp_path / "record" / MANIFEST).read_text()
