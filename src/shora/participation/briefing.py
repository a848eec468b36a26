"""The participation briefing for the provincial HQ, as PDF (A4 landscape, WeasyPrint).

Always in Persian whatever the reader's language, as the HQ's papers are: the dashboard's
figures are made again under ``translation.override("fa")``, so the charts' labels, the
group names, the digits (the ``number``, ``digits`` and ``percent`` filters) and the Jalali
dates all come out Persian. The charts are the dashboard's own SVG
(``shora.readiness.charts``), drawn inline with the Vazirmatn font the site serves, as the
readiness and result-form PDFs do. But WeasyPrint's SVG text is neither shaped nor laid
out right to left (Persian letters come out apart and reversed), so the legends are taken
out of the SVG and written as HTML beside it, and the phases on the x axis are numbered
(the table beside names them); digits and times in SVG text come out right.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from shora.elections.models import Election
from shora.participation.access import Scope
from shora.participation.snapshots import over_time_chart
from shora.results.documents import FONTS
from shora_domain.jalali import format_jalali_datetime

# A legend entry of ``readiness.charts.line_chart``: its swatch, then its label and value.
LEGEND = re.compile(
    r'<rect [^>]*fill="(#[0-9a-fA-F]{6})"/><text [^>]*font-size="13"[^>]*>(.*?)</text>'
)


def legend_apart(
    chart: SafeString | None,
) -> tuple[SafeString | None, list[tuple[str, SafeString]]]:
    """The chart without its legend, and the legend as (colour, label) for HTML."""
    if not chart:
        return None, []
    # the labels were escaped by line_chart: they stay safe as they are
    legend = [(colour, mark_safe(label)) for colour, label in LEGEND.findall(chart)]  # noqa: S308
    return mark_safe(LEGEND.sub("", chart)), legend  # noqa: S308


def briefing_pdf(
    election: Election, scope: Scope, context_of: Callable[[], dict[str, Any]]
) -> bytes:
    """The briefing of ``scope``; ``context_of`` makes the dashboard's context (called
    under the Persian override, so that everything it words is Persian)."""
    from weasyprint import HTML  # loads Pango and friends: only when a PDF is asked for

    with translation.override("fa"):
        context = context_of()
        chart, chart_legend = legend_apart(context.get("chart"))
        womens_chart = over_time_chart(context.get("over_time") or [], "fa", numbered=True)
        womens_chart, womens_legend = legend_apart(womens_chart)
        context.update(
            chart=chart,
            chart_legend=chart_legend,
            over_time_chart=womens_chart,
            over_time_legend=womens_legend,
            election=election,
            scope=scope,
            generated_at=format_jalali_datetime(timezone.now()),
            font_regular=(FONTS / "Vazirmatn-Regular.ttf").as_uri(),
            font_bold=(FONTS / "Vazirmatn-Bold.ttf").as_uri(),
        )
        html = render_to_string("participation/briefing_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(FONTS)).write_pdf()
    return pdf
