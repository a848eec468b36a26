"""The paper-record audit on a real tally: the sample drawn from the constituency's seed
(anyone re-draws it), the paper counts of a sampled station compared with its electronic
count, entered once, in any digits; refused for a station not in the sample, the wrong
county, counts that do not add up, before the tally or the draw; audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.results.models import ConstituencyResult, PaperAuditEntry
from shora.results.services.paper_audit import (
    PaperAuditStep,
    paper_audit_draw,
    paper_counts_enter,
)
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.paper_audit import PaperAuditRefusal, audit_sample_draw

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(make_user):
    return make_user("county", username="county_a")


@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor", username="sup")


@pytest.fixture
def drawn(tallied_day):
    return paper_audit_draw(actor=tallied_day.hq, constituency=tallied_day.geo.city_a)


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _paper_of(electronic, digits=to_persian_digits):
    """The paper counts a careful auditor would type for ``electronic``: rejected is void."""
    typed = {
        "ballots": digits(electronic["ballots"]),
        "blank": digits(electronic["blank"]),
        "void": digits(electronic["void"] + electronic["rejected"]),
    }
    typed.update({f"votes:{code}": digits(v) for code, v in electronic["votes"].items()})
    return typed


def test_the_sample_is_the_seeds_draw_of_the_counted_stations(tallied_day, drawn):
    result = ConstituencyResult.objects.get(constituency=tallied_day.geo.city_a)
    assert drawn.seed == result.seed
    assert drawn.stations == sorted(result.station_counts)
    again = audit_sample_draw(result.seed, list(result.station_counts))
    assert list(again.sample) == drawn.sample and len(drawn.sample) == 2
    [event] = AuditEvent.objects.filter(event_type=AuditEventType.PAPER_AUDIT_DRAWN)
    assert event.new["sample"] == drawn.sample
    twice = _refusal(
        lambda: paper_audit_draw(actor=tallied_day.hq, constituency=tallied_day.geo.city_a)
    )
    assert twice.code == PaperAuditStep.DRAWN_ALREADY


def test_matching_paper_counts_in_persian_digits_show_no_difference(tallied_day, drawn, county):
    station = drawn.sample[0]
    electronic = drawn.result.station_counts[station]
    entry = paper_counts_enter(
        actor=county,
        constituency=tallied_day.geo.city_a,
        station_code=to_persian_digits(station),
        entered=_paper_of(electronic),
    )
    assert entry.matches and entry.station_code == station
    again = _refusal(
        lambda: paper_counts_enter(
            actor=county,
            constituency=tallied_day.geo.city_a,
            station_code=station,
            entered=_paper_of(electronic, str),
        )
    )
    assert again.code == PaperAuditStep.ENTERED_ALREADY
    [event] = AuditEvent.objects.filter(event_type=AuditEventType.PAPER_AUDIT_ENTERED)
    assert event.new["matches"] is True


def test_a_paper_count_that_differs_is_kept_with_each_difference(tallied_day, drawn, supervisor):
    station = drawn.sample[1]
    electronic = drawn.result.station_counts[station]
    typed = _paper_of(electronic, str)
    moved_from = next(code for code, v in electronic["votes"].items() if v > 0)
    moved_to = next(code for code, v in electronic["votes"].items() if v == 0)
    typed[f"votes:{moved_from}"] = str(electronic["votes"][moved_from] - 1)
    typed[f"votes:{moved_to}"] = "1"
    entry = paper_counts_enter(
        actor=supervisor, constituency=tallied_day.geo.city_a, station_code=station, entered=typed
    )
    assert not entry.matches
    assert sorted(entry.differences) == sorted(
        [
            f"votes.{moved_from}: paper has {electronic['votes'][moved_from] - 1}, "
            f"electronic {electronic['votes'][moved_from]}",
            f"votes.{moved_to}: paper has 1, electronic 0",
        ]
    )


def test_refusals_change_nothing(tallied_day, drawn, county, make_user, geo):
    city = tallied_day.geo.city_a
    station = drawn.sample[0]
    electronic = drawn.result.station_counts[station]
    not_sampled = _refusal(
        lambda: paper_counts_enter(
            actor=county, constituency=city, station_code="99999", entered=_paper_of(electronic)
        )
    )
    assert not_sampled.code == PaperAuditStep.NOT_SAMPLED
    other_county = make_user("county", username="county_b", county=geo.county_b)
    hq = tallied_day.hq
    for wrong in (other_county, hq):
        with pytest.raises(PermissionDenied):
            paper_counts_enter(
                actor=wrong, constituency=city, station_code=station, entered=_paper_of(electronic)
            )
    bad = {**_paper_of(electronic, str), "blank": "-1"}
    assert (
        _refusal(
            lambda: paper_counts_enter(
                actor=county, constituency=city, station_code=station, entered=bad
            )
        ).code
        == PaperAuditRefusal.NEGATIVE
    )
    too_few = {**_paper_of(electronic, str), "ballots": str(electronic["ballots"] - 5)}
    assert (
        _refusal(
            lambda: paper_counts_enter(
                actor=county, constituency=city, station_code=station, entered=too_few
            )
        ).code
        == PaperAuditRefusal.DO_NOT_ADD_UP
    )
    assert not PaperAuditEntry.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.PAPER_AUDIT_ENTERED).exists()


def test_before_the_tally_or_the_draw_nothing_is_drawn_or_entered(closed, county, supervisor):
    city = closed.geo.city_a
    before = _refusal(lambda: paper_audit_draw(actor=supervisor, constituency=city))
    assert before.code == PaperAuditStep.NOT_TALLIED
    with pytest.raises(PermissionDenied):
        paper_audit_draw(actor=county, constituency=city)


def test_entry_before_the_draw_is_refused(tallied_day, county):
    refusal = _refusal(
        lambda: paper_counts_enter(
            actor=county, constituency=tallied_day.geo.city_a, station_code="1", entered={}
        )
    )
    assert refusal.code == PaperAuditStep.NOT_DRAWN
