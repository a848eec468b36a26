"""A constituency's frozen ballot: the candidates with their codes, and its SHA-256.

Polling validates the codes keyed in against it, tallying breaks ties with it (veterans
first, then the higher degree), and anyone can check a published ballot against its hash
with this module alone.

The canonical content is JSON, UTF-8, keys sorted, no spaces, non-ASCII kept as is:

    {"alternates": 8, "candidates": [{"code": "1007", "degree": "bachelor",
     "name": "…", "veteran": false}, …], "constituency_code": "1001",
     "constituency_name": "اهواز", "election": "…", "format": "shora-ballot/1",
     "members": 13, "polling_date": "2026-05-01"}

The candidates appear in ballot order (by code). ``ballot_sha256`` is the SHA-256 of those
bytes, in lower-case hex.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .ballot_codes import is_code_well_formed
from .candidate_profile import Degree
from .errors import DomainError

BALLOT_FORMAT = "shora-ballot/1"


class BallotRefusal(enum.Enum):
    MALFORMED = "ballot.malformed"
    DUPLICATE_CODE = "ballot.duplicate_code"
    BAD_CODE = "ballot.bad_code"
    OUT_OF_ORDER = "ballot.out_of_order"


@dataclass(frozen=True)
class BallotCandidate:
    code: str
    name: str
    veteran: bool
    degree: Degree


@dataclass(frozen=True)
class BallotDefinition:
    election: str
    polling_date: datetime.date
    constituency_code: str
    constituency_name: str
    members: int
    alternates: int
    candidates: tuple[BallotCandidate, ...]

    def code_of(self, code: str) -> BallotCandidate | None:
        """The candidate keyed in as ``code``, or None."""
        return next((c for c in self.candidates if c.code == code), None)


def ballot_to_dict(ballot: BallotDefinition) -> dict[str, Any]:
    return {
        "format": BALLOT_FORMAT,
        "election": ballot.election,
        "polling_date": ballot.polling_date.isoformat(),
        "constituency_code": ballot.constituency_code,
        "constituency_name": ballot.constituency_name,
        "members": ballot.members,
        "alternates": ballot.alternates,
        "candidates": [
            {
                "code": candidate.code,
                "name": candidate.name,
                "veteran": candidate.veteran,
                "degree": candidate.degree.value,
            }
            for candidate in ballot.candidates
        ],
    }


def _malformed(why: str) -> DomainError:
    return DomainError(
        BallotRefusal.MALFORMED,
        fa=f"تعریف برگهٔ رأی نادرست است: {why}",
        en=f"The ballot definition is malformed: {why}",
    )


def _check_codes(candidates: tuple[BallotCandidate, ...]) -> None:
    seen: set[str] = set()
    for candidate in candidates:
        if not is_code_well_formed(candidate.code):
            raise DomainError(
                BallotRefusal.BAD_CODE,
                fa=f"کد {candidate.code} کد نامزد درستی نیست (رقم کنترل).",
                en=f"{candidate.code} is not a well-formed candidate code (check digit).",
            )
        if candidate.code in seen:
            raise DomainError(
                BallotRefusal.DUPLICATE_CODE,
                fa=f"کد {candidate.code} دو بار در برگهٔ رأی آمده است.",
                en=f"The code {candidate.code} appears twice on the ballot.",
            )
        seen.add(candidate.code)
    codes = [int(candidate.code) for candidate in candidates]
    widths = {len(candidate.code) for candidate in candidates}
    if codes != sorted(codes) or len(widths) > 1:
        raise DomainError(
            BallotRefusal.OUT_OF_ORDER,
            fa="نامزدهای برگهٔ رأی به ترتیب کد و با کدهای هم‌طول نیامده‌اند.",
            en="The ballot's candidates are not in code order with codes of one length.",
        )


def ballot_from_dict(data: Mapping[str, Any]) -> BallotDefinition:
    """Read a ballot from its dictionary (as published); DomainError if it is malformed."""
    if data.get("format") != BALLOT_FORMAT:
        raise _malformed(f"format {data.get('format')!r}, expected {BALLOT_FORMAT!r}")
    try:
        candidates = tuple(
            BallotCandidate(
                code=str(item["code"]),
                name=str(item["name"]),
                veteran=bool(item["veteran"]),
                degree=Degree(item["degree"]),
            )
            for item in data["candidates"]
        )
        ballot = BallotDefinition(
            election=str(data["election"]),
            polling_date=datetime.date.fromisoformat(data["polling_date"]),
            constituency_code=str(data["constituency_code"]),
            constituency_name=str(data["constituency_name"]),
            members=int(data["members"]),
            alternates=int(data["alternates"]),
            candidates=candidates,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise _malformed(repr(error)) from error
    _check_codes(ballot.candidates)
    return ballot


def ballot_canonical_bytes(ballot: BallotDefinition) -> bytes:
    _check_codes(ballot.candidates)
    text = json.dumps(
        ballot_to_dict(ballot), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return text.encode("utf-8")


def ballot_sha256(ballot: BallotDefinition) -> str:
    return hashlib.sha256(ballot_canonical_bytes(ballot)).hexdigest()
