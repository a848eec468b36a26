"""Inspections: one result per item of the version, failures opening assigned deficiencies."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.models import AuditEvent
from shora.elections.services import election_create
from shora.readiness.errors import ReadinessRefusal
from shora.readiness.models import Deficiency, DeficiencyEvent, InspectionResult, Photo
from shora.readiness.selectors import station_readiness
from shora.readiness.services import ItemAnswer, inspection_record, template_create_default
from shora_domain.errors import DomainError
from shora_domain.readiness_checks import CheckRefusal
from shora_domain.readiness_deadlines import DeadlineRefusal
from shora_domain.readiness_scoring import ReadinessState

from .conftest import answers

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.en
    return caught.value


def test_a_clean_inspection_makes_a_station_ready(geo, inspect):
    assert station_readiness(geo.station_a1).state is ReadinessState.NOT_READY  # not inspected
    outcome = inspect(geo.station_a1)
    assert outcome.opened == [] and outcome.inspection.failed == 0
    assert InspectionResult.objects.filter(inspection=outcome.inspection).count() == (
        outcome.inspection.version.items.count()
    )
    readiness = station_readiness(geo.station_a1)
    assert (readiness.state, readiness.score, readiness.inspected) == (
        ReadinessState.READY,
        100,
        True,
    )
    event = AuditEvent.objects.get(event_type=720)
    assert event.new["station"] == "10001" and event.unit == "district:060101"


def test_failures_open_deficiencies_assigned_to_the_responsible_organisation(
    geo, organisations, inspect, checklist
):
    outcome = inspect(
        geo.station_a1, {"primary_link": True, "link_bandwidth": "۴", "cooling": True}
    )
    opened = {d.item_code: d for d in outcome.opened}
    assert set(opened) == {"primary_link", "link_bandwidth", "cooling"}
    link = opened["primary_link"]
    assert link.organisation == organisations["ahvaz_telecom"]  # the county's own first
    assert link.responsible_person == "ناصر سواری"
    assert link.due_on == datetime.date(2026, 4, 8)  # a week for a blocking item
    assert opened["cooling"].organisation == organisations["education"]  # province-wide
    assert opened["cooling"].due_on == datetime.date(2026, 4, 15)
    assert opened["link_bandwidth"].finding == "۴ مگابیت بر ثانیه"
    assert InspectionResult.objects.get(item__code="link_bandwidth").value == 4
    readiness = station_readiness(geo.station_a1)
    assert readiness.state is ReadinessState.NOT_READY
    assert [item.item_code for item in readiness.open_blocking] == ["primary_link"]
    assert readiness.score == 100 - 50 - 20 - 20
    assert DeficiencyEvent.objects.filter(action="opened").count() == 3

    other_county = inspect(geo.station_b1, {"primary_link": True})
    assert other_county.opened[0].organisation == organisations["telecom"]  # province's


def test_without_a_registered_organisation_a_deficiency_is_unassigned(geo, inspect):
    outcome = inspect(geo.station_a1, {"police_presence": True})
    assert outcome.opened[0].organisation is None


def test_answers_in_persian_digits_and_photos(geo, inspect, checklist, media):
    given = answers(checklist)
    bandwidth = checklist.items.get(code="link_bandwidth")
    given = [ItemAnswer(a.item_id, value="۱۲٫۵") if a.item_id == bandwidth.pk else a for a in given]
    outcome = inspection_record(
        actor=None, station=geo.station_a1, version=checklist, answers=given, inspector_name="بازرس"
    )
    assert outcome.opened == []
    photo = Photo.objects.get()
    assert photo.image_format == "PNG"
    assert [path.name for path in media.rglob("*.png")] == [f"{photo.sha256}.png"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"value": "ده"}, CheckRefusal.VALUE_UNREADABLE),
        ({"value": ""}, CheckRefusal.VALUE_MISSING),
        ({"value": "-3"}, CheckRefusal.VALUE_OUT_OF_RANGE),
    ],
)
def test_bad_measured_values_refuse_the_whole_inspection(geo, checklist, change, code):
    bandwidth = checklist.items.get(code="link_bandwidth")
    given = [
        ItemAnswer(a.item_id, **change) if a.item_id == bandwidth.pk else a
        for a in answers(checklist)
    ]
    error = refused(
        code,
        inspection_record,
        actor=None,
        station=geo.station_a1,
        version=checklist,
        answers=given,
        inspector_name="بازرس",
    )
    assert bandwidth.text in error.fa
    assert not InspectionResult.objects.exists() and not Photo.objects.exists()


def test_incomplete_and_foreign_results_are_refused(geo, checklist):
    complete = answers(checklist)
    common = {
        "actor": None,
        "station": geo.station_a1,
        "version": checklist,
        "inspector_name": "بازرس",
    }
    error = refused(
        ReadinessRefusal.ITEMS_UNANSWERED, inspection_record, answers=complete[:-7], **common
    )
    assert "و ۲ بند دیگر" in error.fa and "and 2 more" in error.en
    refused(
        ReadinessRefusal.ITEM_ANSWERED_TWICE,
        inspection_record,
        answers=[*complete, complete[0]],
        **common,
    )
    refused(
        ReadinessRefusal.ITEM_NOT_IN_VERSION,
        inspection_record,
        answers=[*complete, ItemAnswer(999_999, passed=True)],
        **common,
    )
    ramp = checklist.items.get(code="wheelchair_ramp")
    no_photo = [ItemAnswer(a.item_id, passed=True) if a.item_id == ramp.pk else a for a in complete]
    refused(CheckRefusal.PHOTO_MISSING, inspection_record, answers=no_photo, **common)
    unanswered = [
        ItemAnswer(a.item_id) if a.item_id == complete[0].item_id else a for a in complete
    ]
    refused(CheckRefusal.ANSWER_MISSING, inspection_record, answers=unanswered, **common)
    refused(
        ReadinessRefusal.NAME_REQUIRED,
        inspection_record,
        **{**common, "inspector_name": "  ", "answers": complete},
    )
    assert not InspectionResult.objects.exists()


def test_dates_an_inspection_may_not_have(geo, checklist, clock):
    common = {
        "actor": None,
        "station": geo.station_a1,
        "version": checklist,
        "inspector_name": "بازرس",
        "answers": answers(checklist),
    }
    refused(
        ReadinessRefusal.IN_THE_FUTURE,
        inspection_record,
        inspected_on=datetime.date(2026, 4, 2),
        **common,
    )
    refused(
        ReadinessRefusal.IN_THE_FUTURE,
        inspection_record,
        at=clock.moment + datetime.timedelta(days=1),
        **common,
    )
    clock.jalali(1405, 2, 12)  # the day after polling day
    refused(DeadlineRefusal.AFTER_POLLING_DAY, inspection_record, **common)


def test_a_checklist_of_another_election_is_refused(geo, checklist, clock):
    other_election = election_create(
        actor=None,
        province=geo.province,
        name="انتخابات دیگر",
        polling_date=geo.election.polling_date,
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
    )
    foreign = template_create_default(actor=None, election=other_election).versions.get()
    refused(
        ReadinessRefusal.WRONG_ELECTION,
        inspection_record,
        actor=None,
        station=geo.station_a1,
        version=foreign,
        answers=answers(foreign),
        inspector_name="بازرس",
    )


@pytest.mark.parametrize(
    ("role", "station", "allowed"),
    [
        ("county", "station_a1", True),
        ("county", "station_a2", True),
        ("county", "station_b1", False),
        ("district", "station_a1", True),
        ("district", "station_a2", False),
        ("province_hq", "station_a1", False),
        ("supervisor", "station_a1", False),
        ("station", "station_a1", False),
        ("trainer", "station_a1", False),
    ],
)
def test_who_may_inspect(geo, checklist, make_user, role, station, allowed):
    user = make_user(role)
    call = {
        "actor": user,
        "station": getattr(geo, station),
        "version": checklist,
        "answers": answers(checklist),
    }
    if allowed:
        outcome = inspection_record(**call)
        assert outcome.inspection.recorded_by == user
        assert outcome.inspection.inspector_name == user.username
    else:
        with pytest.raises(PermissionDenied):
            inspection_record(**call)


def test_a_re_inspection_follows_up_open_deficiencies(geo, inspect, clock):
    first = inspect(geo.station_a1, {"primary_link": True, "cooling": True})
    link = next(d for d in first.opened if d.item_code == "primary_link")
    clock.advance(3)
    again = inspect(geo.station_a1, {"primary_link": True})
    assert again.opened == [] and again.still_failing == [link]
    assert Deficiency.objects.count() == 2  # no duplicate
    assert list(link.events.values_list("action", flat=True)) == ["opened", "still_failing"]
    cooling = Deficiency.objects.get(item_code="cooling")
    assert cooling.status == "open"
    assert cooling.events.last().action == "passed_unverified"  # passing, but never marked fixed
