"""The paper-record audit page: the supervisors draw the sample, a county's auditor types a
sampled station's paper counts in Persian digits and sees the comparison; refusals shown
with their message and status, nothing recorded; another county is refused."""

from __future__ import annotations

import pytest

from shora.results.models import PaperAudit, PaperAuditEntry
from shora_domain.digits import to_persian_digits

pytestmark = pytest.mark.django_db


def _url(day):
    return f"/elections/{day.election.pk}/results/constituencies/{day.geo.city_a.pk}/paper-audit/"


def _typed(station, electronic):
    typed = {
        "action": "enter",
        "station": station,
        "ballots": to_persian_digits(electronic["ballots"]),
        "blank": to_persian_digits(electronic["blank"]),
        "void": to_persian_digits(electronic["void"] + electronic["rejected"]),
    }
    typed.update({f"votes:{c}": to_persian_digits(v) for c, v in electronic["votes"].items()})
    return typed


def test_the_supervisors_draw_and_a_county_enters_the_paper_counts(tallied_day, as_user):
    supervisor = as_user("supervisor")
    page = supervisor.get(_url(tallied_day)).content.decode()
    assert 'data-testid="not-drawn"' in page and 'data-testid="draw"' in page
    assert supervisor.post(_url(tallied_day), {"action": "draw"}).status_code == 302
    audit = PaperAudit.objects.get()
    again = supervisor.post(_url(tallied_day), {"action": "draw"})
    assert again.status_code == 409
    county = as_user("county")
    page = county.get(_url(tallied_day)).content.decode()
    assert 'data-testid="sample"' in page and audit.seed in page
    station = audit.sample[0]
    assert f'data-testid="enter-{station}"' in page
    electronic = audit.result.station_counts[station]
    assert county.post(_url(tallied_day), _typed(station, electronic)).status_code == 302
    page = county.get(_url(tallied_day)).content.decode()
    assert 'data-testid="matches"' in page
    twice = county.post(_url(tallied_day), _typed(station, electronic))
    assert twice.status_code == 409 and "پیش‌تر" in twice.content.decode()


def test_bad_entries_show_a_message_and_record_nothing(tallied_day, as_user, geo):
    hq = as_user(user=tallied_day.hq)
    assert hq.post(_url(tallied_day), {"action": "draw"}).status_code == 302
    audit = PaperAudit.objects.get()
    station = audit.sample[0]
    electronic = audit.result.station_counts[station]
    county = as_user("county")
    not_sampled = county.post(_url(tallied_day), _typed("77777", electronic))
    assert (
        not_sampled.status_code == 400 and "در نمونهٔ این حوزه نیست" in not_sampled.content.decode()
    )
    negative = county.post(_url(tallied_day), {**_typed(station, electronic), "blank": "-۱"})
    assert negative.status_code == 400 and "منفی" in negative.content.decode()
    words = county.post(_url(tallied_day), {**_typed(station, electronic), "ballots": "ده"})
    assert words.status_code == 400 and "عدد نیست" in words.content.decode()
    other = as_user("county", county=geo.county_b)
    assert other.post(_url(tallied_day), _typed(station, electronic)).status_code == 403
    assert hq.post(_url(tallied_day), _typed(station, electronic)).status_code == 403
    assert county.post(_url(tallied_day), {"action": "?"}).status_code == 400
    assert not PaperAuditEntry.objects.exists()


def test_before_the_tally_the_page_says_so(closed, as_user):
    page = as_user("supervisor").get(_url(closed))
    assert page.status_code == 200 and 'data-testid="not-tallied"' in page.content.decode()
