"""The incidents page: what the stations recorded, for the supervisors and the officials of
each unit, only their own stations'; an empty state that explains itself."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from tests.polling.api_calls import send_batch

pytestmark = pytest.mark.django_db


def _incident(category: str, text: str) -> dict:
    return {
        "kind": "incident",
        "id": str(uuid.uuid4()),
        "category": category,
        "text": text,
        "recorded_by": "منشی شعبه",
        "at": timezone.localtime().isoformat(),
    }


@pytest.fixture
def recorded(day):
    """Station A1 (Ahvaz) and B1 (Abadan) each record an incident."""
    sent = []
    for station, category, text in (
        (day.geo.station_a1, "assisted_voter", "رأی‌دهندهٔ نابینا با همراه رأی داد."),
        (day.geo.station_b1, "device_failure", "دستگاه احراز هویت از کار افتاد."),
    ):
        device = day.enrol(station)
        day.chair_code, day.staff_codes = _staff_of(station)
        day.open(device)
        assert send_batch(device, 1, [_incident(category, text)]).json()["stored"] == 1
        sent.append(text)
    return sent


def _staff_of(station):
    from shora.boards.models import StaffPost

    posts = StaffPost.objects.filter(station=station, ended_at__isnull=True).select_related(
        "person"
    )
    chair = next(p.person.national_code for p in posts if p.role == "station_chair")
    return chair, [p.person.national_code for p in posts]


def _url(day, query=""):
    return f"/elections/{day.election.pk}/polling/incidents/{query}"


def test_the_supervisors_see_every_station_s_incidents(day, recorded, as_user):
    page = as_user("supervisor").get(_url(day)).content.decode()
    assert all(text in page for text in recorded)
    assert "رأی‌دهندهٔ یاری‌شده با همراه" in page  # the kind, in Persian


def test_a_county_sees_only_its_own_stations(day, recorded, as_user):
    page = as_user("county", county=day.geo.county_a).get(_url(day)).content.decode()
    assert recorded[0] in page and recorded[1] not in page


def test_the_kind_filters_and_a_strange_kind_is_ignored(day, recorded, as_user):
    reader = as_user("province_hq")
    only = reader.get(_url(day, "?category=device_failure")).content.decode()
    assert recorded[1] in only and recorded[0] not in only
    every = reader.get(_url(day, "?category=<script>")).content.decode()
    assert all(text in every for text in recorded)
    assert "<script>" not in every


def test_before_any_incident_the_page_says_so(day, as_user):
    response = as_user("supervisor").get(_url(day))
    assert response.status_code == 200
    assert 'data-testid="incidents-empty"' in response.content.decode()


def test_trainers_and_stations_are_refused(day, as_user):
    assert as_user("trainer").get(_url(day)).status_code == 403
    assert as_user("station").get(_url(day)).status_code == 403
