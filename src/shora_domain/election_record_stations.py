"""The stations of a record: each listed in every constituency it serves, its closing
document signed by its key, its receipts' Merkle root and ballots equal to what it signed.

A station serving several constituencies appears in each one's stations.json with the same
key, closing document and signature, and with its receipts *of that constituency* only; its
``ballots`` there is the number of those receipts. Its receipts under all its
constituencies together are the leaves of its signed ``receipts_root``, and their numbers
add up to its signed ``ballots``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .digits import to_persian_digits
from .election_record import (
    CONSTITUENCIES,
    STATIONS,
    STATIONS_FORMAT,
)
from .election_record_findings import (
    Findings,
    RecordProblem,
    is_count,
    json_file_read,
    keys_exact,
    malformed_report,
)
from .errors import DomainError
from .merkle import merkle_root, receipt_leaf
from .signed_documents import b64decode, canonical_json, document_verify


@dataclass(frozen=True)
class StationEntry:
    """One station as a constituency's stations.json lists it."""

    where: str
    constituency_code: str
    code: str
    public_key: str
    constituencies: tuple[str, ...]
    document: Mapping[str, object]
    signature: str
    ballots: int
    receipts: tuple[tuple[str, str], ...]

    def shared(self) -> tuple[object, ...]:
        """What every constituency's listing of this station must say alike."""
        return (self.public_key, self.constituencies, canonical_json(self.document), self.signature)


def _receipts_read(value: object, where: str, findings: Findings) -> tuple[tuple[str, str], ...]:
    """The receipts listed, each a well-formed [code, digest], in sorted order."""
    if not isinstance(value, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        for pair in value
    ):
        malformed_report(
            where,
            findings,
            "'receipts' is not a list of [receipt code, sealed SHA-256]",
            "«receipts» فهرست [کد رسید، درهم‌نگار رأی رمزشده] نیست.",
        )
        return ()
    receipts = tuple((str(pair[0]), str(pair[1])) for pair in value)
    for number, (code, digest) in enumerate(receipts, start=1):
        try:
            receipt_leaf(code, digest)
        except DomainError as refused:
            findings.add(
                RecordProblem.RECEIPT,
                f"{where} receipt {number}",
                fa=refused.fa,
                en=refused.en,
            )
    if list(receipts) != sorted(receipts):
        findings.add(
            RecordProblem.RECEIPT,
            where,
            fa="رسیدها به ترتیب کد نیامده‌اند.",
            en="the receipts are not in sorted order",
        )
    return receipts


def _station_entry(item: object, code: str, where: str, findings: Findings) -> StationEntry | None:
    keys = {"code", "public_key", "constituencies", "closing", "ballots", "receipts"}
    if not isinstance(item, dict) or not keys_exact(item, keys, where, findings):
        return None
    closing, constituencies = item["closing"], item["constituencies"]
    well_formed = (
        isinstance(item["code"], str)
        and isinstance(item["public_key"], str)
        and isinstance(constituencies, list)
        and all(isinstance(served, str) for served in constituencies)
        and constituencies == sorted(set(constituencies))
        and isinstance(closing, dict)
        and set(closing) == {"document", "signature"}
        and isinstance(closing["document"], dict)
        and isinstance(closing["signature"], str)
        and is_count(item["ballots"])
    )
    if not well_formed:
        malformed_report(
            where,
            findings,
            "the station's fields are not of the format",
            "فیلدهای شعبه در قالب درست نیستند.",
        )
        return None
    assert isinstance(closing, dict) and isinstance(constituencies, list)  # checked above
    where = f"{where} ({item['code']})"
    receipts = _receipts_read(item["receipts"], where, findings)
    entry = StationEntry(
        where=where,
        constituency_code=code,
        code=str(item["code"]),
        public_key=str(item["public_key"]),
        constituencies=tuple(constituencies),
        document=closing["document"],
        signature=str(closing["signature"]),
        ballots=int(item["ballots"]),
        receipts=receipts,
    )
    if entry.ballots != len(receipts):
        findings.add(
            RecordProblem.STATION_BALLOTS,
            where,
            fa=f"«ballots» {to_persian_digits(entry.ballots)} است ولی "
            f"{to_persian_digits(len(receipts))} رسید آمده است.",
            en=f"'ballots' is {entry.ballots} but {len(receipts)} receipts are listed",
        )
    return entry


def stations_read(root: Path, code: str, findings: Findings) -> list[StationEntry] | None:
    path = f"{CONSTITUENCIES}/{code}/{STATIONS}"
    content = json_file_read(root, path, findings)
    if content is None:
        return None
    if not keys_exact(content, {"format", "constituency_code", "stations"}, path, findings):
        return None
    stations = content["stations"]
    if (
        content["format"] != STATIONS_FORMAT
        or content["constituency_code"] != code
        or not isinstance(stations, list)
    ):
        malformed_report(
            path,
            findings,
            f"not the stations of constituency {code} in the format {STATIONS_FORMAT}",
            f"فهرست شعبه‌های حوزهٔ {code} در قالب {STATIONS_FORMAT} نیست.",
        )
        return None
    entries = [
        _station_entry(item, code, f"{path} station {number}", findings)
        for number, item in enumerate(stations, start=1)
    ]
    found = [entry for entry in entries if entry is not None]
    codes = [entry.code for entry in found]
    if codes != sorted(set(codes)):
        malformed_report(
            path,
            findings,
            "the stations are repeated or not in order of their codes",
            "شعبه‌ها تکراری‌اند یا به ترتیب کد نیامده‌اند.",
        )
    return found


def station_check(code: str, entries: Sequence[StationEntry], findings: Findings) -> None:
    """One station's listings alike, its closing signed by its key, its receipts' root and
    ballots equal to what it signed."""
    where = f"station {code}"
    first = entries[0]
    if any(entry.shared() != first.shared() for entry in entries):
        findings.add(
            RecordProblem.STATION_INCONSISTENT,
            where,
            fa="حوزه‌های این شعبه کلید، سند بستن یا امضای یکسانی برای آن نشان نمی‌دهند.",
            en="its constituencies do not show the same key, closing document and signature",
        )
    served = tuple(sorted(entry.constituency_code for entry in entries))
    if served != first.constituencies:
        findings.add(
            RecordProblem.STATION_INCONSISTENT,
            where,
            fa=f"حوزه‌های شعبه {', '.join(first.constituencies)} است ولی در "
            f"{', '.join(served)} آمده است.",
            en=f"it serves {', '.join(first.constituencies)} but is listed in {', '.join(served)}",
        )
    document = first.document
    findings.signatures += 1
    try:
        key = b64decode(first.public_key)
    except DomainError:
        key = b""
    if document.get("station") != code or not document_verify(document, first.signature, key):
        findings.add(
            RecordProblem.STATION_SIGNATURE,
            where,
            fa="امضای سند بستن شعبه با کلید آن نمی‌خواند.",
            en="the closing document's signature does not match its key",
        )
    receipts = [receipt for entry in entries for receipt in entry.receipts]
    findings.receipts += len(receipts)
    _root_check(where, receipts, document.get("receipts_root"), findings)
    ballots = sum(entry.ballots for entry in entries)
    if document.get("ballots") != ballots:
        findings.add(
            RecordProblem.STATION_BALLOTS,
            where,
            fa=f"شعبه {document.get('ballots')} رأی امضا کرده ولی "
            f"{to_persian_digits(ballots)} رسید در حوزه‌هایش آمده است.",
            en=f"it signed {document.get('ballots')} ballots but its constituencies list "
            f"{ballots} receipts",
        )


def _root_check(
    where: str, receipts: Sequence[tuple[str, str]], signed: object, findings: Findings
) -> None:
    try:
        root = merkle_root([receipt_leaf(code, digest) for code, digest in receipts])
    except DomainError as refused:
        findings.add(RecordProblem.RECEIPT, where, fa=refused.fa, en=refused.en)
        return
    if root != signed:
        findings.add(
            RecordProblem.RECEIPTS_ROOT,
            where,
            fa="ریشهٔ مرکل رسیدهای این شعبه با ریشهٔ امضاشده نمی‌خواند.",
            en=f"the Merkle root of its receipts is {root}, it signed {signed}",
        )
