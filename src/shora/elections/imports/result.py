"""What a successful import returns, and the file digest it records in the audit log."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    sha256: str
    rows: int
    counties_created: int = 0
    districts_created: int = 0
    constituencies_created: int = 0
    stations_created: int = 0


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
