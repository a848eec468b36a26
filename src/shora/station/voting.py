"""The voting screen's work: the constituency's frozen ballot, searching it, and casting.

Casting validates the codes against the frozen ballot (``choices_validate``), seals the
canonical cast ballot to the election's public key bound to the election and constituency
(``ballot_seal`` with ``ballot_context``), and journals it with its ticket in ONE committed
transaction before anything is shown or printed: a receipt in a voter's hand is a ballot
on the journal's disk. A provisional ticket (the link was down, docs/polling.md) votes the
same way; its ballot is journalled beside its claim, to be judged by the centre.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shora.station import clock
from shora.station.centre_client import CentreClient
from shora.station.errors import StationRefusal, refusal
from shora.station.identity_desk import refuse_unless_open
from shora.station.journal import IssuedToken, Journal, JournalBallot, Setting
from shora_domain.ballot_choices import CastBallot, cast_ballot_bytes, choices_validate
from shora_domain.ballot_definition import (
    BallotCandidate,
    BallotDefinition,
    ballot_from_dict,
    ballot_sha256,
)
from shora_domain.ballot_sealing import ballot_context, ballot_seal, sealed_digest
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError
from shora_domain.persian_text import search_key
from shora_domain.polling_hours import hour_label
from shora_domain.receipt_codes import paper_serial_new, receipt_code_new
from shora_domain.signed_documents import b64decode

SEARCH_LIMIT = 60
_RECEIPT_TRIES = 8

# Parsed ballots by constituency id (a ballot of 1,700 candidates is parsed once).
_parsed: dict[int, tuple[BallotDefinition, tuple[tuple[str, BallotCandidate], ...]]] = {}
_parsed_lock = threading.Lock()


def _remember(constituency_id: int, definition: BallotDefinition) -> BallotDefinition:
    keyed = tuple((search_key(candidate.name), candidate) for candidate in definition.candidates)
    with _parsed_lock:
        _parsed[constituency_id] = (definition, keyed)
    return definition


def ballot_fetch(journal: Journal, client: CentreClient, constituency_id: int) -> BallotDefinition:
    """Fetch the constituency's frozen ballot from the centre, check it against its SHA-256
    and keep it in the journal (the voting screen must not depend on the link)."""
    reply: dict[str, Any] = client.get(f"/api/constituencies/{int(constituency_id)}/ballot")
    definition = ballot_from_dict(reply["definition"])
    if reply.get("sha256") and ballot_sha256(definition) != reply["sha256"]:
        raise refusal(
            StationRefusal.BALLOT_MISMATCH,
            fa="برگهٔ رأی دریافتی با درهم‌نگار آن نمی‌خواند؛ دوباره بگیرید.",
            en="The ballot received does not match its SHA-256; fetch it again.",
        )
    journal.ballot_definition_store(
        constituency_id, definition.constituency_code, reply["definition"]
    )
    return _remember(constituency_id, definition)


def ballot_of(
    journal: Journal, constituency_id: int, client: CentreClient | None = None
) -> BallotDefinition:
    """The constituency's ballot: from memory, the journal, or (once) the centre."""
    with _parsed_lock:
        held = _parsed.get(constituency_id)
    if held is not None:
        return held[0]
    stored = journal.ballot_definition(constituency_id)
    if stored is not None:
        return _remember(constituency_id, ballot_from_dict(stored))
    if client is None:
        raise refusal(
            StationRefusal.NO_BALLOT,
            fa="برگهٔ رأی این حوزه هنوز از مرکز گرفته نشده است.",
            en="This constituency's ballot has not been fetched from the centre yet.",
        )
    return ballot_fetch(journal, client, constituency_id)


def candidates_matching(
    journal: Journal, constituency_id: int, query: str, limit: int = SEARCH_LIMIT
) -> list[BallotCandidate]:
    """Candidates whose code starts with the digits typed (any script), or whose name holds
    the words typed (Persian and Arabic letters alike, spaces and half-spaces ignored)."""
    ballot_of(journal, constituency_id)
    with _parsed_lock:
        definition, keyed = _parsed[constituency_id]
    query = query.strip()[:200]
    if not query:
        return list(definition.candidates[:limit])
    digits = to_latin_digits(query).replace(" ", "").replace("-", "")
    if digits.isascii() and digits.isdigit():
        return [c for c in definition.candidates if c.code.startswith(digits)][:limit]
    wanted = search_key(query)
    return [candidate for key, candidate in keyed if wanted in key][:limit]


def ticket_check(journal: Journal, ticket: str) -> IssuedToken:
    """The token of the ticket typed at the voting screen, refused unless it may vote now."""
    refuse_unless_open(journal)
    number = to_latin_digits(ticket).strip().replace(" ", "")
    token = journal.token_by_ticket(number) if number.isascii() and number.isdigit() else None
    if token is None:
        raise refusal(
            StationRefusal.TICKET_UNKNOWN,
            fa="این شمارهٔ نوبت در این شعبه صادر نشده است.",
            en="This ticket number was not issued at this station.",
        )
    if token.status != "issued":
        raise refusal(
            StationRefusal.TICKET_NOT_ISSUED,
            fa="با این نوبت پیش‌تر رأی داده شده یا نوبت باطل شده است.",
            en="This ticket has already voted or was voided.",
        )
    return token


@dataclass(frozen=True)
class CastResult:
    receipt_code: str
    paper_serial: str
    hour: Any  # aware datetime: the start of the hour the ballot was cast in
    cast: CastBallot
    definition: BallotDefinition
    provisional: bool = False  # counts once the centre confirms the voter had not voted


def _election_key(journal: Journal) -> bytes:
    encoded = journal.setting(Setting.ELECTION_PUBLIC_KEY)
    if not encoded:
        raise refusal(
            StationRefusal.NO_ELECTION_KEY,
            fa="کلید عمومی انتخابات در این شعبه نیست؛ رأی را نمی‌توان رمز کرد.",
            en="The station holds no election public key; a ballot cannot be sealed.",
        )
    return b64decode(encoded)


def ballot_cast(journal: Journal, *, ticket: str, keyed: Sequence[str]) -> CastResult:
    """Validate, seal and journal the ballot of ``ticket``; returns only after the journal
    committed it. Too many choices (or a ticket that cannot vote) is refused with nothing
    written."""
    token = ticket_check(journal, ticket)
    definition = ballot_of(journal, token.constituency_id)
    cast = choices_validate(definition, list(keyed))
    election = journal.setting_json(Setting.ELECTION) or {}
    context = ballot_context(str(election.get("id", "")), token.constituency_code)
    sealed = ballot_seal(cast_ballot_bytes(cast), _election_key(journal), context=context)
    digest = sealed_digest(sealed)
    hour = clock.this_hour()
    for _attempt in range(_RECEIPT_TRIES):
        receipt_code, serial = receipt_code_new(), paper_serial_new()
        try:
            journal.ballot_cast(
                token.ticket,
                JournalBallot(
                    receipt_code=receipt_code,
                    constituency_id=token.constituency_id,
                    constituency_code=token.constituency_code,
                    sealed=sealed,
                    sealed_sha256=digest,
                    paper_serial=serial,
                    hour=hour_label(hour),
                ),
            )
        except DomainError as refused:
            if refused.code is StationRefusal.RECEIPT_TAKEN:
                continue  # eleven random digits met an earlier receipt: draw again
            raise
        return CastResult(receipt_code, serial, hour, cast, definition, token.provisional)
    raise RuntimeError("no free receipt code after several draws")  # pragma: no cover
