"""A deficiency's workflow: assigned, started, fixed, verified by someone else, with history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.models import AuditEvent
from shora.readiness.errors import ReadinessRefusal
from shora.readiness.models import Deficiency
from shora.readiness.selectors import station_readiness
from shora.readiness.services import (
    deficiency_assign,
    deficiency_mark_fixed,
    deficiency_start,
    deficiency_verify,
    organisation_register,
)
from shora_domain.deficiency_workflow import WorkflowRefusal
from shora_domain.errors import DomainError
from shora_domain.readiness_checks import CheckRefusal
from shora_domain.readiness_deadlines import DeadlineRefusal
from shora_domain.readiness_scoring import ReadinessState

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.en
    return caught.value


@pytest.fixture
def link_down(geo, inspect, organisations) -> Deficiency:
    outcome = inspect(geo.station_a1, {"primary_link": True})
    return outcome.opened[0]


def test_the_whole_workflow_with_its_history_and_audit(link_down, make_user, clock):
    county = make_user("county")
    inspector = make_user("district")
    assert station_readiness(link_down.station).state is ReadinessState.NOT_READY
    deficiency_start(actor=county, deficiency=link_down, note="تیم مخابرات اعزام شد")
    clock.advance(2)
    deficiency_mark_fixed(
        actor=county, deficiency=link_down, note="فیبر جوش داده شد", photo=png_bytes(colour="blue")
    )
    link_down.refresh_from_db()
    assert (link_down.status, link_down.fixed_by) == ("fixed", county)
    # fixed is not ready until verified
    assert station_readiness(link_down.station).state is ReadinessState.NOT_READY
    clock.advance(1)
    deficiency_verify(actor=inspector, deficiency=link_down, passed=True)
    link_down.refresh_from_db()
    assert link_down.status == "verified" and link_down.verified_by_name == "district"
    assert station_readiness(link_down.station).state is ReadinessState.READY
    history = list(link_down.events.values_list("action", "from_status", "to_status"))
    assert history == [
        ("opened", "", "open"),
        ("started", "open", "in_progress"),
        ("fixed", "in_progress", "fixed"),
        ("verified", "fixed", "verified"),
    ]
    assert link_down.events.get(action="fixed").photo is not None
    assert list(
        AuditEvent.objects.filter(event_type__in=range(730, 740)).values_list(
            "event_type", flat=True
        )
    ) == [732, 733, 734]


def test_the_one_who_marked_it_fixed_may_not_verify_it(link_down, make_user):
    county = make_user("county")
    deficiency_mark_fixed(actor=county, deficiency=link_down)
    error = refused(
        WorkflowRefusal.SELF_VERIFICATION,
        deficiency_verify,
        actor=county,
        deficiency=link_down,
        passed=True,
    )
    assert "بازرسی" in error.fa
    # nor can it be done by giving another name
    refused(
        WorkflowRefusal.SELF_VERIFICATION,
        deficiency_verify,
        actor=county,
        deficiency=link_down,
        passed=True,
        inspector_name="کسی دیگر",
    )
    link_down.refresh_from_db()
    assert link_down.status == "fixed"


def test_the_system_is_told_apart_by_name(link_down):
    refused(ReadinessRefusal.NAME_REQUIRED, deficiency_mark_fixed, actor=None, deficiency=link_down)
    deficiency_mark_fixed(actor=None, deficiency=link_down, fixed_by_name="ناصر سواری")
    refused(
        WorkflowRefusal.SELF_VERIFICATION,
        deficiency_verify,
        actor=None,
        deficiency=link_down,
        passed=True,
        inspector_name="ناصر  سواري",
    )
    deficiency_verify(actor=None, deficiency=link_down, passed=True, inspector_name="لیلا عساکره")


def test_a_failing_re_inspection_reopens_and_a_later_inspection_verifies(
    link_down, make_user, inspect, clock
):
    county = make_user("county")
    deficiency_mark_fixed(actor=county, deficiency=link_down)
    deficiency_verify(
        actor=None,
        deficiency=link_down,
        passed=False,
        inspector_name="بازرس ب",
        note="هنوز قطع است",
    )
    link_down.refresh_from_db()
    assert link_down.status == "open" and link_down.fixed_by is None
    assert link_down.events.last().action == "reopened"
    deficiency_mark_fixed(actor=county, deficiency=link_down)
    clock.advance(1)
    # a whole new inspection by someone else passes the item: verified
    outcome = inspect(link_down.station, inspector_name="بازرس ج")
    assert outcome.verified == [Deficiency.objects.get(pk=link_down.pk)]
    # an inspection by the one who fixed it does not verify
    other = inspect(link_down.station, {"cooling": True})
    cooling = other.opened[0]
    deficiency_mark_fixed(actor=county, deficiency=cooling)
    again = inspect(link_down.station, actor=county)
    assert again.verified == []
    cooling.refresh_from_db()
    assert cooling.status == "fixed" and cooling.events.last().action == "passed_unverified"
    # and one that fails a fixed item reopens it
    reopened = inspect(link_down.station, {"cooling": True}, inspector_name="بازرس د")
    assert reopened.reopened == [Deficiency.objects.get(pk=cooling.pk)]


def test_only_a_fixed_deficiency_is_verified(link_down, make_user):
    refused(
        WorkflowRefusal.NOT_ALLOWED,
        deficiency_verify,
        actor=make_user("county"),
        deficiency=link_down,
        passed=True,
    )
    deficiency_start(actor=None, deficiency=link_down)
    refused(WorkflowRefusal.NOT_ALLOWED, deficiency_start, actor=None, deficiency=link_down)


def test_verifying_a_measured_item_needs_the_measured_value(geo, inspect, make_user):
    outcome = inspect(geo.station_a1, {"link_bandwidth": "3"})
    slow = outcome.opened[0]
    deficiency_mark_fixed(actor=make_user("county"), deficiency=slow)
    refused(
        CheckRefusal.VALUE_MISSING,
        deficiency_verify,
        actor=None,
        deficiency=slow,
        inspector_name="بازرس",
        passed=True,
    )
    deficiency_verify(actor=None, deficiency=slow, inspector_name="بازرس", value="۸")
    slow.refresh_from_db()
    assert slow.status == "open"  # 8 < 10 Mbit/s: reopened
    assert slow.events.last().note.startswith("8 مگابیت")


def test_assigning_checks_the_organisation_the_person_and_the_due_date(
    link_down, organisations, geo, make_user, clock
):
    county = make_user("county")
    telecom = organisations["telecom"]
    deficiency_assign(
        actor=county,
        deficiency=link_down,
        organisation=telecom,
        responsible_person="رضا عباسي",
        due_on=datetime.date(2026, 4, 30),
    )
    link_down.refresh_from_db()
    assert (link_down.organisation, link_down.responsible_person, link_down.due_on) == (
        telecom,
        "رضا عباسی",
        datetime.date(2026, 4, 30),
    )
    assert link_down.events.last().action == "assigned"
    error = refused(
        DeadlineRefusal.DUE_NOT_BEFORE_POLLING,
        deficiency_assign,
        actor=county,
        deficiency=link_down,
        organisation=telecom,
        responsible_person="رضا",
        due_on=datetime.date(2026, 5, 1),
    )
    assert "۱۰ اردیبهشت ۱۴۰۵" in error.fa
    refused(
        DeadlineRefusal.DUE_NOT_BEFORE_POLLING,
        deficiency_assign,
        actor=county,
        deficiency=link_down,
        organisation=telecom,
        responsible_person="رضا",
        due_on=datetime.date(2026, 6, 1),
    )
    refused(
        DeadlineRefusal.DUE_ALREADY_PASSED,
        deficiency_assign,
        actor=county,
        deficiency=link_down,
        organisation=telecom,
        responsible_person="رضا",
        due_on=datetime.date(2026, 3, 30),
    )
    refused(
        ReadinessRefusal.NAME_REQUIRED,
        deficiency_assign,
        actor=county,
        deficiency=link_down,
        organisation=telecom,
        responsible_person=" ",
        due_on=datetime.date(2026, 4, 20),
    )
    abadan = organisation_register(
        actor=None,
        province=geo.province,
        county=geo.county_b,
        kind="telecom",
        name="مخابرات آبادان",
        contact_person="سعید",
        phone="06153220000",
    )
    refused(
        ReadinessRefusal.BAD_ORGANISATION,
        deficiency_assign,
        actor=county,
        deficiency=link_down,
        organisation=abadan,
        responsible_person="سعید",
        due_on=datetime.date(2026, 4, 20),
    )


@pytest.mark.parametrize(
    ("role", "unit", "allowed"),
    [
        ("county", "county_a", True),
        ("county", "county_b", False),
        ("district", "district_a1", True),
        ("district", "district_a2", False),
        ("province_hq", None, False),
        ("supervisor", None, False),
        ("station", None, False),
    ],
)
def test_only_the_station_s_county_or_district_manages_its_deficiencies(
    link_down, geo, make_user, role, unit, allowed
):
    kwargs = {}
    if unit is not None:
        kwargs = {"county" if role == "county" else "district": getattr(geo, unit)}
    user = make_user(role, username=f"{role}-{unit}", **kwargs)
    if allowed:
        deficiency_start(actor=user, deficiency=link_down)
        return
    for call in (deficiency_start, deficiency_mark_fixed):
        with pytest.raises(PermissionDenied):
            call(actor=user, deficiency=link_down)
    with pytest.raises(PermissionDenied):
        deficiency_assign(
            actor=user,
            deficiency=link_down,
            organisation=None,
            responsible_person="x",
            due_on=datetime.date(2026, 4, 20),
        )


def test_after_polling_day_nothing_changes(link_down, clock):
    clock.jalali(1405, 2, 20)
    refused(DeadlineRefusal.AFTER_POLLING_DAY, deficiency_start, actor=None, deficiency=link_down)
