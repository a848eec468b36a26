"""Labels of the boards' codes in the reader's language: roles, kinds of board, relations,
percentages of women."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone

from shora.boards.places import BoardPlace
from shora.web.language import reader_language
from shora_domain.conflicts import Relation
from shora_domain.jalali import format_jalali_date
from shora_domain.staff_roles import BoardKind, role_label
from shora_domain.womens_share import Share, format_percent

register = template.Library()


@register.filter
def role(code: str) -> str:
    """A seat's or a post's label: «معتمد» / "trustee"."""
    return role_label(str(code), reader_language())


@register.filter
def board_kind(code: str) -> str:
    return BoardKind(str(code)).label(reader_language())


@register.filter
def relation(code: str) -> str:
    return Relation(str(code)).label(reader_language())


@register.filter
def percent(share: Share) -> str:
    """Women's share as "۳۳٫۳٪" (Persian) or "33.3%"; "—" for nobody."""
    return format_percent(share, reader_language())


@register.filter
def board_label(place: BoardPlace) -> str:
    """A board by its kind and unit: «هیئت اجرایی شهرستان اهواز»."""
    return place.label(reader_language())


@register.filter
def day(moment: datetime.datetime | None) -> str:
    """The Jalali date (in Tehran) of a moment, without the time: «۷ آذر ۱۴۰۵»."""
    if moment is None:
        return "—"
    return format_jalali_date(timezone.localtime(moment).date(), reader_language())
