"""Reads of election day: the polling window, a station's state and gate, turnout."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from shora.boards.selectors.rosters import station_roster
from shora.elections.models import Election, Phase, PollingStation
from shora.polling.models import (
    Ballot,
    BallotToken,
    ElectionKey,
    Incident,
    KeyShareHolding,
    Participation,
    PollingExtension,
    StationDay,
    StationDevice,
    TokenStatus,
)
from shora.readiness.selectors.readiness import station_readiness
from shora_domain.staff_roles import role_label


@dataclass(frozen=True)
class PollingWindow:
    opens: datetime.datetime
    closes: datetime.datetime
    extended: bool

    def holds(self, moment: datetime.datetime) -> bool:
        return self.opens <= moment < self.closes


def polling_window(station: PollingStation) -> PollingWindow:
    """When ``station`` may take voters: the election's hours, later if the boards of its
    county confirmed an extension."""
    election = station.election
    latest = PollingExtension.objects.filter(
        election=election, county_id=station.district.county_id, confirmed_at__isnull=False
    ).aggregate(latest=Max("closes_at"))["latest"]
    closes_at = election.closes_at
    extended = latest is not None and latest > closes_at
    if extended:
        closes_at = latest
    day = election.polling_date
    return PollingWindow(
        opens=timezone.make_aware(datetime.datetime.combine(day, election.opens_at)),
        closes=timezone.make_aware(datetime.datetime.combine(day, closes_at)),
        extended=extended,
    )


def election_key_of(election: Election) -> ElectionKey | None:
    return ElectionKey.objects.filter(election=election).first()


def key_shares(key: ElectionKey | None) -> list[KeyShareHolding]:
    """Who holds which share of the election's key (none before the ceremony)."""
    if key is None:
        return []
    return list(KeyShareHolding.objects.filter(election_key=key).select_related("holder"))


def station_devices(station: PollingStation) -> list[StationDevice]:
    """The processes enrolled for ``station``, oldest first, with their device tokens."""
    return list(
        StationDevice.objects.filter(station=station)
        .select_related("device_token")
        .order_by("enrolled_at")
    )


def station_day_of(station: PollingStation) -> StationDay | None:
    return StationDay.objects.filter(station=station).first()


def station_state(station: PollingStation) -> str:
    day = station_day_of(station)
    if day is None:
        return "not_open"
    return "open" if day.is_open else "closed"


@dataclass(frozen=True)
class OpenProblem:
    code: str
    fa: str
    en: str


def station_open_problems(station: PollingStation) -> list[OpenProblem]:
    """What keeps ``station`` from opening: the election's phase and key, the station's
    readiness (an unresolved blocking deficiency), its roster (a post not filled) and its
    staff's training (a member not certified, where the role has a programme)."""
    election = station.election
    problems: list[OpenProblem] = []
    if election.phase != Phase.POLLING:
        problems.append(
            OpenProblem(
                "not_polling",
                "انتخابات در مرحلهٔ اخذ رأی نیست.",
                f"The election is in phase {election.phase}, not polling.",
            )
        )
    if election_key_of(election) is None:
        problems.append(
            OpenProblem(
                "no_key",
                "کلید انتخابات هنوز ساخته نشده است.",
                "The election's key has not been made yet.",
            )
        )
    readiness = station_readiness(station)
    for item in readiness.open_blocking:
        problems.append(
            OpenProblem(
                "blocking_deficiency",
                f"نقص بازدارنده رفع نشده: {item.text}",
                f"Blocking deficiency not fixed: {item.text_en or item.text}",
            )
        )
    for gap in station_roster(station).gaps:
        problems.append(OpenProblem("roster_gap", gap.fa, gap.en))
    # Training certifies the real election's staff only; a drill is where they practise.
    if not election.is_drill:
        # Imported here: training reads the drills, which build on polling (a cycle at import).
        from shora.training.selectors.evaluation import uncertified_at_station

        for standing in uncertified_at_station(station.pk, election):
            fa_role, en_role = role_label(standing.role), role_label(standing.role, "en")
            problems.append(
                OpenProblem(
                    "staff_not_certified",
                    f"گواهی آموزش ندارد: {standing.name} ({fa_role})",
                    f"Not certified by training: {standing.name} ({en_role})",
                )
            )
    return problems


@dataclass(frozen=True)
class StationCounts:
    participations: int
    ballots: int
    voided: int
    outstanding: int


def station_counts(station: PollingStation) -> StationCounts:
    tokens = dict(
        BallotToken.objects.filter(station=station)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return StationCounts(
        participations=Participation.objects.filter(station=station).count(),
        ballots=Ballot.objects.filter(station=station).count(),
        voided=tokens.get(TokenStatus.VOIDED, 0),
        outstanding=tokens.get(TokenStatus.ISSUED, 0),
    )


def station_incidents(station: PollingStation) -> QuerySet[Incident]:
    return Incident.objects.filter(station=station)


@dataclass(frozen=True)
class TurnoutRow:
    station_id: int
    hour: datetime.datetime
    voters: int


def incidents_of_stations(stations: QuerySet[PollingStation]) -> QuerySet[Incident]:
    """The incidents recorded at ``stations``, newest first, with their station."""
    return (
        Incident.objects.filter(station__in=stations)
        .select_related("station__district__county")
        .order_by("-at", "station__code")
    )


def turnout_by_station_hour(election: Election) -> list[TurnoutRow]:
    """The turnout feed: participations per station per hour."""
    rows = (
        Participation.objects.filter(election=election)
        .values_list("station_id", "hour")
        .annotate(n=Count("id"))
        .order_by("station_id", "hour")
    )
    return [TurnoutRow(station_id, hour, n) for station_id, hour, n in rows]
