"""Labels of the training pages: roles (board members included), what is missing, seconds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.utils.translation import gettext as _

from shora.web.language import reader_language
from shora.web.templatetags.persian import number
from shora_domain.jalali import format_jalali_numeric
from shora_domain.staff_roles import role_label
from shora_domain.training_certification import Missing, Shortfall

register = template.Library()


@register.filter
def training_role(role: str) -> str:
    if role == "board_member":
        return _("executive board member")
    return role_label(role, reader_language())


@register.filter
def missing_text(missing: Iterable[Shortfall]) -> str:
    labels = {
        Missing.ATTENDANCE: _("sessions"),
        Missing.MODULE_TEST: _("a test"),
        Missing.DRILL: _("a drill"),
    }
    parts = []
    for shortfall in missing:
        if shortfall.kind is Missing.MODULE_TEST:
            parts.append(str(labels[shortfall.kind]))
        else:
            parts.append(
                f"{labels[shortfall.kind]} {number(shortfall.have)}/{number(shortfall.needed)}"
            )
    return _("missing: %(what)s") % {"what": "، ".join(dict.fromkeys(parts))}


@register.filter
def seconds(value: float | None) -> str:
    return "—" if value is None else number(round(value))


@register.filter
def lookup(mapping: Mapping[Any, Any], key: Any) -> Any:
    return mapping.get(key, "")


@register.filter
def jalali_numeric(value: Any) -> str:
    return format_jalali_numeric(value, "en")
