"""The pure half of the hash-chained audit log: computing and verifying the chain.

Event ``n`` stores ``previous_hash`` (the hash of event ``n - 1``, or ``GENESIS_HASH``
for event 1) and ``event_hash``, the SHA-256 hex digest of::

    b"shora.audit.v1\\n" + canonical_json({"number": n, "previous_hash": ..., "payload": ...})

``verify_chain`` reads the events once, keeping only the previous and the highest event,
and reports every problem with the number of the event where it shows. A removed last
event leaves no trace in the chain itself: pass a ``ChainCheckpoint`` recorded elsewhere
(e.g. published when the polls closed) to catch that.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .digits import to_persian_digits

GENESIS_HASH = "0" * 64
_DOMAIN_TAG = b"shora.audit.v1\n"


@dataclass(frozen=True)
class ChainedEvent:
    """One stored event of the chain."""

    number: int
    previous_hash: str
    payload: Mapping[str, object]
    event_hash: str


@dataclass(frozen=True)
class ChainCheckpoint:
    """The number and hash of an event, recorded outside the log."""

    number: int
    event_hash: str


class ChainProblemKind(enum.Enum):
    """What is wrong at one place in the chain."""

    EDITED = "edited"
    BROKEN_LINK = "broken_link"
    MISSING = "missing"
    OUT_OF_ORDER = "out_of_order"


@dataclass(frozen=True)
class ChainProblem:
    """A problem found by ``verify_chain`` at event ``number``."""

    number: int
    kind: ChainProblemKind
    detail_en: str
    detail_fa: str


def _check_keys(value: object) -> None:
    """Refuse non-text keys, which JSON would silently turn into text."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"payload keys must be str, got {key!r}")
            _check_keys(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_keys(item)


def _refuse_type(value: object) -> object:
    raise TypeError(
        f"{type(value).__name__} is not JSON; store datetimes as ISO strings and "
        "decimals as strings before logging"
    )


def canonical_json(payload: Mapping[str, object]) -> bytes:
    """``payload`` as canonical UTF-8 JSON: sorted keys, no whitespace, no escapes."""
    _check_keys(payload)
    text = json.dumps(
        payload,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_refuse_type,
    )
    return text.encode("utf-8")


def event_hash(*, number: int, previous_hash: str, payload: Mapping[str, object]) -> str:
    """The SHA-256 hex digest of the event's number, previous hash and payload."""
    body = canonical_json({"number": number, "previous_hash": previous_hash, "payload": payload})
    return hashlib.sha256(_DOMAIN_TAG + body).hexdigest()


def next_event(previous: ChainedEvent | None, payload: Mapping[str, object]) -> ChainedEvent:
    """The event that follows ``previous`` (None: the first event) with ``payload``."""
    number = 1 if previous is None else previous.number + 1
    link = GENESIS_HASH if previous is None else previous.event_hash
    digest = event_hash(number=number, previous_hash=link, payload=payload)
    return ChainedEvent(number=number, previous_hash=link, payload=payload, event_hash=digest)


def _fa(number: int) -> str:
    return to_persian_digits(number)


def _missing(first: int, last: int) -> ChainProblem:
    if first == last:
        en, fa = f"event {first} is missing", f"رویداد {_fa(first)} وجود ندارد"
    else:
        en = f"events {first} to {last} are missing"
        fa = f"رویدادهای {_fa(first)} تا {_fa(last)} وجود ندارند"
    return ChainProblem(
        first,
        ChainProblemKind.MISSING,
        f"{en} (removed, or moved to another place)",
        f"{fa} (حذف یا جابه‌جا شده است)",
    )


def _hash_of(event: ChainedEvent) -> str | None:
    try:
        return event_hash(
            number=event.number, previous_hash=event.previous_hash, payload=event.payload
        )
    except (TypeError, ValueError):
        return None


def _edited(number: int, en: str, fa: str) -> ChainProblem:
    return ChainProblem(number, ChainProblemKind.EDITED, en, fa)


def _out_of_order(number: int, previous: int) -> ChainProblem:
    if number < 1:
        en = f"event number {number} is not allowed: numbers start at 1"
        fa = f"شمارهٔ رویداد {_fa(number)} پذیرفته نیست: شماره‌ها از ۱ آغاز می‌شوند"
    elif number == previous:
        en, fa = f"event {number} is repeated", f"رویداد {_fa(number)} تکرار شده است"
    else:
        en = f"event {number} comes after event {previous}"
        fa = f"رویداد {_fa(number)} پس از رویداد {_fa(previous)} آمده است"
    return ChainProblem(number, ChainProblemKind.OUT_OF_ORDER, en, fa)


def _broken_link(number: int) -> ChainProblem:
    before = number - 1
    en_target = "the genesis hash" if before == 0 else f"event {before}"
    fa_target = "درهم‌نگار آغازین" if before == 0 else f"رویداد {_fa(before)}"
    return ChainProblem(
        number,
        ChainProblemKind.BROKEN_LINK,
        f"event {number} does not link to {en_target}: an event before it was removed, "
        "edited and re-hashed, or moved",
        f"رویداد {_fa(number)} به {fa_target} پیوند نمی‌خورد: رویدادی پیش از آن حذف، "
        "ویرایش و دوباره درهم‌سازی، یا جابه‌جا شده است",
    )


def verify_chain(
    events: Iterable[ChainedEvent], *, checkpoint: ChainCheckpoint | None = None
) -> list[ChainProblem]:
    """Every problem in ``events`` (in stored order); an empty list means intact.

    Only the event just read and the highest-numbered one are kept, so a log of any
    length is read in one pass.
    """
    problems: list[ChainProblem] = []
    previous, previous_hash = 0, GENESIS_HASH  # number 0 stands for the genesis
    highest, highest_hash = 0, GENESIS_HASH
    checkpoint_seen = False
    for event in events:
        number = event.number
        if _hash_of(event) != event.event_hash:
            problems.append(
                _edited(
                    number,
                    f"event {number}'s content does not match its stored hash",
                    f"محتوای رویداد {_fa(number)} با درهم‌نگار ذخیره‌شده‌اش نمی‌خواند",
                )
            )
        if number < 1 or number <= previous:
            problems.append(_out_of_order(number, previous))
        else:
            link: str | None = None
            if number == 1:
                link = GENESIS_HASH
            elif number == previous + 1:
                link = previous_hash
            elif number == highest + 1:
                link = highest_hash
            elif number > highest + 1:
                problems.append(_missing(highest + 1, number - 1))
            if link is not None and event.previous_hash != link:
                problems.append(_broken_link(number))
            if number > highest:
                highest, highest_hash = number, event.event_hash
        if checkpoint is not None and number == checkpoint.number:
            checkpoint_seen = True
            if event.event_hash != checkpoint.event_hash:
                problems.append(
                    _edited(
                        number,
                        f"event {number}'s hash differs from the checkpoint recorded for it",
                        f"درهم‌نگار رویداد {_fa(number)} با نقطهٔ وارسی ثبت‌شده نمی‌خواند",
                    )
                )
        previous, previous_hash = number, event.event_hash
    if checkpoint is not None and not checkpoint_seen and checkpoint.number > highest:
        problems.append(_missing(highest + 1, checkpoint.number))
    return problems
