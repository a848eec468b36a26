"""Template filters for what a person reads: Persian digits, Jalali dates, Tehran time.

They follow the active language: Persian digits and month names in Persian, Latin in
English. Loaded as a builtin, so every template has them.
"""

from __future__ import annotations

import datetime

from django import template

from shora.web.language import reader_language
from shora_domain.digits import format_number, to_persian_digits
from shora_domain.jalali import format_jalali_date, format_jalali_datetime

register = template.Library()


@register.filter
def digits(value: object) -> str:
    """Any text with its digits in the reader's script."""
    text = "" if value is None else str(value)
    return to_persian_digits(text) if reader_language() == "fa" else text


@register.filter
def number(value: int | None) -> str:
    """A count with thousands grouped, in the reader's digits."""
    if value is None:
        return "—"
    return format_number(int(value), reader_language())


@register.filter
def jalali(value: datetime.date | datetime.datetime | None) -> str:
    """A date (or the date of a datetime, in Tehran) on the Jalali calendar."""
    if value is None:
        return "—"
    if isinstance(value, datetime.datetime):
        return format_jalali_datetime(value, reader_language())
    return format_jalali_date(value, reader_language())


@register.filter
def clock(value: datetime.time | None) -> str:
    """A time of day as HH:MM in the reader's digits."""
    if value is None:
        return "—"
    return digits(value.strftime("%H:%M"))


@register.simple_tag
def pick(fa: str, en: str) -> str:
    """Of a refusal's two messages, the one in the reader's language."""
    return en if reader_language() == "en" else fa
