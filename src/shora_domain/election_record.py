"""The election record (format ``shora-record/1``): what is published so that anyone can
re-run the count without trusting the centre, and how it is written.

The record is a directory (docs/results.md, "The election record, shora-record/1", gives
every file and field)::

    manifest.json        the format, the election, the centre's public key, every file's SHA-256
    manifest.sig         the centre's Ed25519 signature of manifest.json's bytes (base64)
    election.json        the election and the lottery's announced value
    constituencies/<code>/ballot.json     the frozen ballot
    constituencies/<code>/stations.json   the stations serving it: key, signed closing, receipts
    constituencies/<code>/ballots.jsonl   the opened ballots, shuffled, one a line, null = rejected
    constituencies/<code>/result.json     the count, the standings with their ties, the seed

Every JSON file, and every line of ballots.jsonl, is ``canonical_json`` bytes, so one
content has one form and a file's SHA-256 says whether it changed.

Secrecy: ballots.jsonl holds the plaintext ballots and nothing else. No receipt code,
serial, station, hour or number is written beside a line, and the lines are written in an
order drawn with ``secrets.SystemRandom`` (the operating system's randomness), not the
order of the receipts, of the stations or of the decryption, so no line can be tied to a
receipt or a voter. ``shora_domain.election_record_verify`` reads and checks a record.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .ballot_choices import CastBallot, cast_ballot_bytes
from .ballot_definition import BallotDefinition, ballot_canonical_bytes
from .counting import Count
from .errors import DomainError
from .lottery import LotteryDraw, lottery_seed
from .signed_documents import b64encode, canonical_json, document_sign, signing_public_key
from .standings import Standings, TieBreak

RECORD_FORMAT = "shora-record/1"
ELECTION_FORMAT = "shora-record-election/1"
STATIONS_FORMAT = "shora-record-stations/1"
RESULT_FORMAT = "shora-record-result/1"

MANIFEST = "manifest.json"
MANIFEST_SIGNATURE = "manifest.sig"
ELECTION = "election.json"
CONSTITUENCIES = "constituencies"
BALLOT = "ballot.json"
STATIONS = "stations.json"
BALLOTS = "ballots.jsonl"
RESULT = "result.json"
CONSTITUENCY_FILES = (BALLOT, STATIONS, BALLOTS, RESULT)
#: The line of ballots.jsonl for a ballot that was rejected (did not decrypt, or broke
#: the ballot's rules).
REJECTED_LINE = b"null"

# A constituency's or a station's code names a directory or appears in messages: letters,
# digits, dash and underscore only, so that no code can climb out of the record.
CODE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,63}")


class RecordRefusal(enum.Enum):
    """Why a record could not be written, or a directory is no record at all."""

    NOT_EMPTY = "election_record.not_empty"
    BAD_CODE = "election_record.bad_code"
    DUPLICATE = "election_record.duplicate"
    UNKNOWN_CONSTITUENCY = "election_record.unknown_constituency"
    NOT_A_RECORD = "election_record.not_a_record"
    BAD_KEY = "election_record.bad_key"


@dataclass(frozen=True)
class RecordElection:
    """The election the record is of. ``id`` is the reference the lottery's seed names."""

    id: str
    name: str
    polling_date: datetime.date
    province_code: str
    province_name: str
    lottery_announced: str  # published by the provincial HQ before the polls closed


@dataclass(frozen=True)
class RecordStation:
    """A polling station as the record shows it.

    ``closing`` is the closing document exactly as the station signed it, and
    ``closing_signature`` its base64 signature by ``public_key`` (raw Ed25519, 32 bytes).
    ``receipts`` gives, for each constituency the station serves (an empty list where no
    one voted), its receipts of that constituency as (receipt code, SHA-256 of the sealed
    ballot); together they are the leaves of the signed ``receipts_root``.
    """

    code: str
    public_key: bytes
    closing: Mapping[str, object]
    closing_signature: str
    receipts: Mapping[str, Sequence[tuple[str, str]]]


@dataclass(frozen=True)
class RecordConstituency:
    """One constituency's frozen ballot, its opened ballots (None: rejected), the count
    and the standings the centre decided."""

    ballot: BallotDefinition
    casts: Sequence[CastBallot | None]
    count: Count
    standings: Standings


@dataclass(frozen=True)
class ElectionRecord:
    election: RecordElection
    constituencies: Sequence[RecordConstituency]
    stations: Sequence[RecordStation]


def election_to_dict(election: RecordElection) -> dict[str, object]:
    """election.json's content."""
    return {
        "format": ELECTION_FORMAT,
        "id": election.id,
        "name": election.name,
        "polling_date": election.polling_date.isoformat(),
        "province": {"code": election.province_code, "name": election.province_name},
        "lottery": {"announced": election.lottery_announced},
    }


def election_summary(election: Mapping[str, object]) -> dict[str, object]:
    """What the manifest repeats of election.json's content: id, name, polling date."""
    return {key: election.get(key) for key in ("id", "name", "polling_date")}


def count_to_dict(count: Count) -> dict[str, object]:
    """A count as result.json holds it."""
    return {
        "constituency_code": count.constituency_code,
        "votes": dict(count.votes),
        "ballots": count.ballots,
        "valid": count.valid,
        "blank": count.blank,
        "void": count.void,
        "rejected": count.rejected,
        "skipped_codes": count.skipped_codes,
    }


def draw_to_dict(draw: LotteryDraw) -> dict[str, object]:
    return {"seed": draw.seed, "items": list(draw.items), "order": list(draw.order)}


def tie_to_dict(tie: TieBreak) -> dict[str, object]:
    return {
        "votes": tie.votes,
        "codes": list(tie.codes),
        "boundary": tie.boundary,
        "decided_by": tie.decided_by,
        "order": list(tie.order),
        "draw": None if tie.draw is None else draw_to_dict(tie.draw),
    }


def standings_to_dict(standings: Standings) -> dict[str, object]:
    """The standings as result.json holds them: every candidate in final order, then the
    ties with how each was broken."""
    return {
        "constituency_code": standings.constituency_code,
        "standings": [
            {
                "code": standing.code,
                "name": standing.name,
                "votes": standing.votes,
                "place": standing.place,
                "outcome": standing.outcome,
            }
            for standing in standings.standings
        ],
        "ties": [tie_to_dict(tie) for tie in standings.ties],
    }


def seed_inputs(
    *, election_ref: str, constituency_code: str, receipts_roots: Iterable[str], announced: str
) -> dict[str, object]:
    """The lottery seed's inputs and the seed, as result.json holds them. The roots are
    those of the stations serving the constituency, sorted."""
    roots = sorted(receipts_roots)
    return {
        "election_ref": election_ref,
        "constituency_code": constituency_code,
        "receipts_roots": roots,
        "announced": announced,
        "seed": lottery_seed(
            election_ref=election_ref,
            constituency_code=constituency_code,
            receipts_roots=roots,
            announced=announced,
        ),
    }


def station_entry(station: RecordStation, constituency_code: str) -> dict[str, object]:
    """One station in a constituency's stations.json. ``ballots`` is the number of the
    station's ballots of this constituency, which is the number of its receipts listed
    here; over the constituencies it serves they add up to the signed ``ballots``."""
    receipts = sorted([code, digest] for code, digest in station.receipts[constituency_code])
    return {
        "code": station.code,
        "public_key": b64encode(station.public_key),
        "constituencies": sorted(station.receipts),
        "closing": {"document": dict(station.closing), "signature": station.closing_signature},
        "ballots": len(receipts),
        "receipts": receipts,
    }


def _refuse_bad_code(kind: str, code: str) -> None:
    if not (isinstance(code, str) and CODE_PATTERN.fullmatch(code)):
        raise DomainError(
            RecordRefusal.BAD_CODE,
            fa=f"کد {code!r} برای نام پوشه در پروندهٔ انتخابات مناسب نیست.",
            en=f"The {kind} code {code!r} cannot name a place in the record "
            "(letters, digits, - and _ only).",
        )


def _refuse_duplicates(kind: str, codes: Sequence[str]) -> None:
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        raise DomainError(
            RecordRefusal.DUPLICATE,
            fa=f"کد {repeated[0]} دو بار در پروندهٔ انتخابات آمده است.",
            en=f"The {kind} code {repeated[0]} appears twice in the record.",
        )


def _refuse_malformed(record: ElectionRecord) -> None:
    """Refuse what would make the record's layout ambiguous or unsafe; whether its content
    adds up is ``record_verify``'s question, not the writer's."""
    constituency_codes = [c.ballot.constituency_code for c in record.constituencies]
    station_codes = [station.code for station in record.stations]
    for code in constituency_codes:
        _refuse_bad_code("constituency", code)
    for code in station_codes:
        _refuse_bad_code("station", code)
    _refuse_duplicates("constituency", constituency_codes)
    _refuse_duplicates("station", station_codes)
    known = set(constituency_codes)
    for station in record.stations:
        unknown = sorted(set(station.receipts) - known)
        if unknown:
            raise DomainError(
                RecordRefusal.UNKNOWN_CONSTITUENCY,
                fa=f"شعبهٔ {station.code} حوزهٔ {unknown[0]} را دارد که در پرونده نیست.",
                en=f"Station {station.code} serves constituency {unknown[0]}, "
                "which is not in the record.",
            )


def ballots_lines(casts: Iterable[CastBallot | None]) -> list[bytes]:
    """The lines of ballots.jsonl, in an order drawn from the operating system's randomness
    (``secrets.SystemRandom``), so the order tells nothing of the voting or the receipts."""
    lines = [REJECTED_LINE if cast is None else cast_ballot_bytes(cast) for cast in casts]
    secrets.SystemRandom().shuffle(lines)
    return lines


def _constituency_files(
    record: ElectionRecord, constituency: RecordConstituency
) -> dict[str, bytes]:
    code = constituency.ballot.constituency_code
    serving = sorted(
        (station for station in record.stations if code in station.receipts),
        key=lambda station: station.code,
    )
    stations = {
        "format": STATIONS_FORMAT,
        "constituency_code": code,
        "stations": [station_entry(station, code) for station in serving],
    }
    result = {
        "format": RESULT_FORMAT,
        "constituency_code": code,
        "count": count_to_dict(constituency.count),
        "standings": standings_to_dict(constituency.standings),
        "lottery_seed": seed_inputs(
            election_ref=record.election.id,
            constituency_code=code,
            receipts_roots=[str(station.closing.get("receipts_root")) for station in serving],
            announced=record.election.lottery_announced,
        ),
    }
    folder = f"{CONSTITUENCIES}/{code}"
    return {
        f"{folder}/{BALLOT}": ballot_canonical_bytes(constituency.ballot),
        f"{folder}/{STATIONS}": canonical_json(stations),
        f"{folder}/{BALLOTS}": b"".join(line + b"\n" for line in ballots_lines(constituency.casts)),
        f"{folder}/{RESULT}": canonical_json(result),
    }


def record_files(record: ElectionRecord) -> dict[str, bytes]:
    """Every file of the record but the manifest and its signature: path → bytes."""
    _refuse_malformed(record)
    files = {ELECTION: canonical_json(election_to_dict(record.election))}
    for constituency in record.constituencies:
        files.update(_constituency_files(record, constituency))
    return files


def manifest_to_dict(
    election: RecordElection, files: Mapping[str, bytes], centre_public_key: bytes
) -> dict[str, object]:
    """manifest.json's content for ``files``. Its bytes are ``canonical_json`` of it, which
    are also the bytes the centre signs."""
    return {
        "format": RECORD_FORMAT,
        "election": election_summary(election_to_dict(election)),
        "centre_public_key": b64encode(centre_public_key),
        "files": {path: hashlib.sha256(data).hexdigest() for path, data in files.items()},
    }


def _refuse_not_empty(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise DomainError(
            RecordRefusal.NOT_EMPTY,
            fa=f"پروندهٔ انتخابات فقط در پوشه‌ای تازه یا خالی نوشته می‌شود: {directory}",
            en=f"The record is written into a new or empty directory only: {directory}",
        )


def record_write(
    directory: str | os.PathLike[str], record: ElectionRecord, centre_private_key: bytes
) -> None:
    """Write ``record`` into ``directory`` (new or empty) and sign its manifest with the
    centre's raw Ed25519 ``centre_private_key``. The manifest and its signature are written
    last, so a directory without them is a record whose writing did not finish."""
    target = Path(directory)
    _refuse_not_empty(target)
    files = record_files(record)
    public_key = signing_public_key(centre_private_key)
    manifest = manifest_to_dict(record.election, files, public_key)
    signature = document_sign(manifest, centre_private_key)
    for path, data in files.items():
        place = target / path
        place.parent.mkdir(parents=True, exist_ok=True)
        place.write_bytes(data)
    (target / MANIFEST).write_bytes(canonical_json(manifest))
    (target / MANIFEST_SIGNATURE).write_bytes(signature.encode("ascii"))
