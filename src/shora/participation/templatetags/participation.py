"""``percent``: tenths of a percent as the reader reads them ("۶۵٫۵٪", "65.5%", "—")."""

from __future__ import annotations

from typing import Any

from django import template

from shora.web.language import reader_language
from shora_domain.turnout_rules import format_tenths

register = template.Library()


@register.filter
def percent(tenths: int | None) -> str:
    return format_tenths(tenths, reader_language())


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    """``mapping[key]`` in a template (None when absent): a table's cell by its column."""
    return mapping.get(key)


@register.filter
def tenths(value: int | None) -> str:
    """A figure kept in tenths ("۱۲٫۳", "12.3", "—"): a percentage without its sign."""
    return format_tenths(value, reader_language()).rstrip("%\u066a")
