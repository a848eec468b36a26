"""Drill measures as a person reads them: seconds with one decimal, in the reader's digits."""

from __future__ import annotations

from django import template

from shora.web.language import reader_language
from shora_domain.digits import to_persian_digits

register = template.Library()


@register.filter
def seconds(value: object) -> str:
    """A number of seconds (or points); anything else, a run not measured yet, is "—"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "—"
    text = f"{value:,.1f}"
    if reader_language() == "fa":
        return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))
    return text
