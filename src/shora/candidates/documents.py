"""The printable candidate list (PDF, by code) and the spreadsheet of a constituency.

The PDF is the frozen ballot as an official list: Persian, right to left, Vazirmatn (the
TTF served with the app, embedded), Persian digits, Jalali dates, the list's SHA-256 at
the foot so that a printed copy can be checked against the published ballot.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.db.models import F, QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

import shora.web
from shora.candidates.models import Ballot, Candidacy
from shora.candidates.schedule import tehran_time
from shora.elections.models import Constituency
from shora_domain.candidate_profile import (
    DEGREE_LABELS,
    GENDER_LABELS,
    VETERAN_LABELS,
    Degree,
    Gender,
    VeteranStatus,
)
from shora_domain.candidate_review import STATUS_LABELS, CandidacyStatus
from shora_domain.jalali import format_jalali_numeric

FONTS = Path(shora.web.__file__).parent / "static" / "shora" / "fonts"


def ballot_pdf(ballot: Ballot) -> bytes:
    """The frozen list of ``ballot`` as a PDF (always in Persian: it is an official form)."""
    from weasyprint import HTML

    constituency = ballot.constituency
    entries = ballot.entries.select_related("candidacy").order_by("position")
    with translation.override("fa"):
        html = render_to_string(
            "candidates/ballot_pdf.html",
            {
                "ballot": ballot,
                "constituency": constituency,
                "election": constituency.election,
                "entries": entries,
                "font_regular": (FONTS / "Vazirmatn-Regular.ttf").as_uri(),
                "font_bold": (FONTS / "Vazirmatn-Bold.ttf").as_uri(),
            },
        )
    pdf: bytes = HTML(string=html, base_url=str(FONTS)).write_pdf()
    return pdf


EXPORT_HEADERS = (
    ("کد نامزد", "candidate code"),
    ("نام خانوادگی", "surname"),
    ("نام", "first name"),
    ("نام پدر", "father's name"),
    ("کد ملی", "national code"),
    ("جنسیت", "gender"),
    ("تاریخ تولد", "birth date"),
    ("مدرک تحصیلی", "degree"),
    ("ایثارگری", "veteran status"),
    ("وضعیت", "status"),
    ("تاریخ ثبت‌نام", "registered on"),
)
_WIDTHS = (10, 22, 18, 18, 14, 8, 12, 18, 16, 34, 14)


def _row(candidacy: Candidacy) -> list[Any]:
    entry = getattr(candidacy, "ballot_entry", None)
    return [
        entry.code if entry is not None else "",
        candidacy.last_name,
        candidacy.first_name,
        candidacy.father_name,
        candidacy.national_code,
        GENDER_LABELS[Gender(candidacy.gender)][0],
        format_jalali_numeric(candidacy.birth_date, "en"),
        DEGREE_LABELS[Degree(candidacy.degree)][0],
        VETERAN_LABELS[VeteranStatus(candidacy.veteran_status)][0],
        STATUS_LABELS[CandidacyStatus(candidacy.status)][0],
        format_jalali_numeric(tehran_time(candidacy.registered_at).date(), "en"),
    ]


def candidates_xlsx(constituency: Constituency, candidacies: QuerySet[Candidacy]) -> bytes:
    """Every candidacy of ``constituency``: a right-to-left sheet, codes and dates as text."""
    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet(constituency.name[:31] or "candidates")
    sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    header = []
    for persian, english in EXPORT_HEADERS:
        cell = WriteOnlyCell(sheet, value=f"{persian} / {english}")
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    ordered = candidacies.select_related("ballot_entry").order_by(
        F("ballot_entry__position").asc(nulls_last=True), "last_name", "first_name", "pk"
    )
    for candidacy in ordered:
        row = []
        for value in _row(candidacy):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # codes keep their leading zeros; nothing runs as a formula
            row.append(cell)
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
