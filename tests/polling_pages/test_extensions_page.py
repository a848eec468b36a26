"""Extensions of the polling hours through the page: a county asks for itself, the HQ for any
county, the supervisory board confirms; bad, earlier or foreign requests change nothing."""

from __future__ import annotations

import datetime

import pytest

from shora.polling.models import PollingExtension
from shora.polling.selectors import polling_window

pytestmark = pytest.mark.django_db

ROLES = ("province_hq", "supervisor", "county", "trainer", "district", "station")
READERS = {"province_hq", "supervisor", "county"}


def _url(geo):
    return f"/elections/{geo.election.pk}/polling/extensions/"


def _confirm_url(geo, extension):
    return f"/elections/{geo.election.pk}/polling/extensions/{extension.pk}/confirm/"


def _ask(client, geo, county, closes_at="۲۰:۰۰", reason="صف طولانی رأی‌دهندگان"):
    return client.post(_url(geo), {"county": county.pk, "closes_at": closes_at, "reason": reason})


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_the_extensions_page(geo, as_user, role):
    response = as_user(role).get(_url(geo))
    assert response.status_code == (200 if role in READERS else 403)
    if role in READERS:
        offered = 'data-testid="request-form"' in response.content.decode()
        assert offered == (role in {"province_hq", "county"})


def test_a_county_asks_for_its_own_county_in_persian_digits(geo, as_user):
    client = as_user("county")
    response = _ask(client, geo, geo.county_a)
    assert response.status_code == 302
    extension = PollingExtension.objects.get()
    assert extension.county == geo.county_a
    assert extension.closes_at == datetime.time(20)
    assert extension.requested_by == client.user
    assert extension.confirmed_at is None
    page = client.get(_url(geo)).content.decode()
    assert "۲۰:۰۰" in page and "صف طولانی رأی‌دهندگان" in page


def test_arabic_digits_and_minutes_are_taken(geo, as_user):
    assert _ask(as_user("county"), geo, geo.county_a, closes_at="٢٠:٣٠").status_code == 302
    assert PollingExtension.objects.get().closes_at == datetime.time(20, 30)


def test_the_hq_asks_for_any_county_of_the_province(geo, as_user):
    assert _ask(as_user("province_hq"), geo, geo.county_b).status_code == 302
    assert PollingExtension.objects.get().county == geo.county_b


@pytest.mark.parametrize("role", ["supervisor", "district", "station", "trainer"])
def test_others_cannot_ask(geo, as_user, role):
    assert _ask(as_user(role), geo, geo.county_a).status_code == 403
    assert not PollingExtension.objects.exists()


def test_a_county_cannot_ask_for_another_county(geo, as_user):
    assert _ask(as_user("county"), geo, geo.county_b).status_code == 403
    assert not PollingExtension.objects.exists()


def test_a_county_of_another_province_is_not_a_choice(geo, as_user):
    from shora.elections.services import county_create, province_create

    other = province_create(actor=None, code="07", name="فارس")
    foreign = county_create(actor=None, province=other, code="0701", name="شیراز")
    assert _ask(as_user("province_hq"), geo, foreign).status_code == 400
    assert not PollingExtension.objects.exists()


@pytest.mark.parametrize(
    ("closes_at", "reason", "says"),
    [
        ("25:00", "دلیل", "errorlist"),
        ("۲۰", "دلیل", "errorlist"),
        ("ساعت هشت", "دلیل", "errorlist"),
        ("", "دلیل", "errorlist"),
        ("20:00:00:00", "دلیل", "errorlist"),
        ("۲۰:۰۰", "", "errorlist"),
        ("۲۰:۰۰", "   ", "errorlist"),
        ("۲۰:۰۰", "x" * 501, "errorlist"),
        ("۱۷:۰۰", "دلیل", "تمدید باید پایان اخذ رأی را دیرتر کند، نه زودتر."),
        ("۱۸:۰۰", "دلیل", "تمدید باید پایان اخذ رأی را دیرتر کند، نه زودتر."),
    ],
)
def test_bad_and_earlier_times_are_refused_and_nothing_is_stored(
    geo, as_user, closes_at, reason, says
):
    response = _ask(as_user("county"), geo, geo.county_a, closes_at=closes_at, reason=reason)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not PollingExtension.objects.exists()


def test_a_county_sees_only_its_own_county_s_requests(geo, as_user):
    _ask(as_user("province_hq"), geo, geo.county_b, reason="درخواست آبادان")
    _ask(as_user("county"), geo, geo.county_a, reason="درخواست اهواز")
    county_page = as_user("county").get(_url(geo)).content.decode()
    assert "درخواست اهواز" in county_page and "درخواست آبادان" not in county_page
    supervisor_page = as_user("supervisor").get(_url(geo)).content.decode()
    assert "درخواست اهواز" in supervisor_page and "درخواست آبادان" in supervisor_page


def test_the_supervisory_board_confirms_and_then_the_county_closes_later(geo, as_user):
    _ask(as_user("county"), geo, geo.county_a)
    extension = PollingExtension.objects.get()
    assert polling_window(geo.station_a1).extended is False
    supervisor = as_user("supervisor")
    page = supervisor.get(_url(geo)).content.decode()
    assert f'data-testid="confirm-{extension.pk}"' in page
    assert supervisor.post(_confirm_url(geo, extension)).status_code == 302
    extension.refresh_from_db()
    assert extension.confirmed_by == supervisor.user and extension.confirmed_at is not None
    window = polling_window(geo.station_a1)
    assert window.extended and window.closes.time() == datetime.time(20)
    assert polling_window(geo.station_b1).extended is False
    again = supervisor.post(_confirm_url(geo, extension))
    assert again.status_code == 409
    assert "این تمدید پیش‌تر تأیید شده است." in again.content.decode()


@pytest.mark.parametrize("role", ["province_hq", "county", "district", "station", "trainer"])
def test_only_the_supervisory_board_confirms(geo, as_user, role):
    _ask(as_user("county"), geo, geo.county_a)
    extension = PollingExtension.objects.get()
    assert as_user(role).post(_confirm_url(geo, extension)).status_code == 403
    extension.refresh_from_db()
    assert extension.confirmed_at is None


def test_a_supervisor_of_another_province_cannot_confirm(geo, as_user):
    from shora.elections.services import province_create

    _ask(as_user("county"), geo, geo.county_a)
    extension = PollingExtension.objects.get()
    other = province_create(actor=None, code="07", name="فارس")
    assert (
        as_user("supervisor", province=other).post(_confirm_url(geo, extension)).status_code == 403
    )
    assert PollingExtension.objects.get().confirmed_at is None


def test_a_county_cannot_reach_another_county_s_extension(geo, as_user):
    _ask(as_user("province_hq"), geo, geo.county_b)
    extension = PollingExtension.objects.get()
    assert as_user("county").post(_confirm_url(geo, extension)).status_code == 403


def test_confirming_needs_a_post_and_an_existing_extension(geo, as_user):
    _ask(as_user("county"), geo, geo.county_a)
    extension = PollingExtension.objects.get()
    supervisor = as_user("supervisor")
    assert supervisor.get(_confirm_url(geo, extension)).status_code == 405
    missing = f"/elections/{geo.election.pk}/polling/extensions/999999/confirm/"
    assert supervisor.post(missing).status_code == 404
