"""The identity desk: ask the centre whether this person may vote now, and if so record the
token it issued under a short ticket number for the voting screen.

The national code goes to the centre and nowhere else: it is not journalled, logged, put
in a URL or a session; the console's view marks it as a sensitive parameter so that even
an error report leaves it out.

When the centre cannot be reached, the election's offline policy decides (the station
keeps it as the centre describes the election, ``GET /api/polling/station``):

- "refuse": no ticket; the voter waits or comes back (``CentreUnreachable`` is raised);
- "provisional": the voter votes provisionally. The claim (national code, document,
  fingerprint result, the constituency the voter says, one of the station's) is journalled
  beside the ballot to come, and sent to the centre when the link is back, which counts the
  ballot or keeps it out (``provisional_claim``). This is the one case where a national code
  is journalled, and only until the centre's outcome (``Journal.provisional_outcome_record``).
"""

from __future__ import annotations

from dataclasses import dataclass

from shora.station import clock
from shora.station.centre_client import CentreClient
from shora.station.errors import StationRefusal, refusal
from shora.station.journal import Journal, Setting, StationState
from shora_domain.national_code import parse_national_code

DOCUMENTS = ("national_card", "birth_certificate", "passport", "driving_licence", "military_card")
FINGERPRINT_RESULTS = ("match", "no_match", "not_available")

REFUSE, PROVISIONAL = "refuse", "provisional"


@dataclass(frozen=True)
class IssuedTicket:
    ticket: str
    constituency_id: int
    constituency_code: str
    constituency_name: str
    provisional: bool = False


@dataclass(frozen=True)
class ServedConstituency:
    id: int
    code: str
    name: str


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


def offline_policy(journal: Journal) -> str:
    """The election's offline policy as the centre last described it; "refuse" unless the
    centre said "provisional" (a station never takes a provisional ballot by default)."""
    election = journal.setting_json(Setting.ELECTION) or {}
    return PROVISIONAL if election.get("offline_policy") == PROVISIONAL else REFUSE


def served_constituencies(journal: Journal) -> list[ServedConstituency]:
    """The constituencies this station serves, as the centre describes the station."""
    station = journal.setting_json(Setting.STATION) or {}
    listed = station.get("constituencies")
    return [
        ServedConstituency(int(c["id"]), str(c["code"]), str(c.get("name", "")))
        for c in (listed if isinstance(listed, list) else [])
    ]


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
    raised as ``CentreRefused`` with its exact words, and no answer as ``CentreUnreachable``
    (under the policy "provisional" the desk then offers ``provisional_claim``)."""
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


def refuse_provisional_input(journal: Journal, *, document: str, fingerprint: str) -> None:
    """What the station checks itself before it offers a provisional ballot: the policy, a
    known document, and a fingerprint that did not fail (the centre would refuse a
    fingerprint that did not match, so the station does too)."""
    refuse_unless_open(journal)
    if offline_policy(journal) != PROVISIONAL:
        raise refusal(
            StationRefusal.NOT_PROVISIONAL,
            fa="سیاست این انتخابات هنگام قطع ارتباط نپذیرفتن است؛ رأی مشروط گرفته نمی‌شود.",
            en="This election's offline policy is to refuse: no provisional ballot is taken.",
        )
    if document not in DOCUMENTS or fingerprint not in FINGERPRINT_RESULTS:
        raise refusal(
            StationRefusal.BAD_DESK_INPUT,
            fa="مدرک شناسایی یا نتیجهٔ اثر انگشت شناخته نیست.",
            en="The identity document or the fingerprint result is not a known one.",
        )
    if fingerprint == "no_match":
        raise refusal(
            StationRefusal.FINGERPRINT_NO_MATCH,
            fa="اثر انگشت با دارندهٔ کارت نمی‌خواند؛ رأی مشروط هم گرفته نمی‌شود.",
            en="The fingerprint does not match the card's holder; no provisional ballot either.",
        )


def provisional_claim(
    journal: Journal,
    *,
    national_code: str,
    document: str,
    fingerprint: str,
    constituency_code: str,
) -> IssuedTicket:
    """Record the claim of a voter who votes provisionally (the centre was unreachable and
    the policy is "provisional") and issue a provisional ticket. The national code is
    checked here (ten digits in any script, its check digit); the constituency is the one
    the voter says, and must be one this station serves; whether the voter may vote, and
    there, only the centre can say when the link is back."""
    refuse_provisional_input(journal, document=document, fingerprint=fingerprint)
    code = parse_national_code(national_code)
    served = {c.code: c for c in served_constituencies(journal)}
    constituency = served.get(str(constituency_code).strip())
    if constituency is None:
        raise refusal(
            StationRefusal.CONSTITUENCY_NOT_SERVED,
            fa="این شعبه برای حوزهٔ گزیده‌شده رأی نمی‌گیرد؛ یکی از حوزه‌های شعبه را برگزینید.",
            en="This station does not serve the constituency chosen; choose one of its own.",
        )
    ticket = journal.provisional_claim_record(
        national_code=code,
        document=document,
        fingerprint=fingerprint,
        constituency_id=constituency.id,
        constituency_code=constituency.code,
        hour=clock.this_hour_label(),
    )
    return IssuedTicket(
        ticket=ticket,
        constituency_id=constituency.id,
        constituency_code=constituency.code,
        constituency_name=constituency.name,
        provisional=True,
    )
