"""The identity desk: ask the centre whether this person may vote now, and if so record the
token it issued under a short ticket number for the voting screen.

The national code goes to the centre and nowhere else: it is not journalled, logged, put
in a URL or a session; the console's view marks it as a sensitive parameter so that even
an error report leaves it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from shora.station import clock
from shora.station.centre_client import CentreClient
from shora.station.errors import StationRefusal, refusal
from shora.station.journal import Journal, StationState
from shora_domain.national_code import parse_national_code

DOCUMENTS = ("national_card", "birth_certificate", "passport", "driving_licence", "military_card")
FINGERPRINT_RESULTS = ("match", "no_match", "not_available")


@dataclass(frozen=True)
class IssuedTicket:
    ticket: str
    constituency_id: int
    constituency_code: str
    constituency_name: str


def refuse_unless_open(journal: Journal) -> None:
    state = journal.state()
    if state == StationState.OPEN:
        return
    if state in (StationState.CLOSING, StationState.CLOSED):
        raise refusal(
            StationRefusal.CLOSED,
            fa="اخذ رأی در این شعبه پایان یافته است.",
            en="Polling at this station has ended.",
        )
    raise refusal(
        StationRefusal.NOT_OPEN,
        fa="شعبه هنوز گشایش نیافته است؛ نخست گزارش صفر را ثبت کنید.",
        en="The station is not open yet; record the zero report first.",
    )


def voter_claim(
    journal: Journal,
    client: CentreClient,
    *,
    national_code: str,
    document: str,
    fingerprint: str,
) -> IssuedTicket:
    """Claim the voter's participation at the centre (``POST /api/polling/claims``) and
    record the token; the centre's refusal (already voted, not eligible, elsewhere …) is
    raised as ``CentreRefused`` with its exact words."""
    refuse_unless_open(journal)
    code = parse_national_code(national_code)  # Persian/Arabic digits, spaces, dashes
    reply = client.post(
        "/api/polling/claims",
        {"national_code": code, "document": document, "fingerprint": fingerprint},
    )
    constituency = reply["constituency"]
    ticket = journal.token_issue(
        token=str(reply["token"]),
        constituency_id=int(constituency["id"]),
        constituency_code=str(constituency["code"]),
        hour=clock.this_hour_label(),
    )
    return IssuedTicket(
        ticket=ticket,
        constituency_id=int(constituency["id"]),
        constituency_code=str(constituency["code"]),
        constituency_name=str(constituency.get("name", "")),
    )
