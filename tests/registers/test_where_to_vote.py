"""The public "where do I vote" page: the council and its stations, nothing else; one answer
for every kind of miss; rate limits per address and per national code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shora.elections.services import election_create
from shora.registers.models import LookupCount
from tests.registers.conftest import (
    AHMAD,
    DEAD,
    HEADER,
    NASRIN,
    YOUNG,
    ZAHRA,
    Import,
    WriteExtract,
)

pytestmark = pytest.mark.django_db
URL = "/where-do-i-vote/"


def ask(client: Client, code: str, birth: str, address: str = "203.0.113.7", **extra: str):
    return client.post(
        URL, {"national_code": code, "birth_date": birth, **extra}, HTTP_X_FORWARDED_FOR=address
    )


def answer_of(response) -> str:
    """The answer's block, as a person reads it (markup and spaces aside)."""
    html = response.content.decode()
    block = html.split('data-testid="answer"', 1)[1].split("</div>", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", block).split())


def test_the_page_asks_in_persian(geo, client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'dir="rtl"' in html and 'name="national_code"' in html and 'name="birth_date"' in html
    assert "۱۱ اردیبهشت ۱۴۰۵" in html


def test_a_voter_learns_the_council_and_its_stations_and_nothing_else(
    geo, imported, client: Client
) -> None:
    response = ask(client, "۰۰۱۲۳۴۵۶۷۹", "۱۳۶۰/۰۵/۲۰")

    assert response.status_code == 200
    answer = answer_of(response)
    assert "اهواز" in answer
    assert geo.station_a1.name in answer and "۱۰۰۰۱" in answer
    html = response.content.decode()
    for private in (AHMAD[1], AHMAD[2], AHMAD[3], AHMAD[0], "۰۰۱۲۳۴۵۶۷۹", "۱۳۶۰/۰۵/۲۰"):
        assert private not in html  # not even what was typed: the form is emptied
    assert geo.station_b1.name not in html


def test_every_miss_gets_the_same_answer(geo, imported, client: Client) -> None:
    misses = [
        ask(client, ZAHRA[0], "1365/01/02"),  # the wrong birth date
        ask(client, "0056789017", "1365/01/01"),  # not in the register
        ask(client, DEAD[0], DEAD[4]),  # deceased
        ask(client, "0045678901", "1355/03/03"),  # barred
    ]
    answers = {answer_of(response) for response in misses}
    assert len(answers) == 1
    assert {response.status_code for response in misses} == {200}
    assert "حوزه‌ای پیدا نشد" in next(iter(answers))


def test_a_birth_date_too_late_for_the_election_is_answered_from_the_date_alone(
    geo, imported, client: Client
) -> None:
    registered = answer_of(ask(client, YOUNG[0], YOUNG[4]))
    unregistered = answer_of(ask(client, "0056789017", YOUNG[4]))
    assert registered == unregistered
    assert "۱۱ اردیبهشت ۱۳۸۷" in registered


def test_typing_mistakes_are_shown_and_no_lookup_is_made(geo, imported, client: Client) -> None:
    response = ask(client, "0012345678", "1360/13/20")
    assert response.status_code == 400
    html = response.content.decode()
    assert "رقم کنترل کد ملی" in html
    assert "ماه ۱۳ وجود ندارد" in html
    assert 'data-testid="not-found"' not in html
    assert not LookupCount.objects.filter(bucket__startswith="code:").exists()


def test_too_many_lookups_from_one_address_get_429(geo, imported, client: Client, settings) -> None:
    settings.SHORA_WHERE_TO_VOTE_PER_IP = 3
    for _ in range(3):
        assert ask(client, NASRIN[0], NASRIN[4], address="198.51.100.1").status_code == 200

    refused = ask(client, NASRIN[0], NASRIN[4], address="198.51.100.1")

    assert refused.status_code == 429
    html = refused.content.decode()
    assert "بیش از اندازه جست‌وجو شده است" in html and "۱۰ دقیقهٔ دیگر" in html
    assert 'data-testid="answer"' not in html
    assert ask(client, NASRIN[0], NASRIN[4], address="198.51.100.2").status_code == 200


def test_too_many_lookups_of_one_code_get_429_from_any_address(
    geo, imported, client: Client, settings
) -> None:
    settings.SHORA_WHERE_TO_VOTE_PER_CODE = 2
    assert ask(client, NASRIN[0], "1370/11/01", address="198.51.100.1").status_code == 200
    assert ask(client, "۱۲۳۴۵۶۷۸۹۱", "1370/11/02", address="198.51.100.2").status_code == 200

    refused = ask(client, NASRIN[0], NASRIN[4], address="198.51.100.3")

    assert refused.status_code == 429
    assert 'data-testid="answer"' not in refused.content.decode()
    assert ask(client, AHMAD[0], AHMAD[4], address="198.51.100.3").status_code == 200


def test_the_counters_never_hold_a_national_code(geo, imported, client: Client) -> None:
    ask(client, NASRIN[0], NASRIN[4])
    buckets = list(LookupCount.objects.values_list("bucket", flat=True))
    assert any(bucket.startswith("code:") for bucket in buckets)
    assert not any(NASRIN[0] in bucket for bucket in buckets)
    assert "ip:203.0.113.7" in buckets


def test_a_forwarded_address_counts_only_from_a_trusted_proxy(
    geo, imported, client: Client, settings
) -> None:
    settings.SHORA_FORWARDED_ALLOW_IPS = "10.0.0.1"
    settings.SHORA_WHERE_TO_VOTE_PER_IP = 2
    statuses = [ask(client, NASRIN[0], NASRIN[4], address=f"198.51.100.{n}").status_code
                for n in range(3)]  # fmt: skip
    assert statuses == [200, 200, 429]  # all the test client's own 127.0.0.1


def test_a_drill_election_is_not_public(geo, imported, client: Client) -> None:
    drill = election_create(
        actor=None, province=geo.province, name="مانور", polling_date=geo.election.polling_date,
        opens_at=geo.election.opens_at, closes_at=geo.election.closes_at, is_drill=True,
    )  # fmt: skip
    response = client.get(f"{URL}?election={drill.pk}")
    assert geo.election.name in response.content.decode()
    assert "مانور" not in response.content.decode()


def test_without_an_election_the_page_says_so(db, client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="national_code"' not in response.content.decode()


def test_the_same_person_removed_from_the_register_is_a_miss(
    geo, imported, client: Client, write_extract: WriteExtract, import_voters: Import
) -> None:
    import_voters(write_extract("without-nasrin.csv", [HEADER, AHMAD, ZAHRA]))
    assert 'data-testid="not-found"' in ask(client, NASRIN[0], NASRIN[4]).content.decode()
