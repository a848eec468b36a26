"""Rebuilding the demo: only where the database holds nothing but the demo."""

from __future__ import annotations

import pytest

from shora.accounts.models import User
from shora.audit.models import AuditEvent
from shora.audit.selectors import audit_chain_problems
from shora.demo.build import DemoSummary, demo_build
from shora.demo.wipe import DemoRefusal
from shora.elections.models import County, PollingStation, Province
from shora.elections.services import province_create
from shora_domain.errors import DomainError

pytestmark = pytest.mark.django_db


def test_rebuild_builds_the_demo_anew(small_demo: DemoSummary) -> None:
    events = AuditEvent.objects.count()
    old_users = set(User.objects.values_list("pk", flat=True))
    User.objects.filter(username="ahvaz").update(first_name="تغییر")

    assert demo_build(small=True, rebuild=True) == small_demo

    assert AuditEvent.objects.count() == events
    first = AuditEvent.objects.order_by("number").first()
    assert first is not None and first.number == 1  # a fresh chain
    assert audit_chain_problems()[1] == []
    assert not old_users & set(User.objects.values_list("pk", flat=True))
    assert User.objects.get(username="ahvaz").first_name != "تغییر"


def test_rebuild_can_change_the_size(small_demo: DemoSummary) -> None:
    full = demo_build(rebuild=True)
    assert full.stations > small_demo.stations
    assert Province.objects.count() == 1 and County.objects.count() == 30


def test_rebuild_without_a_demo_just_builds() -> None:
    assert demo_build(small=True, rebuild=True).counties == 30


def test_rebuild_refuses_a_database_with_another_province(small_demo: DemoSummary) -> None:
    province_create(actor=None, code="07", name="فارس", name_en="Fars")
    stations = PollingStation.objects.count()
    with pytest.raises(DomainError) as refused:
        demo_build(small=True, rebuild=True)
    assert refused.value.code == DemoRefusal.NOT_A_DEMO_DATABASE
    assert "Fars" in refused.value.en and "فارس" in refused.value.fa
    assert PollingStation.objects.count() == stations


def test_rebuild_refuses_a_database_with_other_users(small_demo: DemoSummary) -> None:
    User.objects.create_superuser("admin", password="an-admin-password")
    with pytest.raises(DomainError) as refused:
        demo_build(small=True, rebuild=True)
    assert "admin" in refused.value.en
    assert User.objects.filter(username="hq").exists()


def test_the_demo_is_not_built_beside_another_province() -> None:
    province_create(actor=None, code="07", name="فارس", name_en="Fars")
    with pytest.raises(DomainError):
        demo_build(small=True)
    assert not Province.objects.filter(code="06").exists()
