"""The public results: no sign-in; per constituency, county and province with turnout;
csv and json; nothing of a constituency before its tally; certified once confirmed; a
drill's results never public."""

from __future__ import annotations

import csv
import datetime
import io
import itertools

import pytest
from django.test import Client
from django.utils import timezone

from shora.elections.models import Election
from shora.registers.models import BirthCalendar, ImportStatus, Voter, VoterImport
from shora.results.services.certification import certification_approve, certification_confirm
from shora_domain.national_code import national_code_check_digit
from tests.results.certification_builders import CANDIDATES, boards_seated, result_write

_serials = itertools.count(500_000_001)


def voters_add(geo, constituency, count: int, **facts) -> None:
    run = VoterImport.objects.create(
        election=geo.election,
        operator="tests",
        file_name="tests.csv",
        file_sha256="0" * 64,
        file_size=0,
        birth_calendar=BirthCalendar.GREGORIAN,
        status=ImportStatus.APPLIED,
        started_at=timezone.now(),
    )
    serials = [f"{next(_serials):09d}" for _ in range(count)]
    Voter.objects.bulk_create(
        Voter(
            election=geo.election,
            national_code=s + str(national_code_check_digit(s)),
            first_name="زهرا",
            last_name="کریمی",
            name_key="کریمی زهرا",
            gender="female",
            birth_date=datetime.date(1980, 1, 1),
            constituency=constituency,
            deceased=facts.get("deceased", False),
            imported_by=run,
        )
        for s in serials
    )


@pytest.fixture
def anyone() -> Client:
    return Client()


def _url(geo, tail: str = "") -> str:
    return f"/public/results/{geo.election.pk}/{tail}"


@pytest.fixture
def registered(geo):
    voters_add(geo, geo.city_a, 120)
    voters_add(geo, geo.city_a, 5, deceased=True)  # not eligible: not counted in turnout
    voters_add(geo, geo.village_a, 10)
    voters_add(geo, geo.city_b, 40)
    return geo


def test_nothing_before_the_tally(registered, anyone):
    geo = registered
    page = anyone.get(_url(geo))
    assert page.status_code == 200 and b'data-testid="public-none"' in page.content
    assert "زهرا احمدی" not in page.content.decode()
    one = anyone.get(_url(geo, f"constituencies/{geo.city_a.pk}/"))
    assert one.status_code == 200 and b'data-testid="not-tallied"' in one.content
    assert b'data-testid="counts"' not in one.content
    assert anyone.get(_url(geo, f"constituencies/{geo.city_a.pk}/?format=json")).status_code == 404
    data = anyone.get(_url(geo) + "?format=json").json()
    assert data["constituencies"] == [] and data["totals"]["ballots"] == 0
    rows = list(csv.reader(io.StringIO(anyone.get(_url(geo) + "?format=csv").content.decode())))
    assert len(rows) == 1  # the header only


def test_a_tallied_constituency_with_turnout(registered, anyone):
    geo = registered
    result_write(geo, geo.city_a)  # 60 ballots of 120 eligible
    page = anyone.get(_url(geo, f"constituencies/{geo.city_a.pk}/"))
    text = page.content.decode()
    assert "زهرا احمدی" in text and "۵۰٫۰٪" in text
    assert b'data-testid="not-certified"' in page.content
    data = anyone.get(_url(geo, f"constituencies/{geo.city_a.pk}/?format=json")).json()
    row = data["constituency"]
    assert row["ballots"] == 60 and row["eligible"] == 120 and row["turnout_tenths"] == 500
    assert [s["name"] for s in row["standings"]] == [c[1] for c in CANDIDATES]
    assert row["certified"] is False


def test_county_and_province_list_only_what_was_tallied(registered, anyone):
    geo = registered
    result_write(geo, geo.city_a)
    result_write(geo, geo.city_b, ballots=30, valid=30, blank=0, void=0, rejected=0)
    province = anyone.get(_url(geo) + "?format=json").json()
    assert [r["code"] for r in province["constituencies"]] == ["1001", "2001"]
    totals = province["totals"]
    assert totals["ballots"] == 90 and totals["eligible"] == 160 and totals["tallied"] == 2
    assert totals["constituencies"] == 3
    counties = {c["code"]: c for c in province["counties"]}
    assert counties["0601"]["tallied"] == 1 and counties["0601"]["constituencies"] == 2
    assert counties["0602"]["turnout_tenths"] == 750
    county = anyone.get(_url(geo, f"counties/{geo.county_a.pk}/?format=json")).json()
    assert [r["code"] for r in county["constituencies"]] == ["1001"]
    html = anyone.get(_url(geo, f"counties/{geo.county_a.pk}/")).content.decode()
    assert "ده نو" not in html  # village A not tallied: not listed


def test_open_data_csv_has_one_line_per_candidate(registered, anyone):
    geo = registered
    result_write(geo, geo.city_a)
    response = anyone.get(_url(geo) + "?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert len(rows) == len(CANDIDATES)
    assert rows[0]["candidate"] == "زهرا احمدی" and rows[0]["votes"] == "40"
    assert rows[0]["eligible"] == "120" and rows[0]["certified"] == "no"


def test_marked_certified_once_confirmed(registered, anyone, make_user):
    geo = registered
    boards_seated(geo)
    result_write(geo, geo.city_a)
    certification_approve(actor=make_user("county"), constituency=geo.city_a)
    one = _url(geo, f"constituencies/{geo.city_a.pk}/")
    assert b'data-testid="certified"' not in anyone.get(one).content  # approved only
    certification_confirm(actor=make_user("supervisor"), constituency=geo.city_a)
    assert b'data-testid="certified"' in anyone.get(one).content
    assert anyone.get(one + "?format=json").json()["constituency"]["certified"] is True
    assert anyone.get(_url(geo) + "?format=json").json()["totals"]["certified"] == 1


def test_a_drill_is_never_public(registered, anyone):
    geo = registered
    result_write(geo, geo.city_a)
    Election.objects.filter(pk=geo.election.pk).update(is_drill=True)
    assert anyone.get(_url(geo)).status_code == 404
    assert anyone.get(_url(geo, f"constituencies/{geo.city_a.pk}/")).status_code == 404


@pytest.mark.parametrize("tail", ["999999/", "counties/999999/", "constituencies/999999/"])
def test_unknown_ids_are_not_found(geo, anyone, tail):
    url = f"/public/results/{tail}" if tail == "999999/" else _url(geo, tail)
    assert anyone.get(url).status_code == 404


def test_a_constituency_of_another_election_is_not_found(geo, anyone):
    assert (
        anyone.get(
            f"/public/results/{geo.election.pk + 1}/constituencies/{geo.city_a.pk}/"
        ).status_code
        == 404
    )


def test_the_site_links_the_public_results_of_the_election_it_shows(geo, client):
    """Where-do-I-vote (no sign-in) carries the link; a drill's page does not."""
    page = client.get("/where-do-i-vote/").content.decode()
    assert f'href="/public/results/{geo.election.pk}/"' in page
    assert 'data-testid="nav-results"' in page
    Election.objects.filter(pk=geo.election.pk).update(is_drill=True)
    assert 'data-testid="nav-results"' not in client.get("/where-do-i-vote/").content.decode()
