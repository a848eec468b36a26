"""Women's presence: members elected and alternates from the results' stored standings (only
once a constituency is tallied), per unit, and over time through the phases (a snapshot on
each phase move and on the HQ's request)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from shora.candidates.models import BallotEntry, Candidacy
from shora.elections.gates import PHASE_ENTRY_ACTIONS
from shora.elections.models import Election, Phase
from shora.elections.services import election_phase_advance
from shora.participation.models import WomensSnapshot
from shora.participation.services import womens_goal_set
from shora.participation.snapshots import snapshot_on_phase, womens_snapshot_take
from shora.results.models import ConstituencyResult, TallySession
from shora_domain.errors import DomainError

pytestmark = pytest.mark.django_db


def url(geo, query=""):
    return f"/elections/{geo.election.pk}/participation/{query}"


def tallied(geo, constituency, outcomes: list[tuple[str, bool]]) -> ConstituencyResult:
    """A stored result for ``constituency`` whose standings give the ballot's candidates,
    in ballot order, ``outcomes`` (outcome, whether a woman); as the tally writes it."""
    entries = list(BallotEntry.objects.filter(constituency=constituency).order_by("position"))
    standings = []
    pairs = zip(entries[: len(outcomes)], outcomes, strict=True)
    for place, (entry, (outcome, woman)) in enumerate(pairs, start=1):
        Candidacy.objects.filter(pk=entry.candidacy_id).update(gender="female" if woman else "male")
        standings.append(
            {
                "code": entry.code,
                "name": entry.display_name,
                "votes": 100 - place,
                "place": place,
                "outcome": outcome,
            }
        )
    session = TallySession.objects.get_or_create(
        election=geo.election,
        status="ran",
        defaults={"threshold": 1, "opened_at": timezone.now()},
    )[0]
    return ConstituencyResult.objects.create(
        election=geo.election,
        constituency=constituency,
        session=session,
        counts={},
        station_counts={},
        standings=standings,
        ties=[],
        seed="ab" * 32,
        receipts_roots=[],
        tallied_at=timezone.now(),
    )


CITY_A = [
    ("member", True),
    ("member", True),
    ("member", False),
    ("alternate", True),
    ("alternate", False),
    ("not_elected", True),  # a woman not elected counts in neither
]


def test_members_and_alternates_wait_for_a_tally(day, as_user):
    response = as_user("province_hq").get(url(day.geo))
    lines = {line.group.value: line for line in response.context["womens"]}
    assert lines["winners"].pending and lines["alternates"].pending
    assert lines["winners"].percent_tenths is None
    assert lines["approved"].share.total == 45  # 15 on each of the three ballots
    page = response.content.decode()
    assert page.count('data-testid="womens-pending"') == 2
    assert 'data-testid="tallied-note"' not in page


def test_members_and_alternates_from_the_standings(day, as_user):
    geo = day.geo
    tallied(geo, geo.city_a, CITY_A)
    womens_goal_set(actor=None, election=geo.election, group="winners", goal="۵۰")
    response = as_user("province_hq").get(url(geo))
    lines = {line.group.value: line for line in response.context["womens"]}
    assert (lines["winners"].share.women, lines["winners"].share.total) == (2, 3)
    assert (lines["alternates"].share.women, lines["alternates"].share.total) == (1, 2)
    assert lines["winners"].percent_tenths == 667
    assert lines["winners"].goal_tenths == 500 and lines["winners"].gap_tenths == 167
    assert response.context["elected"].tallied == 1
    assert response.context["elected"].constituencies == 3
    by_unit = {line.name: shares for line, shares in response.context["womens_units"]}
    assert by_unit["اهواز"]["winners"].women == 2
    assert by_unit["آبادان"]["winners"] is None  # nothing tallied there: "—", not 0 %
    assert 'data-testid="tallied-note"' in response.content.decode()


def test_a_county_sees_only_its_own_tallies(day, as_user):
    geo = day.geo
    tallied(geo, geo.city_a, CITY_A)
    other = as_user("county", county=geo.county_b).get(url(geo))
    lines = {line.group.value: line for line in other.context["womens"]}
    assert lines["winners"].pending  # county B has nothing tallied
    own = as_user("county", county=geo.county_a).get(url(geo))
    lines = {line.group.value: line for line in own.context["womens"]}
    assert (lines["winners"].share.women, lines["winners"].share.total) == (2, 3)
    winners = [shares["winners"] for _, shares in own.context["womens_units"]]
    assert sorted(share.total for share in winners if share is not None) == [3]


def test_a_snapshot_is_taken_on_each_phase_move(geo):
    assert all(snapshot_on_phase in actions for actions in PHASE_ENTRY_ACTIONS.values())
    assert not WomensSnapshot.objects.exists()
    election_phase_advance(actor=None, election=geo.election, to_phase="registration")
    snapshot = WomensSnapshot.objects.get()
    assert snapshot.phase == Phase.REGISTRATION and not snapshot.on_demand
    counties = {f"county:{geo.county_a.pk}", f"county:{geo.county_b.pk}"}
    assert set(snapshot.shares) == {"province", *counties}
    assert snapshot.shares["province"]["winners"] == [0, 0]


def test_a_refused_phase_move_leaves_no_snapshot(geo):
    with pytest.raises(DomainError):
        election_phase_advance(actor=None, election=geo.election, to_phase="review")
    assert not WomensSnapshot.objects.exists()


def test_the_shares_through_the_phases(day, as_user):
    geo = day.geo
    day.add_voters(geo.city_a, 3, gender="female")
    day.add_voters(geo.city_a, 1, gender="male")
    womens_snapshot_take(geo.election)
    Election.objects.filter(pk=geo.election.pk).update(phase=Phase.CLOSED)
    geo.election.refresh_from_db()
    tallied(geo, geo.city_a, CITY_A)
    day.add_voters(geo.city_b, 4, gender="male")
    hq = as_user("province_hq")
    answer = hq.post(f"/elections/{geo.election.pk}/participation/snapshot/")
    assert answer.status_code == 302 and answer["Location"].endswith("#over-time")
    response = hq.get(url(geo))
    rows = response.context["over_time"]
    assert [row.snapshot.phase for row in rows] == ["polling", "closed"]
    assert rows[1].snapshot.on_demand and rows[1].snapshot.taken_by == hq.user
    assert (rows[0].shares["eligible"].women, rows[0].shares["eligible"].total) == (3, 4)
    assert (rows[1].shares["eligible"].women, rows[1].shares["eligible"].total) == (3, 8)
    assert rows[0].shares["winners"].total == 0 and rows[1].shares["winners"].total == 3
    assert response.context["over_time_chart"] is not None
    county = as_user("county", county=geo.county_b).get(url(geo))
    assert [row.shares["eligible"].total for row in county.context["over_time"]] == [0, 4]
    district = as_user("district", district=geo.district_a2).get(url(geo))
    assert district.context["over_time"] is None
    assert 'data-testid="over-time"' in district.content.decode()


@pytest.mark.parametrize("role", ["county", "supervisor", "district", "trainer"])
def test_only_the_hq_records_a_snapshot(day, as_user, role):
    answer = as_user(role).post(f"/elections/{day.geo.election.pk}/participation/snapshot/")
    assert answer.status_code == 403
    assert not WomensSnapshot.objects.exists()


def test_a_snapshot_is_posted_not_fetched(day, as_user):
    hq = as_user("province_hq")
    answer = hq.get(f"/elections/{day.geo.election.pk}/participation/snapshot/")
    assert answer.status_code == 405
    assert not WomensSnapshot.objects.exists()


def test_before_any_snapshot_the_page_says_so(day, as_user):
    response = as_user("province_hq").get(url(day.geo))
    assert response.context["over_time"] == []
    assert response.context["over_time_chart"] is None
    assert 'data-testid="snapshot"' in response.content.decode()
    assert 'data-testid="snapshot"' not in as_user("supervisor").get(url(day.geo)).content.decode()
