"""The papers a polling station prints, as PDF: the zero report, the closing report, the
paper record the voter drops in the box, and the voter's receipt.

Each document is a frozen dataclass of plain values (no model: the station process prints
from its own journal) and one function that turns it into PDF bytes. They are official
forms, so they are always in Persian whatever the reader's language: the words are written
in the templates (``station/print/``), digits are Persian and dates Jalali (the ``digits``,
``number`` and ``jalali`` template builtins under ``translation.override("fa")``).

The two reports are A4. The paper record and the receipt come out of the voting device's
80 mm roll printer: their page is 80 mm wide and exactly as tall as what is printed on it
(WeasyPrint has no automatic page height, so they are laid out once on a very long page to
measure where the content ends, then again on a page of that height).

What each document must never show is enforced by what its dataclass holds: the paper
record has no time and no receipt code, the receipt has no choice. Adding such a field
would break the tests that guard the voter's secrecy.
"""

from __future__ import annotations

import base64
import datetime
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import qrcode
import qrcode.image.svg
from django.template.loader import render_to_string
from django.utils import translation

import shora.web
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.jalali import TEHRAN, format_jalali_date

# The fonts the app serves (Vazirmatn), embedded in every PDF; the same folder the
# readiness and candidate PDFs use.
FONTS = Path(shora.web.__file__).parent / "static" / "shora" / "fonts"

#: Width of the voting device's roll paper.
ROLL_WIDTH = "80mm"
# Long enough for any ballot (Tehran's 21 choices take about 250 mm); only measured on.
_MEASURING_HEIGHT = "2000mm"
_END_MARK = "end-of-content"
# The roll templates' bottom page margin (``@page`` in _roll.html), 4 mm in CSS pixels.
_ROLL_BOTTOM_MARGIN_PX = 4 * 96 / 25.4
RECEIPT_CODE_LENGTH = 12


def _require_aware(name: str, value: datetime.datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be an aware datetime, got a naive one")


def _require_counts(counts: Iterable[tuple[str, int]]) -> None:
    for name, count in counts:
        if count < 0:
            raise ValueError(f"{name} cannot be negative, got {count}")


@dataclass(frozen=True)
class ZeroReport:
    """What the station's opening document says: an empty store, the election key checked."""

    election_name: str
    station_code: str
    station_name: str
    constituencies: Sequence[str]
    opened_at: datetime.datetime
    chair: str
    staff_present: Sequence[tuple[str, str]]  # (name, role label)
    key_fingerprint: str
    ballots_in_store: int
    signature: str  # base64 Ed25519 signature of the opening document
    station_key_fingerprint: str

    def __post_init__(self) -> None:
        _require_aware("opened_at", self.opened_at)
        _require_counts([("ballots_in_store", self.ballots_in_store)])


@dataclass(frozen=True)
class ClosingReport:
    """What the station's closing document says: its counts, per constituency, signed."""

    election_name: str
    station_code: str
    station_name: str
    opened_at: datetime.datetime
    closed_at: datetime.datetime
    participations: int
    ballots: int
    voided: int
    per_constituency: Sequence[tuple[str, int]]  # (constituency name, ballots)
    receipts_root: str  # hex Merkle root of the station's receipts
    signature: str
    station_key_fingerprint: str
    staff: Sequence[tuple[str, str]]  # (name, role label)
    # provisional ballots (taken while the link was down): those the centre accepted are
    # in the participations and ballots above; those it rejected are counted nowhere
    provisional_accepted: int = 0
    provisional_rejected: int = 0

    def __post_init__(self) -> None:
        _require_aware("opened_at", self.opened_at)
        _require_aware("closed_at", self.closed_at)
        if self.closed_at < self.opened_at:
            raise ValueError("closed_at is before opened_at")
        totals = [
            ("participations", self.participations),
            ("ballots", self.ballots),
            ("voided", self.voided),
            ("provisional_accepted", self.provisional_accepted),
            ("provisional_rejected", self.provisional_rejected),
        ]
        _require_counts([*totals, *self.per_constituency])

    @property
    def tokens_not_used(self) -> int:
        """Participations that ended in neither a ballot nor a voided token (0 when sound)."""
        return self.participations - self.ballots - self.voided

    @property
    def constituency_total(self) -> int:
        return sum(count for _, count in self.per_constituency)


@dataclass(frozen=True)
class PaperRecord:
    """The paper the voter reads and drops in the box: the choices, and no time, no receipt."""

    election_name: str
    constituency_name: str
    station_code: str
    serial: str  # the paper's own serial, unrelated to the receipt code
    choices: Sequence[tuple[str, str]]  # (candidate code, name), in the order keyed
    blank: bool
    skipped: int  # codes keyed that are no candidate's
    members: int  # how many names the voter may give

    def __post_init__(self) -> None:
        _require_counts([("skipped", self.skipped), ("members", self.members)])
        if self.blank and self.choices:
            raise ValueError("a blank ballot has no choices")
        if not self.blank and not self.choices:
            raise ValueError("a ballot without choices is blank")


@dataclass(frozen=True)
class Receipt:
    """The voter's receipt: proves the ballot was received, never how one voted.

    ``hour`` is the hour the ballot was cast, an aware datetime; only its date and hour (in
    Tehran) are printed, as the hour is all the station keeps (secrecy: nothing finer).
    """

    election_name: str
    station_code: str
    receipt_code: str  # 12 digits, Latin, Persian or Arabic-Indic
    hour: datetime.datetime
    bulletin_url: str

    def __post_init__(self) -> None:
        _require_aware("hour", self.hour)
        code = to_latin_digits(self.receipt_code)
        if len(code) != RECEIPT_CODE_LENGTH or not (code.isascii() and code.isdigit()):
            raise ValueError(f"a receipt code is 12 digits, got {self.receipt_code!r}")


def grouped(text: str, size: int = 4) -> str:
    """``text`` in blocks of ``size`` characters, for reading aloud and comparing by eye.

    Only a plain run of letters and digits is cut; a value that already has its own
    separators (spaces, colons, dashes) is shown as it is given.
    """
    if not (text.isascii() and text.isalnum()):
        return text
    return " ".join(text[start : start + size] for start in range(0, len(text), size))


def shortened(signature: str, keep: int = 8) -> str:
    """The first and last ``keep`` characters of a long value: enough to compare by eye."""
    if len(signature) <= 2 * keep + 1:
        return signature
    return f"{signature[:keep]}…{signature[-keep:]}"


def hour_label(hour: datetime.datetime) -> str:
    """Tehran's date and hour of ``hour``: "۱۱ اردیبهشت ۱۴۰۵، ساعت ۱۰ تا ۱۱"."""
    local = hour.astimezone(TEHRAN)
    start, end = to_persian_digits(local.hour), to_persian_digits(local.hour + 1)
    return f"{format_jalali_date(local.date())}، ساعت {start} تا {end}"


def qr_data_uri(text: str) -> str:
    """A QR code of ``text`` as an SVG data URI, for an ``<img>`` in a printed page."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=4,
    )
    encoded = base64.b64encode(image.to_string()).decode("ascii")
    return f"data:image/svg+xml;base64,{encoded}"


def _html(template: str, context: Mapping[str, Any]) -> str:
    fonts = {
        "font_regular": (FONTS / "Vazirmatn-Regular.ttf").as_uri(),
        "font_bold": (FONTS / "Vazirmatn-Bold.ttf").as_uri(),
    }
    with translation.override("fa"):
        return render_to_string(template, {**context, **fonts})


def _sheet_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    from weasyprint import HTML

    pdf: bytes = HTML(string=_html(template, context), base_url=str(FONTS)).write_pdf()
    return pdf


def _roll_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    """A page ``ROLL_WIDTH`` wide and as tall as its content: laid out twice (see above)."""
    from weasyprint import HTML

    measuring = {**context, "roll_width": ROLL_WIDTH, "page_height": _MEASURING_HEIGHT}
    laid_out = HTML(string=_html(template, measuring), base_url=str(FONTS)).render()
    anchors = laid_out.pages[0].anchors
    if _END_MARK not in anchors:
        raise ValueError(f"{template} does not fit on {_MEASURING_HEIGHT} of roll")
    content_bottom = anchors[_END_MARK][1]
    # Rounded up, and a pixel to spare: a page a hair too short pushes the last line over.
    height = f"{math.ceil(content_bottom + _ROLL_BOTTOM_MARGIN_PX) + 1}px"
    final = {**context, "roll_width": ROLL_WIDTH, "page_height": height}
    pdf: bytes = HTML(string=_html(template, final), base_url=str(FONTS)).write_pdf()
    return pdf


def zero_report_pdf(report: ZeroReport) -> bytes:
    """The opening report («گزارش صفر»), A4, with lines for the staff to sign by hand."""
    return _sheet_pdf(
        "station/print/zero_report.html",
        {
            "report": report,
            "key_fingerprint": grouped(report.key_fingerprint),
            "signature_short": shortened(report.signature),
        },
    )


def closing_report_pdf(report: ClosingReport) -> bytes:
    """The closing report, A4: the counts, their check, the receipts' Merkle root, signed."""
    return _sheet_pdf(
        "station/print/closing_report.html",
        {
            "report": report,
            "receipts_root": grouped(report.receipts_root, 8),
            "signature_short": shortened(report.signature),
        },
    )


def paper_record_pdf(record: PaperRecord) -> bytes:
    """The paper record on the 80 mm roll: the choices by code and name, or «رأی سفید»."""
    return _roll_pdf("station/print/paper_record.html", {"record": record, "end": _END_MARK})


def receipt_pdf(receipt: Receipt, *, provisional: bool = False) -> bytes:
    """The receipt on the 80 mm roll: the code (Persian and Latin digits), the hour, a QR.
    A ``provisional`` ballot's receipt says that it counts once the centre confirms the voter
    had not voted elsewhere."""
    code = to_latin_digits(receipt.receipt_code)
    return _roll_pdf(
        "station/print/receipt.html",
        {
            "receipt": receipt,
            "provisional": provisional,
            "code_latin": grouped(code),
            "code_persian": to_persian_digits(grouped(code)),
            "hour": hour_label(receipt.hour),
            "qr": qr_data_uri(receipt.bulletin_url),
            "end": _END_MARK,
        },
    )
