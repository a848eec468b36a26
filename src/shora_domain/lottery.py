"""The lottery that breaks a tie the law leaves open: fixed in public before, redone by anyone.

The law breaks a tie that matters by veterans first, then the higher degree, then by lot
(DOMAIN.md, "The ballot and the winners"). The lot must be one nobody could steer, and one
any observer can draw again from the published election record. So:

**The seed** is fixed before any ballot is counted, from values published beforehand::

    seed = SHA-256 hex of canonical JSON (UTF-8, keys sorted, no spaces, non-ASCII as is) of
    {"announced": A, "constituency_code": C, "election_ref": E,
     "format": "shora-lottery-seed/1", "receipts_roots": [R1, R2, …]}

where the receipts roots ``R`` are the Merkle roots of the constituency's stations' signed
closing documents (64 lower-case hex digits each), sorted as text, a repeated root kept
(two stations without a ballot have the same root); they are fixed when the polls close,
before any count. ``A`` is a value the provincial HQ announces in public before the polls
close (say, the numbers drawn at a public event); nobody knows the roots when it is
announced, and nobody can change the roots after it. ``A`` is taken with its digits as
Latin digits and without the spaces around it, so "۱۲۳۴ " and "1234" are the same
announcement.

For example, election ``E1``, constituency ``1001``, one root of 64 "a"s and the announced
value ``1234`` give these 185 bytes (on one line, without the break shown here)::

    {"announced":"1234","constituency_code":"1001","election_ref":"E1",
    "format":"shora-lottery-seed/1","receipts_roots":["aaaa…aaaa"]}

and the seed f9633a8d85f57ed999e2e3f4036c2fd4458a527db9143ebcc466772a6a38231b.

**The draw** of items (candidate codes) orders them by::

    HMAC-SHA256(key = the 32 bytes the seed's 64 hex digits stand for,
                message = the item's UTF-8 bytes)

smallest digest first (as bytes, or equally as lower-case hex text). With OpenSSL::

    printf '%s' 1007 | openssl dgst -sha256 -mac HMAC -macopt hexkey:SEED

The seed above draws 101, 117, 125, 130, 149 as 117, 125, 101, 149, 130.

Each item's place depends only on the seed and the item itself, so the draw of some of the
items puts them in the same order as the draw of all of them.
"""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .digits import to_latin_digits
from .errors import DomainError
from .signed_documents import canonical_json

SEED_FORMAT = "shora-lottery-seed/1"
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class LotteryRefusal(enum.Enum):
    """Why a lottery's seed could not be made or its draw done."""

    EMPTY_ANNOUNCED = "lottery.empty_announced"
    BAD_ROOT = "lottery.bad_root"
    BAD_SEED = "lottery.bad_seed"
    REPEATED_ITEM = "lottery.repeated_item"
    MALFORMED = "lottery.malformed"


@dataclass(frozen=True)
class LotteryDraw:
    """A draw: the seed, the items as given, and the order drawn."""

    seed: str
    items: tuple[str, ...]  # candidate codes, as given
    order: tuple[str, ...]  # the order drawn


def _malformed(why_fa: str, why_en: str) -> DomainError:
    return DomainError(
        LotteryRefusal.MALFORMED,
        fa=f"ورودی قرعه‌کشی نادرست است: {why_fa}",
        en=f"The lottery's input is malformed: {why_en}.",
    )


def _is_sha256_hex(value: object) -> bool:
    return isinstance(value, str) and _SHA256_HEX.fullmatch(value) is not None


def lottery_seed(
    *,
    election_ref: str,
    constituency_code: str,
    receipts_roots: Sequence[str],
    announced: str,
) -> str:
    """The seed of a constituency's lottery, as the module notes say (64 lower-case hex)."""
    if not isinstance(election_ref, str) or not isinstance(constituency_code, str):
        raise _malformed(
            "انتخابات و حوزه باید متن باشند.", "the election and constituency are texts"
        )
    if isinstance(receipts_roots, (str, bytes)) or not isinstance(receipts_roots, Sequence):
        raise _malformed("ریشه‌های رسیدها باید فهرست باشند.", "the receipts roots must be a list")
    for root in receipts_roots:
        if not _is_sha256_hex(root):
            raise DomainError(
                LotteryRefusal.BAD_ROOT,
                fa="ریشهٔ رسیدهای هر شعبه باید ۶۴ رقم شانزده‌شانزدهی کوچک باشد.",
                en="Each station's receipts root must be 64 lower-case hex digits.",
            )
    value = to_latin_digits(announced).strip() if isinstance(announced, str) else ""
    if not value:
        raise DomainError(
            LotteryRefusal.EMPTY_ANNOUNCED,
            fa="مقدار اعلام‌شدهٔ ستاد برای قرعه‌کشی خالی است.",
            en="The value the HQ announced for the lottery is empty.",
        )
    document = {
        "format": SEED_FORMAT,
        "election_ref": election_ref,
        "constituency_code": constituency_code,
        "receipts_roots": sorted(receipts_roots),
        "announced": value,
    }
    return hashlib.sha256(canonical_json(document)).hexdigest()


def _check_seed(seed: str) -> bytes:
    if not _is_sha256_hex(seed):
        raise DomainError(
            LotteryRefusal.BAD_SEED,
            fa="بذر قرعه‌کشی باید ۶۴ رقم شانزده‌شانزدهی کوچک باشد.",
            en="The lottery's seed must be 64 lower-case hex digits.",
        )
    return bytes.fromhex(seed)


def lottery_seed_check(seed: str) -> None:
    """Refuse ``seed`` (DomainError BAD_SEED) unless it is 64 lower-case hex digits."""
    _check_seed(seed)


def lottery_draw(seed: str, items: Sequence[str]) -> LotteryDraw:
    """``items`` in the order the lottery of ``seed`` draws them (see the module notes);
    DomainError if the seed is malformed or an item is repeated."""
    key = _check_seed(seed)
    if isinstance(items, (str, bytes)) or not all(isinstance(item, str) for item in items):
        raise _malformed("اقلام قرعه باید فهرستی از متن‌ها باشند.", "the items must be texts")
    given = tuple(items)
    if len(set(given)) != len(given):
        raise DomainError(
            LotteryRefusal.REPEATED_ITEM,
            fa="نامی دو بار در قرعه آمده است.",
            en="An item appears twice in the lottery.",
        )
    try:
        digests = {item: hmac.digest(key, item.encode("utf-8"), "sha256") for item in given}
    except UnicodeEncodeError as error:
        raise _malformed("اقلام قرعه باید متن درست باشند.", "an item is not valid text") from error
    return LotteryDraw(seed=seed, items=given, order=tuple(sorted(given, key=digests.__getitem__)))
