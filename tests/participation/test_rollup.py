"""The running totals the dashboard reads: folded from the ledger by id, the ids skipped
looked for again (a claim's transaction may commit after a later one), the register's
count kept until the register or the rules change."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shora.elections.models import Election
from shora.participation.access import Scope
from shora.participation.models import RegisterSummary, TurnoutMark, VotedByGroup
from shora.participation.rollup import (
    HOLE_SECONDS,
    eligible_by_constituency,
    turnout_fold,
    voted_by_constituency,
    voted_by_hour,
    voted_by_station,
)
from shora.participation.selectors import scope_figures, unit_figures
from shora.polling.models import Participation
from tests.polling.api_calls import claim

pytestmark = pytest.mark.django_db


def recorded(day, voter, *, pk: int) -> Participation:
    """A participation written with a chosen id, as a late-committing claim leaves it."""
    geo = day.geo
    return Participation.objects.create(
        pk=pk,
        election=geo.election,
        voter=voter,
        station=geo.station_a1,
        constituency=voter.constituency,
        hour=timezone.now().replace(minute=0, second=0, microsecond=0),
        document="national_card",
        fingerprint="",
    )


def total(election) -> int:
    return sum(row["n"] for row in voted_by_constituency(election).values())


def test_each_view_adds_what_was_claimed_since(voting):
    day, device = voting
    election = day.geo.election
    assert total(election) == 6
    voter = day.voters[day.geo.city_a.pk][3]  # a woman who has not voted yet
    assert claim(device, voter.national_code).status_code == 200
    assert total(election) == 7
    lines = unit_figures(election, Scope())
    assert scope_figures(election, Scope(), lines).voters == 7
    assert sum(voted_by_hour(election, [day.geo.city_a.pk]).values()) == 7
    assert voted_by_station(election, [day.geo.city_a.pk]) == {day.geo.station_a1.pk: 7}
    women = VotedByGroup.objects.filter(election=election, women=True)
    assert sum(row.n for row in women) == 4


def test_a_claim_that_commits_late_is_still_counted(voting):
    day, _ = voting
    election = day.geo.election
    waiting = [v for v in day.voters[day.geo.city_a.pk] if v.gender == "male"][-4:]
    top = Participation.objects.order_by("-pk").first().pk
    turnout_fold(election)
    recorded(day, waiting[0], pk=top + 5)  # ids top+1 … top+4 handed out, not committed
    assert total(election) == 7
    mark = TurnoutMark.objects.get(election=election)
    assert mark.last_id == top + 5
    assert [hole[0] for hole in mark.holes] == [top + 1, top + 2, top + 3, top + 4]
    recorded(day, waiting[1], pk=top + 2)  # one of them commits now
    assert total(election) == 8
    mark.refresh_from_db()
    assert [hole[0] for hole in mark.holes] == [top + 1, top + 3, top + 4]
    assert total(election) == 8  # counted once, however often folded


def test_a_hole_is_given_up_after_a_while(voting):
    day, _ = voting
    election = day.geo.election
    top = Participation.objects.order_by("-pk").first().pk
    turnout_fold(election)
    voter = [v for v in day.voters[day.geo.city_a.pk] if v.gender == "male"][-1]
    recorded(day, voter, pk=top + 3)
    turnout_fold(election)
    mark = TurnoutMark.objects.get(election=election)
    mark.holes = [[hole[0], hole[1] - HOLE_SECONDS - 1] for hole in mark.holes]
    mark.save()
    turnout_fold(election)
    mark.refresh_from_db()
    assert mark.holes == []
    assert total(election) == 7


def test_the_register_is_counted_again_only_when_it_changes(voting):
    day, _ = voting
    election = day.geo.election
    first = eligible_by_constituency(election)
    assert first[day.geo.city_a.pk]["n"] == 20
    with CaptureQueriesContext(connection) as kept:
        assert eligible_by_constituency(election) == first
    assert not any("registers_voter" in q["sql"] and "COUNT" in q["sql"] for q in kept)
    day.add_voters(day.geo.city_a, 2, gender="male")
    assert eligible_by_constituency(election)[day.geo.city_a.pk]["n"] == 22
    assert RegisterSummary.objects.filter(election=election).count() == 1


def test_a_new_polling_date_counts_everything_again(voting):
    day, _ = voting
    election = day.geo.election
    before = voted_by_constituency(election)[day.geo.city_a.pk]
    Election.objects.filter(pk=election.pk).update(
        polling_date=election.polling_date + datetime.timedelta(days=1500)
    )
    election.refresh_from_db()
    after = voted_by_constituency(election)[day.geo.city_a.pk]
    assert after["n"] == before["n"] == 6
    assert after != before  # the first-time voters are no longer in the youngest band
    assert eligible_by_constituency(election)[day.geo.city_a.pk]["n"] == 21  # + the one too young


def test_an_election_with_no_participation_folds_to_nothing(day):
    turnout_fold(day.geo.election)
    assert TurnoutMark.objects.get(election=day.geo.election).holes == []
    assert voted_by_constituency(day.geo.election) == {}


@pytest.mark.postgres
def test_the_fold_on_postgresql(voting):
    """SKIP LOCKED and the upsert as PostgreSQL runs them (SQLite has neither path)."""
    test_a_claim_that_commits_late_is_still_counted(voting)
