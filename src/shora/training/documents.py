"""The provincial HQ's training report: a PDF and a spreadsheet of who is trained, who is
not, and which counties lag (certified below the province's share).

Both are always in Persian (the PDF's words are in its template, as the readiness report's),
with Jalali dates; the sheet reads right to left, national codes kept as text.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from shora.elections.models import County, Election
from shora.readiness.documents import FONTS
from shora.training.models import SessionSeries
from shora.training.selectors.evaluation import Standing, Summary, standings_of, summarise
from shora.training.selectors.people import invited_people, posts_of
from shora.training.services.programmes import trainee_of
from shora_domain.jalali import format_jalali_numeric
from shora_domain.staff_roles import role_label
from shora_domain.training_certification import Missing, Shortfall

BOARD_MEMBER_FA = "عضو هیئت اجرایی"
MISSING_FA = {
    Missing.ATTENDANCE: "حضور در جلسه",
    Missing.MODULE_TEST: "قبولی در آزمون",
    Missing.DRILL: "تمرین عملی",
}


def role_fa(role: str) -> str:
    return BOARD_MEMBER_FA if role == "board_member" else role_label(role, "fa")


def missing_fa(missing: tuple[Shortfall, ...]) -> str:
    kinds = dict.fromkeys(shortfall.kind for shortfall in missing)
    return "، ".join(MISSING_FA[kind] for kind in kinds)


@dataclass(frozen=True)
class CountyLine:
    county: County
    summary: Summary
    lags: bool


def report_context(election: Election) -> dict[str, Any]:
    standings = [s for s in standings_of(election) if s.has_programme]
    counties = {c.pk: c for c in County.objects.filter(province_id=election.province_id)}
    summaries = summarise(standings, "county_id")
    people = sum(s.people for s in summaries)
    certified = sum(s.certified for s in summaries)
    province_percent = certified * 100 // people if people else 0
    lines = sorted(
        (
            CountyLine(counties[s.key], s, s.percent < province_percent)  # type: ignore[index]
            for s in summaries
        ),
        key=lambda line: (line.summary.percent, line.county.name),
    )
    return {
        "election": election,
        "today": timezone.localdate(),
        "counties": lines,
        "people": people,
        "certified": certified,
        "province_percent": province_percent,
        "untrained": [s for s in standings if not s.certified],
        "county_names": {pk: c.name for pk, c in counties.items()},
    }


def report_pdf(election: Election) -> bytes:
    from weasyprint import HTML

    context = report_context(election)
    context.update(
        font_regular=(FONTS / "Vazirmatn-Regular.ttf").as_uri(),
        font_bold=(FONTS / "Vazirmatn-Bold.ttf").as_uri(),
        rows=[
            (
                s,
                context["county_names"].get(s.county_id, ""),
                role_fa(s.role),
                missing_fa(s.missing),
            )
            for s in context["untrained"]
        ],
    )
    with translation.override("fa"):
        html = render_to_string("training/report_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(FONTS)).write_pdf()
    return pdf


HEADERS = (
    "شهرستان / county",
    "کد شعبه / station",
    "سمت / role",
    "نام / name",
    "کد ملی / national code",
    "جلسه‌ها / sessions",
    "آزمون‌های قبول / tests passed",
    "آزمون‌های لازم / tests required",
    "تمرین‌ها / drills",
    "بهترین نمرهٔ تمرین / best drill score",
    "پیشرفت ٪ / progress %",
    "گواهی / certified",
    "کمبود / missing",
)
_UNTRAINED = PatternFill("solid", fgColor="FBE9E9")


def _append(
    sheet: WriteOnlyWorksheet, values: list[Any], *, bold: bool = False, fill: Any = None
) -> None:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if bold:
            cell.font = Font(bold=True)
        if fill is not None:
            cell.fill = fill
        cells.append(cell)
    sheet.append(cells)


def _person_row(standing: Standing, county: str) -> list[Any]:
    return [
        county,
        standing.station_code,
        role_fa(standing.role),
        standing.name,
        standing.national_code,
        standing.sessions_attended,
        standing.modules_passed,
        standing.modules_required,
        standing.drills_done,
        standing.best_drill_score if standing.best_drill_score is not None else "",
        standing.progress,
        "بله" if standing.certified else "خیر",
        missing_fa(standing.missing),
    ]


def report_xlsx(election: Election) -> bytes:
    context = report_context(election)
    workbook = Workbook(write_only=True)
    counties: WriteOnlyWorksheet = workbook.create_sheet("شهرستان‌ها")
    counties.sheet_view.rightToLeft = True
    _append(
        counties,
        [f"آموزش کارکنان انتخابات — {format_jalali_numeric(context['today'], 'en')}"],
        bold=True,
    )
    _append(
        counties,
        [
            "شهرستان / county",
            "کارکنان / people",
            "دارای گواهی / certified",
            "٪",
            "پیشرفت ٪ / progress %",
            "عقب‌مانده / lags",
        ],
        bold=True,
    )
    for line in context["counties"]:
        s = line.summary
        _append(
            counties,
            [
                line.county.name,
                s.people,
                s.certified,
                s.percent,
                s.progress,
                "بله" if line.lags else "",
            ],
            fill=_UNTRAINED if line.lags else None,
        )
    people: WriteOnlyWorksheet = workbook.create_sheet("کارکنان")
    people.sheet_view.rightToLeft = True
    _append(people, list(HEADERS), bold=True)
    names = context["county_names"]
    for standing in standings_of(election):
        if standing.has_programme:
            _append(
                people,
                _person_row(standing, names.get(standing.county_id, "")),
                fill=None if standing.certified else _UNTRAINED,
            )
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


WEEKDAYS_FA = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")


def _qr(text: str) -> str:
    """The code as a QR image: a scanner at the session's door types it into the code box."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def invitations_pdf(series: SessionSeries) -> bytes:
    """One invitation per person the series invites, with their personal training code (as
    digits and as a QR code), the weekly time and place, and where to take their tests."""
    from weasyprint import HTML

    people = invited_people(series)
    posts = posts_of(series.election, [person.pk for person in people])
    cards = []
    for person in people:
        code = trainee_of(person).code
        roles = [post.role for post in posts.get(person.pk, []) if post.role in series.roles]
        cards.append(
            {
                "person": person,
                "roles": "، ".join(role_fa(role) for role in dict.fromkeys(roles)),
                "code": f"{code[:4]} {code[4:8]} {code[8:]}",
                "path": f"/training/t/{code}/",
                "qr": _qr(code),
            }
        )
    sessions = list(series.sessions.order_by("date").values_list("date", flat=True))
    context = {
        "series": series,
        "cards": cards,
        "weekday": WEEKDAYS_FA[series.weekday],
        "first": sessions[0] if sessions else None,
        "last": sessions[-1] if sessions else None,
        "font_regular": (FONTS / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONTS / "Vazirmatn-Bold.ttf").as_uri(),
    }
    with translation.override("fa"):
        html = render_to_string("training/invitations_pdf.html", context)
    pdf: bytes = HTML(string=html, base_url=str(FONTS)).write_pdf()
    return pdf
