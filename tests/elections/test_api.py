"""The JSON API: its OpenAPI document, and domain refusals mapped to clear HTTP answers."""

from __future__ import annotations


def test_openapi_document_is_served(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/elections/{election_id}/phase" in paths
    assert "/api/device/whoami" in paths


def test_api_docs_page_is_served(client, db):
    assert client.get("/api/docs").status_code == 200


def test_a_gate_refusal_lists_what_is_missing(geo, client_as):
    from shora.elections.services import constituency_create

    constituency_create(
        actor=None,
        election=geo.election,
        district=geo.district_a2,
        code="1003",
        kind="village",
        name="بی‌شعبه",
        population=300,
    )
    response = client_as("province_hq").post(
        f"/api/elections/{geo.election.pk}/phase",
        {"to_phase": "registration"},
        content_type="application/json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "gate_not_passed"
    assert [m["code"] for m in body["missing"]] == ["constituency_without_station"]
    assert "1003" in body["missing"][0]["message_en"]


def test_a_phase_moved_backwards_is_a_conflict(geo, client_as):
    response = client_as("province_hq").post(
        f"/api/elections/{geo.election.pk}/phase",
        {"to_phase": "setup"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "phase_backwards"


def test_malformed_json_is_a_client_error(geo, client_as):
    response = client_as("province_hq").post(
        f"/api/elections/{geo.election.pk}/phase", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)


def test_the_election_shows_its_next_gate(geo, client_as):
    body = client_as("county").get(f"/api/elections/{geo.election.pk}").json()
    assert body["phase"] == "setup"
    assert body["next_phase"] == "registration"
    assert body["missing_for_next_phase"] == []


def test_a_session_without_csrf_cannot_post(geo, make_user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("county"))
    response = client.post(
        f"/api/elections/{geo.election.pk}/phase",
        {"to_phase": "registration"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_the_province_page_switches_to_the_drill_election(geo, client_as):
    import datetime

    from shora.elections.services import election_create

    drill = election_create(actor=None, province=geo.province, name="تمرین کارون",
                            polling_date=datetime.date(2026, 4, 1), opens_at=datetime.time(8),
                            closes_at=datetime.time(18), is_drill=True)
    client = client_as("province_hq")
    page = client.get(f"/province/{geo.province.pk}/").content.decode()
    assert f"?election={drill.pk}" in page
    drill_page = client.get(f"/province/{geo.province.pk}/?election={drill.pk}")
    assert drill_page.context["election"] == drill
    assert drill_page.context["totals"].stations == 0  # the drill's own, not the real ones
