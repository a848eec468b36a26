"""The official result form of a constituency (صورتجلسهٔ نتیجهٔ انتخابات), as PDF.

Always in Persian whatever the reader's language: an official form, its words written in
its template (``results/result_form_pdf.html``), digits Persian and dates Jalali (the
``digits``, ``number`` and ``jalali`` template builtins under ``translation.override``).
It carries every count, each candidate's votes in the final order, the members and the
alternates in order, each tie and how the law broke it (with the lottery's seed), and the
approving and confirming boards' members with the times. WeasyPrint lays it out, with
the Vazirmatn font the site serves embedded, as the readiness and station PDFs do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

import shora.web
from shora.elections.models import Constituency
from shora.results.models import ConstituencyCertification, ConstituencyResult
from shora.results.selectors import results_settings_of
from shora_domain.jalali import format_jalali_datetime

FONTS = Path(shora.web.__file__).parent / "static" / "shora" / "fonts"

BOUNDARY_FA = {
    "last_member": "کرسی آخرین عضو اصلی",
    "last_alternate": "جایگاه آخرین عضو علی‌البدل",
    "alternate_order": "ترتیب اعضای علی‌البدل",
}
DECIDED_BY_FA = {
    "veterans": "تقدم ایثارگران",
    "degree": "مدرک تحصیلی بالاتر",
    "lottery": "قرعه‌کشی",
}


def result_form_context(
    result: ConstituencyResult, certification: ConstituencyCertification | None
) -> dict[str, Any]:
    """What the form shows: plain values the template lays out."""
    constituency: Constituency = result.constituency
    standings = list(result.standings)
    names = {s["code"]: s["name"] for s in standings}
    ties = [
        {
            **tie,
            "names": [names.get(code, code) for code in tie["codes"]],
            "order_names": [names.get(code, code) for code in tie["order"]],
            "boundary_fa": BOUNDARY_FA.get(tie["boundary"], tie["boundary"]),
            "decided_by_fa": DECIDED_BY_FA.get(tie["decided_by"], tie["decided_by"]),
        }
        for tie in result.ties
    ]
    return {
        "election": constituency.election,
        "constituency": constituency,
        "county": constituency.district.county,
        "result": result,
        "counts": result.counts,
        "standings": standings,
        "members": [s for s in standings if s["outcome"] == "member"],
        "alternates": [s for s in standings if s["outcome"] == "alternate"],
        "ties": ties,
        "settings": results_settings_of(constituency.election),
        "certification": certification,
        "generated_at": format_jalali_datetime(timezone.now()),
    }


def result_form_pdf(
    result: ConstituencyResult, certification: ConstituencyCertification | None
) -> bytes:
    """The constituency's official result form, A4 portrait, as PDF bytes."""
    from weasyprint import HTML

    context = result_form_context(result, certification)
    context.update(
        font_regular=(FONTS / "Vazirmatn-Regular.ttf").as_uri(),
        font_bold=(FONTS / "Vazirmatn-Bold.ttf").as_uri(),
    )
    with translation.override("fa"):
        html = render_to_string("results/result_form_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(FONTS)).write_pdf()
    return pdf
