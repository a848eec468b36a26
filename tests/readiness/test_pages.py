"""The checklist's pages through HTTP, for each allowed and each refused role."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from shora.readiness.models import (
    ChecklistTemplate,
    CountySubmission,
    Deficiency,
    Inspection,
    Organisation,
)

from .conftest import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(geo, inspect, organisations):
    """Station a1 failing its link and cooling; a2 clean; b1 failing power."""
    inspect(geo.station_a1, {"primary_link": True, "cooling": True})
    inspect(geo.station_a2)
    inspect(geo.station_b1, {"ups_present": True})
    return geo


def urls(geo):
    e = geo.election.pk
    return {
        "province": f"/elections/{e}/readiness/",
        "county_a": f"/elections/{e}/readiness/counties/{geo.county_a.pk}/",
        "county_b": f"/elections/{e}/readiness/counties/{geo.county_b.pk}/",
        "district_a1": f"/elections/{e}/readiness/districts/{geo.district_a1.pk}/",
        "district_a2": f"/elections/{e}/readiness/districts/{geo.district_a2.pk}/",
        "station_a1": f"/stations/{geo.station_a1.pk}/readiness/",
        "station_b1": f"/stations/{geo.station_b1.pk}/readiness/",
        "inspect_a1": f"/stations/{geo.station_a1.pk}/inspect/",
        "owed": f"/elections/{e}/readiness/owed/",
        "submissions": f"/elections/{e}/readiness/submissions/",
        "organisations": f"/elections/{e}/readiness/organisations/",
        "checklists": f"/elections/{e}/readiness/checklists/",
        "pdf_a": f"/elections/{e}/readiness/counties/{geo.county_a.pk}/report.pdf",
        "xlsx_a": f"/elections/{e}/readiness/counties/{geo.county_a.pk}/deficiencies.xlsx",
    }


ALLOWED = {
    "province_hq": {
        "province",
        "county_a",
        "county_b",
        "district_a1",
        "district_a2",
        "station_a1",
        "station_b1",
        "owed",
        "submissions",
        "organisations",
        "checklists",
        "pdf_a",
        "xlsx_a",
    },
    "supervisor": {
        "province",
        "county_a",
        "county_b",
        "district_a1",
        "district_a2",
        "station_a1",
        "station_b1",
        "owed",
        "submissions",
        "organisations",
        "checklists",
        "pdf_a",
        "xlsx_a",
    },
    "county": {
        "county_a",
        "district_a1",
        "district_a2",
        "station_a1",
        "inspect_a1",
        "organisations",
        "checklists",
        "pdf_a",
        "xlsx_a",
    },
    "district": {"district_a1", "station_a1", "inspect_a1", "checklists"},
    "station": {"station_a1", "checklists"},
    "trainer": {"checklists"},
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_each_role_opens_its_pages_and_is_refused_the_others(found, as_user, role):
    client = as_user(role)
    for name, url in urls(found).items():
        status = client.get(url).status_code
        expected = 200 if name in ALLOWED[role] else 403
        assert status == expected, (role, name, status)


def test_the_province_dashboard_shows_states_tiles_and_submissions(found, as_user):
    page = as_user("province_hq").get(urls(found)["province"]).content.decode()
    assert 'data-testid="station-tiles"' in page
    assert page.count('<a class="tile ') == 3
    assert "tile blocked" in page and "tile ready" in page
    assert "اهواز" in page and "آبادان" in page
    assert "<svg" in page  # the trend chart, as the blocking items opened today
    assert "۳۰ روز" in page or "30 day" in page  # countdown from 1 April to 1 May


def test_the_inspector_records_an_inspection_from_the_phone_form(found, as_user, checklist):
    client = as_user("district")
    form = client.get(urls(found)["inspect_a1"]).content.decode()
    assert 'capture="environment"' in form and 'inputmode="decimal"' in form
    data = {
        "version": checklist.pk,
        "inspected_on": "۱۴۰۵/۰۱/۱۲",
        "inspector_name": "",
        "note": "بازدید دوم",
    }
    files = {}
    for item in checklist.items.all():
        if item.check_kind == "measured":
            data[f"item-{item.pk}-value"] = "۱۲" if item.code == "link_bandwidth" else "۹۰"
        else:
            data[f"item-{item.pk}-passed"] = "yes"
        if item.check_kind == "photo":
            files[f"item-{item.pk}-photo"] = io.BytesIO(png_bytes(colour="yellow"))
            files[f"item-{item.pk}-photo"].name = "ramp.png"
    response = client.post(urls(found)["inspect_a1"], {**data, **files})
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = Inspection.objects.latest("pk")
    assert inspection.recorded_by == client.user and inspection.failed == 0
    assert response["Location"] == f"/inspections/{inspection.pk}/"
    assert client.get(response["Location"]).status_code == 200


def test_a_bad_inspection_is_refused_with_a_message_and_changes_nothing(found, as_user, checklist):
    client = as_user("county")
    before = Inspection.objects.count()
    base = {"version": checklist.pk, "inspected_on": "1405/01/12"}
    for item in checklist.items.all():
        if item.check_kind == "measured":
            base[f"item-{item.pk}-value"] = "100"
        else:
            base[f"item-{item.pk}-passed"] = "yes"
    photo_item = checklist.items.get(code="lighting")
    fake = io.BytesIO(b"not an image at all")
    fake.name = "lighting.png"
    refused = client.post(urls(found)["inspect_a1"], {**base, f"item-{photo_item.pk}-photo": fake})
    assert refused.status_code == 400
    assert "عکس نیست" in refused.content.decode()
    foreign = client.post(urls(found)["inspect_a1"], {**base, "item-999999-passed": "yes"})
    assert foreign.status_code == 400 and "۹۹۹۹۹۹" in foreign.content.decode()
    bad_date = client.post(urls(found)["inspect_a1"], {**base, "inspected_on": "1405/13/40"})
    assert bad_date.status_code == 400
    assert Inspection.objects.count() == before


def test_the_deficiency_steps_through_the_pages(found, as_user):
    link = Deficiency.objects.get(station=found.station_a1, item_code="primary_link")
    county, district = as_user("county"), as_user("district")
    url = f"/deficiencies/{link.pk}/"
    assert 'data-testid="steps"' in county.get(url).content.decode()
    assert county.post(url + "start/", {"note": "اعزام تیم"}).status_code == 302
    photo = io.BytesIO(png_bytes(colour="purple"))
    photo.name = "fixed.png"
    assert county.post(url + "fix/", {"note": "جوش فیبر", "photo": photo}).status_code == 302
    self_check = county.post(url + "verify/", {"passed": "yes"})
    assert self_check.status_code == 400
    assert "نمی‌تواند آن را تأیید کند" in self_check.content.decode()
    assert district.post(url + "verify/", {"passed": "yes"}).status_code == 302
    link.refresh_from_db()
    assert link.status == "verified"
    page = county.get(url).content.decode()
    assert page.count("<li>") >= 4
    assert (
        as_user("county", username="abadan", county=found.county_b).post(url + "start/").status_code
        == 403
    )
    assert as_user("supervisor").post(url + "start/").status_code == 403
    assert county.post(url + "dance/").status_code == 404


def test_assigning_a_due_date_after_polling_day_is_refused_on_the_page(
    found, as_user, organisations
):
    link = Deficiency.objects.get(station=found.station_a1, item_code="primary_link")
    response = as_user("county").post(
        f"/deficiencies/{link.pk}/assign/",
        {
            "organisation": organisations["telecom"].pk,
            "responsible_person": "رضا",
            "due_on": "۱۴۰۵/۰۲/۱۵",
        },
    )
    assert response.status_code == 400
    assert "پیش از روز اخذ رأی" in response.content.decode()


def test_organisations_register_through_the_page(found, as_user):
    hq, county = as_user("province_hq"), as_user("county")
    url = urls(found)["organisations"]
    ok = county.post(
        url,
        {
            "kind": "power",
            "name": "برق منطقه‌ای اهواز",
            "contact_person": "حمید",
            "phone": "۰۶۱۳۲۲۲۱۱۰۰",
        },
    )
    assert ok.status_code == 302
    assert Organisation.objects.get(name="برق منطقه‌ای اهواز").county == found.county_a
    bad = hq.post(url, {"kind": "power", "name": "برق", "contact_person": "حمید", "phone": "12"})
    assert bad.status_code == 400 and "شمارهٔ تلفن" in bad.content.decode()
    assert as_user("district").get(url).status_code == 403
    assert as_user("supervisor").post(url, {"kind": "power"}).status_code == 403


def test_the_hq_makes_and_edits_the_checklist_through_the_pages(geo, clock, as_user):
    hq = as_user("province_hq")
    url = urls(geo)["checklists"]
    assert as_user("county").post(url).status_code == 403
    assert hq.post(url).status_code == 302
    template = ChecklistTemplate.objects.get()
    draft_response = hq.post(f"/checklists/{template.pk}/draft/")
    draft = template.versions.get(number=2)
    assert draft_response["Location"] == f"/checklist-versions/{draft.pk}/"
    added = hq.post(
        f"/checklist-versions/{draft.pk}/",
        {
            "text": "کپسول آتش‌نشانی",
            "text_en": "Fire extinguisher",
            "area": "security",
            "severity": "minor",
            "responsible_kind": "other",
            "check_kind": "measured",
            "threshold": "۱",
            "comparison": "at_least",
            "unit": "عدد",
            "unit_en": "pieces",
        },
    )
    assert added.status_code == 302
    assert draft.items.get(code="fire-extinguisher").threshold == 1
    assert hq.post(f"/checklist-versions/{draft.pk}/publish/").status_code == 302
    draft.refresh_from_db()
    assert draft.is_published
    frozen = hq.post(f"/checklist-versions/{draft.pk}/", {"text": "x"})
    assert frozen.status_code == 403


def test_submitting_and_reviewing_through_the_pages(found, as_user, inspect):
    county, hq = as_user("county"), as_user("province_hq")
    submit = f"/elections/{found.election.pk}/readiness/counties/{found.county_a.pk}/submit/"
    assert county.post(submit, {"note": "ارسال"}).status_code == 302
    submission = CountySubmission.objects.get()
    again = county.post(submit, follow=True)
    assert "در انتظار بررسی" in again.content.decode()
    assert CountySubmission.objects.count() == 1
    assert (
        as_user("county", username="abadan", county=found.county_b).post(submit).status_code == 403
    )
    review = f"/readiness-submissions/{submission.pk}/review/"
    assert county.post(review, {"decision": "acknowledge"}).status_code == 403
    returned = hq.post(review, {"decision": "return", "comment": ""}, follow=True)
    assert "توضیح بنویسید" in returned.content.decode()
    hq.post(review, {"decision": "return", "comment": "مهلت‌ها را اصلاح کنید"})
    submission.refresh_from_db()
    assert submission.state == "returned"
    page = county.get(urls(found)["county_a"]).content.decode()
    assert "مهلت‌ها را اصلاح کنید" in page


def test_the_county_report_as_pdf_and_xlsx(found, as_user):
    client = as_user("county")
    pdf = client.get(urls(found)["pdf_a"])
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(urls(found)["xlsx_a"])
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.sheet_view.rightToLeft
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1] == "کد شعبه / station code"
    assert {row[1] for row in rows[2:]} == {"10001"}
    assert len(rows) == 4  # title, header, two deficiencies of Ahvaz


def test_photos_are_shown_only_to_those_who_see_the_station(found, as_user, checklist):
    from shora.readiness.models import Photo

    photo = Photo.objects.first()
    assert photo is not None
    response = as_user("county").get(f"/readiness-photos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    # the same grey picture was taken at every station, Abadan's too
    assert (
        as_user("county", username="abadan", county=found.county_b)
        .get(f"/readiness-photos/{photo.pk}/")
        .status_code
        == 200
    )
    assert as_user("trainer").get(f"/readiness-photos/{photo.pk}/").status_code == 403


def test_after_polling_day_the_pages_say_it_is_history(found, as_user, clock):
    clock.jalali(1405, 9, 6)
    page = as_user("county").get(urls(found)["county_a"]).content.decode()
    assert 'data-testid="history-notice"' in page
    assert 'data-testid="submit-checklist"' not in page
    station = as_user("district").get(urls(found)["station_a1"]).content.decode()
    assert 'data-testid="inspect-link"' not in station


def test_the_pages_in_english(found, as_user):
    client = as_user("province_hq")
    client.cookies["django_language"] = "en"
    for name in ("province", "county_a", "owed", "submissions", "station_a1"):
        page = client.get(urls(found)[name]).content.decode()
        assert 'lang="en"' in page and 'dir="ltr"' in page, name
        assert "۱" not in page.split("<main>")[1], name  # Latin digits in English
    county = client.get(urls(found)["county_a"]).content.decode()
    assert "Infrastructure readiness of the county of" in county
    assert "30 days to polling day" in county
