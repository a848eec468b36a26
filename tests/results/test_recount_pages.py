"""The recounts page and `shora recount`: the HQ asks and sees the outcome, a county asks
and the supervisors confirm on the page, a county of another county is refused, a missing
reason shows a clear message and records nothing; the command prints the differences."""

from __future__ import annotations

import pytest

from shora.cli import main
from shora.results.models import ConstituencyResult, Recount

pytestmark = pytest.mark.django_db


def _url(day):
    return f"/elections/{day.election.pk}/results/constituencies/{day.geo.city_a.pk}/recounts/"


def test_the_hq_asks_on_the_page_and_sees_the_same_result(tallied_day, as_user):
    hq = as_user(user=tallied_day.hq)
    response = hq.post(_url(tallied_day), {"action": "ask", "reason": "درخواست نامزد"})
    assert response.status_code == 302
    page = hq.get(_url(tallied_day)).content.decode()
    assert 'data-testid="same"' in page and "درخواست نامزد" in page
    assert "۱۷" in page  # the ballots recounted, in Persian digits


def test_a_countys_request_waits_and_the_supervisors_confirm_it(tallied_day, as_user):
    county = as_user("county")
    assert county.post(_url(tallied_day), {"action": "ask", "reason": "شكايت"}).status_code == 302
    recount = Recount.objects.get()
    assert 'data-testid="waiting"' in county.get(_url(tallied_day)).content.decode()
    assert (
        f'data-testid="confirm-{recount.pk}"' not in county.get(_url(tallied_day)).content.decode()
    )
    supervisor = as_user("supervisor")
    page = supervisor.get(_url(tallied_day)).content.decode()
    assert f'data-testid="confirm-{recount.pk}"' in page and 'data-testid="ask"' not in page
    confirm = {"action": "confirm", "recount": recount.pk}
    assert supervisor.post(_url(tallied_day), confirm).status_code == 302
    assert Recount.objects.get().same is True
    again = supervisor.post(_url(tallied_day), confirm)
    assert again.status_code == 409 and "پیش‌تر" in again.content.decode()


def test_refusals_on_the_page(tallied_day, as_user, geo):
    other = as_user("county", county=geo.county_b)
    assert other.get(_url(tallied_day)).status_code == 403
    assert other.post(_url(tallied_day), {"action": "ask", "reason": "x"}).status_code == 403
    hq = as_user(user=tallied_day.hq)
    empty = hq.post(_url(tallied_day), {"action": "ask", "reason": "  "})
    assert empty.status_code == 400 and "دلیل بازشماری" in empty.content.decode()
    assert hq.post(_url(tallied_day), {"action": "nonsense"}).status_code == 400
    assert hq.post(_url(tallied_day), {"action": "confirm", "recount": "۱"}).status_code == 404
    assert not Recount.objects.exists()


def test_before_the_tally_the_page_says_so(closed, as_user):
    hq = as_user(user=closed.hq)
    page = hq.get(_url(closed))
    assert page.status_code == 200 and 'data-testid="not-tallied"' in page.content.decode()
    refused = hq.post(_url(closed), {"action": "ask", "reason": "early"})
    assert refused.status_code == 409 and not Recount.objects.exists()


def test_the_command_recounts_and_prints_every_difference(tallied_day, capsys):
    election = str(tallied_day.election.pk)
    args = ["recount", "--election", election, "--constituency", "۱۰۰۱", "--reason", "audit"]
    assert main(args) == 0
    assert "17 ballots, the same as stored" in capsys.readouterr().out
    result = ConstituencyResult.objects.get(constituency__code="1001")
    result.counts = {**result.counts, "blank": 5}
    result.save(update_fields=["counts"])
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "1 differences" in out and "count.blank: the stored result has 5, the recount 1" in out
    assert main(["recount", "--election", election, "--constituency", "9", "--reason", "x"]) == 2
    assert main(["recount", "--election", "999999", "--constituency", "1001", "--reason", "x"]) == 2
    assert Recount.objects.count() == 2
