"""What ``record_verify`` found: the kinds of discrepancy, the list it keeps while it reads,
and the strict reading of a record's JSON files (canonical form, exact fields)."""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DomainError
from .signed_documents import canonical_json


class RecordProblem(enum.Enum):
    """What kind of discrepancy ``record_verify`` found."""

    MANIFEST_SIGNATURE = "record.manifest_signature"
    CENTRE_KEY = "record.centre_key"
    FILE_MISSING = "record.file_missing"
    FILE_EXTRA = "record.file_extra"
    FILE_DIGEST = "record.file_digest"
    FILE_UNEXPECTED = "record.file_unexpected"
    NOT_CANONICAL = "record.not_canonical"
    MALFORMED = "record.malformed"
    BALLOT_DEFINITION = "record.ballot_definition"
    ELECTION_MISMATCH = "record.election_mismatch"
    STATION_SIGNATURE = "record.station_signature"
    STATION_INCONSISTENT = "record.station_inconsistent"
    RECEIPT = "record.receipt"
    RECEIPTS_ROOT = "record.receipts_root"
    STATION_BALLOTS = "record.station_ballots"
    BALLOTS_TOTAL = "record.ballots_total"
    BALLOT_LINE = "record.ballot_line"
    COUNT = "record.count"
    SEED = "record.seed"
    STANDINGS = "record.standings"
    LOTTERY = "record.lottery"


@dataclass(frozen=True)
class Discrepancy:
    """One thing in the record that is not as it claims: its kind, where it shows, and
    what is wrong in Persian and English."""

    code: RecordProblem
    where: str
    fa: str
    en: str


@dataclass
class Findings:
    """The discrepancies found so far and what was checked."""

    discrepancies: list[Discrepancy] = field(default_factory=list)
    files: int = 0
    signatures: int = 0
    receipts: int = 0
    ballots: int = 0

    def add(self, code: RecordProblem, where: str, *, fa: str, en: str) -> None:
        self.discrepancies.append(Discrepancy(code, where, fa, en))


def json_file_read(root: Path, path: str, findings: Findings) -> dict[str, object] | None:
    """The JSON object in ``path`` if it is one in canonical form, else None (reported)."""
    place = root / path
    if not place.is_file():
        return None
    data = place.read_bytes()
    try:
        content = json.loads(data)
    except (ValueError, RecursionError):
        findings.add(
            RecordProblem.NOT_CANONICAL,
            path,
            fa="این پرونده JSON خوانا نیست.",
            en="the file is not readable JSON",
        )
        return None
    if not isinstance(content, dict):
        findings.add(
            RecordProblem.MALFORMED,
            path,
            fa="این پرونده شیء JSON نیست.",
            en="the file is not a JSON object",
        )
        return None
    try:
        canonical = canonical_json(content)
    except DomainError:
        canonical = b""
    if canonical != data:
        findings.add(
            RecordProblem.NOT_CANONICAL,
            path,
            fa="این پرونده به شکل یکتای JSON (کلیدهای مرتب، بی‌فاصله) نیست.",
            en="the file is not canonical JSON (sorted keys, no spaces, UTF-8)",
        )
        return None
    return content


def keys_exact(content: Mapping[str, object], keys: set[str], where: str, f: Findings) -> bool:
    """Whether ``content`` has exactly ``keys``; reported if not."""
    if set(content) == keys:
        return True
    missing, extra = sorted(keys - set(content)), sorted(set(content) - keys)
    f.add(
        RecordProblem.MALFORMED,
        where,
        fa=f"فیلدها درست نیستند (کم: {', '.join(missing) or '-'}؛ "
        f"زیاد: {', '.join(extra) or '-'}).",
        en=f"wrong fields (missing: {', '.join(missing) or '-'}; "
        f"unexpected: {', '.join(extra) or '-'})",
    )
    return False


def malformed_report(where: str, f: Findings, what_en: str, what_fa: str) -> None:
    f.add(RecordProblem.MALFORMED, where, fa=what_fa, en=what_en)


def is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
