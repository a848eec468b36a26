"""``shora simulate``: every station of a county in a drill election taken through election
day, unattended, by the real station code against the real centre over HTTP.

For each station, in order (docs/drills.md gives the script in full): reset what an
earlier drill left; enrol a station journal in a temporary directory with a one-time code;
open with the signed zero report, the staff from the roster; then scripted synthetic voters
of the drill register at the identity desk, each issued a ticket and casting a ballot; on
the way a voter who already voted (refused by the centre), a spoiled ballot (too many
choices refused on screen, the ticket voided by the chair) and the link lost for a while
(the election's offline policy: the voter waits, or votes provisionally); then the close,
signed and transmitted. Each step is timed; the run is stored as a DrillRun with its score.
"""

from __future__ import annotations

import contextlib
import random
import secrets
import socket
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from shora.drills.centre_server import CentreServer
from shora.drills.errors import DrillError, DrillRefusal
from shora.drills.guards import refuse_unless_drill
from shora.drills.models import DrillKind, DrillRun
from shora.drills.preparation import Prepared, drill_prepare, drill_stations
from shora.drills.services import drill_run_begin, drill_run_finish
from shora.elections.models import County, Election, OfflinePolicy, PollingStation
from shora.polling.models import Participation
from shora.polling.services.devices import enrolment_code_issue
from shora.registers.models import Voter
from shora.station.centre_client import CentreClient, CentreUnreachable, centre_client_of
from shora.station.enrolment import station_enrol
from shora.station.identity_desk import provisional_claim, voter_claim
from shora.station.journal import Journal
from shora.station.station_day import station_close, station_open
from shora.station.voting import ballot_cast, ballot_of
from shora_domain.digits import to_latin_digits
from shora_domain.drill_scoring import DrillMeasures
from shora_domain.errors import DomainError

DEFAULT_VOTERS = 12
MAX_VOTERS = 500
#: How long the scripted link outage lasts before the desk tries again, in seconds.
LINK_DOWN_SECONDS = 0.5
SPOILED_REASON = "برگهٔ رأی خراب شد (تمرین) / spoiled ballot (drill)"


@dataclass
class StationOutcome:
    station_code: str
    run_id: int
    voters: int
    seconds_to_open: float | None
    seconds_per_voter: float | None
    seconds_to_close: float | None
    errors: int
    score: int
    passed: bool
    handled: dict[str, int] = field(default_factory=dict)


@dataclass
class SimulationReport:
    election_id: int
    county_code: str
    prepared: Prepared
    stations: list[StationOutcome]
    seconds: float
    #: stations left alone because a drill (a trainer's) was running there
    skipped: list[str] = field(default_factory=list)


@contextlib.contextmanager
def _cut_link() -> Iterator[str]:
    """An address where nothing listens, for as long as the link is cut: the port is held
    bound (not listening), so no other server can take it meanwhile and answer."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{int(held.getsockname()[1])}"


def _county_of(election_id: object, county_code: object) -> tuple[Election, County]:
    election_text = to_latin_digits(str(election_id)).strip()
    election = (
        Election.objects.filter(pk=int(election_text)).first()
        if election_text.isascii() and election_text.isdigit()
        else None
    )
    if election is None:
        raise DrillError(
            DrillRefusal.UNKNOWN_ELECTION,
            fa=f"انتخاباتی با شناسهٔ «{election_id}» نیست.",
            en=f"There is no election with id {election_id!r}.",
        )
    refuse_unless_drill(election)
    code = to_latin_digits(str(county_code)).strip()
    county = County.objects.filter(code=code, province=election.province).first()
    if county is None:
        raise DrillError(
            DrillRefusal.UNKNOWN_COUNTY,
            fa=f"شهرستانی با کد «{county_code}» در استان این انتخابات نیست.",
            en=f"There is no county with code {county_code!r} in this election's province.",
        )
    return election, county


class _StationDrill:
    """One station's scripted day; ``errors`` are mistakes, ``handled`` the script's cases."""

    def __init__(self, station: PollingStation, centre_url: str, folder: Path, seed: int):
        self.station = station
        self.centre_url = centre_url
        self.folder = folder
        self.random = random.Random(f"{seed}:{station.code}")  # noqa: S311 - a script, not a secret
        self.errors: Counter[str] = Counter()
        self.handled: Counter[str] = Counter()
        self.desk_seconds: list[float] = []
        self.cast_seconds: list[float] = []
        self.voters_served = 0

    def _try(self, step: Callable[[], Any]) -> Any:
        try:
            return step()
        except DomainError as refused:
            self.errors[str(getattr(refused.code, "value", refused.code))] += 1
            return None

    def _keyed(
        self, journal: Journal, constituency_id: int, *, too_many: bool = False
    ) -> list[str]:
        definition = ballot_of(journal, constituency_id)
        codes = [candidate.code for candidate in definition.candidates]
        if too_many:
            return codes[: definition.members + 1]
        return self.random.sample(
            codes, self.random.randint(0, min(definition.members, len(codes)))
        )

    def _vote(self, journal: Journal, client: CentreClient, voter: Voter) -> None:
        started = time.perf_counter()
        ticket = self._try(
            lambda: voter_claim(
                journal,
                client,
                national_code=voter.national_code,
                document="national_card",
                fingerprint="match",
            )
        )
        if ticket is None:
            return
        self.desk_seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        keyed = self._keyed(journal, ticket.constituency_id)
        if self._try(lambda: ballot_cast(journal, ticket=ticket.ticket, keyed=keyed)):
            self.cast_seconds.append(time.perf_counter() - started)
            self.voters_served += 1

    def _already_voted(self, journal: Journal, client: CentreClient, voter: Voter) -> None:
        try:
            voter_claim(
                journal,
                client,
                national_code=voter.national_code,
                document="national_card",
                fingerprint="match",
            )
        except DomainError as refused:
            if getattr(refused, "centre_code", "") == "polling.already_voted":
                self.handled["already_voted_refused"] += 1
                return
            self.errors[str(getattr(refused.code, "value", refused.code))] += 1
            return
        self.errors["second_ticket_issued"] += 1  # the centre let a voter vote twice

    def _spoiled(self, journal: Journal, client: CentreClient, voter: Voter) -> None:
        ticket = self._try(
            lambda: voter_claim(
                journal,
                client,
                national_code=voter.national_code,
                document="national_card",
                fingerprint="match",
            )
        )
        if ticket is None:
            return
        try:
            ballot_cast(
                journal,
                ticket=ticket.ticket,
                keyed=self._keyed(journal, ticket.constituency_id, too_many=True),
            )
            self.errors["too_many_choices_taken"] += 1
        except DomainError:
            self.handled["spoiled_ballot_refused_on_screen"] += 1
        if self._try(lambda: journal.token_void(ticket.ticket, SPOILED_REASON)) is not None:
            self.handled["ticket_voided"] += 1

    def _link_lost(self, journal: Journal, client: CentreClient, voter: Voter, policy: str) -> None:
        down_at = time.perf_counter()
        try:
            with _cut_link() as nowhere:
                voter_claim(
                    journal,
                    CentreClient(nowhere, client.device_token, timeout=2),
                    national_code=voter.national_code,
                    document="national_card",
                    fingerprint="match",
                )
            self.errors["claim_without_link"] += 1
            return
        except CentreUnreachable:
            self.handled["link_lost"] += 1
        except DomainError as refused:
            self.errors[str(getattr(refused.code, "value", refused.code))] += 1
            return
        if policy == OfflinePolicy.PROVISIONAL:
            ticket = self._try(
                lambda: provisional_claim(
                    journal,
                    national_code=voter.national_code,
                    document="national_card",
                    fingerprint="match",
                    constituency_code=voter.constituency.code,
                )
            )
            if ticket is not None:
                keyed = self._keyed(journal, ticket.constituency_id)
                if self._try(lambda: ballot_cast(journal, ticket=ticket.ticket, keyed=keyed)):
                    self.handled["provisional_ballot"] += 1
                    self.voters_served += 1
        else:
            time.sleep(LINK_DOWN_SECONDS)  # the voter waits for the link
            self._vote(journal, client, voter)
        self.handled["link_down_ms"] = round((time.perf_counter() - down_at) * 1000)

    def run(self, voters: list[Voter], policy: str) -> dict[str, Any]:
        started = time.perf_counter()
        code = enrolment_code_issue(actor=None, station=self.station)
        journal = self._try(
            lambda: station_enrol(
                journal_path=self.folder / f"{self.station.code}.journal",
                centre_url=self.centre_url,
                code=code,
                console_password=secrets.token_urlsafe(16),
                label=f"drill {self.station.code}",
            )
        )
        if journal is None:  # the run still ends, scored on nothing reached
            return {"seconds_to_open": None, "seconds_to_close": None}
        client = centre_client_of(journal)
        roster = _roster_codes(self.station)
        opened = (
            self._try(lambda: station_open(journal, client, chair=roster[0], staff_present=roster))
            if roster
            else None
        )
        if opened is None:
            if not roster:
                self.errors["no_chair_on_roster"] += 1
            return {"seconds_to_open": None, "seconds_to_close": None}
        seconds_to_open = time.perf_counter() - started
        scripted = {
            len(voters) // 3: "already_voted",
            len(voters) // 2: "spoiled",
            len(voters) - 1: "link_lost",
        }
        for number, voter in enumerate(voters):
            case = scripted.get(number)
            if case == "spoiled":
                self._spoiled(journal, client, voter)
            elif case == "link_lost":
                self._link_lost(journal, client, voter, policy)
            else:
                self._vote(journal, client, voter)
            if case == "already_voted" and self.voters_served:
                self._already_voted(journal, client, voters[0])
        started = time.perf_counter()
        closed = self._try(lambda: station_close(journal, client, early_confirmed=True))
        seconds_to_close = time.perf_counter() - started if closed is not None else None
        return {"seconds_to_open": seconds_to_open, "seconds_to_close": seconds_to_close}


def _roster_codes(station: PollingStation) -> list[str]:
    """The chair's national code first, then the rest of the station's roster."""
    from shora.boards.models import StaffPost

    posts = StaffPost.objects.filter(station=station, ended_at__isnull=True).select_related(
        "person"
    )
    ordered = sorted(posts, key=lambda p: (p.role != "station_chair", p.pk))
    if not ordered or ordered[0].role != "station_chair":
        return []
    return [post.person.national_code for post in ordered]


def _voters_for(station: PollingStation, count: int) -> list[Voter]:
    voted = Participation.objects.filter(election=station.election).values("voter_id")
    return list(
        Voter.objects.filter(constituency__in=station.constituencies.all(), deceased=False)
        .exclude(pk__in=voted)
        .select_related("constituency")
        .order_by("pk")[:count]
    )


def _mean(values: list[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _finish(run: DrillRun, drill: _StationDrill, timed: dict[str, Any]) -> DrillRun:
    measures = DrillMeasures(
        seconds_to_open=timed["seconds_to_open"],
        seconds_per_voter=_mean(drill.desk_seconds),
        seconds_to_close=timed["seconds_to_close"],
        errors=sum(drill.errors.values()),
    )
    with transaction.atomic():
        return drill_run_finish(
            actor=None,
            run=run,
            measures=measures,
            voters=drill.voters_served,
            error_kinds=dict(drill.errors),
            details={
                "handled": dict(drill.handled),
                "seconds_per_cast": _mean(drill.cast_seconds),
                "desk_seconds_max": max(drill.desk_seconds, default=None),
                "source": "simulate",
            },
        )


def _drill_station(
    station: PollingStation, centre_url: str, folder: Path, voters: int, seed: int, policy: str
) -> StationOutcome:
    with transaction.atomic():
        run = drill_run_begin(actor=None, station=station, kind=DrillKind.SIMULATED)
    drill = _StationDrill(station, centre_url, folder, seed)
    try:
        timed = drill.run(_voters_for(station, voters), policy)
    except Exception:
        # Never leave the run running (it would block the station's next drill).
        drill.errors["simulation_failed"] += 1
        timed = {"seconds_to_open": None, "seconds_to_close": None}
        _finish(run, drill, timed)
        raise
    run = _finish(run, drill, timed)
    return StationOutcome(
        station_code=station.code,
        run_id=run.pk,
        voters=run.voters,
        seconds_to_open=run.seconds_to_open,
        seconds_per_voter=run.seconds_per_voter,
        seconds_to_close=run.seconds_to_close,
        errors=run.errors,
        score=run.score or 0,
        passed=run.passed,
        handled=dict(drill.handled),
    )


def _voters_count(voters: object) -> int:
    text = to_latin_digits(str(voters)).strip()
    if not (text.isascii() and text.isdigit()) or not 4 <= int(text) <= MAX_VOTERS:
        raise DrillError(
            DrillRefusal.BAD_VOTERS,
            fa=f"شمار رأی‌دهندگان هر شعبه باید میان ۴ و {MAX_VOTERS} باشد.",
            en=f"The voters per station must be between 4 and {MAX_VOTERS}.",
        )
    return int(text)


def simulate(
    *, election_id: object, county_code: object, voters: object = DEFAULT_VOTERS, seed: int = 1405
) -> SimulationReport:
    """Drill every station of the county in the drill election; see the module notes."""
    started = time.perf_counter()
    per_station = _voters_count(voters)
    election, county = _county_of(election_id, county_code)
    stations = drill_stations(election, county)
    if not stations:
        raise DrillError(
            DrillRefusal.NO_STATIONS,
            fa=f"شهرستان {county.name} در این انتخابات آزمایشی شعبه‌ای ندارد.",
            en=f"County {county.name_en or county.name} has no station in this drill election.",
        )
    prepared = drill_prepare(
        actor=None,
        election=election,
        county=county,
        voters_per_constituency=per_station * len(stations) + 4,
    )
    election.refresh_from_db()
    running = set(
        DrillRun.objects.filter(station__in=stations, finished_at__isnull=True).values_list(
            "station_id", flat=True
        )
    )
    outcomes = []
    with CentreServer() as centre, tempfile.TemporaryDirectory(prefix="shora-drill-") as folder:
        for station in stations:
            if station.pk in running:
                continue  # a trainer's team is drilling there: never reset under them
            outcomes.append(
                _drill_station(
                    station, centre.url, Path(folder), per_station, seed, election.offline_policy
                )
            )
    return SimulationReport(
        election.pk,
        county.code,
        prepared,
        outcomes,
        time.perf_counter() - started,
        skipped=[station.code for station in stations if station.pk in running],
    )
