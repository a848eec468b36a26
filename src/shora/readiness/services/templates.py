"""Checklist templates and their versions: drafts are edited, published versions frozen."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election
from shora.readiness.access import can_edit_templates, require
from shora.readiness.default_template import DEFAULT_ITEMS, DEFAULT_TEMPLATE_NAME
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import (
    Area,
    CheckKind,
    ChecklistTemplate,
    Comparison,
    OrganisationKind,
    Severity,
    TemplateItem,
    TemplateVersion,
)
from shora.readiness.services.common import clean_text, moment
from shora_domain.digits import format_number


@dataclass(frozen=True)
class ItemFields:
    """An item as the HQ writes it."""

    area: str
    text: str
    severity: str
    responsible_kind: str
    check_kind: str
    text_en: str = ""
    threshold: Decimal | None = None
    comparison: str = ""
    unit: str = ""
    unit_en: str = ""


def _unit(election: Election) -> str:
    return f"province:{election.province.code}"


def _checked(fields: ItemFields) -> dict[str, Any]:
    """The item's stored fields; refused when a choice is unknown or a threshold missing."""
    for value, choices, what_fa, what_en in (
        (fields.area, Area, "حوزهٔ بند", "area"),
        (fields.severity, Severity, "شدت", "severity"),
        (fields.responsible_kind, OrganisationKind, "نوع سازمان مسئول", "responsible kind"),
        (fields.check_kind, CheckKind, "روش بررسی", "way of checking"),
    ):
        if value not in choices.values:
            raise refuse(
                ReadinessRefusal.BAD_ITEM,
                fa=f"{what_fa} نامعتبر است: {value}",
                en=f"Unknown {what_en}: {value}",
            )
    text = clean_text(fields.text)
    if not text or len(text) > 300 or len(fields.text_en) > 300:
        raise refuse(
            ReadinessRefusal.BAD_ITEM,
            fa="متن بند باید نوشته شود و از ۳۰۰ نویسه بیشتر نباشد.",
            en="An item needs a text of at most 300 characters.",
        )
    measured = fields.check_kind == CheckKind.MEASURED
    if measured and (fields.threshold is None or fields.comparison not in Comparison.values):
        raise refuse(
            ReadinessRefusal.BAD_ITEM,
            fa="بندی که با اندازه‌گیری بررسی می‌شود آستانه و مقایسه لازم دارد.",
            en="A measured item needs a threshold and a comparison.",
        )
    if measured and fields.threshold is not None and not 0 <= fields.threshold < 10**10:
        raise refuse(
            ReadinessRefusal.BAD_ITEM,
            fa="آستانه باید عددی نامنفی باشد.",
            en="The threshold must be a number, not negative.",
        )
    return {
        "area": fields.area,
        "text": text,
        "text_en": " ".join(fields.text_en.split()),
        "severity": fields.severity,
        "responsible_kind": fields.responsible_kind,
        "check_kind": fields.check_kind,
        "threshold": fields.threshold if measured else None,
        "comparison": fields.comparison if measured else "",
        "unit": clean_text(fields.unit) if measured else "",
        "unit_en": fields.unit_en.strip() if measured else "",
    }


def _draft(version: TemplateVersion) -> TemplateVersion:
    """The version, locked, refused unless it is still a draft."""
    version = (
        TemplateVersion.objects.select_for_update()
        .select_related("template__election__province")
        .get(pk=version.pk)
    )
    if version.is_published:
        raise refuse(
            ReadinessRefusal.VERSION_PUBLISHED,
            fa=(
                f"نسخهٔ {format_number(version.number)} منتشر شده و تغییر نمی‌کند؛ "
                "برای ویرایش نسخهٔ تازه‌ای باز کنید."
            ),
            en=f"Version {version.number} is published and frozen; open a new draft to edit.",
        )
    return version


def _json(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in fields.items()}


@transaction.atomic
def template_create_default(*, actor: Any, election: Election) -> ChecklistTemplate:
    """The standard checklist (default_template.py), published as version 1."""
    require(actor is None or can_edit_templates(actor, election))
    if ChecklistTemplate.objects.filter(election=election, name=DEFAULT_TEMPLATE_NAME).exists():
        raise refuse(
            ReadinessRefusal.TEMPLATE_EXISTS,
            fa="چک‌لیست پیش‌فرض این انتخابات پیش‌تر ساخته شده است.",
            en="This election already has the default checklist.",
        )
    now = moment(None)
    template = ChecklistTemplate.objects.create(
        election=election, name=DEFAULT_TEMPLATE_NAME, created_at=now
    )
    version = TemplateVersion.objects.create(
        template=template,
        number=1,
        created_at=now,
        published_at=now,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    TemplateItem.objects.bulk_create(
        TemplateItem(
            version=version,
            position=position,
            code=seed.code,
            **_checked(ItemFields(**{k: v for k, v in asdict(seed).items() if k != "code"})),
        )
        for position, seed in enumerate(DEFAULT_ITEMS, start=1)
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CHECKLIST_TEMPLATE_CREATED,
        target=template,
        unit=_unit(election),
        new={"name": template.name, "version": 1, "items": len(DEFAULT_ITEMS)},
    )
    return template


@transaction.atomic
def template_draft_open(*, actor: Any, template: ChecklistTemplate) -> TemplateVersion:
    """The template's draft: the open one, or a new one copying the latest published version."""
    template = (
        ChecklistTemplate.objects.select_for_update()
        .select_related("election__province")
        .get(pk=template.pk)
    )
    require(actor is None or can_edit_templates(actor, template.election))
    draft = template.versions.filter(published_at__isnull=True).first()
    if draft is not None:
        return draft
    latest = template.versions.order_by("-number").first()
    draft = TemplateVersion.objects.create(
        template=template, number=(latest.number + 1) if latest else 1, created_at=moment(None)
    )
    if latest is not None:
        TemplateItem.objects.bulk_create(
            TemplateItem(
                version=draft,
                position=item.position,
                code=item.code,
                area=item.area,
                text=item.text,
                text_en=item.text_en,
                severity=item.severity,
                responsible_kind=item.responsible_kind,
                check_kind=item.check_kind,
                threshold=item.threshold,
                comparison=item.comparison,
                unit=item.unit,
                unit_en=item.unit_en,
            )
            for item in latest.items.all()
        )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CHECKLIST_DRAFT_OPENED,
        target=draft,
        unit=_unit(template.election),
        new={"template": template.name, "version": draft.number},
    )
    return draft


def _free_code(version: TemplateVersion, fields: ItemFields) -> str:
    taken = set(version.items.values_list("code", flat=True))
    base = slugify(fields.text_en)[:32].strip("-") or "item"
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


@transaction.atomic
def template_item_add(*, actor: Any, version: TemplateVersion, fields: ItemFields) -> TemplateItem:
    version = _draft(version)
    require(actor is None or can_edit_templates(actor, version.template.election))
    stored = _checked(fields)
    position = (version.items.aggregate(last=Max("position"))["last"] or 0) + 1
    item = TemplateItem.objects.create(
        version=version, position=position, code=_free_code(version, fields), **stored
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.CHECKLIST_ITEM_CHANGED,
        target=item,
        unit=_unit(version.template.election),
        new={"version": version.number, "code": item.code, **_json(stored)},
    )
    return item


@transaction.atomic
def template_item_change(*, actor: Any, item: TemplateItem, fields: ItemFields) -> TemplateItem:
    version = _draft(item.version)
    require(actor is None or can_edit_templates(actor, version.template.election))
    item = TemplateItem.objects.get(pk=item.pk)
    stored = _checked(fields)
    old = _json({key: getattr(item, key) for key in stored})
    for key, value in stored.items():
        setattr(item, key, value)
    item.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.CHECKLIST_ITEM_CHANGED,
        target=item,
        unit=_unit(version.template.election),
        old=old,
        new={"version": version.number, "code": item.code, **_json(stored)},
    )
    return item


@transaction.atomic
def template_item_remove(*, actor: Any, item: TemplateItem) -> None:
    version = _draft(item.version)
    require(actor is None or can_edit_templates(actor, version.template.election))
    old = {"version": version.number, "code": item.code, "text": item.text}
    audit_record(
        actor=actor,
        event_type=AuditEventType.CHECKLIST_ITEM_CHANGED,
        target=item,
        unit=_unit(version.template.election),
        old=old,
    )
    TemplateItem.objects.filter(pk=item.pk).delete()


@transaction.atomic
def template_version_publish(*, actor: Any, version: TemplateVersion) -> TemplateVersion:
    """Freeze the draft: from now on inspections use it, and it never changes."""
    version = _draft(version)
    require(actor is None or can_edit_templates(actor, version.template.election))
    items = version.items.count()
    if items == 0:
        raise refuse(
            ReadinessRefusal.VERSION_EMPTY,
            fa="نسخهٔ بدون بند منتشر نمی‌شود.",
            en="A version without items cannot be published.",
        )
    version.published_at = moment(None)
    version.published_by = actor if getattr(actor, "pk", None) else None
    version.save(update_fields=["published_at", "published_by"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.CHECKLIST_VERSION_PUBLISHED,
        target=version,
        unit=_unit(version.template.election),
        new={"template": version.template.name, "version": version.number, "items": items},
    )
    return version
