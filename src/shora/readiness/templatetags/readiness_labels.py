"""Labels and colours of readiness states, severities and due standings, for templates."""

from __future__ import annotations

import datetime

from django import template
from django.utils.translation import gettext_lazy as _

from shora.readiness.models import DeficiencyStatus, Severity
from shora.readiness.services.common import SYSTEM_NAME
from shora.web.language import reader_language
from shora_domain.jalali import format_jalali_date
from shora_domain.readiness_deadlines import DueStanding
from shora_domain.readiness_scoring import ReadinessState

register = template.Library()

STATE_LABELS = {
    ReadinessState.READY: _("ready"),
    ReadinessState.AT_RISK: _("at risk"),
    ReadinessState.NOT_READY: _("not ready"),
}
STATE_CLASSES = {
    ReadinessState.READY: "",
    ReadinessState.AT_RISK: "warn",
    ReadinessState.NOT_READY: "bad",
}
STANDING_LABELS = {
    DueStanding.OVERDUE: _("overdue"),
    DueStanding.DUE_SOON: _("due soon"),
    DueStanding.LATER: _("on time"),
    DueStanding.NO_DUE_DATE: _("no due date"),
}


def _state(value: object) -> ReadinessState | None:
    if isinstance(value, ReadinessState):
        return value
    try:
        return ReadinessState(str(value))
    except ValueError:
        return None


@register.filter
def state_label(value: object) -> str:
    state = _state(value)
    return str(STATE_LABELS[state]) if state else "—"


@register.filter
def state_class(value: object) -> str:
    state = _state(value)
    return STATE_CLASSES[state] if state else "muted"


@register.filter
def severity_label(value: str) -> str:
    return str(Severity(value).label) if value in Severity.values else value


@register.filter
def severity_class(value: str) -> str:
    return {"blocking": "bad", "major": "warn"}.get(value, "")


@register.filter
def status_label(value: str) -> str:
    return str(DeficiencyStatus(value).label) if value in DeficiencyStatus.values else value


@register.filter
def standing_label(value: DueStanding) -> str:
    return str(STANDING_LABELS[value])


@register.filter
def standing_class(value: DueStanding) -> str:
    return {DueStanding.OVERDUE: "bad", DueStanding.DUE_SOON: "warn"}.get(value, "")


@register.filter
def tile_class(score: object) -> str:
    """The colour of a station's tile: its state, or grey when nobody inspected it."""
    if not getattr(score, "inspected", True):
        return "tile none"
    state = getattr(score, "state", None)
    return {
        ReadinessState.READY: "tile ready",
        ReadinessState.AT_RISK: "tile risk",
        ReadinessState.NOT_READY: "tile blocked",
    }.get(state, "tile none")  # type: ignore[arg-type]


@register.filter
def jalali_iso(value: str | None) -> str:
    """An ISO date kept in JSON (a digest's), on the Jalali calendar in the reader's digits."""
    if not value:
        return "—"
    return format_jalali_date(datetime.date.fromisoformat(value), reader_language())


@register.filter
def who(name: str) -> str:
    """A person's name as recorded, or "the system" for what the system did."""
    return str(_("the system")) if name == SYSTEM_NAME else name
