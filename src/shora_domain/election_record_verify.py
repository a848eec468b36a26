"""Reading an election record (``shora-record/1``) and checking everything it claims.

``record_verify`` trusts nothing in the directory but the mathematics. It checks, and
reports every discrepancy with the place it shows (a file, a line, a station):

* the centre's signature of manifest.json (and, if given, that the centre's key is the one
  the observer expected), every file's SHA-256 against the manifest, no file missing or
  extra, every JSON file in canonical form;
* each frozen ballot well formed and of its constituency and election;
* each station's closing document signed by the station's key; its receipts' Merkle root,
  recomputed from the receipts listed under every constituency it serves, equal to the
  signed ``receipts_root``; its ballots per constituency adding up to the signed
  ``ballots``;
* in each constituency, the stations' ballots adding up to the lines of ballots.jsonl;
  every line a canonical cast ballot of this ballot, or ``null``; the count recomputed
  from those lines equal to result.json's; the lottery seed recomputed from the stations'
  signed roots and the announced value; the standings decided again from the recount and
  that seed equal to result.json's, and every lottery re-drawn.

What a record cannot show: that each line of ballots.jsonl is the decryption of one of the
sealed ballots behind the receipts (the record publishes the ciphertexts' digests, not a
proof of decryption). The count is checked against the ballots published, and the number
of ballots against the stations' signed counts.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .digits import to_persian_digits
from .election_record import (
    MANIFEST,
    MANIFEST_SIGNATURE,
    RECORD_FORMAT,
    RecordRefusal,
)
from .election_record_files import (
    election_read,
    files_on_disk,
    layout_check,
    manifest_files,
    manifest_read,
)
from .election_record_findings import Discrepancy, Findings, RecordProblem
from .election_record_parallel import (
    constituencies_and_stations_check,
    files_check_parallel,
    processes_for,
)
from .errors import DomainError
from .signed_documents import KEY_BYTES

__all__ = ["Discrepancy", "RecordProblem", "VerifyReport", "record_verify", "report_lines"]


@dataclass(frozen=True)
class VerifyReport:
    """What ``record_verify`` checked, and every discrepancy it found."""

    directory: str
    centre_public_key: str | None  # base64, as the manifest names it, for comparison
    files: int  # files whose SHA-256 was compared with the manifest
    signatures: int  # signatures checked: the manifest's and each station's closing
    constituencies: int
    stations: int
    receipts: int
    ballots: int  # lines of ballots.jsonl read
    discrepancies: tuple[Discrepancy, ...]

    @property
    def ok(self) -> bool:
        return not self.discrepancies


def _refuse_not_a_record(root: Path) -> None:
    if not root.is_dir() or not (
        (root / MANIFEST).exists() or (root / MANIFEST_SIGNATURE).exists()
    ):
        raise DomainError(
            RecordRefusal.NOT_A_RECORD,
            fa=f"{root} پروندهٔ انتخابات نیست (پوشه‌ای با manifest.json).",
            en=f"{root} is not an election record (a directory with manifest.json).",
        )


def record_verify(
    directory: str | os.PathLike[str],
    *,
    centre_public_key: bytes | None = None,
    processes: int | None = None,
) -> VerifyReport:
    """Check the record in ``directory`` (module notes); ``centre_public_key`` (raw), if
    given, is the key the record must be signed with. DomainError NOT_A_RECORD if
    ``directory`` is no record at all; every other problem is a discrepancy.
    ``processes``: how many processes check the files, constituencies and stations
    (``election_record_parallel``; the report is the same); None: every core for a large
    record, one for a small one."""
    root = Path(directory)
    _refuse_not_a_record(root)
    if centre_public_key is not None and len(centre_public_key) != KEY_BYTES:
        raise DomainError(
            RecordRefusal.BAD_KEY,
            fa="کلید عمومی مرکز که داده شد ۳۲ بایت نیست.",
            en="The centre's public key given is not 32 bytes.",
        )
    findings = Findings()
    on_disk = files_on_disk(root, findings)
    manifest, centre_key = manifest_read(root, centre_public_key, findings)
    listed = manifest_files(manifest, findings) if manifest is not None else {}
    codes = layout_check(on_disk, listed, Findings())  # reported below, in its turn
    workers = processes_for(root, codes, processes)
    if manifest is not None:  # without it, every file would be reported as extra
        files_check_parallel(root, listed, on_disk, findings, workers)
    codes = layout_check(on_disk, listed, findings)
    election = election_read(root, manifest, findings)
    stations = constituencies_and_stations_check(root, codes, election, findings, workers)
    return VerifyReport(
        directory=str(root),
        centre_public_key=centre_key,
        files=findings.files,
        signatures=findings.signatures,
        constituencies=len(codes),
        stations=stations,
        receipts=findings.receipts,
        ballots=findings.ballots,
        discrepancies=tuple(findings.discrepancies),
    )


def report_lines(report: VerifyReport) -> list[str]:
    """The report as lines for a person: what was checked, then every discrepancy in
    English and Persian (what ``shora verify`` prints)."""
    lines = [
        f"shora verify: {report.directory} ({RECORD_FORMAT})",
        f"  the centre's public key: {report.centre_public_key or '-'}",
        "    (compare it with the key the provincial HQ published)",
        f"  checked: {report.files} files, {report.signatures} signatures, "
        f"{report.constituencies} constituencies, {report.stations} stations, "
        f"{report.receipts} receipts, {report.ballots} ballots",
    ]
    if report.ok:
        lines.append("  OK: no discrepancy / بدون مغایرت")
        return lines
    many = len(report.discrepancies)
    lines.append(
        f"  {many} {'discrepancy' if many == 1 else 'discrepancies'} / "
        f"{to_persian_digits(many)} مغایرت:"
    )
    for found in report.discrepancies:
        lines.append(f"  - {found.where}: {found.en} [{found.code.value}]")
        lines.append(f"    {found.fa}")
    return lines
