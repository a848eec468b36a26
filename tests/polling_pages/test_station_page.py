"""A station's election-day page: who reads it, who issues an enrolment code (shown once and
working with the station's enrolment), the opening gate, the signed documents, incidents."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from shora.polling.models import EnrolmentCode, StationDevice
from shora.polling.services.devices import station_enrol
from shora.polling.services.station_day import station_receipts_root
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.signed_documents import signing_key_generate
from tests.polling.api_calls import ballot_entry, claim, post, send_batch

pytestmark = pytest.mark.django_db

ROLES = ("province_hq", "supervisor", "county", "trainer", "district", "station")
# (station, roles that read its page); county, district and station users are of A / A1 / A1.
READERS = [
    ("station_a1", {"province_hq", "supervisor", "county", "district", "station"}),
    ("station_a2", {"province_hq", "supervisor", "county"}),
    ("station_b1", {"province_hq", "supervisor"}),
]
ISSUERS = {"province_hq", "county", "district"}


def _url(station):
    return f"/stations/{station.pk}/polling/"


def _code_url(station):
    return f"/stations/{station.pk}/polling/enrolment-code/"


@pytest.mark.parametrize(
    ("attr", "role", "allowed"),
    [(attr, role, role in readers) for attr, readers in READERS for role in ROLES],
)
def test_the_station_page_per_role(geo, as_user, attr, role, allowed):
    station = getattr(geo, attr)
    response = as_user(role).get(_url(station))
    assert response.status_code == (200 if allowed else 403)
    if allowed:
        assert station.name in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_issue_an_enrolment_code(geo, as_user, role):
    client = as_user(role)
    page = client.get(_url(geo.station_a1))
    if page.status_code == 200:
        assert ('data-testid="issue-form"' in page.content.decode()) == (role in ISSUERS)
    response = client.post(_code_url(geo.station_a1))
    assert response.status_code == (200 if role in ISSUERS else 403)
    assert EnrolmentCode.objects.count() == (1 if role in ISSUERS else 0)


def test_a_county_cannot_issue_a_code_for_another_county_s_station(geo, as_user):
    assert as_user("county").post(_code_url(geo.station_b1)).status_code == 403
    assert as_user("district").post(_code_url(geo.station_a2)).status_code == 403
    assert not EnrolmentCode.objects.exists()


def test_issuing_needs_a_post(geo, as_user):
    assert as_user("county").get(_code_url(geo.station_a1)).status_code == 405
    assert not EnrolmentCode.objects.exists()


def _shown_code(page: str) -> str:
    start = page.index('data-testid="enrolment-code">') + len('data-testid="enrolment-code">')
    return page[start : page.index("</div>", start)]


def test_the_enrolment_code_is_shown_once_and_enrols_the_station_s_process(day, as_user):
    station = day.geo.station_a1
    client = as_user("county")
    response = client.post(_code_url(station))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    code = _shown_code(page)
    assert len(code.replace("-", "")) == 16
    assert f"shora station enrol --centre http://testserver --code {code}" in page
    stored = EnrolmentCode.objects.get()
    assert code not in stored.code_hash and code.replace("-", "") not in stored.code_hash
    assert code not in client.get(_url(station)).content.decode()

    _, public = signing_key_generate()
    enrolment = station_enrol(code=to_persian_digits(code), public_key=public, label="میز ۱")
    assert enrolment.device.station == station
    with pytest.raises(DomainError):
        station_enrol(code=code, public_key=public, label="again")
    devices = client.get(_url(station)).content.decode()
    assert "میز ۱" in devices
    assert StationDevice.objects.count() == 1


def test_a_station_not_ready_lists_what_keeps_it_from_opening(geo, as_user):
    page = as_user("province_hq").get(_url(geo.station_a1)).content.decode()
    gate = page[page.index('data-testid="open-gate"') :]
    assert 'data-code="not_polling"' in gate
    assert "کلید انتخابات هنوز ساخته نشده است." in gate
    assert 'data-code="roster_gap"' in gate


def test_a_ready_station_says_nothing_keeps_it_from_opening(day, as_user):
    page = as_user("supervisor").get(_url(day.geo.station_a1)).content.decode()
    assert 'data-testid="open-gate"' in page
    assert 'class="problems"' not in page
    assert "issue-form" not in page


def _close(device, **counts):
    document = {
        "station": device.record.station.code,
        "closed_at": timezone.now().isoformat(),
        "participations": 0,
        "ballots": 0,
        "voided": 0,
        "receipts_root": station_receipts_root(device.record.station),
        "last_seq": 0,
    }
    document.update(counts)
    return post(device, "close", device.signed(document))


def test_the_signed_opening_and_closing_documents_counts_and_incidents(day, as_user):
    station = day.geo.station_a1
    device = day.enrol(station)
    day.open(device)
    client = as_user("district")
    opened = client.get(_url(station)).content.decode()
    assert "رضا موسوی" in opened and to_persian_digits(day.chair_code) in opened
    assert "مریم موسوی" in opened
    assert day.election.polling_key.fingerprint in opened
    assert "test 10001" in opened or "test ۱۰۰۰۱" in opened

    tokens = [
        claim(device, voter.national_code).json()["token"]
        for voter in day.add_voters(day.geo.city_a, 2)
    ]
    incident = {
        "kind": "incident",
        "id": str(uuid.uuid4()),
        "category": "network",
        "text": "قطع پیوند فیبر به مدت ۱۰ دقیقه",
        "recorded_by": "رئیس شعبه",
        "at": timezone.now().isoformat(),
    }
    entries = [ballot_entry(day, tokens[0], day.geo.city_a), incident]
    assert send_batch(device, 1, entries).json()["stored"] == 2
    assert post(device, "tokens/void", {"token": tokens[1], "reason": "رفت"}).status_code == 200
    during = client.get(_url(station)).content.decode()
    assert 'data-testid="count-participations">۲<' in during
    assert 'data-testid="count-ballots">۱<' in during
    assert "قطع پیوند فیبر به مدت ۱۰ دقیقه" in during and "رئیس شعبه" in during

    root = station_receipts_root(station)
    assert _close(device, participations=2, ballots=1, voided=1, last_seq=1).status_code == 200
    closed = client.get(_url(station)).content.decode()
    assert f'data-testid="receipts-root">{root}<' in closed
    assert 'data-testid="open-gate"' not in closed


def test_a_trainer_and_another_district_are_refused(day, as_user):
    assert as_user("trainer").get(_url(day.geo.station_a1)).status_code == 403
    assert as_user("district").get(_url(day.geo.station_b1)).status_code == 403


def test_an_unknown_station_is_404(geo, as_user):
    assert as_user("province_hq").get("/stations/999999/polling/").status_code == 404
