"""Recounts: the HQ's runs at once, a county's waits for the supervisory board; the recount
of a real tally finds it the same, an altered stored count or ballot is found with the
precise difference; refused before the tally, without a reason, by the wrong people, twice;
a certified result's recount says so; all audited."""

from __future__ import annotations

import gzip
import hashlib

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.results.models import ConstituencyBallots, ConstituencyResult, Recount
from shora.results.services.certification import certification_approve, certification_confirm
from shora.results.services.recounts import RecountRefusal, recount_ask, recount_confirm
from shora_domain.errors import DomainError
from tests.results.certification_builders import boards_seated

pytestmark = pytest.mark.django_db


@pytest.fixture
def tallied(tallied_day):
    return tallied_day


@pytest.fixture
def county(make_user):
    return make_user("county", username="county_a")


@pytest.fixture
def county_b(make_user, geo):
    return make_user("county", username="county_b", county=geo.county_b)


@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor", username="sup")


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _events(kind):
    return list(AuditEvent.objects.filter(event_type=kind))


def test_the_hqs_recount_runs_at_once_and_finds_the_tally_the_same(tallied):
    recount = recount_ask(
        actor=tallied.hq, constituency=tallied.geo.city_a, reason=" شکایت  نامزد "
    )
    assert recount.has_run and recount.same is True and recount.differences == []
    assert recount.reason == "شکایت نامزد"
    assert recount.counts["ballots"] == 17 and recount.counts["rejected"] == 2
    assert not recount.was_certified
    assert len(_events(AuditEventType.RECOUNT_REQUESTED)) == 1
    [run] = _events(AuditEventType.RECOUNT_RUN)
    assert run.new["same"] is True and run.new["differences"] == 0


def test_an_altered_stored_count_is_found_with_both_values(tallied):
    result = ConstituencyResult.objects.get(constituency=tallied.geo.city_a)
    result.counts = {**result.counts, "valid": result.counts["valid"] + 1}
    result.save(update_fields=["counts"])
    recount = recount_ask(actor=tallied.hq, constituency=tallied.geo.city_a, reason="audit")
    assert recount.same is False
    assert recount.differences == ["count.valid: the stored result has 14, the recount 13"]
    assert _events(AuditEventType.RECOUNT_RUN)[0].new["differences"] == 1


def test_an_altered_stored_ballot_changes_the_votes_and_is_named(tallied):
    result = ConstituencyResult.objects.get(constituency=tallied.geo.city_a)
    stored = ConstituencyBallots.objects.get(result=result)
    lines = gzip.decompress(bytes(stored.jsonl_gzip)).splitlines()
    blank = next(
        n
        for n, line in enumerate(lines)
        if b'"choices":[]' in line and line.endswith(b'"skipped":0}')  # not the void one
    )
    first = result.standings[0]["code"]
    lines[blank] = lines[blank].replace(b'"choices":[]', f'"choices":["{first}"]'.encode())
    text = b"".join(line + b"\n" for line in lines)
    stored.jsonl_gzip = gzip.compress(text)
    stored.jsonl_sha256 = hashlib.sha256(text).hexdigest()
    stored.save()
    recount = recount_ask(actor=tallied.hq, constituency=tallied.geo.city_a, reason="audit")
    assert not recount.same
    assert f"count.votes.{first}: the stored result has 13, the recount 14" in recount.differences
    assert "count.blank: the stored result has 1, the recount 0" in recount.differences


def test_a_recount_before_the_tally_is_refused_and_nothing_is_kept(closed):
    refusal = _refusal(
        lambda: recount_ask(actor=closed.hq, constituency=closed.geo.city_a, reason="early")
    )
    assert refusal.code == RecountRefusal.NOT_TALLIED
    assert "has not been tallied" in refusal.en and "شمرده نشده" in refusal.fa
    assert not Recount.objects.exists() and not _events(AuditEventType.RECOUNT_REQUESTED)


@pytest.mark.parametrize("reason", ["", "   \n ", None])
def test_a_recount_without_a_reason_is_refused(tallied, reason):
    refusal = _refusal(
        lambda: recount_ask(actor=tallied.hq, constituency=tallied.geo.city_a, reason=reason)
    )
    assert refusal.code == RecountRefusal.NO_REASON
    assert not Recount.objects.exists()


def test_a_huge_reason_is_cut_to_the_field(tallied):
    recount = recount_ask(actor=tallied.hq, constituency=tallied.geo.city_a, reason="ي" * 5000)
    assert len(recount.reason) == 500


def test_a_countys_recount_waits_for_the_supervisors_and_runs_at_their_confirmation(
    tallied, county, supervisor
):
    asked = recount_ask(actor=county, constituency=tallied.geo.city_a, reason="شكايت")
    assert not asked.has_run and asked.same is None
    again = _refusal(lambda: recount_ask(actor=county, constituency=tallied.geo.city_a, reason="x"))
    assert again.code == RecountRefusal.WAITING
    ran = recount_confirm(actor=supervisor, recount=asked)
    assert ran.has_run and ran.same is True and ran.confirmed_by == supervisor
    twice = _refusal(lambda: recount_confirm(actor=supervisor, recount=asked))
    assert twice.code == RecountRefusal.CONFIRMED_ALREADY
    assert len(_events(AuditEventType.RECOUNT_CONFIRMED)) == 1
    assert len(_events(AuditEventType.RECOUNT_RUN)) == 1


def test_the_wrong_people_may_neither_ask_nor_confirm(tallied, county, county_b, supervisor):
    city = tallied.geo.city_a
    with pytest.raises(PermissionDenied):
        recount_ask(actor=county_b, constituency=city, reason="not mine")
    with pytest.raises(PermissionDenied):
        recount_ask(actor=supervisor, constituency=city, reason="supervisors do not ask")
    asked = recount_ask(actor=county, constituency=city, reason="mine")
    for wrong in (county, county_b, tallied.hq):
        with pytest.raises(PermissionDenied):
            recount_confirm(actor=wrong, recount=asked)
    assert not Recount.objects.get(pk=asked.pk).has_run


def test_a_certified_result_may_be_recounted_and_the_recount_says_so(tallied, county, supervisor):
    boards_seated(tallied.geo)
    certification_approve(actor=county, constituency=tallied.geo.city_a)
    certification_confirm(actor=supervisor, constituency=tallied.geo.city_a)
    recount = recount_ask(actor=tallied.hq, constituency=tallied.geo.city_a, reason="after")
    assert recount.was_certified and recount.same
    assert _events(AuditEventType.RECOUNT_RUN)[0].new["was_certified"] is True
