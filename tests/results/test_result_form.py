"""The official result form: every count, each candidate in order, members, alternates,
ties and how they were broken (with the draw's seed), the boards' names and times; in
Persian digits. The text is read back from the PDF with pypdfium2."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from shora.results.documents import result_form_pdf
from shora.results.services.certification import (
    certification_approve,
    certification_confirm,
    certification_of,
)
from shora_domain.digits import to_persian_digits
from tests.results.certification_builders import DRAW_SEED, SEED, boards_seated, result_write


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    # The extraction writes a heh with hamza (ـهٔ) as hamza then heh and drops the
    # zero-width non-joiner: compare without both.
    return text.replace("\u0654", "").replace("\r", "")


@pytest.fixture
def certified(geo, make_user):
    boards_seated(geo)
    result = result_write(geo, geo.city_a)
    certification_approve(actor=make_user("county", username="c_form"), constituency=geo.city_a)
    certification_confirm(actor=make_user("supervisor", username="s_form"), constituency=geo.city_a)
    return result


def test_the_form_carries_everything(geo, certified):
    pdf = result_form_pdf(certified, certification_of(geo.city_a))
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "صورتجلسه" in text
    for figure in ("60", "52", "3", "2", "7"):
        assert to_persian_digits(figure) in text
    for name in ("زهرا احمدی", "علی رضایی", "مریم کاظمی", "حسن نوری", "فاطمه یزدانی", "رضا کرمی"):
        assert name in text
    assert "قرعهکشی" in text
    assert "مدرک تحصیلی" in text  # (the lam-alef ligature reads back as two letters)
    assert DRAW_SEED in text.replace("\n", "").replace(" ", "")
    assert SEED in text.replace("\n", "").replace(" ", "")
    for name in ("احمد فرماندار", "سارا معتمدی", "محمود ناظری", "نرگس بازرس"):
        assert name in text
    assert "هنوز تأیید نشده" not in text


def test_candidates_come_in_their_order(geo, certified):
    text = _text(result_form_pdf(certified, certification_of(geo.city_a)))
    places = [text.index(name) for name in ("زهرا احمدی", "علی رضایی", "مریم کاظمی", "رضا کرمی")]
    assert places == sorted(places)


def test_an_uncertified_form_says_so(geo):
    result = result_write(geo, geo.city_a)
    text = _text(result_form_pdf(result, None))
    assert "هنوز تصویب نشده" in text and "هنوز تأیید نشده" in text


def test_the_download(geo, certified, client_as):
    url = f"/elections/{geo.election.pk}/results/constituencies/{geo.city_a.pk}/form.pdf"
    response = client_as("supervisor").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    url_b = f"/elections/{geo.election.pk}/results/constituencies/{geo.city_b.pk}/form.pdf"
    assert client_as("county", username="c2").get(url_b).status_code == 403
    assert client_as("province_hq").get(url_b).status_code == 404  # not tallied


def test_the_form_renders_to_one_a4_page(geo, certified, tmp_path):
    """Rendered to PNG (saved under tmp_path, to look at when the layout changes)."""
    document = pdfium.PdfDocument(result_form_pdf(certified, certification_of(geo.city_a)))
    assert len(document) == 1
    width, height = document[0].get_size()
    assert round(width) == 595 and round(height) == 842  # A4 portrait, in points
    image = document[0].render(scale=1.4).to_pil()
    image.save(tmp_path / "result_form.png")
    assert image.size[0] > 500
