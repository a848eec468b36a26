"""Checklist templates: the default one, drafts, immutable published versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.models import AuditEvent
from shora.readiness.errors import ReadinessRefusal
from shora.readiness.models import Inspection, TemplateItem
from shora.readiness.services import (
    ItemAnswer,
    ItemFields,
    inspection_record,
    template_create_default,
    template_draft_open,
    template_item_add,
    template_item_change,
    template_item_remove,
    template_version_publish,
)
from shora_domain.errors import DomainError

from .conftest import answers

pytestmark = pytest.mark.django_db

RAMP_LIGHT = ItemFields(
    area="accessibility",
    text="علامت‌گذاري راهنما برای نابینایان",
    severity="minor",
    responsible_kind="municipality",
    check_kind="yes_no",
    text_en="Guidance for blind voters",
)


def refused(code, call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.en
    return caught.value


def test_the_default_checklist_is_published_with_every_area(checklist, geo):
    assert checklist.is_published and checklist.number == 1
    items = list(checklist.items.all())
    assert len(items) >= 20
    assert {item.area for item in items} == {
        "network",
        "power",
        "identity_device",
        "voting_device",
        "printer",
        "spares",
        "building",
        "accessibility",
        "security",
    }
    bandwidth = checklist.items.get(code="link_bandwidth")
    assert (bandwidth.threshold, bandwidth.comparison, bandwidth.unit_en) == (
        Decimal(10),
        "at_least",
        "Mbit/s",
    )
    assert checklist.items.get(code="ups_minutes").threshold == Decimal(60)
    assert {item.severity for item in items} == {"blocking", "major", "minor"}
    assert all(item.text and item.text_en for item in items)
    assert AuditEvent.objects.filter(event_type=701).count() == 1


def test_the_default_checklist_is_made_once(checklist, geo):
    refused(
        ReadinessRefusal.TEMPLATE_EXISTS, template_create_default, actor=None, election=geo.election
    )


def test_editing_makes_a_new_draft_and_publishing_freezes_it(checklist, make_user):
    hq = make_user("province_hq")
    draft = template_draft_open(actor=hq, template=checklist.template)
    assert (draft.number, draft.is_published) == (2, False)
    assert draft.items.count() == checklist.items.count()
    assert template_draft_open(actor=hq, template=checklist.template) == draft  # one draft

    added = template_item_add(actor=hq, version=draft, fields=RAMP_LIGHT)
    assert added.text == "علامت‌گذاری راهنما برای نابینایان"  # Arabic yeh stored as Persian
    assert added.code == "guidance-for-blind-voters"
    generator = draft.items.get(code="generator")
    template_item_change(
        actor=hq,
        item=generator,
        fields=ItemFields(
            area="power",
            text=generator.text,
            severity="major",
            responsible_kind="power",
            check_kind="yes_no",
            text_en=generator.text_en,
        ),
    )
    template_item_remove(actor=hq, item=draft.items.get(code="ground_floor_booth"))
    template_version_publish(actor=hq, version=draft)

    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == hq
    assert checklist.items.get(code="generator").severity == "minor"  # v1 unchanged
    assert checklist.items.filter(code="ground_floor_booth").exists()
    assert draft.items.get(code="generator").severity == "major"
    for call, kwargs in (
        (template_item_add, {"version": draft, "fields": RAMP_LIGHT}),
        (template_item_remove, {"item": draft.items.first()}),
        (template_version_publish, {"version": draft}),
        (template_item_add, {"version": checklist, "fields": RAMP_LIGHT}),
    ):
        refused(ReadinessRefusal.VERSION_PUBLISHED, call, actor=hq, **kwargs)


def test_bad_items_are_refused(checklist, make_user):
    hq = make_user("province_hq")
    draft = template_draft_open(actor=hq, template=checklist.template)
    for fields in (
        ItemFields(
            area="roof", text="x", severity="minor", responsible_kind="power", check_kind="yes_no"
        ),
        ItemFields(
            area="power",
            text="   ",
            severity="minor",
            responsible_kind="power",
            check_kind="yes_no",
        ),
        ItemFields(
            area="power",
            text="ب" * 301,
            severity="minor",
            responsible_kind="power",
            check_kind="yes_no",
        ),
        ItemFields(
            area="power",
            text="برق",
            severity="fatal",
            responsible_kind="power",
            check_kind="yes_no",
        ),
        ItemFields(
            area="power",
            text="ولتاژ",
            severity="minor",
            responsible_kind="power",
            check_kind="measured",
        ),
        ItemFields(
            area="power",
            text="ولتاژ",
            severity="minor",
            responsible_kind="power",
            check_kind="measured",
            threshold=Decimal(-1),
            comparison="at_least",
        ),
    ):
        refused(
            ReadinessRefusal.BAD_ITEM, template_item_add, actor=hq, version=draft, fields=fields
        )


def test_an_empty_draft_is_not_published(geo, clock, make_user):
    hq = make_user("province_hq")
    template = template_create_default(actor=hq, election=geo.election)
    draft = template_draft_open(actor=hq, template=template)
    for item in draft.items.all():
        template_item_remove(actor=hq, item=item)
    refused(ReadinessRefusal.VERSION_EMPTY, template_version_publish, actor=hq, version=draft)


@pytest.mark.parametrize("role", ["county", "district", "supervisor", "station", "trainer"])
def test_only_the_hq_edits_templates(checklist, make_user, role):
    user = make_user(role)
    with pytest.raises(PermissionDenied):
        template_draft_open(actor=user, template=checklist.template)
    with pytest.raises(PermissionDenied):
        template_create_default(actor=user, election=checklist.template.election)


def test_a_change_while_inspections_are_under_way_leaves_old_inspections_their_version(
    checklist, geo, make_user, inspect
):
    hq = make_user("province_hq")
    inspect(geo.station_a1)  # under v1
    draft = template_draft_open(actor=hq, template=checklist.template)
    new_item = template_item_add(actor=hq, version=draft, fields=RAMP_LIGHT)
    started_on_v1 = answers(checklist)  # an inspector opened the form before publishing
    template_version_publish(actor=hq, version=draft)

    # the inspector's results against v1 are still accepted, and keep v1
    outcome = inspection_record(
        actor=None,
        station=geo.station_a2,
        version=checklist,
        answers=started_on_v1,
        inspector_name="بازرس",
    )
    assert outcome.inspection.version == checklist
    assert Inspection.objects.filter(version=checklist).count() == 2
    # an answer to an item of v2 is not an answer to v1
    error = refused(
        ReadinessRefusal.ITEM_NOT_IN_VERSION,
        inspection_record,
        actor=None,
        station=geo.station_b1,
        version=checklist,
        answers=[*started_on_v1, ItemAnswer(new_item.pk, passed=True)],
        inspector_name="بازرس",
    )
    assert str(new_item.pk) in error.en
    # a draft cannot be inspected against
    second = template_draft_open(actor=hq, template=checklist.template)
    refused(
        ReadinessRefusal.VERSION_NOT_PUBLISHED,
        inspection_record,
        actor=None,
        station=geo.station_b1,
        version=second,
        answers=answers(second),
        inspector_name="بازرس",
    )
    assert TemplateItem.objects.filter(version=checklist).count() == checklist.items.count()


def test_the_stored_choices_mirror_the_pure_rules():
    from shora.readiness import models
    from shora_domain import readiness_checks, readiness_scoring

    for stored, pure in (
        (models.Severity, readiness_scoring.Severity),
        (models.DeficiencyStatus, readiness_scoring.DeficiencyStatus),
        (models.CheckKind, readiness_checks.CheckKind),
        (models.Comparison, readiness_checks.Comparison),
    ):
        assert set(stored.values) == {member.value for member in pure}
