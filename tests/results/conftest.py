"""A day of voting whose choices the tests know, closed through the real API, ready for the
tally: the shared election's three councils, city A served by two stations.

* city A (13 members, 8 alternates, 15 candidates): station A1 takes ballots naming the
  first 13, 12, …, 7 candidates and a blank one; a second station takes ballots naming
  the first 6, 5, …, 1, a void one (only a code of no candidate), one that opens but is
  no ballot, and one naming a code not on the ballot. So candidate i has 13 − i votes;
* village A (3 + 2): station A2 takes [c0, c1, c2], [c0, c1], [c0];
* city B (9 + 6): station B1 takes [c0], [c0, c1].

The provincial HQ announces the lottery value while the polls are open; the phase is then
moved to closed directly, as the polling tests do.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from shora.accounts.models import User
from shora.elections.models import Constituency, Election, Phase
from shora.results.models import TallySession
from shora.results.services.announcement import lottery_value_announce
from shora.results.services.sessions import share_enter, tally_session_open
from shora_domain.signed_documents import canonical_json
from tests.conftest import Geography
from tests.polling.conftest import PASSPHRASES, PollingDay, polling_day_build
from tests.results.election_day import (
    StationRun,
    ballots_cast,
    codes_of,
    extra_station_opened,
    station_closed,
    station_opened,
    unreadable_ballot_cast,
)

ANNOUNCED = "۱۴۰۵-۰۲-۱۱ ۷ ۱۳ ۲۹"


@dataclass
class ClosedDay:
    day: PollingDay
    hq: User
    runs: dict[str, StationRun] = field(default_factory=dict)
    keyed: dict[str, list[list[str]]] = field(default_factory=dict)

    @property
    def election(self) -> Election:
        return self.day.election

    @property
    def geo(self) -> Geography:
        return self.day.geo


def close_the_polls(election: Election) -> None:
    Election.objects.filter(pk=election.pk).update(phase=Phase.CLOSED)
    election.refresh_from_db()


def city_a_ballots(city: Constituency) -> tuple[list[list[str]], list[list[str]]]:
    codes = codes_of(city)
    first = [codes[:n] for n in range(13, 6, -1)] + [[]]
    second = [codes[:n] for n in range(6, 0, -1)] + [["9999"]]
    return first, second


NOT_A_SHORA_BALLOT = b"not a ballot"


def off_the_ballot(city: Constituency) -> bytes:
    return canonical_json(
        {"format": "shora-cast/1", "constituency": city.code, "choices": ["9999"], "skipped": 0}
    )


def voting_day(
    day: PollingDay, hq: User, *, close: bool = True, announce: bool = True
) -> ClosedDay:
    """The day described in the module notes; every station closed when ``close``; the
    lottery value announced first when ``announce``."""
    geo = day.geo
    if announce:
        lottery_value_announce(actor=hq, election=day.election, value=ANNOUNCED)
    scenario = ClosedDay(day, hq)
    scenario.runs = {
        "a1": station_opened(day, geo.station_a1),
        "a_extra": extra_station_opened(day, geo.city_a),
        "a2": station_opened(day, geo.station_a2),
        "b1": station_opened(day, geo.station_b1),
    }
    first, second = city_a_ballots(geo.city_a)
    ballots_cast(day, scenario.runs["a1"], geo.city_a, first)
    ballots_cast(day, scenario.runs["a_extra"], geo.city_a, second)
    unreadable_ballot_cast(day, scenario.runs["a_extra"], geo.city_a, NOT_A_SHORA_BALLOT)
    unreadable_ballot_cast(day, scenario.runs["a_extra"], geo.city_a, off_the_ballot(geo.city_a))
    village = codes_of(geo.village_a)
    ballots_cast(day, scenario.runs["a2"], geo.village_a, [village[:3], village[:2], village[:1]])
    city_b = codes_of(geo.city_b)
    ballots_cast(day, scenario.runs["b1"], geo.city_b, [city_b[:1], city_b[:2]])
    scenario.keyed = {"city_a": first + second}
    if close:
        for run in scenario.runs.values():
            station_closed(run)
        close_the_polls(day.election)
    return scenario


def shares_entered(session: TallySession, holders: list[User], indexes: list[int]) -> Any:
    """Each holder of ``indexes`` enters their share; the last outcome."""
    outcome = None
    for index in indexes:
        outcome = share_enter(actor=holders[index], session=session, passphrase=PASSPHRASES[index])
    return outcome


@pytest.fixture
def day(geo: Geography) -> PollingDay:
    return polling_day_build(geo)


@pytest.fixture
def hq(make_user: Callable[..., User]) -> User:
    return make_user("province_hq", username="hq")


@pytest.fixture
def closed(day: PollingDay, hq: User) -> ClosedDay:
    """Every station closed, the election in phase closed."""
    return voting_day(day, hq)


@pytest.fixture
def session(closed: ClosedDay) -> TallySession:
    return tally_session_open(actor=closed.hq, election=closed.election)


@pytest.fixture
def tallied_day(closed: ClosedDay, session: TallySession) -> ClosedDay:
    """The day tallied: two of the three holders entered their shares."""
    shares_entered(session, closed.day.holders, [0, 1])
    return closed
