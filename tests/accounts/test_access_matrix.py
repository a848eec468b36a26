"""Every role on every page and API call: what is allowed, and what is refused (403, not empty).

Geography (see conftest): county A (Ahvaz) has districts A1 (with city A and station A1)
and A2 (village A, station A2); county B (Abadan) has district B1 (city B, station B1).
County, trainer, district and station users are bound to A, A, A1 and station A1.
"""

from __future__ import annotations

import pytest

HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION = (
    "province_hq",
    "supervisor",
    "county",
    "trainer",
    "district",
    "station",
)
ROLES = (HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION)

# (page, the object it shows, roles allowed); every other role must get 403.
PAGES = [
    ("province", "province", {HQ, SUP}),
    ("county", "county_a", {HQ, SUP, COUNTY, TRAINER}),
    ("county", "county_b", {HQ, SUP}),
    ("district", "district_a1", {HQ, SUP, COUNTY, TRAINER, DISTRICT}),
    ("district", "district_a2", {HQ, SUP, COUNTY, TRAINER}),
    ("district", "district_b1", {HQ, SUP}),
    ("constituency", "city_a", {HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION}),
    ("constituency", "village_a", {HQ, SUP, COUNTY, TRAINER}),
    ("constituency", "city_b", {HQ, SUP}),
    ("station", "station_a1", {HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION}),
    ("station", "station_a2", {HQ, SUP, COUNTY, TRAINER}),
    ("station", "station_b1", {HQ, SUP}),
    ("election_settings", "election", set(ROLES)),
]

API = {
    "county": "/api/counties/{}",
    "district": "/api/districts/{}",
    "constituency": "/api/constituencies/{}",
    "station": "/api/stations/{}",
    "election_settings": "/api/elections/{}",
}

CASES = [(page, attr, role, role in allowed) for page, attr, allowed in PAGES for role in ROLES]


def _page_url(page: str, pk: int) -> str:
    prefix = {
        "province": "province",
        "county": "counties",
        "district": "districts",
        "constituency": "constituencies",
        "station": "stations",
    }
    if page == "election_settings":
        return f"/elections/{pk}/settings/"
    return f"/{prefix[page]}/{pk}/"


@pytest.mark.parametrize(("page", "attr", "role", "allowed"), CASES)
def test_page_scope(geo, client_as, page, attr, role, allowed):
    target = getattr(geo, attr)
    response = client_as(role).get(_page_url(page, target.pk))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert target.name in response.content.decode()


@pytest.mark.parametrize(
    ("page", "attr", "role", "allowed"), [case for case in CASES if case[0] in API]
)
def test_api_scope(geo, client_as, page, attr, role, allowed):
    target = getattr(geo, attr)
    response = client_as(role).get(API[page].format(target.pk))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert response.json()["name"] == target.name
    else:
        assert response.json()["code"] == "outside_scope"


@pytest.mark.parametrize("role", ROLES)
def test_api_county_list_holds_only_visible_counties(geo, client_as, role):
    names = {c["name"] for c in client_as(role).get("/api/counties").json()}
    expected = {
        HQ: {"اهواز", "آبادان"},
        SUP: {"اهواز", "آبادان"},
        COUNTY: {"اهواز"},
        TRAINER: {"اهواز"},
        DISTRICT: set(),
        STATION: set(),
    }[role]
    assert names == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_hq_changes_settings(geo, client_as, role):
    client = client_as(role)
    response = client.post(f"/elections/{geo.election.pk}/settings/", {"name": "x"})
    if role == HQ:
        assert response.status_code in (200, 302, 400)
    else:
        assert response.status_code == 403
        geo.election.refresh_from_db()
        assert geo.election.name == "انتخابات آزمون"


@pytest.mark.parametrize("role", ROLES)
def test_only_hq_advances_the_phase(geo, client_as, role):
    client = client_as(role)
    page = client.post(f"/elections/{geo.election.pk}/phase/", {"to_phase": "registration"})
    api = client.post(
        f"/api/elections/{geo.election.pk}/phase",
        {"to_phase": "registration"},
        content_type="application/json",
    )
    geo.election.refresh_from_db()
    if role == HQ:
        assert geo.election.phase == "registration"
    else:
        assert page.status_code == 403
        assert api.status_code == 403
        assert geo.election.phase == "setup"


def test_another_provinces_election_is_refused(geo, client_as):
    from shora.elections.services import election_create, province_create

    other = province_create(actor=None, code="07", name="فارس")
    foreign = election_create(
        actor=None,
        province=other,
        name="x",
        polling_date=geo.election.polling_date,
        opens_at=geo.election.opens_at,
        closes_at=geo.election.closes_at,
    )
    client = client_as(HQ)
    assert client.get(f"/elections/{foreign.pk}/settings/").status_code == 403
    assert client.get(f"/api/elections/{foreign.pk}").status_code == 403
    assert client.get(f"/province/{other.pk}/").status_code == 403
    assert [e["id"] for e in client.get("/api/elections").json()] == [geo.election.pk]


def test_anonymous_is_sent_to_sign_in_and_refused_by_the_api(geo, client):
    page = client.get(f"/counties/{geo.county_a.pk}/")
    assert page.status_code == 302
    assert page["Location"].startswith("/accounts/sign-in/")
    assert client.get(f"/api/counties/{geo.county_a.pk}").status_code == 401


def test_unknown_objects_are_404_not_500(geo, client_as):
    client = client_as(HQ)
    assert client.get("/counties/999999/").status_code == 404
    assert client.get("/api/stations/999999").status_code == 404


def test_home_sends_each_role_to_its_unit(geo, client_as):
    expected = {
        HQ: f"/province/{geo.province.pk}/",
        SUP: f"/province/{geo.province.pk}/",
        COUNTY: f"/counties/{geo.county_a.pk}/",
        TRAINER: f"/counties/{geo.county_a.pk}/",
        DISTRICT: f"/districts/{geo.district_a1.pk}/",
        STATION: f"/stations/{geo.station_a1.pk}/",
    }
    for role, url in expected.items():
        response = client_as(role, username=f"home-{role}", **geo.unit_for(role)).get("/")
        assert response.status_code == 302
        assert response["Location"] == url


# The election-day pages (shora.polling, see docs/access.md): (url of geo, roles allowed).
POLLING_PAGES = [
    ("/elections/{geo.election.pk}/polling/key/", {HQ, SUP}),
    ("/stations/{geo.station_a1.pk}/polling/", {HQ, SUP, COUNTY, DISTRICT, STATION}),
    ("/stations/{geo.station_a2.pk}/polling/", {HQ, SUP, COUNTY}),
    ("/stations/{geo.station_b1.pk}/polling/", {HQ, SUP}),
    ("/elections/{geo.election.pk}/polling/extensions/", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/polling/turnout/", {HQ, SUP, COUNTY, DISTRICT}),
    ("/elections/{geo.election.pk}/polling/turnout/?county={geo.county_a.pk}", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/polling/turnout/?county={geo.county_b.pk}", {HQ, SUP}),
    ("/elections/{geo.election.pk}/polling/incidents/", {HQ, SUP, COUNTY, DISTRICT}),
    ("/bulletin/", {HQ, SUP, COUNTY, DISTRICT, STATION, TRAINER}),
    ("/elections/{geo.election.pk}/participation/", {HQ, SUP, COUNTY, DISTRICT}),
    ("/elections/{geo.election.pk}/participation/?county={geo.county_a.pk}", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/participation/?county={geo.county_b.pk}", {HQ, SUP}),
    (
        "/elections/{geo.election.pk}/participation/?district={geo.district_a1.pk}",
        {HQ, SUP, COUNTY, DISTRICT},
    ),
    ("/elections/{geo.election.pk}/participation/targets/", {HQ}),
    ("/participation/", {HQ, SUP, COUNTY, DISTRICT, STATION, TRAINER}),
]


@pytest.mark.parametrize(
    ("url", "role", "allowed"),
    [(url, role, role in allowed) for url, allowed in POLLING_PAGES for role in ROLES],
)
def test_polling_page_scope(geo, client_as, url, role, allowed):
    response = client_as(role).get(url.format(geo=geo))
    assert response.status_code == (200 if allowed else 403)


# The tally's pages (shora.results, see docs/results.md): (url of geo, roles allowed). The
# share page is for holders of a share of the election's key only: none in this geography.
RESULTS_PAGES = [
    ("/elections/{geo.election.pk}/results/", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/results/exclusions/", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/results/share/", set()),
    ("/elections/{geo.election.pk}/results/constituencies/{geo.city_a.pk}/", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/results/constituencies/{geo.village_a.pk}/", {HQ, SUP, COUNTY}),
    ("/elections/{geo.election.pk}/results/constituencies/{geo.city_b.pk}/", {HQ, SUP}),
    (
        "/elections/{geo.election.pk}/results/constituencies/{geo.city_a.pk}/certification/",
        {HQ, SUP, COUNTY},
    ),
    (
        "/elections/{geo.election.pk}/results/constituencies/{geo.city_b.pk}/certification/",
        {HQ, SUP},
    ),
    ("/public/results/{geo.election.pk}/", set(ROLES)),
    ("/public/results/{geo.election.pk}/counties/{geo.county_b.pk}/", set(ROLES)),
    ("/public/results/{geo.election.pk}/constituencies/{geo.city_b.pk}/", set(ROLES)),
]


@pytest.mark.parametrize(
    ("url", "role", "allowed"),
    [(url, role, role in allowed) for url, allowed in RESULTS_PAGES for role in ROLES],
)
def test_results_page_scope(geo, client_as, url, role, allowed):
    response = client_as(role).get(url.format(geo=geo))
    assert response.status_code == (200 if allowed else 403)


# The drill pages (shora.drills, see docs/drills.md), on the same geography flagged as a
# drill election: (url of geo and a run per station, roles allowed).
DRILL_PAGES = [
    ("/elections/{geo.election.pk}/drills/", {HQ, SUP, COUNTY, TRAINER}),
    ("/elections/{geo.election.pk}/drills/?county={geo.county_a.pk}", {HQ, SUP, COUNTY, TRAINER}),
    ("/elections/{geo.election.pk}/drills/?county={geo.county_b.pk}", {HQ, SUP}),
    ("/elections/{geo.election.pk}/drills/runs/{runs[a]}/", {HQ, SUP, COUNTY, TRAINER}),
    ("/elections/{geo.election.pk}/drills/runs/{runs[b]}/", {HQ, SUP}),
]


@pytest.mark.parametrize(
    ("url", "role", "allowed"),
    [(url, role, role in allowed) for url, allowed in DRILL_PAGES for role in ROLES],
)
def test_drill_page_scope(geo, client_as, url, role, allowed):
    from shora.drills.models import DrillRun
    from shora.elections.models import Election

    Election.objects.filter(pk=geo.election.pk).update(is_drill=True)
    runs = {
        name: DrillRun.objects.create(
            election=geo.election,
            station=station,
            county=station.district.county,
            kind="simulated",
            started_at=geo.election.created_at,
        ).pk
        for name, station in (("a", geo.station_a1), ("b", geo.station_b1))
    }
    response = client_as(role).get(url.format(geo=geo, runs=runs))
    assert response.status_code == (200 if allowed else 403)


# Training (shora.training, see docs/training.md): (url of geo, roles allowed). The trainee's
# own pages take no account (their personal code is the key): see tests/training.
TRAINING_PAGES = [
    ("/elections/{geo.election.pk}/training/", {HQ, SUP, COUNTY, TRAINER}),
    ("/elections/{geo.election.pk}/training/evaluation/", {HQ, SUP, COUNTY, TRAINER}),
    (
        "/elections/{geo.election.pk}/training/evaluation/?county={geo.county_a.pk}",
        {HQ, SUP, COUNTY, TRAINER},
    ),
    ("/elections/{geo.election.pk}/training/evaluation/?county={geo.county_b.pk}", {HQ, SUP}),
    ("/elections/{geo.election.pk}/training/report.pdf", {HQ, SUP}),
    ("/elections/{geo.election.pk}/training/report.xlsx", {HQ, SUP}),
    ("/training/sessions/{sessions[a]}/", {HQ, SUP, COUNTY, TRAINER}),
    ("/training/sessions/{sessions[b]}/", {HQ, SUP}),
]


@pytest.mark.parametrize(
    ("url", "role", "allowed"),
    [(url, role, role in allowed) for url, allowed in TRAINING_PAGES for role in ROLES],
)
def test_training_page_scope(geo, client_as, url, role, allowed):
    import datetime

    from shora.training.services.sessions import series_create

    sessions = {
        name: series_create(
            actor=None,
            election=geo.election,
            county=county,
            title="جلسه",
            place="سالن",
            capacity=10,
            roles=["station_chair"],
            weekday=5,
            starts_at=datetime.time(9),
            first_date=datetime.date(2026, 4, 1),
        )
        .sessions.first()
        .pk
        for name, county in (("a", geo.county_a), ("b", geo.county_b))
    }
    response = client_as(role).get(url.format(geo=geo, sessions=sessions))
    assert response.status_code == (200 if allowed else 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_county_and_its_trainers_schedule_and_take_attendance(geo, client_as, role):
    import datetime

    from shora.training.models import Attendance, SessionSeries
    from shora.training.services.sessions import series_create

    session = series_create(
        actor=None,
        election=geo.election,
        county=geo.county_a,
        title="جلسه",
        place="سالن",
        capacity=10,
        roles=["station_chair"],
        weekday=5,
        starts_at=datetime.time(9),
        first_date=datetime.date(2026, 4, 1),
    ).sessions.first()
    client = client_as(role)
    created = client.post(f"/elections/{geo.election.pk}/training/", {"title": "x"})
    attended = client.post(f"/training/sessions/{session.pk}/attend/", {"code": "0"})
    if role in (COUNTY, TRAINER):
        assert created.status_code == 200 and attended.status_code == 302
    else:
        assert created.status_code == 403 and attended.status_code == 403
    assert SessionSeries.objects.count() == 1 and not Attendance.objects.exists()
