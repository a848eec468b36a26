"""The record's files: the manifest and the centre's signature of it, every file's SHA-256,
nothing missing or extra, the layout of ``shora-record/1``, and election.json."""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .election_record import (
    CODE_PATTERN,
    CONSTITUENCIES,
    CONSTITUENCY_FILES,
    ELECTION,
    ELECTION_FORMAT,
    MANIFEST,
    MANIFEST_SIGNATURE,
    RECORD_FORMAT,
    election_summary,
)
from .election_record_findings import (
    Findings,
    RecordProblem,
    json_file_read,
    keys_exact,
    malformed_report,
)
from .errors import DomainError
from .signed_documents import KEY_BYTES, b64decode, document_verify

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def files_on_disk(root: Path, findings: Findings) -> set[str]:
    """Every regular file under ``root`` but the manifest and its signature, as POSIX
    paths; a link or anything else that is not a regular file is reported."""
    found: set[str] = set()
    for folder, folders, names in os.walk(root):
        here = Path(folder)
        for name in sorted(folders + names):
            place = here / name
            path = place.relative_to(root).as_posix()
            if place.is_symlink() or not (place.is_dir() or place.is_file()):
                findings.add(
                    RecordProblem.FILE_UNEXPECTED,
                    path,
                    fa="پیوند یا پروندهٔ ناعادی در پروندهٔ انتخابات جایی ندارد.",
                    en="a link or special file has no place in a record",
                )
            elif place.is_file() and path not in (MANIFEST, MANIFEST_SIGNATURE):
                found.add(path)
    return found


def _centre_key(
    manifest: Mapping[str, object], pinned: bytes | None, findings: Findings
) -> bytes | None:
    text = manifest.get("centre_public_key")
    try:
        key = b64decode(text) if isinstance(text, str) else b""
    except DomainError:
        key = b""
    if len(key) != KEY_BYTES:
        malformed_report(
            MANIFEST,
            findings,
            "the centre's public key is not 32 bytes of base64",
            "کلید عمومی مرکز ۳۲ بایت base64 نیست.",
        )
        return None
    if pinned is not None and key != pinned:
        findings.add(
            RecordProblem.CENTRE_KEY,
            MANIFEST,
            fa="کلید عمومی مرکز در این پرونده همان کلیدی نیست که انتظار می‌رفت.",
            en="the centre's public key in the record is not the key expected",
        )
    return key


def _manifest_signature(
    root: Path, manifest: Mapping[str, object], key: bytes, findings: Findings
) -> None:
    place = root / MANIFEST_SIGNATURE
    if not place.is_file():
        findings.add(
            RecordProblem.FILE_MISSING,
            MANIFEST_SIGNATURE,
            fa="امضای مرکز بر فهرست پرونده‌ها نیست.",
            en="the centre's signature of the manifest is missing",
        )
        return
    findings.signatures += 1
    try:
        signature = place.read_bytes().decode("ascii")
    except UnicodeDecodeError:
        signature = ""
    if not document_verify(manifest, signature, key):
        findings.add(
            RecordProblem.MANIFEST_SIGNATURE,
            MANIFEST_SIGNATURE,
            fa="امضای manifest.json با کلید مرکز نمی‌خواند.",
            en="the signature of manifest.json does not match the centre's key",
        )


def manifest_files(manifest: Mapping[str, object], findings: Findings) -> dict[str, str]:
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(digest, str) and _SHA256_HEX.fullmatch(digest) for digest in files.values()
    ):
        malformed_report(
            MANIFEST,
            findings,
            "'files' is not a map of paths to SHA-256 hex digests",
            "«files» فهرست مسیرها و درهم‌نگارهای SHA-256 نیست.",
        )
        return {}
    return {str(path): str(digest) for path, digest in files.items()}


def manifest_read(
    root: Path, pinned: bytes | None, findings: Findings
) -> tuple[dict[str, object] | None, str | None]:
    """The manifest's content (None if unreadable) and the centre's key as it names it."""
    if not (root / MANIFEST).is_file():
        findings.add(
            RecordProblem.FILE_MISSING,
            MANIFEST,
            fa="فهرست پرونده‌ها (manifest.json) نیست.",
            en="manifest.json is missing",
        )
        return None, None
    manifest = json_file_read(root, MANIFEST, findings)
    if manifest is None:
        return None, None
    keys = {"format", "election", "centre_public_key", "files"}
    if manifest.get("format") != RECORD_FORMAT:
        malformed_report(
            MANIFEST,
            findings,
            f"format {manifest.get('format')!r}; this verifier reads {RECORD_FORMAT}",
            f"قالب {manifest.get('format')!r} است؛ این بررسی‌گر {RECORD_FORMAT} را می‌خواند.",
        )
        return None, None
    if not keys_exact(manifest, keys, MANIFEST, findings):
        return None, None
    key = _centre_key(manifest, pinned, findings)
    if key is not None:
        _manifest_signature(root, manifest, key, findings)
    return manifest, str(manifest["centre_public_key"])


def files_check(
    root: Path, listed: Mapping[str, str], on_disk: set[str], findings: Findings
) -> None:
    """Every listed file present with its SHA-256; nothing on disk that is not listed."""
    for path in sorted(listed):
        if path not in on_disk:
            findings.add(
                RecordProblem.FILE_MISSING,
                path,
                fa="این پرونده در فهرست هست ولی در پوشه نیست.",
                en="the manifest lists this file but it is missing",
            )
            continue
        findings.files += 1
        with (root / path).open("rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()
        if digest != listed[path]:
            findings.add(
                RecordProblem.FILE_DIGEST,
                path,
                fa="درهم‌نگار SHA-256 این پرونده با فهرست امضاشده نمی‌خواند "
                "(پس از امضا تغییر کرده است).",
                en="its SHA-256 is not the one in the signed manifest (changed after signing)",
            )
    for path in sorted(on_disk - set(listed)):
        findings.add(
            RecordProblem.FILE_EXTRA,
            path,
            fa="این پرونده در فهرست امضاشده نیست.",
            en="this file is not in the signed manifest",
        )


def layout_check(on_disk: set[str], listed: Mapping[str, str], findings: Findings) -> list[str]:
    """The constituencies' codes, after reporting files that are no part of the format and
    files the format requires that neither the manifest nor the directory has."""
    codes: set[str] = set()
    for path in sorted(on_disk | set(listed)):
        parts = path.split("/")
        if path == ELECTION:
            continue
        if (
            len(parts) == 3
            and parts[0] == CONSTITUENCIES
            and CODE_PATTERN.fullmatch(parts[1])
            and parts[2] in CONSTITUENCY_FILES
        ):
            codes.add(parts[1])
        elif path in listed:  # a file on disk but not listed is reported as extra already
            findings.add(
                RecordProblem.FILE_UNEXPECTED,
                path,
                fa=f"این پرونده جزو قالب {RECORD_FORMAT} نیست.",
                en=f"this file is no part of the format {RECORD_FORMAT}",
            )
    required = [ELECTION] + [
        f"{CONSTITUENCIES}/{code}/{name}" for code in sorted(codes) for name in CONSTITUENCY_FILES
    ]
    for path in required:
        if path not in on_disk and path not in listed:
            findings.add(
                RecordProblem.FILE_MISSING,
                path,
                fa="این پرونده را قالب پروندهٔ انتخابات لازم دارد و نیست.",
                en="the record's format requires this file and it is missing",
            )
    return sorted(codes)


@dataclass(frozen=True)
class RecordedElection:
    id: str
    name: str
    polling_date: str
    announced: str


def election_read(
    root: Path, manifest: Mapping[str, object] | None, findings: Findings
) -> RecordedElection | None:
    content = json_file_read(root, ELECTION, findings)
    if content is None:
        return None
    keys = {"format", "id", "name", "polling_date", "province", "lottery"}
    if not keys_exact(content, keys, ELECTION, findings):
        return None
    lottery, province = content["lottery"], content["province"]
    texts = [content[key] for key in ("format", "id", "name", "polling_date")]
    well_formed = (
        content["format"] == ELECTION_FORMAT
        and all(isinstance(text, str) for text in texts)
        and isinstance(province, dict)
        and set(province) == {"code", "name"}
        and isinstance(lottery, dict)
        and set(lottery) == {"announced"}
        and isinstance(lottery["announced"], str)
        and _is_date(content["polling_date"])
    )
    if not well_formed:
        malformed_report(
            ELECTION,
            findings,
            f"not an election of the format {ELECTION_FORMAT}",
            f"شرح انتخابات در قالب {ELECTION_FORMAT} نیست.",
        )
        return None
    assert isinstance(lottery, dict)  # for the type checker: checked above
    if manifest is not None and manifest["election"] != election_summary(content):
        findings.add(
            RecordProblem.ELECTION_MISMATCH,
            MANIFEST,
            fa="انتخاباتی که فهرست پرونده‌ها نام می‌برد همان election.json نیست.",
            en="the election the manifest names is not the one in election.json",
        )
    return RecordedElection(
        id=str(content["id"]),
        name=str(content["name"]),
        polling_date=str(content["polling_date"]),
        announced=str(lottery["announced"]),
    )


def _is_date(value: object) -> bool:
    try:
        return isinstance(value, str) and datetime.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False
