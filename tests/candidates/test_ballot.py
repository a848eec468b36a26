"""A frozen city ballot of 750 candidates: the page lists and searches it, the API serves it
to people and polling devices, the PDF prints it."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest
from django.test import Client

from shora.accounts.services import device_token_issue
from shora_domain.ballot_definition import ballot_from_dict, ballot_sha256

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    body = html.split('data-testid="ballot"', 1)[1].split("<tbody>", 1)[1].split("</tbody>")[0]
    return re.findall(r"<tr>.*?</tr>", body, flags=re.S)


def test_the_page_lists_all_750_by_code(big_ballot, client_as, geo):
    response = client_as("station").get(f"/candidates/constituencies/{geo.city_a.pk}/ballot/")
    rows = _rows(response.content.decode())
    assert len(rows) == 750
    assert "<strong>۱۰۰۷</strong>" in rows[0] and "آذری" in rows[0]  # آ first, code 1007
    assert "<strong>۸۴۹۲</strong>" in rows[-1]
    assert big_ballot.sha256 in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("۱۰۰۷", 1),  # a whole code in Persian digits
        ("10", 10),  # a prefix: sequences 100–109
        ("علي", 25 + 30 - 1),  # Arabic yeh: every علی, every علی‌محمدی, once علی علی‌محمدی
        ("حسینزاده", 30),  # without the ZWNJ
        ("حسین‌زاده", 30),
        ("نیک پی", 30),  # with a space for the ZWNJ
        ("ژاله ژیان", 1),
        ("xyz", 0),
    ],
)
def test_the_search_finds_codes_and_names_in_any_spelling(
    big_ballot, client_as, geo, query, expected
):
    response = client_as("county").get(
        f"/candidates/constituencies/{geo.city_a.pk}/ballot/", {"q": query}
    )
    rows = [row for row in _rows(response.content.decode()) if "colspan" not in row]
    assert len(rows) == expected


def test_the_api_serves_the_ballot_to_people_and_to_the_stations_devices(
    big_ballot, client_as, geo
):
    data = client_as("supervisor").get(f"/api/constituencies/{geo.city_a.pk}/ballot").json()
    assert len(data["candidates"]) == 750
    assert (
        data["sha256"] == big_ballot.sha256 == ballot_sha256(ballot_from_dict(data["definition"]))
    )
    _, token = device_token_issue(
        actor=None, station=geo.station_a1, label="دستگاه ۱", valid_for=datetime.timedelta(days=1)
    )
    device = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    client = Client()
    own = client.get(f"/api/constituencies/{geo.city_a.pk}/ballot", **device)
    assert own.status_code == 200 and own.json()["sha256"] == big_ballot.sha256
    assert client.get(f"/api/constituencies/{geo.city_b.pk}/ballot", **device).status_code == 403
    bad = client.get(
        f"/api/constituencies/{geo.city_a.pk}/ballot", HTTP_AUTHORIZATION="Bearer shd_nonsense"
    )
    assert bad.status_code == 401


def test_a_list_not_frozen_yet_is_a_conflict(geo, client_as):
    response = client_as("province_hq").get(f"/api/constituencies/{geo.city_b.pk}/ballot")
    assert response.status_code == 409 and response.json()["code"] == "ballot_not_frozen"
    page = client_as("supervisor").get(f"/candidates/constituencies/{geo.city_b.pk}/ballot/")
    assert page.status_code == 200 and 'data-testid="ballot"' not in page.content.decode()
    assert (
        client_as("county")
        .get(f"/candidates/constituencies/{geo.city_a.pk}/ballot.pdf")
        .status_code
        == 404
    )


def test_the_printed_list_is_persian_by_code_on_numbered_pages(big_ballot, client_as, geo):
    import pypdfium2

    response = client_as("supervisor").get(f"/candidates/constituencies/{geo.city_a.pk}/ballot.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    assert len(pdf) >= 15  # 750 rows
    first = pdf[0].get_textpage().get_text_range()
    assert "۱۰۰۷" in first and "آذری" in first
    assert big_ballot.sha256 in pdf[len(pdf) - 1].get_textpage().get_text_range()
    folder = Path(os.environ.get("SHORA_SCREENSHOTS", "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    for number in (0, len(pdf) - 1):
        image = pdf[number].render(scale=1.4).to_pil()
        image.save(folder / f"candidates-pdf-page-{number + 1}.png")


def test_the_ballot_page_reads_the_750_in_a_few_queries(
    big_ballot, client_as, geo, django_assert_max_num_queries
):
    client = client_as("supervisor")
    url = f"/candidates/constituencies/{geo.city_a.pk}/ballot/"
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(f"/candidates/constituencies/{geo.city_a.pk}/").status_code == 200


def test_the_api_schema_lists_the_candidates_endpoints(client_as, geo):
    paths = client_as("supervisor").get("/api/openapi.json").json()["paths"]
    assert {
        "/api/constituencies/{constituency_id}/ballot",
        "/api/constituencies/{constituency_id}/candidates",
        "/api/candidates/{candidacy_id}",
        "/api/candidates/{candidacy_id}/steps",
    } <= set(paths)
