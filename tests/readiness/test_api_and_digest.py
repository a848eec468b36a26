"""The checklist's API, the daily digest command, who owes what and the trend."""

from __future__ import annotations

import argparse
import datetime
import io

import pytest
from django.test import Client

from shora.readiness.models import Deficiency, DigestRun
from shora.readiness.selectors import readiness_reference
from shora.readiness.selectors.deficiencies import (
    deficiencies_of,
    deficiency_rows,
    owed_by_organisation,
)
from shora.readiness.selectors.trend import blocking_trend
from shora.readiness.services import deficiency_mark_fixed, deficiency_verify
from shora_domain.errors import DomainError

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_as(make_user):
    def client(role, username=None, **unit):
        user = make_user(role, username=username or role, **unit)
        signed = Client()
        signed.force_login(user)
        signed.user = user
        return signed

    return client


def test_a_station_s_readiness_for_the_polling_part(geo, inspect, api_as):
    inspect(geo.station_a1, {"primary_link": True})
    body = api_as("station").get(f"/api/stations/{geo.station_a1.pk}/readiness").json()
    assert body["state"] == "not_ready" and body["inspected"]
    assert [item["item_code"] for item in body["open_blocking"]] == ["primary_link"]
    refused = api_as("county", username="abadan", county=geo.county_b).get(
        f"/api/stations/{geo.station_a1.pk}/readiness"
    )
    assert refused.status_code == 403


def test_an_inspector_s_device_posts_an_inspection(geo, checklist, api_as):
    client = api_as("district")
    current = client.get(f"/api/elections/{geo.election.pk}/readiness/checklist").json()
    assert (
        current["version_id"] == checklist.pk and len(current["items"]) == checklist.items.count()
    )
    photo = io.BytesIO(png_bytes())
    photo.name = "ramp.png"
    uploaded = client.post("/api/readiness/photos", {"photo": photo})
    assert uploaded.status_code == 200, uploaded.content
    photo_id = uploaded.json()["id"]
    fake = io.BytesIO(b"plain text")
    fake.name = "x.png"
    refused_photo = client.post("/api/readiness/photos", {"photo": fake})
    assert refused_photo.status_code == 400
    assert refused_photo.json()["code"] == "readiness.not_an_image"
    results = []
    for item in current["items"]:
        result = {"item_id": item["id"]}
        if item["check_kind"] == "measured":
            result["value"] = "۵" if item["code"] == "link_bandwidth" else "90"
        else:
            result["passed"] = True
        if item["check_kind"] == "photo":
            result["photo_id"] = photo_id
        results.append(result)
    url = f"/api/stations/{geo.station_a1.pk}/inspections"
    made = client.post(
        url,
        {"version_id": checklist.pk, "inspected_on": "2026-03-30", "results": results},
        content_type="application/json",
    )
    assert made.status_code == 200, made.content
    assert made.json()["failed"] == 1 and len(made.json()["opened"]) == 1
    foreign = client.post(
        url,
        {"version_id": checklist.pk, "results": [*results, {"item_id": 424242, "passed": True}]},
        content_type="application/json",
    )
    assert foreign.status_code == 400
    assert foreign.json()["code"] == "readiness.item_not_in_version"
    other = client.post(
        f"/api/stations/{geo.station_a2.pk}/inspections",
        {"version_id": checklist.pk, "results": results},
        content_type="application/json",
    )
    assert other.status_code == 403


def test_deficiencies_list_and_steps_through_the_api(geo, inspect, api_as):
    inspect(geo.station_a1, {"cooling": True})
    county = api_as("county")
    listed = county.get(
        f"/api/elections/{geo.election.pk}/readiness/deficiencies?county_id={geo.county_a.pk}"
    ).json()
    assert [d["item_code"] for d in listed] == ["cooling"]
    assert (
        county.get(f"/api/elections/{geo.election.pk}/readiness/deficiencies").status_code == 403
    )  # the whole province is the HQ's view
    pk = listed[0]["id"]
    assert county.post(
        f"/api/deficiencies/{pk}/fix", {}, content_type="application/json"
    ).json() == {"status": "fixed"}
    self_check = county.post(
        f"/api/deficiencies/{pk}/verify", {"passed": True}, content_type="application/json"
    )
    assert self_check.status_code == 400
    assert self_check.json()["code"] == "readiness.self_verification"
    verified = api_as("district").post(
        f"/api/deficiencies/{pk}/verify", {"passed": True}, content_type="application/json"
    )
    assert verified.json() == {"status": "verified"}
    assert (
        county.post(f"/api/deficiencies/{pk}/jump", {}, content_type="application/json").status_code
        == 404
    )


def test_who_owes_what_counts_open_and_overdue_items(geo, inspect, organisations, clock):
    inspect(geo.station_a1, {"primary_link": True, "cooling": True, "police_presence": True})
    inspect(geo.station_b1, {"primary_link": True})
    clock.advance(10)  # blocking items were due in 7 days, major in 14
    reference = readiness_reference(geo.election)
    rows = deficiency_rows(deficiencies_of(geo.election), on=reference.day, soon_days=7)
    owed = {
        entry.organisation.name if entry.organisation else None: entry
        for entry in owed_by_organisation(rows)
    }
    ahvaz_telecom = owed["مخابرات منطقهٔ اهواز"]
    assert (ahvaz_telecom.open_items, ahvaz_telecom.overdue, ahvaz_telecom.days_overdue_most) == (
        1,
        1,
        3,
    )
    assert owed["ادارهٔ کل آموزش و پرورش"].due_soon == 1
    assert owed["فرماندهی انتظامی استان"].overdue == 1
    entries = list(owed.values())
    assert [e.overdue for e in entries] == sorted((e.overdue for e in entries), reverse=True)


def test_the_trend_follows_openings_and_verifications(geo, inspect, make_user, clock):
    inspect(geo.station_a1, {"primary_link": True})
    clock.advance(2)
    inspect(geo.station_b1, {"voting_device": True})
    clock.advance(3)
    link = Deficiency.objects.get(item_code="primary_link")
    deficiency_mark_fixed(actor=make_user("county"), deficiency=link)
    clock.advance(1)
    deficiency_verify(actor=None, deficiency=link, passed=True, inspector_name="بازرس")
    trend = blocking_trend(geo.election, readiness_reference(geo.election).day, days=8)
    by_county = {t.county.code: t.counts for t in trend.counties}
    assert by_county["0601"] == (0, 0, 1, 1, 1, 1, 1, 1, 0)
    assert by_county["0602"] == (0, 0, 0, 0, 1, 1, 1, 1, 1)


def test_the_digest_command_prints_and_records_the_digest(
    geo, inspect, organisations, clock, capsys
):
    from shora.cli import main as shora

    inspect(geo.station_a1, {"primary_link": True, "cooling": True})
    clock.advance(9)
    assert shora(["readiness", "digest", "--election", str(geo.election.pk)]) == 0
    out = capsys.readouterr().out
    assert "مخابرات منطقهٔ اهواز" in out and "overdue" in out
    assert "۲۱ روز تا روز اخذ رأی" in out and "21 days to polling day" in out
    run = DigestRun.objects.get()
    assert run.reference_day == datetime.date(2026, 4, 10)
    assert (run.content["overdue"], run.content["due_soon"]) == (1, 1)
    assert [c["code"] for c in run.content["counties"]] == ["0601"]


def test_the_digest_on_a_chosen_day_and_after_polling_day(geo, inspect, clock, capsys):
    from shora.cli import main as shora

    inspect(geo.station_a1, {"primary_link": True})
    assert shora(["readiness", "digest", "--on", "۱۴۰۵/۰۱/۲۰"]) == 0
    assert DigestRun.objects.get().content["overdue"] == 1
    assert shora(["readiness", "digest", "--on", "1405/09/06"]) == 0
    history = DigestRun.objects.latest("pk")
    assert history.reference_day == geo.election.polling_date and history.content["is_history"]
    assert "as it stood on polling day" in capsys.readouterr().out


def test_the_digest_refuses_bad_input_in_both_languages(geo, clock, capsys):
    from shora.cli import main as shora

    assert shora(["readiness", "digest", "--on", "1405/13/01"]) == 1
    assert shora(["readiness", "digest", "--election", "9999"]) == 1
    err = capsys.readouterr().err
    assert "There is no election with id 9999" in err and "انتخاباتی با شناسهٔ" in err
    assert not DigestRun.objects.exists()


def test_the_digest_command_function_directly(geo, clock):
    from shora.readiness.commands import readiness_digest_command

    args = argparse.Namespace(election=None, on=None)
    assert readiness_digest_command(args) == 0
    with pytest.raises(DomainError):
        readiness_digest_command(argparse.Namespace(election=None, on="دیروز"))
