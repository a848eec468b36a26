"""The county's report to the HQ as a PDF (official form look, Persian) and as xlsx."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from openpyxl import load_workbook

from shora.readiness.documents import county_report_pdf, county_report_xlsx
from shora.readiness.services import county_checklist_return, county_checklist_submit
from shora_domain.persian_text import normalize_persian

pytestmark = pytest.mark.django_db


def _text(pdf: pypdfium2.PdfDocument) -> str:
    """The PDF's text, compared in normal form (extraction moves ZWNJ and hamza marks)."""
    pages = (pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return normalize_persian(" ".join(pages))


@pytest.fixture
def submitted(geo, inspect, organisations, clock, make_user):
    inspect(geo.station_a1, {"primary_link": True, "link_bandwidth": "۴", "cooling": True})
    inspect(geo.station_a2, {"wheelchair_ramp": True, "police_presence": True})
    clock.advance(10)
    submission = county_checklist_submit(
        actor=make_user("county"), election=geo.election, county=geo.county_a
    )
    county_checklist_return(
        actor=make_user("province_hq"),
        submission=submission,
        comment="برای پیوند فیبر برنامهٔ زمانی بفرستید",
    )
    return geo


def test_the_pdf_is_a_persian_form_with_the_county_its_state_and_signatures(submitted, screenshots):
    pdf = pypdfium2.PdfDocument(county_report_pdf(submitted.election, submitted.county_a))
    assert len(pdf) >= 1
    text = _text(pdf)
    for expected in (
        "اهواز",
        "ستاد انتخابات استان خوزستان",
        "مخابرات منطقهٔ اهواز",
        "بازگردانده",
        "فرماندار شهرستان",
        "۲۲ فروردین ۱۴۰۵",
    ):
        assert normalize_persian(expected) in text, expected
    raw = pdf[0].get_textpage().get_text_range()
    assert "10001" not in raw and "۱۰۰۰۱" in raw  # Persian digits on paper
    for index in range(len(pdf)):
        image = pdf[index].render(scale=1.6).to_pil()
        image.save(screenshots / f"readiness-report-page{index + 1}.png")
    first = pdf[0].render(scale=0.5).to_pil().convert("L")
    assert first.getextrema()[0] < 60  # ink on the page, not a blank sheet


def test_the_pdf_of_a_county_without_deficiencies_says_so(geo, inspect, clock):
    inspect(geo.station_b1)
    pdf = pypdfium2.PdfDocument(county_report_pdf(geo.election, geo.county_b))
    text = _text(pdf)
    assert normalize_persian("کمبود رفع‌نشده‌ای ثبت نشده است") in text
    assert normalize_persian("هنوز فرستاده نشده") in text


def test_the_spreadsheet_lists_the_county_s_deficiencies_right_to_left(submitted):
    sheet = load_workbook(
        io.BytesIO(county_report_xlsx(submitted.election, submitted.county_a))
    ).active
    assert sheet.sheet_view.rightToLeft
    rows = list(sheet.iter_rows(values_only=True))
    assert "اهواز" in rows[0][0] and "1405/01/22" in rows[0][0]
    body = rows[2:]
    assert len(body) == 5
    assert [row[1] for row in body].count("10001") == 3
    overdue = [row for row in body if row[12]]
    assert overdue and all(row[5] == "مانع" for row in overdue)  # the week-long blocking ones
    assert body[0][12] >= body[-1][12]  # most overdue first
