"""Sample documents of a station in Ahvaz on polling day, and how to read a printed PDF.

No database and no browser: the documents are plain values and WeasyPrint lays them out.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pypdfium2
import pytest

from shora.station.printing import ClosingReport, PaperRecord, Receipt, ZeroReport
from shora_domain.jalali import TEHRAN
from shora_domain.persian_text import search_key

ELECTION = "هفتمین دورهٔ انتخابات شوراهای اسلامی شهر و روستا"
STATION_NAME = "دبستان شهید بهشتی، کوی ملت"
FINGERPRINT = "3F9A12BC77D0E4A10B5C9D2E4F61A8C3"
STATION_KEY = "a1b2 c3d4 e5f6 0789"
SIGNATURE = (
    "q8bCy1vX3mZ+7Yd0p8mQ1jvY1kq0Yc8m7R6e2lqvF7q3iO8p5Hc2xY9k0l1QmZ3s8T7vB5nC4xD2wE1rF0gH9A=="
)
ROOT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
STAFF = (("مریم احمدی", "رئیس شعبه"), ("علی رضایی", "منشی"), ("زهرا کریمی", "عضو شعبه"))
OPENED = datetime.datetime(2026, 5, 1, 8, 0, tzinfo=TEHRAN)
CLOSED = datetime.datetime(2026, 5, 1, 18, 30, tzinfo=TEHRAN)

#: A4 and the 80 mm roll, in PDF points.
A4_WIDTH = 595.28
ROLL_WIDTH = 80 / 25.4 * 72


def text_of(pdf: pypdfium2.PdfDocument) -> str:
    """Every page's text, whitespace runs made one space."""
    pages = (pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return re.sub(r"\s+", " ", " ".join(pages))


def has_words(text: str, words: str) -> bool:
    """Whether ``words`` are in ``text``, compared as Persian search keys.

    Extraction loses ZWNJ, moves the ezafe hamza, mirrors brackets, moves commas around
    numbers and breaks lines anywhere, so both sides are reduced to the letters and digits
    of their search keys (no spaces, marks or punctuation, one yeh and kaf, Latin digits).
    """
    return _letters(words) in _letters(text)


def _letters(text: str) -> str:
    return re.sub(r"\W", "", search_key(text))


def save_pages(pdf: pypdfium2.PdfDocument, name: str) -> None:
    """Each page as a PNG in $SHORA_SCREENSHOTS, when it is set, for a person to look at."""
    folder = os.environ.get("SHORA_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for index in range(len(pdf)):
        image = pdf[index].render(scale=2).to_pil()
        image.save(Path(folder) / f"station-print-{name}-page{index + 1}.png")


def margins_are_blank(pdf: pypdfium2.PdfDocument, strip_mm: float = 2.5) -> bool:
    """Whether the outer ``strip_mm`` of every side of every page has no ink.

    Text or a table that runs past the page's margin (overflows) lands in these strips.
    """
    for index in range(len(pdf)):
        image = pdf[index].render(scale=2).to_pil().convert("L")
        strip = round(strip_mm / 25.4 * 72 * 2)
        width, height = image.size
        for box in (
            (0, 0, strip, height),
            (width - strip, 0, width, height),
            (0, 0, width, strip),
            (0, height - strip, width, height),
        ):
            darkest, _ = image.crop(box).getextrema()
            if darkest < 200:
                return False
    return True


@pytest.fixture
def zero_report() -> ZeroReport:
    return ZeroReport(
        election_name=ELECTION,
        station_code="100123",
        station_name=STATION_NAME,
        constituencies=["اهواز", "حمیدیه"],
        opened_at=OPENED,
        chair="مریم احمدی",
        staff_present=list(STAFF),
        key_fingerprint=FINGERPRINT,
        ballots_in_store=0,
        signature=SIGNATURE,
        station_key_fingerprint=STATION_KEY,
    )


@pytest.fixture
def closing_report() -> ClosingReport:
    return ClosingReport(
        election_name=ELECTION,
        station_code="100123",
        station_name=STATION_NAME,
        opened_at=OPENED,
        closed_at=CLOSED,
        participations=1234,
        ballots=1230,
        voided=4,
        per_constituency=[("اهواز", 1000), ("حمیدیه", 230)],
        receipts_root=ROOT,
        signature=SIGNATURE,
        station_key_fingerprint=STATION_KEY,
        staff=list(STAFF),
    )


@pytest.fixture
def paper_record() -> PaperRecord:
    return PaperRecord(
        election_name=ELECTION,
        constituency_name="اهواز",
        station_code="100123",
        serial="K7P2X9QD",
        choices=[("507", "محمد حسینی"), ("6123", "فاطمه موسوی")],
        blank=False,
        skipped=1,
        members=13,
    )


@pytest.fixture
def receipt() -> Receipt:
    return Receipt(
        election_name=ELECTION,
        station_code="100123",
        receipt_code="418203957364",
        hour=datetime.datetime(2026, 5, 1, 10, 37, 12, tzinfo=TEHRAN),
        bulletin_url="https://shora.example.ir/bulletin/100123",
    )
