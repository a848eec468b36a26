"""The HQ's PDF briefing: Persian whatever the reader's language, Persian digits, the
charts and their tables, scoped as the dashboard is. Its pages are rendered to PNG (in the
screenshots folder) for a person to look at."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from django.conf import settings as django_settings

from shora.participation.services import county_target_set, womens_goal_set
from shora.participation.snapshots import womens_snapshot_take
from shora_domain.digits import to_persian_digits

pytestmark = pytest.mark.django_db


def url(geo, query=""):
    return f"/elections/{geo.election.pk}/participation/{query}"


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    # the extraction splits heh with hamza and drops the zero-width non-joiner
    return text.replace("\u0654", "").replace("\r", "").replace("\u200c", "")


def _pages_to_png(pdf: bytes, folder, name: str) -> int:
    document = pdfium.PdfDocument(pdf)
    for index in range(len(document)):
        image = document[index].render(scale=1.6).to_pil()
        image.save(folder / f"{name}-{index + 1}.png")
    return len(document)


def test_the_briefing_carries_the_figures_in_persian(voting, as_user, screenshots):
    day, _ = voting
    geo = day.geo
    county_target_set(actor=None, election=geo.election, county=geo.county_a, target="60")
    county_target_set(actor=None, election=geo.election, county=geo.county_b, target="۵۵")
    womens_goal_set(actor=None, election=geo.election, group="voters", goal="50")
    womens_snapshot_take(geo.election)
    womens_snapshot_take(geo.election)
    response = as_user("province_hq").get(url(geo, "?format=pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "گزارش مشارکت استان" in text
    for name in ("اهواز", "آبادان"):
        assert name in text
    assert to_persian_digits("24") in text  # 6 of 25: ۲۴٫۰٪
    assert "زنان" in text and "رأی اولی" in text
    assert "کجا باید اقدام کرد" in text  # both counties below target
    assert "6" not in text.replace("A4", "")  # no Latin digit anywhere
    assert _pages_to_png(pdf, screenshots, "participation-briefing") >= 3


def test_an_english_reader_gets_the_persian_briefing(voting, as_user):
    day, _ = voting
    client = as_user("province_hq")
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Participation" in client.get(url(day.geo)).content.decode()  # the page: English
    text = _text(client.get(url(day.geo, "?format=pdf")).content)
    assert "گزارش مشارکت" in text and "Participation" not in text
    assert "زنان" in text  # the group labels, made under the Persian override


def test_a_county_briefing_is_its_county_only(voting, as_user):
    day, _ = voting
    geo = day.geo
    own = as_user("county", county=geo.county_a).get(url(geo, "?format=pdf"))
    assert own.status_code == 200
    text = _text(own.content)
    assert "شهرستان اهواز" in text and "آبادان" not in text
    other = as_user("county", county=geo.county_a).get(
        url(geo, f"?county={geo.county_b.pk}&format=pdf")
    )
    assert other.status_code == 403
    assert as_user("trainer").get(url(geo, "?format=pdf")).status_code == 403


def test_a_briefing_before_any_vote_explains_itself(day, as_user, screenshots):
    day.add_voters(day.geo.city_a, 3)
    response = as_user("province_hq").get(url(day.geo, "?format=pdf"))
    text = _text(response.content)
    assert "هنوز کسی رأی نداده است" in text
    assert "پس از شمارش آرای نخستین حوزه" in text
    _pages_to_png(response.content, screenshots, "participation-briefing-empty")


def test_the_dashboard_links_the_briefing(day, as_user):
    page = as_user("province_hq").get(url(day.geo, f"?county={day.geo.county_a.pk}"))
    assert f"?county={day.geo.county_a.pk}&amp;format=pdf" in page.content.decode()
