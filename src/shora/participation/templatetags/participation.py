"""``percent``: tenths of a percent as the reader reads them ("۶۵٫۵٪", "65.5%", "—")."""

from __future__ import annotations

from django import template

from shora.web.language import reader_language
from shora_domain.turnout_rules import format_tenths

register = template.Library()


@register.filter
def percent(tenths: int | None) -> str:
    return format_tenths(tenths, reader_language())
