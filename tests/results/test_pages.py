"""The tally's pages in Persian: who sees what, the HQ's forms, a holder entering their
share on their own screen (the k-th runs the tally), exclusions decided and confirmed,
every refusal shown with a clear message and nothing changed."""

from __future__ import annotations

import pytest
from django.test import Client

from shora.results.models import (
    ConstituencyResult,
    ElectionResultsSettings,
    SessionStatus,
    ShareEntry,
    StationExclusion,
    TallySession,
)
from tests.polling.conftest import PASSPHRASES
from tests.results.conftest import close_the_polls, voting_day
from tests.results.election_day import station_closed

pytestmark = pytest.mark.django_db


def _tally_url(election):
    return f"/elections/{election.pk}/results/"


def test_the_hq_announces_the_value_on_the_page_while_the_polls_are_open(day, as_user):
    hq = as_user("province_hq")
    page = hq.get(_tally_url(day.election)).content.decode()
    assert 'data-testid="announce-form"' in page and 'dir="rtl"' in page
    response = hq.post(f"/elections/{day.election.pk}/results/announce/", {"value": "۱۲۳۴"})
    assert response.status_code == 302
    assert ElectionResultsSettings.objects.get().announced_lottery_value == "1234"
    page = hq.get(_tally_url(day.election)).content.decode()
    assert "۱۲۳۴" in page and 'data-testid="announce-form"' not in page
    again = hq.post(f"/elections/{day.election.pk}/results/announce/", {"value": "99"})
    assert again.status_code == 409
    assert "تغییر نمی‌کند" in again.content.decode()


def test_an_empty_value_is_refused_on_the_page(day, as_user):
    response = as_user("province_hq").post(
        f"/elections/{day.election.pk}/results/announce/", {"value": "   "}
    )
    assert response.status_code == 400
    assert not ElectionResultsSettings.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "county"])
def test_readers_cannot_announce_open_or_cancel(closed, as_user, role):
    client = as_user(role)
    election = closed.election
    assert client.post(f"/elections/{election.pk}/results/sessions/open/").status_code == 403
    assert not TallySession.objects.exists()
    session = TallySession.objects.create(
        election=election, threshold=2, status="open", opened_at=election.created_at
    )
    cancel = f"/elections/{election.pk}/results/sessions/{session.pk}/cancel/"
    assert client.post(cancel).status_code == 403
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN


def test_the_gates_on_the_page_list_each_station_that_holds_a_council_back(day, hq, as_user):
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra"):
        station_closed(scenario.runs[name])
    close_the_polls(day.election)
    page = as_user("supervisor").get(_tally_url(day.election)).content.decode()
    assert 'data-testid="gate-1001"' in page
    assert 'data-code="station_open"' in page
    assert "شعبهٔ ۱۰۰۰۲ هنوز بسته نشده است" in page
    assert "شعبهٔ ۲۰۰۰۱ هنوز بسته نشده است" in page


def test_a_county_sees_only_its_own_councils(closed, as_user):
    page = as_user("county").get(_tally_url(closed.election)).content.decode()
    assert 'data-testid="gate-1001"' in page and 'data-testid="gate-1002"' in page
    assert 'data-testid="gate-2001"' not in page
    assert 'data-testid="open-form"' not in page and 'data-testid="sessions"' not in page


def test_the_whole_tally_through_the_pages(closed, as_user):
    election = closed.election
    hq = as_user(user=closed.hq)
    page = hq.get(_tally_url(election)).content.decode()
    assert 'data-testid="open-form"' in page
    assert hq.post(f"/elections/{election.pk}/results/sessions/open/").status_code == 302
    first = as_user(user=closed.day.holders[0])
    share_url = f"/elections/{election.pk}/results/share/"
    assert 'data-testid="share-form"' in first.get(share_url).content.decode()
    wrong = first.post(share_url, {"passphrase": "not my passphrase at all"})
    assert wrong.status_code == 400
    assert "گذرواژه نادرست است" in wrong.content.decode()
    assert "not my passphrase" not in wrong.content.decode()
    assert first.post(share_url, {"passphrase": PASSPHRASES[0]}).status_code == 302
    assert 'data-testid="entered"' in first.get(share_url).content.decode()
    twice = first.post(share_url, {"passphrase": PASSPHRASES[0]})
    assert twice.status_code == 409
    assert ShareEntry.objects.count() == 1
    second = as_user(user=closed.day.holders[1])
    done = second.post(share_url, {"passphrase": PASSPHRASES[1]})
    assert done.status_code == 302 and done["Location"] == _tally_url(election)
    assert ConstituencyResult.objects.count() == 3
    page = hq.get(_tally_url(election)).content.decode()
    assert 'data-testid="count-tallied">۳<' in page
    city = closed.geo.city_a
    result_page = hq.get(f"/elections/{election.pk}/results/constituencies/{city.pk}/")
    text = result_page.content.decode()
    assert result_page.status_code == 200
    assert 'data-testid="standings"' in text and 'data-testid="seed"' in text
    download = hq.get(f"/elections/{election.pk}/results/constituencies/{city.pk}/ballots.jsonl")
    assert download.status_code == 200
    assert len(download.content.decode().splitlines()) == 17


def test_a_holder_without_two_factor_is_refused_the_share_page(closed, session):
    holder = closed.day.holders[0]
    client = Client()
    client.force_login(holder)  # signed in, second factor not done
    response = client.get(f"/elections/{closed.election.pk}/results/share/")
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response["Location"]
    assert not ShareEntry.objects.exists()


def test_without_a_session_the_share_page_says_so_and_takes_nothing(closed, as_user):
    holder = as_user(user=closed.day.holders[0])
    url = f"/elections/{closed.election.pk}/results/share/"
    assert 'data-testid="no-session"' in holder.get(url).content.decode()
    assert holder.post(url, {"passphrase": PASSPHRASES[0]}).status_code == 409
    assert not ShareEntry.objects.exists()


def test_a_county_decides_an_exclusion_and_a_supervisor_confirms_on_the_page(closed, as_user):
    election = closed.election
    url = f"/elections/{election.pk}/results/exclusions/"
    county = as_user("county")
    page = county.get(url).content.decode()
    assert 'data-testid="exclusion-form"' in page
    assert "10002" in page and "20001" not in page  # only its own county's stations offered
    other = county.post(url, {"station": closed.geo.station_b1.pk, "reason": "x"})
    assert other.status_code == 400
    empty = county.post(url, {"station": closed.geo.station_a2.pk, "reason": ""})
    assert empty.status_code == 400
    assert not StationExclusion.objects.exists()
    made = county.post(url, {"station": closed.geo.station_a2.pk, "reason": "دستگاه گم شد"})
    assert made.status_code == 302
    exclusion = StationExclusion.objects.get()
    confirm = f"{url}{exclusion.pk}/confirm/"
    assert county.post(confirm).status_code == 403
    assert as_user("province_hq").post(confirm).status_code == 403
    assert as_user("supervisor").post(confirm).status_code == 302
    exclusion.refresh_from_db()
    assert exclusion.is_confirmed
    county_b = as_user("county", county=closed.geo.county_b).get(url).content.decode()
    assert f'data-testid="exclusion-{exclusion.pk}"' not in county_b
    assert (
        f'data-testid="exclusion-{exclusion.pk}"'
        in as_user("province_hq").get(url).content.decode()
    )


def test_another_county_is_refused_a_constituency_s_result(closed, as_user):
    city_b = closed.geo.city_b
    url = f"/elections/{closed.election.pk}/results/constituencies/{city_b.pk}/"
    assert as_user("county").get(url).status_code == 403
    assert as_user("county").get(url + "ballots.jsonl").status_code == 403
    assert as_user("supervisor").get(url).status_code == 200


def test_after_the_close_the_hq_is_told_the_value_is_missing_not_offered_the_form(day, hq, as_user):
    voting_day(day, hq, announce=False)
    page = as_user(user=hq).get(_tally_url(day.election)).content.decode()
    assert 'data-testid="not-announced"' in page
    assert 'data-testid="announce-form"' not in page
    late = as_user(user=hq).post(f"/elections/{day.election.pk}/results/announce/", {"value": "1"})
    assert late.status_code == 409
    assert not ElectionResultsSettings.objects.exists()
