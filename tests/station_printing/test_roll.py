"""The voting device's 80 mm roll: the paper record for the box and the voter's receipt.

The paper record shows the choices and never a time or the receipt code; the receipt shows
the receipt code and never a choice. Both are one page of the roll's width, however long
the names.
"""

from __future__ import annotations

import dataclasses
import re

import pypdfium2
import pypdfium2.raw as pdfium_c
import qrcode
from PIL import Image

from shora.station.printing import PaperRecord, Receipt, paper_record_pdf, receipt_pdf
from shora_domain.digits import to_persian_digits

from .conftest import ROLL_WIDTH, has_words, margins_are_blank, save_pages, text_of

SURNAMES = "احمدی بهرامی جعفری حسینی خسروی داوودی رضایی زمانی سلطانی شریفی صادقی طاهری عباسی"
LONG_NAMES = [
    (f"{1000 + 17 * i}", f"سیدمحمدحسین {surname} موسوی‌نژاد طباطبایی‌فر اصفهانی‌زاده خوزستانی")
    for i, surname in enumerate(SURNAMES.split())
]
_TIME = re.compile(r"[0-9۰-۹]{1,2}\s*:\s*[0-9۰-۹]{2}")
_TWELVE_DIGITS = re.compile(r"[0-9۰-۹]{12}")


def _one_roll_page(pdf: pypdfium2.PdfDocument) -> None:
    assert len(pdf) == 1
    assert abs(pdf[0].get_size()[0] - ROLL_WIDTH) < 0.5
    assert margins_are_blank(pdf)


def test_the_paper_record_lists_the_choices_by_code_and_name_with_the_serial(paper_record):
    pdf = pypdfium2.PdfDocument(paper_record_pdf(paper_record))
    save_pages(pdf, "paper-record")
    _one_roll_page(pdf)
    text = text_of(pdf)
    for words in ("برگهٔ رأی", "محمد حسینی", "فاطمه موسوی", "اهواز", "۲ نامزد از ۱۳"):
        assert has_words(text, words), words
    assert "۵۰۷" in text and "۶۱۲۳" in text and "6123" not in text
    assert "۱۰۰۱۲۳" in text
    assert has_words(text, "۱ کد واردشده از آنِ هیچ نامزدی نبود")
    assert "K7P2X9QD" in text


def test_the_paper_record_has_no_time_and_no_receipt_code(paper_record):
    names = {field.name for field in dataclasses.fields(PaperRecord)}
    assert not names & {"receipt_code", "hour", "at", "cast_at", "time", "timestamp"}
    text = text_of(pypdfium2.PdfDocument(paper_record_pdf(paper_record)))
    assert not _TIME.search(text)
    assert not _TWELVE_DIGITS.search(text.replace(" ", ""))
    assert not has_words(text, "ساعت") and not has_words(text, "رسید")
    assert not has_words(text, "اردیبهشت")


def test_a_blank_ballot_prints_blank_vote_and_no_table(paper_record):
    record = dataclasses.replace(paper_record, choices=[], blank=True, skipped=0)
    pdf = pypdfium2.PdfDocument(paper_record_pdf(record))
    save_pages(pdf, "paper-record-blank")
    _one_roll_page(pdf)
    text = text_of(pdf)
    assert has_words(text, "رأی سفید")
    assert not has_words(text, "نام نامزد") and not has_words(text, "کد واردشده")


def test_thirteen_long_names_and_a_huge_constituency_stay_on_one_roll_page(paper_record):
    record = dataclasses.replace(
        paper_record,
        choices=LONG_NAMES,
        constituency_name="شهر " + "بسیار دراز " * 30 + "پایان",
        election_name="انتخابات " * 30 + "آخر",
    )
    pdf = pypdfium2.PdfDocument(paper_record_pdf(record))
    save_pages(pdf, "paper-record-thirteen")
    _one_roll_page(pdf)
    text = text_of(pdf)
    for code, name in LONG_NAMES:
        assert has_words(text, name), name
        assert to_persian_digits(code) in text, code
    assert has_words(text, "پایان") and has_words(text, "K7P2X9QD")


def test_the_receipt_shows_the_code_in_both_digits_the_hour_and_what_it_proves(receipt):
    pdf = pypdfium2.PdfDocument(receipt_pdf(receipt))
    save_pages(pdf, "receipt")
    _one_roll_page(pdf)
    text = text_of(pdf)
    assert "۴۱۸۲ ۰۳۹۵ ۷۳۶۴" in text
    assert "4182 0395 7364" in text
    assert has_words(text, "۱۱ اردیبهشت ۱۴۰۵، ساعت ۱۰ تا ۱۱")
    assert "۳۷" not in text and "37" not in text  # the minute is never printed
    assert has_words(text, "نشان نمی‌دهد به چه کسی رأی داده‌اید")
    assert receipt.bulletin_url in text


def test_the_receipt_has_no_choice(receipt, paper_record):
    names = {field.name for field in dataclasses.fields(Receipt)}
    assert names == {"election_name", "station_code", "receipt_code", "hour", "bulletin_url"}
    text = text_of(pypdfium2.PdfDocument(receipt_pdf(receipt)))
    for code, name in paper_record.choices:
        assert not has_words(text, name), name
        assert code not in text and to_persian_digits(code) not in text
    assert not has_words(text, "نامزد") and not has_words(text, "رأی سفید")


def test_a_receipt_code_keyed_in_persian_digits_prints_the_same(receipt):
    persian = dataclasses.replace(receipt, receipt_code="۴۱۸۲۰۳۹۵۷۳۶۴")
    assert text_of(pypdfium2.PdfDocument(receipt_pdf(persian))) == text_of(
        pypdfium2.PdfDocument(receipt_pdf(receipt))
    )


def test_a_huge_election_name_and_url_stay_on_one_receipt(receipt):
    huge = dataclasses.replace(
        receipt,
        election_name="انتخابات " * 40 + "آخر",
        bulletin_url="https://shora.example.ir/" + "bulletin/" * 20 + "end",
    )
    pdf = pypdfium2.PdfDocument(receipt_pdf(huge))
    save_pages(pdf, "receipt-huge")
    _one_roll_page(pdf)
    assert "end" in text_of(pdf)


def _qr_modules(url: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def _qr_image(pdf: pypdfium2.PdfDocument, scale: float) -> Image.Image:
    """The rendered square that the QR code's dark modules span (the largest square path)."""
    page = pdf[0]
    squares = []
    for obj in page.get_objects(max_depth=3):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        if abs((right - left) - (top - bottom)) < 1:
            squares.append((right - left, (left, bottom, right, top)))
    _, (left, bottom, right, top) = max(squares)
    height = page.get_size()[1]
    image = page.render(scale=scale).to_pil().convert("L")
    return image.crop(
        (left * scale, (height - top) * scale, right * scale, (height - bottom) * scale)
    )


def test_the_receipt_s_qr_code_carries_the_bulletin_address(receipt):
    """No QR decoder is a dependency: the printed modules are compared with the QR code's
    own matrix for the address, sampled at the centre of each module."""
    pdf = pypdfium2.PdfDocument(receipt_pdf(receipt))
    modules = _qr_modules(receipt.bulletin_url)
    image = _qr_image(pdf, scale=8)
    size = len(modules)
    step = image.size[0] / size
    printed = [
        [image.getpixel((int((x + 0.5) * step), int((y + 0.5) * step))) < 128 for x in range(size)]
        for y in range(size)
    ]
    assert printed == modules
    other = _qr_modules(receipt.bulletin_url + "x")
    assert printed != other
