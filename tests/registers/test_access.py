"""Every role on every register page and API call: allowed, or 403 (never an empty page).

Units (tests/conftest.py): county A has districts A1 (city A) and A2 (village A); county B
has district B1 (city B). County and trainer users are bound to A, district users to A1,
station users to station A1. AHMAD lives in city A, DEAD in village A, NASRIN in city B.
"""

from __future__ import annotations

import pytest

from shora.registers.models import Voter
from tests.registers.conftest import AHMAD, DEAD, NASRIN

pytestmark = pytest.mark.django_db

HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION = (
    "province_hq", "supervisor", "county", "trainer", "district", "station",
)  # fmt: skip
ROLES = (HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION)
VOTERS = {"ahmad": AHMAD[0], "dead": DEAD[0], "nasrin": NASRIN[0]}

# (what, the object, roles allowed); every other role gets 403.
PAGES = [
    ("province", None, {HQ, SUP}),
    ("imports", None, {HQ, SUP}),
    ("county", "county_a", {HQ, SUP, COUNTY}),
    ("county", "county_b", {HQ, SUP}),
    ("district", "district_a1", {HQ, SUP, COUNTY, DISTRICT}),
    ("district", "district_a2", {HQ, SUP, COUNTY}),
    ("district", "district_b1", {HQ, SUP}),
    ("voter", "ahmad", {HQ, SUP, COUNTY, DISTRICT}),
    ("voter", "dead", {HQ, SUP, COUNTY}),
    ("voter", "nasrin", {HQ, SUP}),
    ("search", None, {HQ, SUP, COUNTY, DISTRICT}),
    ("home", None, {HQ, SUP, COUNTY, DISTRICT}),
]
CASES = [(page, target, role, role in allowed) for page, target, allowed in PAGES for role in ROLES]


def _target_id(geo, target: str | None) -> int | None:
    if target is None:
        return None
    if target in VOTERS:
        return Voter.objects.get(national_code=VOTERS[target]).pk
    return getattr(geo, target).pk


def _url(geo, page: str, target_id: int | None) -> str:
    election = f"?election={geo.election.pk}"
    paths = {
        "province": "/register/province/",
        "imports": "/register/imports/",
        "county": f"/register/counties/{target_id}/",
        "district": f"/register/districts/{target_id}/",
        "voter": f"/register/voters/{target_id}/",
        "search": "/register/search/",
        "home": "/register/",
    }
    return paths[page] + election + ("&q=رضایی" if page == "search" else "")


@pytest.mark.parametrize(("page", "target", "role", "allowed"), CASES)
def test_page_scope(geo, imported, client_as, page, target, role, allowed) -> None:
    response = client_as(role).get(_url(geo, page, _target_id(geo, target)))
    expected = (302 if page == "home" else 200) if allowed else 403
    assert response.status_code == expected
    if allowed and page == "voter":
        voter = Voter.objects.get(pk=_target_id(geo, target))
        assert voter.last_name in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_only_voters_of_ones_unit(geo, imported, client_as, role) -> None:
    response = client_as(role).get(f"/register/search/?election={geo.election.pk}&q={NASRIN[0]}")
    if role in (HQ, SUP):
        assert response.status_code == 200 and NASRIN[2] in response.content.decode()
    elif role in (COUNTY, DISTRICT):
        assert response.status_code == 200
        assert NASRIN[2] not in response.content.decode()  # county B's voter: not theirs
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_home_leads_each_role_to_its_unit(geo, imported, client_as, role) -> None:
    response = client_as(role).get("/register/")
    if role in (TRAINER, STATION):
        assert response.status_code == 403
        return
    expected = {
        HQ: "/register/province/",
        SUP: "/register/province/",
        COUNTY: f"/register/counties/{geo.county_a.pk}/",
        DISTRICT: f"/register/districts/{geo.district_a1.pk}/",
    }[role]
    assert response["Location"] == f"{expected}?election={geo.election.pk}"


LOOKUP = "/api/voters/lookup?election={election}&national_code="
API_CASES = [
    (LOOKUP + AHMAD[0], {HQ, SUP, COUNTY, DISTRICT}),
    (LOOKUP + NASRIN[0], {HQ, SUP}),
    ("/api/voters/{ahmad}", {HQ, SUP, COUNTY, DISTRICT}),
    ("/api/voters/{nasrin}", {HQ, SUP}),
    ("/api/elections/{election}/register", {HQ, SUP}),
    ("/api/elections/{election}/voter-imports", {HQ, SUP}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "role", "allowed"),
    [(path, role, role in allowed) for path, allowed in API_CASES for role in ROLES],
)
def test_api_scope(geo, imported, client_as, path, role, allowed) -> None:
    ids = {
        "election": geo.election.pk,
        "ahmad": Voter.objects.get(national_code=AHMAD[0]).pk,
        "nasrin": Voter.objects.get(national_code=NASRIN[0]).pk,
    }
    response = client_as(role).get(path.format(**ids))
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert response.json()["code"] == "outside_scope"


def test_the_api_answers_a_lookup_with_eligibility(geo, imported, client_as) -> None:
    client = client_as(HQ)
    dead = client.get(
        f"/api/voters/lookup?election={geo.election.pk}&national_code=۰۰۳۴-۵۶۷۸۹۵"
    ).json()
    assert dead["national_code"] == DEAD[0]
    assert dead["eligible"] is False
    assert [reason["code"] for reason in dead["reasons"]] == ["voter.deceased"]
    assert dead["constituency"]["code"] == "1002"
    missing = client.get(f"/api/voters/lookup?election={geo.election.pk}&national_code=0056789017")
    assert missing.status_code == 404
    totals = client.get(f"/api/elections/{geo.election.pk}/register").json()
    assert (totals["voters"], totals["eligible"], totals["under_age"]) == (6, 3, 1)
    imports = client.get(f"/api/elections/{geo.election.pk}/voter-imports").json()
    assert imports[0]["status"] == "applied" and imports[0]["added"] == 6


def test_signed_out_visitors_are_sent_to_sign_in(geo, imported, client) -> None:
    response = client.get("/register/province/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    assert client.get(f"/api/elections/{geo.election.pk}/register").status_code == 401
