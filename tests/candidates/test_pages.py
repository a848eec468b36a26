"""The candidates' pages through HTTP: each role allowed or refused (403), forms that take
Persian digits and Jalali dates, refusals explained, documents served."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from shora.candidates.models import Candidacy, CandidacySchedule, VillageHouseholds
from shora.candidates.services import candidacy_decide
from shora_domain.digits import to_persian_digits
from tests.candidates.conftest import approve, national_code

pytestmark = pytest.mark.django_db

HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION = (
    "province_hq", "supervisor", "county", "trainer", "district", "station",
)  # fmt: skip
ROLES = (HQ, SUP, COUNTY, TRAINER, DISTRICT, STATION)
PERSONAL = {HQ, SUP, COUNTY, DISTRICT}


def _get(client, url: str) -> int:
    return client.get(url).status_code


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_candidates_of_a_constituency(registering, client_as, role):
    client = client_as(role)
    own = f"/candidates/constituencies/{registering.city_a.pk}/"
    other = f"/candidates/constituencies/{registering.city_b.pk}/"
    assert _get(client, own) == (200 if role in PERSONAL else 403)
    assert _get(client, other) == (200 if role in {HQ, SUP} else 403)
    assert _get(client, own + "candidates.xlsx") == (200 if role in PERSONAL else 403)


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_candidate(register, registering, client_as, client_of, county_user, role):
    candidacy = register()
    client = client_of(county_user) if role == COUNTY else client_as(role)
    assert _get(client, f"/candidates/{candidacy.pk}/") == (200 if role in PERSONAL else 403)
    assert _get(client, f"/api/candidates/{candidacy.pk}") == (200 if role in PERSONAL else 403)


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_ballot_page_and_the_queue(registering, client_as, role):
    client = client_as(role)
    assert _get(client, f"/candidates/constituencies/{registering.city_a.pk}/ballot/") == 200
    assert _get(client, f"/candidates/constituencies/{registering.city_b.pk}/ballot/") == (
        200 if role in {HQ, SUP} else 403
    )
    queue = f"/elections/{registering.election.pk}/candidates/review/"
    assert _get(client, queue) == (200 if role in PERSONAL else 403)
    assert _get(client, f"/elections/{registering.election.pk}/candidates/schedule/") == 200


def test_signed_out_people_are_sent_to_sign_in(registering, client):
    response = client.get(f"/candidates/constituencies/{registering.city_a.pk}/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response.url
    assert client.get(f"/api/constituencies/{registering.city_a.pk}/ballot").status_code == 401


def _form(**changes: str) -> dict[str, str]:
    data = {
        "national_code": to_persian_digits(national_code(321_654_987)),
        "first_name": "محمدعلي",
        "last_name": "پاك\u200cنژاد",
        "father_name": "رضا",
        "gender": "male",
        "birth_date": "۱۳۶۰/۰۱/۰۱",
        "degree": "master",
        "military_service": "card",
        "veteran_status": "disabled_veteran",
        "clean_record_issued_on": "١٤٠٤/١٠/٠١",  # Arabic-Indic digits
        "residence_confirmed": "on",
    }
    return data | changes


def test_the_registration_form_takes_what_people_type(registering, client_as):
    client = client_as(COUNTY)
    url = f"/candidates/constituencies/{registering.city_a.pk}/register/"
    assert client.get(url).status_code == 200
    response = client.post(url, _form())
    candidacy = Candidacy.objects.get()
    assert response.status_code == 302 and response.url == f"/candidates/{candidacy.pk}/"
    assert (candidacy.first_name, candidacy.last_name) == ("محمدعلی", "پاک\u200cنژاد")
    assert candidacy.birth_date.isoformat() == "1981-03-21"
    assert candidacy.clean_record_issued_on.isoformat() == "2025-12-22"
    assert candidacy.veteran_status == "disabled_veteran"
    page = client.get(response.url).content.decode()
    assert "پاک\u200cنژاد" in page and "۱ فروردین ۱۳۶۰" in page


def test_the_form_lists_every_failed_condition_and_stores_nothing(registering, client_as):
    client = client_as(COUNTY)
    url = f"/candidates/constituencies/{registering.city_a.pk}/register/"
    response = client.post(
        url, _form(birth_date="۱۳۸۵/۰۱/۰۱", degree="diploma", residence_confirmed="")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("<li>") >= 3
    assert "۲۵ سال تمام" in page and "کاردانی" in page and "سکونت" in page
    assert not Candidacy.objects.exists()


def test_a_bad_date_and_a_bad_code_are_explained(registering, client_as):
    client = client_as(COUNTY)
    url = f"/candidates/constituencies/{registering.city_a.pk}/register/"
    response = client.post(url, _form(birth_date="۱۳۶۰/۱۳/۰۱"))
    assert response.status_code == 400 and "ماه ۱۳ وجود ندارد" in response.content.decode()
    response = client.post(url, _form(national_code="۱۲۳۴۵۶۷۸۹۰"))
    assert response.status_code == 400 and "رقم کنترل" in response.content.decode()
    assert not Candidacy.objects.exists()


@pytest.mark.parametrize("role", [HQ, SUP, DISTRICT])
def test_only_county_staff_open_the_registration_form(registering, client_as, role):
    url = f"/candidates/constituencies/{registering.city_a.pk}/register/"
    assert client_as(role).post(url, _form()).status_code == 403
    assert not Candidacy.objects.exists()


def test_a_double_submission_registers_once(registering, client_as):
    client = client_as(COUNTY)
    url = f"/candidates/constituencies/{registering.city_a.pk}/register/"
    assert client.post(url, _form()).status_code == 302
    again = client.post(url, _form(first_name="محمد علی"))
    assert again.status_code == 400 and "پیش‌تر" in again.content.decode()
    assert Candidacy.objects.count() == 1


def test_boards_take_their_steps_on_the_candidate_page(register, client_as, client_of, county_user):
    candidacy = register()
    county = client_of(county_user)
    page = county.get(f"/candidates/{candidacy.pk}/").content.decode()
    assert 'value="executive_approve"' in page and 'value="supervisory_approve"' not in page
    step = f"/candidates/{candidacy.pk}/step/"
    county.post(step, {"action": "executive_reject", "reason": ""})
    candidacy.refresh_from_db()
    assert candidacy.status == "registered"  # a rejection needs a reason
    county.post(step, {"action": "executive_reject", "reason": "گزارش"})
    supervisor = client_as(SUP)
    assert supervisor.post(step, {"action": "executive_approve"}).status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.status == "executive_rejected"
    supervisor.post(step, {"action": "supervisory_approve", "reason": "تأیید"})
    candidacy.refresh_from_db()
    assert candidacy.status == "approved"
    history = supervisor.get(f"/candidates/{candidacy.pk}/").content.decode()
    assert history.count("<tr>") >= 4 + 8  # person table, then 3 steps + header


def test_the_move_form_moves_an_approved_candidate(
    register, registering, county_user, supervisor, client_of
):
    candidacy = approve(register(), county_user, supervisor)
    client = client_of(county_user)
    page = client.get(f"/candidates/{candidacy.pk}/").content.decode()
    assert 'data-testid="move-form"' in page
    response = client.post(
        f"/candidates/{candidacy.pk}/move/",
        {"to": registering.village_a.pk, "residence_confirmed": "on"},
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.constituency == registering.village_a
    other = client.post(f"/candidates/{candidacy.pk}/move/", {"to": registering.city_b.pk})
    assert other.status_code == 302  # not a choice: refused with a message
    candidacy.refresh_from_db()
    assert candidacy.constituency == registering.village_a


def test_the_queue_shows_deadlines_for_the_readers_board(
    register, registering, client_of, county_user
):
    register(last_name="منتظری")
    page = client_of(county_user).get(f"/elections/{registering.election.pk}/candidates/review/")
    text = page.content.decode()
    assert 'data-testid="queue-executive"' in text and "منتظری" in text
    assert "۷ بهمن ۱۴۰۴" in text
    assert 'data-testid="queue-supervisory"' not in text


def test_the_hq_edits_the_calendar_and_others_cannot(registering, client_as):
    url = f"/elections/{registering.election.pk}/candidates/schedule/"
    assert client_as(COUNTY).post(url, {}).status_code == 403
    hq = client_as(HQ)
    form = hq.get(url).content.decode()
    assert "۱۴۰۴/۱۰/۲۱" in form
    data = {
        "city_registration_opens_on": "۱۴۰۴/۱۰/۲۰",
        "city_registration_closes_on": "1404/10/27",
        "city_executive_deadline": "1404/11/07",
        "city_supervisory_deadline": "1404/12/03",
        "city_high_board_deadline": "1404/12/20",
        "village_registration_opens_on": "1404/11/24",
        "village_registration_closes_on": "1404/11/30",
        "village_executive_deadline": "1404/12/10",
        "village_supervisory_deadline": "1404/12/25",
        "village_high_board_deadline": "1405/01/15",
        "registration_opens_at": "۰۸:۰۰",
        "registration_closes_at": "۱۶:۰۰",
        "persons_per_household": "۳٫۸",
    }
    assert hq.post(url, data).status_code == 302
    schedule = CandidacySchedule.objects.get()
    assert schedule.city_registration_opens_on.isoformat() == "2026-01-10"
    assert str(schedule.persons_per_household) == "3.8"
    bad = hq.post(url, data | {"city_executive_deadline": "1404/10/01"})
    assert bad.status_code == 400 and "پیش از" in bad.content.decode()


def test_a_county_records_its_villages_households(registering, client_as, clock):
    client = client_as(COUNTY)
    url = f"/candidates/constituencies/{registering.village_a.pk}/households/"
    client.post(url, {"households": "۱۸۰"})
    assert VillageHouseholds.objects.get().households == 180
    client.post(url, {"households": "99999"})  # more households than people
    assert VillageHouseholds.objects.get().households == 180
    assert client_as(SUP).post(url, {"households": "10"}).status_code == 403


def test_the_spreadsheet_lists_every_candidacy(register, registering, client_as, county_user):
    first = register(last_name="احمدی")
    candidacy_decide(actor=county_user, candidacy=first, action="executive_reject", reason="x")
    register(last_name="بهرامی", national_code=national_code(1))
    response = client_as(SUP).get(
        f"/candidates/constituencies/{registering.city_a.pk}/candidates.xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "نام خانوادگی / surname"
    assert [row[1] for row in rows[1:]] == ["احمدی", "بهرامی"]
    assert rows[2][4] == national_code(1)  # leading zeros kept
    assert sheet.sheet_view.rightToLeft


def test_the_api_takes_a_step_and_refuses_the_wrong_board(
    register, client_as, client_of, county_user
):
    candidacy = register()
    supervisor = client_as(SUP)
    url = f"/api/candidates/{candidacy.pk}/steps"
    wrong = supervisor.post(url, {"action": "executive_approve"}, content_type="application/json")
    assert wrong.status_code == 400 and wrong.json()["code"] == "candidacy.wrong_board"
    county = client_of(county_user)
    done = county.post(url, {"action": "executive_approve"}, content_type="application/json")
    assert done.status_code == 200
    assert [step["action"] for step in done.json()["history"]] == ["register", "executive_approve"]


def test_the_queue_reads_many_candidacies_in_a_few_queries(
    register, registering, client_of, county_user, django_assert_max_num_queries
):
    for index in range(30):
        register(national_code=national_code(600 + index))
    client = client_of(county_user)
    with django_assert_max_num_queries(25):
        page = client.get(f"/elections/{registering.election.pk}/candidates/review/")
    assert page.content.decode().count("candidates/") >= 30
