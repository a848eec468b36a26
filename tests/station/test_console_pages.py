"""The station console's pages, through Django's test client against the station's URLs
and a centre that speaks the protocol in memory."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shora.station.journal import Journal, StationState
from shora.station.views import console as console_views
from shora_domain.digits import to_latin_digits, to_persian_digits
from tests.station.conftest import CONSOLE_PASSWORD, ProtocolCentre, national_code

CHAIR = national_code(123_456_780)
STAFF = [national_code(234_567_891)]
PAGES = [
    "/",
    "/open/",
    "/open/zero-report.pdf",
    "/desk/",
    "/vote/",
    "/vote/ballot/",
    "/vote/review/",
    "/tickets/",
    "/incidents/",
    "/close/",
    "/close/closing-report.pdf",
]


@pytest.fixture
def station_site(settings, enrolled: Journal):
    settings.ROOT_URLCONF = "shora.station.urls"
    settings.SHORA_STATION_JOURNAL = str(enrolled.path)
    settings.SHORA_STATION_MIX = 1
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    settings.MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
    console_views._failures.clear()
    return enrolled


@pytest.fixture
def staff(station_site) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"password": CONSOLE_PASSWORD, "next": "/"})
    assert response.status_code == 302
    return client


def _open(staff: Client) -> None:
    response = staff.post("/open/", {"chair": CHAIR, "staff_present": "\n".join(STAFF)})
    assert response.status_code == 302, response.content.decode()


def _ticket(staff: Client, centre: ProtocolCentre, serial: int) -> str:
    code = national_code(serial)
    centre.register[code] = "1001"
    page = staff.post(
        "/desk/", {"national_code": code, "document": "national_card", "fingerprint": "match"}
    )
    assert page.status_code == 200, page.content.decode()
    return re.search(r'data-testid="ticket">([^<]+)<', page.content.decode()).group(1)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_asks_for_the_console_password(station_site, path):
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


def test_a_wrong_password_is_refused_and_many_lock_the_console_for_a_while(station_site):
    client = Client()
    page = client.post("/sign-in/", {"password": "wrong-password-here"})
    assert page.status_code == 400
    assert 'dir="rtl"' in page.content.decode()
    for _ in range(5):
        client.post("/sign-in/", {"password": "wrong-password-here"})
    locked = client.post("/sign-in/", {"password": CONSOLE_PASSWORD})
    assert locked.status_code == 400  # even the right one, until the minute passes
    assert client.get("/").status_code == 302


def test_sign_in_does_not_follow_a_next_to_another_site(station_site):
    response = Client().post(
        "/sign-in/", {"password": CONSOLE_PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_status_page_is_persian_and_right_to_left(staff):
    page = staff.get("/").content.decode()
    assert 'dir="rtl"' in page and 'lang="fa"' in page
    assert "۱۰۰۰۱" in page  # the station's code in Persian digits
    assert 'data-testid="state"' in page


def test_opening_sends_the_zero_report_and_prints_it(staff, centre):
    form = staff.get("/open/")
    assert form.status_code == 200
    persian = {"chair": to_persian_digits(CHAIR), "staff_present": to_persian_digits(STAFF[0])}
    assert staff.post("/open/", persian).status_code == 302
    assert centre.state == "open"
    pdf = staff.get("/open/zero-report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_bad_chair_code_shows_why(staff, centre):
    page = staff.post("/open/", {"chair": "12345", "staff_present": STAFF[0]})
    assert page.status_code == 400
    assert "notice error" in page.content.decode()
    assert centre.state == "not_open"


def test_the_desk_shows_the_ticket_and_never_the_national_code(staff, centre):
    _open(staff)
    code = national_code(510_000_001)
    centre.register[code] = "1001"
    page = staff.post(
        "/desk/",
        {"national_code": to_persian_digits(code), "document": "passport", "fingerprint": "match"},
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="ticket"' in body and "اهواز" in body
    assert code not in body and to_persian_digits(code) not in body
    again = staff.post(
        "/desk/", {"national_code": code, "document": "national_card", "fingerprint": "match"}
    )
    assert again.status_code == 409
    assert "پیش‌تر در شعبهٔ ۱۰۰۰۲" in again.content.decode()  # the centre's exact words


def test_the_desk_says_where_to_go_for_another_constituency(staff, centre):
    _open(staff)
    code = national_code(510_000_002)
    centre.register[code] = "2001"
    page = staff.post(
        "/desk/", {"national_code": code, "document": "national_card", "fingerprint": "match"}
    )
    assert page.status_code == 409
    assert "۲۰۰۰۱" in page.content.decode()


def test_the_desk_with_the_centre_down_issues_nothing_and_says_so(staff, centre):
    _open(staff)
    centre.routes[("POST", "/api/polling/claims")] = (502, b"bad gateway")
    page = staff.post(
        "/desk/",
        {
            "national_code": national_code(510_000_003),
            "document": "national_card",
            "fingerprint": "match",
        },
    )
    assert page.status_code == 503
    assert 'data-testid="unreachable"' in page.content.decode()


@pytest.mark.parametrize(
    "posted",
    [
        {},
        {"national_code": "", "document": "national_card", "fingerprint": "match"},
        {"national_code": "0012345678", "document": "library_card", "fingerprint": "match"},
        {"national_code": "0012345678", "document": "passport", "fingerprint": "maybe"},
        {"national_code": "x" * 100, "document": "passport", "fingerprint": "match"},
    ],
)
def test_bad_desk_input_is_refused_before_the_centre_hears(staff, centre, posted):
    _open(staff)
    page = staff.post("/desk/", posted)
    assert page.status_code == 400
    assert centre.posted("/api/polling/claims") == []


def test_voting_choose_search_refuse_too_many_review_cast_and_print(staff, centre, station_site):
    _open(staff)
    ticket = _ticket(staff, centre, 520_000_001)
    assert staff.post("/vote/", {"ticket": ticket}).status_code == 302
    codes = [c["code"] for c in centre.definitions[11]["candidates"]]
    page = staff.get("/vote/ballot/", {"q": "رضایی"}).content.decode()
    assert "علی رضایی" in page and "زهرا احمدی" not in page
    page = staff.get("/vote/ballot/", {"q": to_persian_digits(codes[2])}).content.decode()
    assert to_persian_digits(codes[2]) in page
    for code in codes[:3]:
        staff.post("/vote/ballot/", {"action": "add", "code": to_persian_digits(code)})
    refused = staff.post("/vote/ballot/", {"action": "add", "code": codes[3]}, follow=True)
    assert "At most" in refused.content.decode() or "حداکثر" in refused.content.decode()
    staff.post("/vote/ballot/", {"action": "remove", "code": codes[0]})
    review = staff.get("/vote/review/").content.decode()
    assert to_persian_digits(codes[1]) in review and to_persian_digits(codes[0]) not in review
    done = staff.post("/vote/review/")
    assert done.status_code == 302
    page = staff.get(done["Location"]).content.decode()
    receipt = re.search(r'data-testid="receipt">([^<]+)<', page).group(1)
    journal = Journal.open(station_site.path)
    assert [code for code, _ in journal.receipts()] == [to_latin_digits(receipt).replace("-", "")]
    key = done["Location"].rstrip("/").rsplit("/", 1)[-1]
    for kind in ("paper-record", "receipt"):
        pdf = staff.get(f"/vote/print/{key}/{kind}.pdf")
        assert pdf.content.startswith(b"%PDF")
    assert Client().get(f"/vote/print/{key}/receipt.pdf").status_code == 302  # not signed in
    staff.post(done["Location"])  # next voter
    assert staff.get(f"/vote/print/{key}/receipt.pdf").status_code == 404
    again = staff.post("/vote/", {"ticket": ticket})
    assert again.status_code == 400  # the ticket has voted


def test_a_blank_ballot_needs_its_own_confirmation(staff, centre, station_site):
    _open(staff)
    ticket = _ticket(staff, centre, 520_000_002)
    staff.post("/vote/", {"ticket": to_persian_digits(ticket)})
    unconfirmed = staff.post("/vote/review/")
    assert unconfirmed.status_code == 400
    assert Journal.open(station_site.path).counts().ballots == 0
    assert staff.post("/vote/review/", {"blank": "yes"}).status_code == 302
    assert Journal.open(station_site.path).counts().ballots == 1


@pytest.mark.parametrize("ticket", ["", "000000", "۹۹۹۹۹۹", "abc", "1" * 20])
def test_an_unknown_ticket_starts_no_ballot(staff, centre, ticket):
    _open(staff)
    page = staff.post("/vote/", {"ticket": ticket})
    assert page.status_code == 400
    assert staff.get("/vote/ballot/").status_code == 302


def test_the_chair_voids_a_ticket_with_a_reason_and_the_password(staff, centre, station_site):
    _open(staff)
    ticket = _ticket(staff, centre, 530_000_001)
    wrong = staff.post(
        "/tickets/", {"ticket": ticket, "reason": "رفت", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == 400
    done = staff.post(
        "/tickets/", {"ticket": ticket, "reason": "رفت", "password": CONSOLE_PASSWORD}
    )
    assert done.status_code == 302
    journal = Journal.open(station_site.path)
    assert journal.token_by_ticket(to_latin_digits(ticket)).status == "voided"
    assert journal.voids_unsent() == []
    assert [t["status"] for t in centre.tokens.values()] == ["voided"]


def test_incidents_are_recorded_and_listed(staff, centre):
    page = staff.post(
        "/incidents/",
        {"category": "device_failure", "text": "چاپگر کاغذ گیر کرد", "recorded_by": "منشی شعبه"},
    )
    assert page.status_code == 302
    listed = staff.get("/incidents/").content.decode()
    assert "چاپگر کاغذ گیر کرد" in listed
    bad = staff.post("/incidents/", {"category": "meteor", "text": "x", "recorded_by": "y"})
    assert bad.status_code == 400 and "errorlist" in bad.content.decode()


def test_closing_closes_and_prints_the_report(staff, centre, station_site):
    _open(staff)
    ticket = _ticket(staff, centre, 540_000_001)
    staff.post("/vote/", {"ticket": ticket})
    staff.post("/vote/review/", {"blank": "yes"})
    _ticket(staff, centre, 540_000_002)  # never used: voided at closing
    assert staff.post("/close/", {}).status_code == 302
    assert Journal.open(station_site.path).state() == StationState.CLOSED
    assert centre.closing["ballots"] == 1 and centre.closing["voided"] == 1
    pdf = staff.get("/close/closing-report.pdf")
    assert pdf.content.startswith(b"%PDF")
    assert 'data-testid="state"' in staff.get("/close/").content.decode()


def test_a_booth_screen_reaches_the_voting_pages_only(station_site):
    booth = Client()
    signed_in = booth.post("/sign-in/", {"password": CONSOLE_PASSWORD, "mode": "booth"})
    assert signed_in["Location"] == "/vote/"
    page = booth.get("/vote/").content.decode()
    assert "/tickets/" not in page and "/desk/" not in page  # no staff link on a booth
    for path in ["/", "/desk/", "/tickets/", "/close/", "/open/", "/incidents/"]:
        response = booth.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    assert (
        booth.post("/tickets/", {"ticket": "1", "reason": "x", "password": "y"}).status_code == 302
    )
