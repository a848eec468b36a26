"""Conflicts with candidacies, checked on both sides: a candidate serving where they stand is
refused; a declared first-degree relative warns or is refused by the election's setting.

Candidates are registered through the candidates' own services, in their registration window
(the candidates app's clock is held on 22 Dey 1404, 10:00 Tehran time).
"""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.boards.conflict_checks import election_conflicts
from shora.boards.errors import BoardRefusal, PostRefused
from shora.boards.services import (
    board_member_appoint,
    board_settings_update,
    relative_declare,
    staff_post_appoint,
)
from shora.candidates import schedule
from shora.candidates.services import PersonDetails, candidacy_register
from shora.elections.models import Phase
from shora.elections.services import election_phase_advance
from shora_domain.conflicts import ConflictKind, Severity
from shora_domain.errors import DomainError
from shora_domain.jalali import TEHRAN, from_jalali
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, national_code

REGISTRATION_DAY = from_jalali(1404, 10, 22)


@pytest.fixture
def registering(geo, monkeypatch):
    moment = datetime.datetime(
        REGISTRATION_DAY.year, REGISTRATION_DAY.month, REGISTRATION_DAY.day, 10, tzinfo=TEHRAN
    )
    monkeypatch.setattr(schedule, "now", lambda: moment)
    election_phase_advance(actor=None, election=geo.election, to_phase=Phase.REGISTRATION)
    geo.election.refresh_from_db()
    return geo


def stand(geo, number: int, constituency, **changes):
    """Register ``national_code(number)`` as a candidate in ``constituency`` (a city)."""
    details = PersonDetails(
        national_code=national_code(number),
        first_name="زهرا",
        last_name="کریمی",
        father_name="حسن",
        gender="female",
        birth_date=datetime.date(1981, 3, 21),
        degree="bachelor",
        military_service="not_applicable",
        clean_record_issued_on=datetime.date(2026, 1, 1),
        residence_confirmed=True,
    )
    return candidacy_register(
        actor=None, constituency=constituency, details=dataclasses.replace(details, **changes)
    ).candidacy


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_a_candidate_is_refused_a_seat_on_the_board_of_their_constituency(registering, person):
    geo = registering
    stand(geo, 7, geo.city_a)
    candidate = person(7, "female")
    error = refusal(
        lambda: board_member_appoint(
            actor=None,
            place=county_place(geo, BoardKind.COUNTY_EXECUTIVE),
            person=candidate,
            role="governor",
        )
    )
    assert isinstance(error, PostRefused)
    assert error.code == BoardRefusal.CONFLICT_WITH_CANDIDACY
    assert "نامزد همین حوزه" in error.fa and "زهرا کریمی" in error.fa
    # Abadan's board has no authority over Ahvaz: no conflict.
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_EXECUTIVE, geo.county_b),
        person=candidate,
        role="governor",
    )


def test_a_candidate_is_refused_a_post_at_a_station_of_their_constituency(registering, person):
    geo = registering
    stand(geo, 7, geo.city_b)
    candidate = person(7, "female")
    error = refusal(
        lambda: staff_post_appoint(
            actor=None, station=geo.station_b1, person=candidate, role="secretary"
        )
    )
    assert error.code == BoardRefusal.CONFLICT_WITH_CANDIDACY
    staff_post_appoint(actor=None, station=geo.station_a1, person=candidate, role="secretary")


def test_the_candidates_side_refuses_a_board_member(registering, person):
    geo = registering
    member = person(8)
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_SUPERVISORY),
        person=member,
        role="chair",
    )
    error = refusal(
        lambda: stand(geo, 8, geo.city_a, gender="male", military_service="card", first_name="علی")
    )
    assert "هیئت نظارت شهرستان اهواز" in error.fa


def test_a_relative_warns_by_default(registering, person):
    geo = registering
    candidacy = stand(geo, 7, geo.city_a)
    serving = person(9)
    relative_declare(actor=None, person=serving, national_code=national_code(7), relation="sibling")
    appointment = staff_post_appoint(
        actor=None, station=geo.station_a1, person=serving, role="station_chair"
    )
    [warning] = appointment.warnings
    assert warning.kind == ConflictKind.RELATIVE_OF_CANDIDATE
    assert warning.severity == Severity.WARN and warning.candidate_id == candidacy.pk
    event = AuditEvent.objects.filter(event_type=AuditEventType.STAFF_POST_APPOINTED).get()
    assert event.new["warnings"] == [
        {
            "kind": "relative_of_candidate",
            "candidate_id": candidacy.pk,
            "constituency_id": geo.city_a.pk,
        }
    ]
    [row] = election_conflicts(geo.election)
    assert row.person == serving and not row.conflict.blocks


def test_a_relative_is_refused_when_the_setting_blocks(registering, person):
    geo = registering
    board_settings_update(actor=None, election=geo.election, relative_policy="block")
    stand(geo, 7, geo.city_a)
    serving = person(9)
    # Declared from the candidate's side does not exist here: the serving person declares.
    relative_declare(actor=None, person=serving, national_code=national_code(7), relation="parent")
    error = refusal(
        lambda: staff_post_appoint(
            actor=None, station=geo.station_a1, person=serving, role="station_chair"
        )
    )
    assert error.code == BoardRefusal.CONFLICT_WITH_CANDIDACY
    assert "پدر یا مادر" in error.fa
    staff_post_appoint(actor=None, station=geo.station_b1, person=serving, role="station_chair")


def test_a_relationship_declared_by_the_other_side_counts(registering, person):
    geo = registering
    stand(geo, 7, geo.city_a)
    serving = person(9)
    # The candidate is also registered as a person (say, a trustee nominee elsewhere) and
    # declared the serving person as their child.
    candidate_as_person = person(7, "female")
    relative_declare(
        actor=None, person=candidate_as_person, national_code=national_code(9), relation="child"
    )
    appointment = staff_post_appoint(
        actor=None, station=geo.station_a1, person=serving, role="secretary"
    )
    assert [w.relation for w in appointment.warnings] == ["parent"]


def test_a_relative_who_stands_after_the_post_was_given_shows_up(registering, person):
    geo = registering
    serving = person(9)
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_SUPERVISORY, geo.county_b),
        person=serving,
        role="chair",
    )
    relative_declare(actor=None, person=serving, national_code=national_code(7), relation="spouse")
    assert election_conflicts(geo.election) == []
    stand(geo, 7, geo.city_b)
    [row] = election_conflicts(geo.election)
    assert row.conflict.relation == "spouse" and not row.conflict.blocks
    board_settings_update(actor=None, election=geo.election, relative_policy="block")
    [row] = election_conflicts(geo.election)
    assert row.conflict.blocks
    assert election_conflicts(geo.election, county=geo.county_a) == []


def test_the_conflicts_page_is_for_the_supervisory_board_and_the_hq(registering, person, client_as):
    geo = registering
    stand(geo, 7, geo.city_a)
    serving = person(9)
    relative_declare(actor=None, person=serving, national_code=national_code(7), relation="sibling")
    staff_post_appoint(actor=None, station=geo.station_a1, person=serving, role="secretary")
    url = f"/elections/{geo.election.pk}/conflicts/"
    for role in ("province_hq", "supervisor"):
        page = client_as(role).get(url)
        assert page.status_code == 200
        assert serving.full_name in page.content.decode()
    for role in ("county", "district", "station", "trainer"):
        assert client_as(role).get(url).status_code == 403
    api = client_as("supervisor", username="sup2").get(
        f"/api/elections/{geo.election.pk}/conflicts"
    )
    assert [c["severity"] for c in api.json()] == ["warn"]
