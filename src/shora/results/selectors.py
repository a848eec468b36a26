"""Reads of the tally: each constituency's gate, the sessions, the results.

The gate of a constituency lists everything that keeps it from being tallied, station by
station, before anyone types a passphrase: the election not yet closed, the ballot not
frozen, a station never opened, a station still open, and for a closed station anything
in which its signed closing document and what the centre holds disagree (the signature,
the number of ballots, the receipts' Merkle root). A station the boards excluded (decided
and confirmed) is no problem: it is listed apart and its ballots are not counted.

``tally_problems`` is the whole gate of one constituency, the receipts' roots recomputed
from every ballot; ``tally_problems_of`` is the same for many constituencies in a few
queries and one pass over the ballots (the tally runs it). ``tally_gates`` is the same
gate for the tally page without recomputing the roots (reading a province's every
receipt on each page view would take seconds); the tally still does.
"""

from __future__ import annotations

import datetime
import gzip
import itertools
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils import timezone

from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency, Election, Phase, PollingStation
from shora.polling.models import Ballot, ElectionKey, StationDay, StationDevice
from shora.results.models import (
    ConstituencyBallots,
    ConstituencyResult,
    ElectionResultsSettings,
    SessionStatus,
    ShareEntry,
    StationExclusion,
    TallySession,
)
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.merkle import merkle_root, receipt_leaf
from shora_domain.signed_documents import document_verify

#: Phases in which an election's ballots may be tallied.
TALLY_PHASES = (Phase.CLOSED, Phase.TALLIED, Phase.CERTIFIED)


@dataclass(frozen=True)
class Problem:
    """One thing that keeps a constituency from being tallied (about one station or not)."""

    code: str
    fa: str
    en: str
    station: str = ""

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "fa": self.fa, "en": self.en, "station": self.station}


@dataclass
class TallyGate:
    """A constituency's gate as the tally page shows it."""

    constituency: Constituency
    problems: list[Problem] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    result: ConstituencyResult | None = None

    @property
    def ready(self) -> bool:
        return self.result is None and not self.problems


def results_settings_of(election: Election) -> ElectionResultsSettings | None:
    return (
        ElectionResultsSettings.objects.filter(election=election)
        .select_related("announced_by")
        .first()
    )


def lottery_value_may_be_announced(election: Election) -> bool:
    """Whether the polls are still open, so the lottery's value may be announced: not once
    the election is closed, a station has closed (its receipts root is known), or the
    polls' closing time has passed (a drill has no clock)."""
    if election.phase in TALLY_PHASES:
        return False
    if StationDay.objects.filter(station__election=election, closed_at__isnull=False).exists():
        return False
    if election.is_drill:
        return True
    closes = timezone.make_aware(
        datetime.datetime.combine(election.polling_date, election.closes_at)
    )
    return timezone.now() < closes


def election_key_for_tally(election: Election) -> ElectionKey | None:
    return ElectionKey.objects.filter(election=election).first()


def _phase_problems(election: Election) -> list[Problem]:
    if election.phase in TALLY_PHASES:
        return []
    return [
        Problem(
            "not_closed",
            "اخذ رأی هنوز پایان نیافته است: انتخابات در مرحلهٔ «بسته» نیست.",
            f"Polling is not over: the election is in phase {election.phase}, not closed.",
        )
    ]


def _ballot_problems(constituency: Constituency) -> list[Problem]:
    try:
        definition = frozen_ballot(constituency)
    except DomainError as refusal:
        return [Problem("ballot_altered", refusal.fa, refusal.en)]
    if definition is not None:
        return []
    return [
        Problem(
            "no_ballot",
            f"برگهٔ رأی حوزهٔ «{constituency.name}» قطعی نشده است.",
            f"The ballot of {constituency.name} has not been frozen.",
        )
    ]


def station_receipts_root_held(station: PollingStation) -> str | None:
    """The Merkle root of the receipts the centre holds for ``station``; None when a
    stored receipt is no longer well formed (someone edited the table)."""
    rows = Ballot.objects.filter(station=station).values_list("receipt_code", "sealed_sha256")
    try:
        return merkle_root([receipt_leaf(code, digest) for code, digest in rows.iterator()])
    except DomainError:
        return None


def _station_problems(
    station: PollingStation,
    day: StationDay | None,
    exclusion: StationExclusion | None,
    keys: list[bytes],
    ballots_held: int,
    root_held: str | bool | None,
) -> list[Problem]:
    """What keeps ``station``'s ballots from the tally. ``keys`` are the public keys of the
    station's enrolled processes; ``root_held`` is the recomputed receipts root, None if it
    could not be recomputed, False when not checked."""
    code = station.code
    shown = to_persian_digits(code)
    problems: list[Problem] = []
    if day is None:
        problems.append(
            Problem(
                "station_never_opened",
                f"شعبهٔ {shown} هرگز باز نشد؛ آرای آن در مرکز نیست.",
                f"Station {code} never opened; the centre holds no ballot of it.",
                code,
            )
        )
    elif day.is_open:
        problems.append(
            Problem(
                "station_open",
                f"شعبهٔ {shown} هنوز بسته نشده است.",
                f"Station {code} has not closed yet.",
                code,
            )
        )
    else:
        problems.extend(_closing_problems(station, day, keys, ballots_held, root_held))
    if problems and exclusion is not None:
        problems.append(
            Problem(
                "exclusion_awaiting",
                f"کنارگذاشتن شعبهٔ {shown} در انتظار تأیید هیئت نظارت است.",
                f"Leaving station {code} out awaits the supervisory board's confirmation.",
                code,
            )
        )
    return problems


def _closing_problems(
    station: PollingStation,
    day: StationDay,
    keys: list[bytes],
    ballots_held: int,
    root_held: str | bool | None,
) -> list[Problem]:
    code, shown = station.code, to_persian_digits(station.code)
    document = day.closing_document if isinstance(day.closing_document, dict) else {}
    # Any process the station enrolled may have signed the close (one enrolled again after
    # its machine failed closes with its new key); which one is not recorded.
    signed = document.get("station") == code and any(
        document_verify(document, day.closing_signature, key) for key in keys
    )
    if not signed:
        return [
            Problem(
                "closing_not_signed",
                f"سند پایان شعبهٔ {shown} با کلید هیچ‌یک از دستگاه‌های آن امضا نشده است.",
                f"Station {code}'s closing document is not signed by any of its devices' keys.",
                code,
            )
        ]
    problems = []
    if document.get("ballots") != ballots_held:
        problems.append(
            Problem(
                "ballots_mismatch",
                f"شمار آرای شعبهٔ {shown} در سند پایان با آرای موجود در مرکز نمی‌خواند "
                f"({to_persian_digits(str(document.get('ballots')))} در برابر "
                f"{to_persian_digits(ballots_held)}).",
                f"Station {code}'s closing document gives {document.get('ballots')} ballots, "
                f"the centre holds {ballots_held}.",
                code,
            )
        )
    if root_held is not False and document.get("receipts_root") != root_held:
        problems.append(
            Problem(
                "receipts_mismatch",
                f"ریشهٔ درخت رسیدهای شعبهٔ {shown} با رسیدهای موجود در مرکز نمی‌خواند.",
                f"Station {code}'s signed receipts root differs from the receipts the "
                "centre holds.",
                code,
            )
        )
    return problems


def _device_keys(station_ids: Iterable[int]) -> dict[int, list[bytes]]:
    """The public keys of the processes each station enrolled."""
    keys: dict[int, list[bytes]] = defaultdict(list)
    devices = StationDevice.objects.filter(station_id__in=list(station_ids))
    for station_id, key in devices.values_list("station_id", "public_key"):
        keys[station_id].append(bytes(key))
    return keys


def _confirmed(exclusion: StationExclusion | None) -> bool:
    return exclusion is not None and exclusion.is_confirmed


def tally_problems(constituency: Constituency) -> list[Problem]:
    """Everything that keeps ``constituency`` from being tallied (empty: it may be), the
    receipts' roots recomputed from the ballots the centre holds."""
    problems = _phase_problems(constituency.election) + _ballot_problems(constituency)
    for station in constituency.stations.order_by("code"):
        exclusion = StationExclusion.objects.filter(station=station).first()
        if _confirmed(exclusion):
            continue
        day = StationDay.objects.filter(station=station).first()
        closed = day is not None and not day.is_open
        problems += _station_problems(
            station,
            day,
            exclusion,
            _device_keys([station.pk]).get(station.pk, []),
            Ballot.objects.filter(station=station).count() if closed else 0,
            station_receipts_root_held(station) if closed else False,
        )
    return problems


def tallied_stations(constituency: Constituency) -> tuple[list[StationDay], list[str]]:
    """The days of the stations whose ballots are counted (closed, not excluded), and the
    codes of the stations excluded, both by station code."""
    excluded = set(
        StationExclusion.objects.filter(
            station__constituencies=constituency, confirmed_at__isnull=False
        ).values_list("station_id", flat=True)
    )
    counted = list(
        StationDay.objects.filter(station__constituencies=constituency, closed_at__isnull=False)
        .exclude(station_id__in=excluded)
        .select_related("station")
        .order_by("station__code")
    )
    codes = sorted(PollingStation.objects.filter(pk__in=excluded).values_list("code", flat=True))
    return counted, codes


def receipts_roots_held(station_ids: Iterable[int]) -> dict[int, str | None]:
    """``station_receipts_root_held`` of many stations in one pass over their ballots."""
    wanted = sorted(set(station_ids))
    roots: dict[int, str | None] = {}
    rows = (
        Ballot.objects.filter(station_id__in=wanted)
        .order_by("station_id")
        .values_list("station_id", "receipt_code", "sealed_sha256")
        .iterator(chunk_size=20_000)
    )
    for station_id, group in itertools.groupby(rows, key=operator.itemgetter(0)):
        try:
            roots[station_id] = merkle_root(
                [receipt_leaf(code, digest) for _, code, digest in group]
            )
        except DomainError:
            roots[station_id] = None
    empty = merkle_root([])
    return {station_id: roots.get(station_id, empty) for station_id in wanted}


def tally_problems_of(
    election: Election, constituencies: Iterable[Constituency]
) -> dict[int, list[Problem]]:
    """``tally_problems`` of many constituencies (by id) in a few queries and one pass over
    the ballots to recompute the closed stations' receipts roots: the tally's gate."""
    chosen = list(constituencies)
    closed = StationDay.objects.filter(
        station__constituencies__in=chosen, closed_at__isnull=False
    ).values_list("station_id", flat=True)
    roots = receipts_roots_held(closed)
    return {
        gate.constituency.pk: gate.problems for gate in tally_gates(election, chosen, roots=roots)
    }


def tally_gates(
    election: Election,
    constituencies: Iterable[Constituency],
    *,
    roots: Mapping[int, str | None] | None = None,
) -> list[TallyGate]:
    """The gate of each of ``constituencies`` for the tally page, in a few queries; the
    receipts' roots are checked only when given (``roots``, by station id: the tally
    recomputes them, the page does not)."""
    chosen = list(constituencies)
    through = PollingStation.constituencies.through
    served = through.objects.filter(constituency_id__in=[c.pk for c in chosen]).values_list(
        "constituency_id", "pollingstation_id"
    )
    stations_of: dict[int, list[int]] = defaultdict(list)
    for constituency_id, station_id in served:
        stations_of[constituency_id].append(station_id)
    station_ids = {s for ids in stations_of.values() for s in ids}
    stations = PollingStation.objects.in_bulk(station_ids)
    days = {day.station_id: day for day in StationDay.objects.filter(station_id__in=station_ids)}
    keys = _device_keys(station_ids)
    exclusions = {
        e.station_id: e for e in StationExclusion.objects.filter(station_id__in=station_ids)
    }
    held = dict(
        Ballot.objects.filter(station_id__in=station_ids)
        .values_list("station_id")
        .annotate(n=Count("id"))
        .values_list("station_id", "n")
    )
    results = {
        r.constituency_id: r
        for r in ConstituencyResult.objects.filter(constituency__in=[c.pk for c in chosen])
    }
    phase = _phase_problems(election)
    station_problems: dict[int, list[Problem]] = {}
    gates = []
    for constituency in chosen:
        gate = TallyGate(constituency, result=results.get(constituency.pk))
        if gate.result is None:
            gate.problems += phase + _ballot_problems(constituency)
        for station_id in sorted(stations_of[constituency.pk], key=lambda s: stations[s].code):
            station, exclusion = stations[station_id], exclusions.get(station_id)
            if _confirmed(exclusion):
                gate.excluded.append(station.code)
                continue
            if gate.result is not None:
                continue
            if station_id not in station_problems:
                station_problems[station_id] = _station_problems(
                    station,
                    days.get(station_id),
                    exclusion,
                    keys.get(station_id, []),
                    held.get(station_id, 0),
                    False if roots is None or station_id not in roots else roots[station_id],
                )
            gate.problems += station_problems[station_id]
        gates.append(gate)
    return gates


def constituencies_untallied(election: Election) -> QuerySet[Constituency]:
    return election.constituencies.filter(tally_result__isnull=True).order_by("code")


def constituency_result_of(constituency: Constituency) -> ConstituencyResult | None:
    return ConstituencyResult.objects.filter(constituency=constituency).first()


def ballots_untallied(election: Election) -> int:
    """How many ballots the centre holds of constituencies not yet tallied."""
    return Ballot.objects.filter(election=election, constituency__tally_result__isnull=True).count()


def open_session_of(election: Election) -> TallySession | None:
    return (
        TallySession.objects.filter(election=election, status=SessionStatus.OPEN)
        .select_related("opened_by")
        .first()
    )


def sessions_of(election: Election) -> QuerySet[TallySession]:
    return TallySession.objects.filter(election=election).select_related("opened_by", "closed_by")


def session_entries(session: TallySession) -> list[ShareEntry]:
    """Who entered a share so far (the values are not for showing)."""
    return list(
        ShareEntry.objects.filter(session=session).select_related("holding__holder").defer("value")
    )


def exclusions_of(election: Election) -> QuerySet[StationExclusion]:
    return StationExclusion.objects.filter(election=election)


def shuffled_ballots_text(result: ConstituencyResult) -> bytes:
    """The shuffled ballots of a tallied constituency, one JSON line each (JSONL)."""
    stored = ConstituencyBallots.objects.get(result=result)
    return gzip.decompress(bytes(stored.jsonl_gzip))
