"""Station rosters, inspectors and trainers: one post per person per election, one chair per
station, no post inside the area of one's own board."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.boards.errors import BoardRefusal
from shora.boards.models import StaffPost
from shora.boards.selectors import field_posts, serving_posts, station_roster
from shora.boards.services import (
    board_member_appoint,
    field_post_appoint,
    staff_post_appoint,
    staff_post_end,
)
from shora_domain.errors import DomainError
from shora_domain.staff_roles import BoardKind
from tests.boards.conftest import county_place, national_code


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def appoint(geo, someone, role, station=None):
    return staff_post_appoint(
        actor=None, station=station or geo.station_a1, person=someone, role=role
    )


def test_a_roster_with_its_chair_and_secretary_is_complete(geo, person):
    roster = station_roster(geo.station_a1)
    assert [g.en for g in roster.gaps] == ["no station chair", "no secretary"]
    appoint(geo, person(1, "female"), "station_chair")
    appoint(geo, person(2), "secretary")
    appoint(geo, person(3, "female"), "identity_device_operator")
    roster = station_roster(geo.station_a1)
    assert roster.gaps == []
    assert (roster.share.women, roster.share.total) == (2, 3)
    assert AuditEvent.objects.filter(event_type=AuditEventType.STAFF_POST_APPOINTED).count() == 3


def test_one_chair_per_station(geo, person):
    appoint(geo, person(1), "station_chair")
    error = refusal(lambda: appoint(geo, person(2), "station_chair"))
    assert error.code == BoardRefusal.SEAT_FULL
    assert "رئیس شعبه" in error.fa


def test_secretaries_up_to_the_rosters_maximum(geo, person):
    for number in range(1, 4):
        appoint(geo, person(number), "secretary")
    assert refusal(lambda: appoint(geo, person(4), "secretary")).code == BoardRefusal.SEAT_FULL


def test_one_station_post_per_person_per_election(geo, person):
    someone = person(1)
    appoint(geo, someone, "secretary")
    error = refusal(lambda: appoint(geo, someone, "station_chair", station=geo.station_b1))
    assert error.code == BoardRefusal.POST_CLASH
    same_station = refusal(lambda: appoint(geo, someone, "station_member"))
    assert same_station.code == BoardRefusal.POST_CLASH
    inspector = refusal(
        lambda: field_post_appoint(
            actor=None, election=geo.election, county=geo.county_b, person=someone, role="inspector"
        )
    )
    assert inspector.code == BoardRefusal.POST_CLASH
    assert StaffPost.objects.count() == 1


def test_a_board_member_does_not_serve_at_a_station_of_the_boards_area(geo, person):
    member = person(1)
    board_member_appoint(
        actor=None,
        place=county_place(geo, BoardKind.COUNTY_EXECUTIVE),
        person=member,
        role="governor",
    )
    error = refusal(lambda: appoint(geo, member, "station_chair", station=geo.station_a2))
    assert error.code == BoardRefusal.POST_CLASH
    assert "هیئت اجرایی شهرستان اهواز" in error.fa
    appoint(geo, member, "station_chair", station=geo.station_b1)  # Abadan: outside the board
    clash_back = refusal(
        lambda: board_member_appoint(
            actor=None,
            place=county_place(geo, BoardKind.COUNTY_EXECUTIVE, geo.county_b),
            person=member,
            role="judiciary_representative",
        )
    )
    assert clash_back.code == BoardRefusal.POST_CLASH


def test_wrong_roles_are_refused(geo, person):
    someone = person(1)
    for role in ("inspector", "governor", "king", ""):
        assert (
            refusal(lambda role=role: appoint(geo, someone, role)).code == BoardRefusal.WRONG_ROLE
        )
    for role in ("station_chair", "trustee"):
        error = refusal(
            lambda role=role: field_post_appoint(
                actor=None, election=geo.election, county=geo.county_a, person=someone, role=role
            )
        )
        assert error.code == BoardRefusal.WRONG_ROLE


def test_inspectors_and_trainers_of_a_county_or_a_district(geo, person):
    field_post_appoint(
        actor=None, election=geo.election, county=geo.county_a, person=person(1), role="inspector"
    )
    field_post_appoint(
        actor=None,
        election=geo.election,
        county=geo.county_a,
        district=geo.district_a2,
        person=person(2, "female"),
        role="trainer",
    )
    assert [p.role for p in field_posts(geo.election, geo.county_a)] == ["inspector", "trainer"]
    assert [p.role for p in field_posts(geo.election, geo.county_a, geo.district_a2.pk)] == [
        "trainer"
    ]
    [served] = serving_posts(election=geo.election, national_code=national_code(2))
    assert served.kind == "station" and served.role == "trainer"
    assert served.constituency_ids == {geo.village_a.pk}
    wrong = refusal(
        lambda: field_post_appoint(
            actor=None,
            election=geo.election,
            county=geo.county_b,
            district=geo.district_a1,
            person=person(3),
            role="inspector",
        )
    )
    assert wrong.code == BoardRefusal.WRONG_PLACE


def test_ending_a_post_frees_the_person(geo, person):
    someone = person(1)
    post = appoint(geo, someone, "station_chair").post
    assert refusal(lambda: staff_post_end(actor=None, post=post, reason="")).code == (
        BoardRefusal.REASON_REQUIRED
    )
    staff_post_end(actor=None, post=post, reason="بیماری")
    assert refusal(lambda: staff_post_end(actor=None, post=post, reason="x")).code == (
        BoardRefusal.ALREADY_ENDED
    )
    appoint(geo, someone, "station_chair", station=geo.station_b1)
    assert serving_posts(election=geo.election, national_code=national_code(1))[0].unit_label == (
        "شعبهٔ ۲۰۰۰۱ (کانون فرهنگی آبادان)"
    )


def test_serving_posts_of_nobody_and_of_a_bad_code(geo):
    assert serving_posts(election=geo.election, national_code=national_code(42)) == []
    assert serving_posts(election=geo.election, national_code="not a code") == []


@pytest.mark.parametrize(
    ("role", "station", "allowed"),
    [
        ("county", "station_a2", True),
        ("district", "station_a1", True),
        ("district", "station_a2", False),
        ("county", "station_b1", False),
        ("province_hq", "station_a1", False),
        ("supervisor", "station_a1", False),
        ("station", "station_a1", False),
        ("trainer", "station_a1", False),
    ],
)
def test_who_manages_a_roster(geo, person, make_user, role, station, allowed):
    user = make_user(role)
    someone = person(1)

    def call():
        return staff_post_appoint(
            actor=user, station=getattr(geo, station), person=someone, role="secretary"
        )

    if allowed:
        assert call().post.role == "secretary"
    else:
        with pytest.raises(PermissionDenied):
            call()
