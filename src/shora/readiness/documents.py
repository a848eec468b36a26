"""The county's report to the provincial HQ: a PDF in the look of an official form, and the
spreadsheet of its deficiencies.

Both are always in Persian (the PDF's words are written in its template, not looked up in
the catalogue, so that a form sent to the HQ never comes out half in English); the
spreadsheet's headers are Persian with English beside them. Dates are Jalali, digits
Persian in the PDF; the sheet reads right to left, codes and dates kept as text.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

import shora.web
from shora.elections.models import County, Election
from shora.readiness import clock
from shora.readiness.models import CountySubmission
from shora.readiness.selectors import readiness_reference, station_scores
from shora.readiness.selectors.deficiencies import DeficiencyRow, deficiencies_of, deficiency_rows
from shora.readiness.selectors.submissions import county_submissions
from shora_domain.deficiency_workflow import STATUS_LABELS
from shora_domain.jalali import format_jalali_datetime, format_jalali_numeric
from shora_domain.readiness_scoring import DeficiencyStatus, unit_score

FONTS = Path(shora.web.__file__).parent / "static" / "shora" / "fonts"
SEVERITY_FA = {"blocking": "مانع", "major": "مهم", "minor": "جزئی"}
STATE_FA = {"ready": "آماده", "at_risk": "در معرض خطر", "not_ready": "ناآماده"}
SUBMISSION_FA = {
    "submitted": "فرستاده‌شده، در انتظار بررسی ستاد استان",
    "acknowledged": "دریافت و تأیید ستاد استان",
    "returned": "بازگردانده‌شده با توضیح",
}


def _report_context(election: Election, county: County) -> dict[str, Any]:
    reference = readiness_reference(election)
    scores = station_scores(election, election.stations.filter(district__county=county))
    rows = deficiency_rows(
        deficiencies_of(election, county=county), on=reference.day, soon_days=clock.soon_days()
    )
    submission: CountySubmission | None = county_submissions(election, county).first()
    return {
        "election": election,
        "county": county,
        "reference": reference,
        "readiness": unit_score(scores.values()),
        "rows": rows,
        "submission": submission,
        "submission_state": SUBMISSION_FA.get(submission.state, "") if submission else "",
        "generated_at": format_jalali_datetime(clock.now()),
    }


def county_report_pdf(election: Election, county: County) -> bytes:
    from weasyprint import HTML

    context = _report_context(election, county)
    readiness = context["readiness"]
    context.update(
        state_fa=STATE_FA.get(readiness.state.value, "—") if readiness.state else "—",
        severity_fa=SEVERITY_FA,
        status_fa={status.value: label[0] for status, label in STATUS_LABELS.items()},
        font_regular=(FONTS / "Vazirmatn-Regular.ttf").as_uri(),
        font_bold=(FONTS / "Vazirmatn-Bold.ttf").as_uri(),
    )
    with translation.override("fa"):
        html = render_to_string("readiness/county_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(FONTS)).write_pdf()
    return pdf


XLSX_HEADERS = (
    ("ردیف", "row"),
    ("کد شعبه", "station code"),
    ("شعبه", "station"),
    ("بخش", "district"),
    ("بند چک‌لیست", "checklist item"),
    ("شدت", "severity"),
    ("یافته", "finding"),
    ("سازمان مسئول", "responsible organisation"),
    ("فرد مسئول", "responsible person"),
    ("تلفن", "phone"),
    ("مهلت رفع", "due date"),
    ("وضعیت", "status"),
    ("روز تأخیر", "days overdue"),
)
_WIDTHS = (6, 10, 30, 14, 46, 9, 22, 30, 20, 14, 12, 24, 10)
_OVERDUE = PatternFill("solid", fgColor="FBE9E9")


def _xlsx_row(index: int, row: DeficiencyRow) -> list[Any]:
    deficiency = row.deficiency
    organisation = deficiency.organisation
    return [
        index,
        deficiency.station.code,
        deficiency.station.name,
        deficiency.station.district.name,
        deficiency.item.text,
        SEVERITY_FA[deficiency.severity],
        deficiency.finding,
        organisation.name if organisation else "—",
        deficiency.responsible_person,
        organisation.phone if organisation else "",
        format_jalali_numeric(deficiency.due_on, "en") if deficiency.due_on else "",
        STATUS_LABELS[DeficiencyStatus(deficiency.status)][0],
        row.days_overdue,
    ]


def county_report_xlsx(election: Election, county: County) -> bytes:
    context = _report_context(election, county)
    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet(county.name[:31] or "county")
    sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A3"
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    title = WriteOnlyCell(
        sheet,
        value=f"کمبودهای زیرساختی شعب شهرستان {county.name} — "
        f"{format_jalali_numeric(context['reference'].day, 'en')}",
    )
    title.font = Font(bold=True, size=13)
    sheet.append([title])
    header = []
    for persian, english in XLSX_HEADERS:
        cell = WriteOnlyCell(sheet, value=f"{persian} / {english}")
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    for index, row in enumerate(context["rows"], start=1):
        cells = []
        for column, value in enumerate(_xlsx_row(index, row)):
            cell = WriteOnlyCell(sheet, value=value)
            if column not in (0, 12):
                cell.data_type = "s"  # codes keep their zeros; nothing runs as a formula
            if row.is_overdue:
                cell.fill = _OVERDUE
            cells.append(cell)
        sheet.append(cells)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
