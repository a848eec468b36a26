"""The election record (``shora-record/1``) of a tallied election, built from the centre's
database and signed with the centre's Ed25519 record key: ``shora record export``.

What goes in (docs/results.md, "Exporting the record"):

* every constituency, each with its ``ConstituencyResult``: the frozen ballot, the stored
  shuffled ballots (``null`` for a rejected one), the count and the standings with their
  ties, rebuilt field for field from what the tally stored;
* every station the tally counted: closed, and not left out by a confirmed exclusion
  (``tallied_stations``, the very selector the tally used, so the stations whose signed
  roots seed the lottery are those the record shows), with its signed closing document,
  the enrolled key that signed it, and its receipts (code, SHA-256 of the sealed ballot)
  for each constituency it serves, read from the ``Ballot`` rows. A station the boards
  excluded is left out whole: its ballots were not counted, so its receipts are not in
  the record either.

Before writing, what is rebuilt is checked against what the tally stored (the counted
stations' roots, the number and digest of the ballots' lines): a database changed since
the tally gives a refusal, not a record that ``shora verify`` would then reject.

The ballots written hold no receipt code, station or hour: the lines are the tally's own,
and ``record_write`` shuffles them again.
"""

from __future__ import annotations

import argparse
import enum
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency, Election, Phase, PollingStation
from shora.polling.models import Ballot, StationDay, StationDevice
from shora.results.models import ConstituencyBallots, ConstituencyResult, ElectionResultsSettings
from shora.results.selectors import shuffled_ballots_text, tallied_stations
from shora_domain.ballot_choices import CastBallot, cast_ballot_from_bytes
from shora_domain.ballot_definition import BallotDefinition
from shora_domain.counting import Count
from shora_domain.election_record import (
    REJECTED_LINE,
    ElectionRecord,
    RecordConstituency,
    RecordElection,
    RecordStation,
    record_write,
)
from shora_domain.errors import DomainError
from shora_domain.lottery import LotteryDraw
from shora_domain.signed_documents import (
    KEY_BYTES,
    b64decode,
    b64encode,
    document_verify,
    signing_key_generate,
    signing_public_key,
)
from shora_domain.standings import Standing, Standings, TieBreak

#: Where the centre's record-signing key lives, under SHORA_HOME.
RECORD_KEY_PATH = Path("keys") / "record-signing.key"
#: Receipts read from the database at a time (a server-side cursor on PostgreSQL).
CHUNK_ROWS = 5_000
TALLIED_PHASES = (Phase.TALLIED, Phase.CERTIFIED)


class RecordExportRefusal(enum.Enum):
    NOT_TALLIED = "record_export.not_tallied"
    INCONSISTENT = "record_export.inconsistent"
    BAD_KEY_FILE = "record_export.bad_key_file"


@dataclass(frozen=True)
class RecordKey:
    """The centre's record-signing key: where it lives, and whether this call made it."""

    path: Path
    private_key: bytes
    created: bool

    @property
    def public_key(self) -> bytes:
        return signing_public_key(self.private_key)


def record_key_path() -> Path:
    return Path(settings.SHORA_HOME) / RECORD_KEY_PATH


def record_key_load_or_create(path: Path | None = None) -> RecordKey:
    """The centre's Ed25519 record key from its file (base64 of the raw 32 bytes), made
    on first use with mode 0600 in a directory of mode 0700.

    A file, not the database: the database is reached by every web worker, copied into
    backups and dumps that travel, and read by anyone who reaches it by a flaw of the web
    side; a key there could sign a forged record in the centre's name. The record is
    signed only on the command line, by the operator of the centre's machine, so the key
    needs to be readable by that account alone, and can be kept (and backed up) apart from
    the data it vouches for. Its public key is what the provincial HQ publishes.
    """
    target = path or record_key_path()
    if not target.exists():
        return _record_key_create(target)
    try:
        private = b64decode(target.read_text(encoding="ascii").strip())
    except (DomainError, UnicodeDecodeError) as error:
        raise _bad_key_file(target) from error
    if len(private) != KEY_BYTES:
        raise _bad_key_file(target)
    return RecordKey(target, private, created=False)


def _record_key_create(target: Path) -> RecordKey:
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    private, _public = signing_key_generate()
    # O_EXCL: two exports starting at once cannot each make a key and overwrite the other's.
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return record_key_load_or_create(target)
    with os.fdopen(handle, "w", encoding="ascii") as file:
        file.write(b64encode(private) + "\n")
    return RecordKey(target, private, created=True)


def _bad_key_file(path: Path) -> DomainError:
    return DomainError(
        RecordExportRefusal.BAD_KEY_FILE,
        fa=f"پروندهٔ کلید امضای مرکز خوانا نیست (باید base64 یک کلید ۳۲ بایتی باشد): {path}",
        en=f"The centre's record key file is unreadable (base64 of a 32-byte key): {path}",
    )


def _inconsistent(fa: str, en: str) -> DomainError:
    return DomainError(
        RecordExportRefusal.INCONSISTENT,
        fa=f"داده‌های مرکز با شمارش ثبت‌شده نمی‌خواند: {fa}",
        en=f"The centre's data no longer match the stored tally: {en}",
    )


def refuse_not_tallied(election: Election) -> list[Constituency]:
    """The election's constituencies, each with a result; a refusal unless the election
    is in phase tallied (or certified) and every constituency has a result."""
    constituencies = list(Constituency.objects.filter(election=election).order_by("code"))
    tallied = set(
        ConstituencyResult.objects.filter(election=election).values_list(
            "constituency_id", flat=True
        )
    )
    missing = [c.code for c in constituencies if c.pk not in tallied]
    if election.phase not in TALLIED_PHASES or missing or not constituencies:
        raise DomainError(
            RecordExportRefusal.NOT_TALLIED,
            fa="پروندهٔ انتخابات فقط پس از شمارش همهٔ حوزه‌ها (مرحلهٔ شمارش‌شده) ساخته می‌شود.",
            en="The election record is made only once every constituency is tallied and the "
            f"election is in phase tallied (phase {election.phase}"
            + (f"; not tallied: {', '.join(missing)}" if missing else "")
            + ").",
        )
    return constituencies


def count_from_dict(data: dict[str, Any]) -> Count:
    return Count(
        constituency_code=data["constituency_code"],
        votes=dict(data["votes"]),
        ballots=data["ballots"],
        valid=data["valid"],
        blank=data["blank"],
        void=data["void"],
        rejected=data["rejected"],
        skipped_codes=data["skipped_codes"],
    )


def _tie_from_dict(data: dict[str, Any]) -> TieBreak:
    draw = data["draw"]
    return TieBreak(
        votes=data["votes"],
        codes=tuple(data["codes"]),
        boundary=data["boundary"],
        decided_by=data["decided_by"],
        order=tuple(data["order"]),
        draw=None
        if draw is None
        else LotteryDraw(seed=draw["seed"], items=tuple(draw["items"]), order=tuple(draw["order"])),
    )


def standings_from_result(result: ConstituencyResult, code: str) -> Standings:
    return Standings(
        constituency_code=code,
        standings=tuple(
            Standing(
                code=s["code"],
                name=s["name"],
                votes=s["votes"],
                place=s["place"],
                outcome=s["outcome"],
            )
            for s in result.standings
        ),
        ties=tuple(_tie_from_dict(tie) for tie in result.ties),
    )


def casts_of(result: ConstituencyResult) -> list[CastBallot | None]:
    """The tally's shuffled ballots as stored, checked against their digest and number."""
    stored = ConstituencyBallots.objects.get(result=result)
    text = shuffled_ballots_text(result)
    lines = text.splitlines()
    if hashlib.sha256(text).hexdigest() != stored.jsonl_sha256 or len(lines) != stored.lines:
        raise _inconsistent(
            "آرای بازشدهٔ ذخیره‌شده با چکیدهٔ خود نمی‌خواند.",
            "the stored opened ballots do not match their digest.",
        )
    return [None if line == REJECTED_LINE else cast_ballot_from_bytes(line) for line in lines]


def _closing_key(day: StationDay, keys: list[bytes]) -> bytes:
    """The key, of those the station enrolled, that signed its close."""
    for key in keys:
        if document_verify(day.closing_document or {}, day.closing_signature, key):
            return key
    raise _inconsistent(
        f"سند پایان شعبهٔ {day.station.code} با کلید هیچ دستگاه آن امضا نشده است.",
        f"station {day.station.code}'s close is signed by none of its keys.",
    )


def _receipts_by_station(
    election: Election, station_ids: list[int]
) -> dict[int, dict[str, list[tuple[str, str]]]]:
    """Station id → constituency code → [(receipt code, SHA-256 of the sealed ballot)]."""
    codes = dict(Constituency.objects.filter(election=election).values_list("pk", "code"))
    receipts: dict[int, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    rows = (
        Ballot.objects.filter(election=election, station_id__in=station_ids)
        .values_list("station_id", "constituency_id", "receipt_code", "sealed_sha256")
        .iterator(chunk_size=CHUNK_ROWS)
    )
    for station_id, constituency_id, receipt_code, digest in rows:
        receipts[station_id][codes[constituency_id]].append((receipt_code, digest))
    return receipts


def _stations(election: Election, days: dict[int, StationDay]) -> list[RecordStation]:
    ids = sorted(days)
    keys: dict[int, list[bytes]] = defaultdict(list)
    for station_id, key in StationDevice.objects.filter(station_id__in=ids).values_list(
        "station_id", "public_key"
    ):
        keys[station_id].append(bytes(key))
    served: dict[int, list[str]] = defaultdict(list)
    through = PollingStation.constituencies.through
    for station_id, code in through.objects.filter(pollingstation_id__in=ids).values_list(
        "pollingstation_id", "constituency__code"
    ):
        served[station_id].append(code)
    receipts = _receipts_by_station(election, ids)
    stations = []
    for station_id in ids:
        day = days[station_id]
        stations.append(
            RecordStation(
                code=day.station.code,
                public_key=_closing_key(day, keys[station_id]),
                closing=dict(day.closing_document or {}),
                closing_signature=day.closing_signature,
                receipts={code: receipts[station_id][code] for code in served[station_id]},
            )
        )
    return stations


def _refuse_ballot_of_another_day(election: Election, definition: BallotDefinition) -> None:
    """The record's ballots must name its election and polling day (``shora verify``
    checks it): an election renamed or moved after its ballots were frozen is refused."""
    if (definition.election, definition.polling_date) != (election.name, election.polling_date):
        raise _inconsistent(
            f"برگهٔ رأی حوزهٔ {definition.constituency_code} نام یا روز دیگری از انتخابات دارد.",
            f"the ballot of constituency {definition.constituency_code} names the election "
            f"{definition.election!r} on {definition.polling_date}, the election is "
            f"{election.name!r} on {election.polling_date}.",
        )


def election_record_build(election: Election) -> ElectionRecord:
    """The record of the tallied ``election`` from the database; a refusal when it is not
    tallied, or its data no longer match what the tally stored."""
    constituencies = refuse_not_tallied(election)
    announced = ElectionResultsSettings.objects.get(election=election).announced_lottery_value
    days: dict[int, StationDay] = {}
    parts = []
    for constituency in constituencies:
        result = ConstituencyResult.objects.get(constituency=constituency)
        counted, _excluded = tallied_stations(constituency)
        roots = sorted(str((day.closing_document or {}).get("receipts_root")) for day in counted)
        if roots != sorted(result.receipts_roots):
            raise _inconsistent(
                f"شعبه‌های شمرده‌شدهٔ حوزهٔ {constituency.code} تغییر کرده‌اند.",
                f"the stations counted in constituency {constituency.code} have changed.",
            )
        days.update({day.station_id: day for day in counted})
        definition = frozen_ballot(constituency)
        assert definition is not None  # the tally read it
        _refuse_ballot_of_another_day(election, definition)
        parts.append(
            RecordConstituency(
                ballot=definition,
                casts=casts_of(result),
                count=count_from_dict(result.counts),
                standings=standings_from_result(result, constituency.code),
            )
        )
    province = election.province
    return ElectionRecord(
        election=RecordElection(
            id=str(election.pk),
            name=election.name,
            polling_date=election.polling_date,
            province_code=province.code,
            province_name=province.name,
            lottery_announced=announced,
        ),
        constituencies=parts,
        stations=_stations(election, days),
    )


def election_record_export(election: Election, directory: str | os.PathLike[str]) -> RecordKey:
    """Write the record of the tallied ``election`` into ``directory`` (new or empty),
    signed with the centre's record key (made on first use); the key used."""
    record = election_record_build(election)
    key = record_key_load_or_create()
    record_write(directory, record, key.private_key)
    return key


def record_export_command(args: argparse.Namespace) -> int:
    """``shora record export --election ID DIR``."""
    election = Election.objects.select_related("province").filter(pk=args.election).first()
    if election is None:
        print(f"No election {args.election}.")
        return 2
    key = election_record_export(election, args.directory)
    print(f"shora record: election {election.pk} written to {Path(args.directory).resolve()}")
    if key.created:
        print(f"  a new record-signing key was made: {key.path} (mode 0600; keep it safe)")
    print(f"  the centre's public key: {b64encode(key.public_key)}")
    print("    (publish it; observers check with: shora verify DIR --centre-key KEY)")
    return 0
