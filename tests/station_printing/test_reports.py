"""The station's A4 reports: the zero report at opening and the closing report."""

from __future__ import annotations

import dataclasses

import pypdfium2

from shora.station.printing import closing_report_pdf, zero_report_pdf
from shora_domain.digits import to_persian_digits

from .conftest import (
    A4_WIDTH,
    FINGERPRINT,
    ROOT,
    SIGNATURE,
    STAFF,
    STATION_KEY,
    has_words,
    margins_are_blank,
    save_pages,
    text_of,
)


def test_the_zero_report_shows_the_empty_store_the_key_to_read_aloud_and_the_staff(zero_report):
    pdf = pypdfium2.PdfDocument(zero_report_pdf(zero_report))
    save_pages(pdf, "zero-report")
    assert len(pdf) == 1
    assert round(pdf[0].get_size()[0], 1) == round(A4_WIDTH, 1)
    text = text_of(pdf)
    for words in (
        "صورتجلسهٔ گشایش شعبه (گزارش صفر)",
        "دبستان شهید بهشتی، کوی ملت",
        "اهواز، حمیدیه",
        "۱۱ اردیبهشت ۱۴۰۵، ساعت ۰۸:۰۰",
        "صندوق الکترونیکی شعبه خالی است",
        *(name for name, _ in STAFF),
        *(role for _, role in STAFF),
    ):
        assert has_words(text, words), words
    # The fingerprint in groups of four, to be read aloud, and every character of it.
    assert "3F9A 12BC 77D0 E4A1 0B5C 9D2E 4F61 A8C3" in text
    assert FINGERPRINT in text.replace(" ", "")
    # The station's signature shortened and in full, its key's fingerprint as given.
    assert "q8bCy1vX…F0gH9A==" in text
    assert SIGNATURE in text.replace(" ", "")
    assert STATION_KEY in text
    # Persian digits on paper: the station code and the count in the store.
    assert "۱۰۰۱۲۳" in text and "100123" not in text
    assert "۰" in text


def test_a_zero_report_whose_store_is_not_empty_says_the_station_must_not_open(zero_report):
    report = dataclasses.replace(zero_report, ballots_in_store=3)
    text = text_of(pypdfium2.PdfDocument(zero_report_pdf(report)))
    assert has_words(text, "صندوق الکترونیکی شعبه خالی نیست؛ شعبه نباید گشوده شود")
    assert not has_words(text, "صندوق الکترونیکی شعبه خالی است")


def test_a_fingerprint_with_its_own_separators_is_printed_as_given(zero_report):
    report = dataclasses.replace(zero_report, key_fingerprint="3f:9a:12:bc:77:d0")
    text = text_of(pypdfium2.PdfDocument(zero_report_pdf(report)))
    assert "3f:9a:12:bc:77:d0" in text


def test_the_closing_report_counts_in_persian_digits_with_the_check_and_the_root(
    closing_report,
):
    pdf = pypdfium2.PdfDocument(closing_report_pdf(closing_report))
    save_pages(pdf, "closing-report")
    assert len(pdf) == 1
    text = text_of(pdf)
    for words in (
        "صورتجلسهٔ پایان اخذ رأی",
        "۱۱ اردیبهشت ۱۴۰۵، ساعت ۱۸:۳۰",
        "مشارکت = رأی ثبت‌شده + تعرفهٔ باطل‌شده + تعرفهٔ استفاده‌نشده",
        "برقرار است",
        "ریشهٔ درخت مرکل رسیدهای شعبه",
        *(name for name, _ in STAFF),
    ):
        assert has_words(text, words), words
    for count in ("۱٬۲۳۴", "۱٬۲۳۰", "۱٬۰۰۰", "۲۳۰"):
        assert count in text, count
    for latin in ("1234", "1,234", "1230", "1,230"):
        assert latin not in text, latin
    assert ROOT in text.replace(" ", "")
    assert SIGNATURE in text.replace(" ", "")
    assert not has_words(text, "برقرار نیست")


def test_tokens_neither_used_nor_voided_break_the_check(closing_report):
    report = dataclasses.replace(closing_report, participations=1240)
    assert report.tokens_not_used == 6
    text = text_of(pypdfium2.PdfDocument(closing_report_pdf(report)))
    assert has_words(text, "برقرار نیست: ۶ تعرفه نه به رأی انجامیده و نه باطل شده است")


def test_more_ballots_than_participations_break_the_check(closing_report):
    report = dataclasses.replace(closing_report, participations=1200)
    text = text_of(pypdfium2.PdfDocument(closing_report_pdf(report)))
    assert has_words(text, "برقرار نیست: رأی‌های ثبت‌شده و تعرفه‌های باطل‌شده از مشارکت بیشترند")


def test_constituencies_that_do_not_add_up_to_the_ballots_are_flagged(closing_report):
    report = dataclasses.replace(closing_report, per_constituency=[("اهواز", 1000)])
    text = text_of(pypdfium2.PdfDocument(closing_report_pdf(report)))
    assert has_words(text, "با شمار رأی‌های ثبت‌شدهٔ شعبه (۱٬۲۳۰) برابر نیست")


def test_a_huge_station_name_and_many_staff_wrap_inside_the_page(zero_report, closing_report):
    name = "مدرسهٔ ابتدایی دخترانهٔ شهید " * 40 + "پایان‌نام"
    staff = [
        (f"عضو شمارهٔ {to_persian_digits(i)} با نام و نام خانوادگی بسیار بلند", "منشی شعبه")
        for i in range(14)
    ]
    for label, pdf_bytes in (
        ("zero-report-huge", zero_report_pdf(dataclasses.replace(zero_report, station_name=name))),
        (
            "closing-report-huge",
            closing_report_pdf(dataclasses.replace(closing_report, station_name=name, staff=staff)),
        ),
    ):
        pdf = pypdfium2.PdfDocument(pdf_bytes)
        save_pages(pdf, label)
        assert len(pdf) <= 3, label
        assert margins_are_blank(pdf), label
        text = text_of(pdf)
        assert has_words(text, "پایان‌نام"), label  # the end of the name is on paper
        assert has_words(text, "نام، امضا و مهر شعبه"), label  # and so are the signatures
