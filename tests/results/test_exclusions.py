"""Leaving a station out: the county's executive side decides with a reason, the province's
supervisory board confirms; only then does the station stop holding its constituency back,
and its ballots are not counted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.models import AuditEvent
from shora.elections.models import Phase
from shora.polling.models import StationDay
from shora.results.errors import ResultsRefusal
from shora.results.models import ConstituencyResult, StationExclusion
from shora.results.selectors import tally_problems
from shora.results.services.exclusions import exclusion_confirm, exclusion_decide
from shora.results.services.sessions import tally_session_open
from shora_domain.errors import DomainError
from tests.results.conftest import close_the_polls, shares_entered, voting_day
from tests.results.election_day import station_closed

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_open(day, hq):
    """Every station closed but A2 (village A), left open; the polls closed."""
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra", "b1"):
        station_closed(scenario.runs[name])
    close_the_polls(day.election)
    return scenario


def _decide(actor, geo, station=None, reason="دستگاه شعبه در راه آسیب دید"):
    return exclusion_decide(
        actor=actor, election=geo.election, station=station or geo.station_a2, reason=reason
    )


def test_decided_and_confirmed_the_station_no_longer_holds_the_village_back(
    village_open, make_user
):
    geo = village_open.geo
    county, supervisor = make_user("county"), make_user("supervisor")
    exclusion = _decide(county, geo)
    codes = [p.code for p in tally_problems(geo.village_a)]
    assert codes == ["station_open", "exclusion_awaiting"]
    exclusion_confirm(actor=supervisor, exclusion=exclusion)
    assert tally_problems(geo.village_a) == []
    kinds = list(AuditEvent.objects.filter(event_type__in=[910, 911]).values_list("event_type"))
    assert kinds == [(910,), (911,)]


def test_an_excluded_station_s_ballots_are_not_counted(village_open, make_user):
    geo = village_open.geo
    exclusion = _decide(make_user("county"), geo)
    exclusion_confirm(actor=make_user("supervisor"), exclusion=exclusion)
    session = tally_session_open(actor=village_open.hq, election=geo.election)
    outcome = shares_entered(session, village_open.day.holders, [0, 1])
    assert "1002" in outcome.tally.tallied
    village = ConstituencyResult.objects.get(constituency=geo.village_a)
    assert village.counts["ballots"] == 0
    assert village.excluded_stations == ["10002"]
    assert village.station_counts == {}
    assert village.receipts_roots == []
    with pytest.raises(DomainError) as late:
        _decide(make_user("county", username="county-2"), geo)
    assert late.value.code == ResultsRefusal.EXCLUSION_TOO_LATE


@pytest.mark.parametrize(
    ("role", "unit"),
    [
        ("county", "county_b"),  # another county's executive
        ("supervisor", None),  # the supervisors confirm, they do not decide
        ("province_hq", None),
        ("district", None),
        ("station", None),
    ],
)
def test_only_the_station_s_own_county_decides(village_open, make_user, role, unit):
    geo = village_open.geo
    extra = {"county": getattr(geo, unit)} if unit else {}
    with pytest.raises(PermissionDenied):
        _decide(make_user(role, **extra), geo)
    assert not StationExclusion.objects.exists()


@pytest.mark.parametrize("role", ["county", "province_hq", "district"])
def test_only_the_supervisory_board_confirms(village_open, make_user, role):
    exclusion = _decide(make_user("county", username="deciding-county"), village_open.geo)
    with pytest.raises(PermissionDenied):
        exclusion_confirm(actor=make_user(role), exclusion=exclusion)
    exclusion.refresh_from_db()
    assert exclusion.confirmed_at is None


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_an_exclusion_needs_a_reason(village_open, make_user, reason):
    with pytest.raises(DomainError) as refused:
        _decide(make_user("county"), village_open.geo, reason=reason)
    assert refused.value.code == ResultsRefusal.NO_REASON
    assert not StationExclusion.objects.exists()


def test_a_long_reason_is_kept_to_500_characters(village_open, make_user):
    exclusion = _decide(make_user("county"), village_open.geo, reason="آ" * 5_000)
    assert len(exclusion.reason) == 500


def test_a_station_is_left_out_once_and_confirmed_once(village_open, make_user):
    county, supervisor = make_user("county"), make_user("supervisor")
    exclusion = _decide(county, village_open.geo)
    with pytest.raises(DomainError) as twice:
        _decide(county, village_open.geo)
    assert twice.value.code == ResultsRefusal.EXCLUSION_EXISTS
    exclusion_confirm(actor=supervisor, exclusion=exclusion)
    with pytest.raises(DomainError) as again:
        exclusion_confirm(actor=supervisor, exclusion=exclusion)
    assert again.value.code == ResultsRefusal.EXCLUSION_CONFIRMED


def test_a_station_of_another_election_is_refused(village_open, make_user):
    from shora.elections.services import election_create

    other = election_create(
        actor=None,
        province=village_open.geo.province,
        name="دیگر",
        polling_date=village_open.election.polling_date,
        opens_at=village_open.election.opens_at,
        closes_at=village_open.election.closes_at,
    )
    with pytest.raises(PermissionDenied):
        exclusion_decide(
            actor=make_user("county"),
            election=other,
            station=village_open.geo.station_a2,
            reason="x",
        )


def test_nothing_is_left_out_once_the_election_is_tallied(village_open, make_user):
    from shora.elections.models import Election

    Election.objects.filter(pk=village_open.election.pk).update(phase=Phase.TALLIED)
    with pytest.raises(DomainError) as late:
        _decide(make_user("county"), village_open.geo)
    assert late.value.code == ResultsRefusal.EXCLUSION_TOO_LATE


def test_a_station_that_never_opened_can_be_left_out(day, hq, make_user):
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra", "b1"):
        station_closed(scenario.runs[name])
    StationDay.objects.filter(station=day.geo.station_a2).delete()
    from shora.polling.models import Ballot

    Ballot.objects.filter(station=day.geo.station_a2).delete()
    close_the_polls(day.election)
    assert [p.code for p in tally_problems(day.geo.village_a)] == ["station_never_opened"]
    exclusion = _decide(make_user("county"), day.geo, reason="شعبه هرگز گشوده نشد")
    exclusion_confirm(actor=make_user("supervisor"), exclusion=exclusion)
    assert tally_problems(day.geo.village_a) == []
