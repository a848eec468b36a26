"""The paper-record audit's samples re-drawn from a published election record.

Each constituency's sample follows from what ``shora-record/1`` already holds: the seed in
``result.json`` (``lottery_seed.seed``) and the counted stations in ``stations.json``
(``shora_domain.paper_audit``). Run ``record_verify`` first: this reads the files as they
are and only says which constituency it could not read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .election_record import CODE_PATTERN, CONSTITUENCIES, RESULT, STATIONS
from .errors import DomainError
from .paper_audit import AuditSample, audit_sample_draw


@dataclass(frozen=True)
class RecordSample:
    constituency_code: str
    sample: AuditSample | None
    problem: str = ""  # why it could not be drawn, in English


def _read(path: Path) -> object:
    with path.open("rb") as file:
        return json.loads(file.read().decode("utf-8"))


def _sample_of(directory: Path, code: str) -> RecordSample:
    try:
        result = _read(directory / CONSTITUENCIES / code / RESULT)
        stations = _read(directory / CONSTITUENCIES / code / STATIONS)
        seed = result["lottery_seed"]["seed"]  # type: ignore[index]
        codes = [entry["code"] for entry in stations["stations"]]  # type: ignore[index]
        return RecordSample(code, audit_sample_draw(seed, codes))
    except (OSError, ValueError, KeyError, TypeError) as unreadable:
        return RecordSample(code, None, f"unreadable: {type(unreadable).__name__}")
    except DomainError as refused:
        return RecordSample(code, None, refused.en)


def record_audit_samples(directory: str | Path) -> list[RecordSample]:
    """Every constituency's sample, in order of code."""
    root = Path(directory) / CONSTITUENCIES
    codes = sorted(
        entry.name
        for entry in (root.iterdir() if root.is_dir() else [])
        if entry.is_dir() and CODE_PATTERN.fullmatch(entry.name)
    )
    return [_sample_of(Path(directory), code) for code in codes]
