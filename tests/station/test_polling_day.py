"""A station's day against a centre that speaks the protocol in memory: enrolment, opening,
the identity desk, casting and sealing, forwarding, voiding, closing, and what the journal
must never hold. (The same day against the real centre is in test_end_to_end.py.)"""

from __future__ import annotations

import json
import stat

import pytest

from shora.station.centre_client import CentreClient, CentreRefused, CentreUnreachable
from shora.station.enrolment import station_enrol
from shora.station.errors import StationRefusal
from shora.station.forwarding import forward_pending
from shora.station.identity_desk import voter_claim
from shora.station.journal import Journal, Setting, StationState
from shora.station.printing.documents import closing_report_pdf, zero_report_pdf
from shora.station.printouts import ballot_printout, closing_report_of, zero_report_of
from shora.station.station_day import station_close, station_open
from shora.station.voting import ballot_cast, candidates_matching
from shora_domain.ballot_choices import BallotChoiceRefusal, cast_ballot_from_bytes
from shora_domain.ballot_sealing import ballot_context, ballot_open
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.national_code import NationalCodeRefusal
from tests.station.conftest import CONSOLE_PASSWORD, ProtocolCentre, national_code

CHAIR = national_code(123_456_780)
STAFF = [national_code(234_567_891), national_code(345_678_902)]


def _client(journal: Journal) -> CentreClient:
    return CentreClient(
        journal.setting(Setting.CENTRE_URL) or "", journal.setting(Setting.DEVICE_TOKEN)
    )


def _open(journal: Journal) -> None:
    station_open(journal, _client(journal), chair=CHAIR, staff_present=STAFF)


def _claim(journal: Journal, centre: ProtocolCentre, serial: int, constituency="1001") -> str:
    code = national_code(serial)
    centre.register[code] = constituency
    return voter_claim(
        journal, _client(journal), national_code=code, document="national_card", fingerprint="match"
    ).ticket


# -- enrolment ------------------------------------------------------------------------------


def test_enrolment_keeps_the_token_the_station_and_the_key(enrolled: Journal, centre):
    assert stat.S_IMODE(enrolled.path.stat().st_mode) == 0o600
    assert enrolled.setting(Setting.DEVICE_TOKEN).startswith("dev_")
    assert enrolled.setting_json(Setting.STATION)["code"] == "10001"
    assert enrolled.setting(Setting.KEY_FINGERPRINT) == centre.fingerprint
    assert enrolled.state() == StationState.NOT_OPEN
    stored_hash = enrolled.setting(Setting.CONSOLE_PASSWORD) or ""
    assert stored_hash.startswith("scrypt$") and CONSOLE_PASSWORD not in stored_hash
    assert CONSOLE_PASSWORD.encode() not in enrolled.path.read_bytes()


def test_a_refused_enrolment_leaves_a_journal_that_can_be_enrolled_again(tmp_path, centre):
    path = tmp_path / "again.journal"
    with pytest.raises(CentreRefused) as refused:
        station_enrol(
            journal_path=path,
            centre_url=centre.url,
            code="WRONG",
            console_password=CONSOLE_PASSWORD,
        )
    assert refused.value.centre_code == "polling.enrolment_code_unknown"
    with pytest.raises(DomainError) as never:
        Journal.open(path)
    assert never.value.code is StationRefusal.NOT_ENROLLED
    station_enrol(
        journal_path=path,
        centre_url=centre.url,
        code="ENROL-۱۴۰۵ ",  # the code read out, typed in Persian digits
        console_password=CONSOLE_PASSWORD,
    )
    assert Journal.open(path).is_enrolled()


@pytest.mark.parametrize("password", ["", "short", "x" * 2000])
def test_a_console_password_too_short_or_long_is_refused_before_anything(
    tmp_path, centre, password
):
    with pytest.raises(DomainError) as refused:
        station_enrol(
            journal_path=tmp_path / "p.journal",
            centre_url=centre.url,
            code=centre.ENROLMENT_CODE,
            console_password=password,
        )
    assert refused.value.code is StationRefusal.BAD_CONSOLE_PASSWORD
    assert not (tmp_path / "p.journal").exists()
    assert centre.requests == []


def test_enrolment_against_no_centre_says_unreachable(tmp_path, closed_port):
    with pytest.raises(CentreUnreachable):
        station_enrol(
            journal_path=tmp_path / "x.journal",
            centre_url=closed_port,
            code="ENROL",
            console_password=CONSOLE_PASSWORD,
        )


# -- opening ----------------------------------------------------------------------------------


def test_opening_signs_the_zero_report_with_persian_digits_accepted(enrolled: Journal, centre):
    persian_staff = [to_persian_digits(code) for code in STAFF]
    opened = station_open(
        enrolled, _client(enrolled), chair=to_persian_digits(CHAIR), staff_present=persian_staff
    )
    assert opened.ballots_missing == []
    assert enrolled.state() == StationState.OPEN
    assert centre.opening == {
        "station": "10001",
        "opened_at": centre.opening["opened_at"],
        "chair": CHAIR,
        "staff_present": [CHAIR, *STAFF],
        "key_fingerprint": centre.fingerprint,
        "ballots_in_store": 0,
    }
    assert enrolled.ballot_definition(11) == centre.definitions[11]  # fetched and kept
    report = zero_report_of(enrolled)
    assert report.ballots_in_store == 0 and report.signature == opened.document.signature
    assert zero_report_pdf(report).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("chair", "staff"),
    [("", STAFF), ("123", STAFF), (CHAIR, ["0000000000"]), (CHAIR, ["abc"]), (CHAIR, ["1"] * 60)],
)
def test_a_bad_national_code_of_the_staff_is_refused_before_the_centre_hears(
    enrolled: Journal, centre, chair, staff
):
    with pytest.raises(DomainError) as refused:
        station_open(enrolled, _client(enrolled), chair=chair, staff_present=staff)
    assert refused.value.code is StationRefusal.BAD_STAFF
    assert centre.opening is None and enrolled.state() == StationState.NOT_OPEN


def test_an_opening_whose_answer_was_lost_is_settled_by_asking_the_centre(
    enrolled: Journal, centre
):
    accept = centre.routes[("POST", "/api/polling/open")]

    def accept_then_lose_the_answer(body: bytes):
        accept(body)
        return 502, b"bad gateway"

    centre.routes[("POST", "/api/polling/open")] = accept_then_lose_the_answer
    with pytest.raises(CentreUnreachable):
        _open(enrolled)
    assert centre.state == "open" and enrolled.state() == StationState.NOT_OPEN
    _open(enrolled)  # the second try finds the centre open and keeps the first document
    assert enrolled.state() == StationState.OPEN
    assert enrolled.document("opening").document() == centre.opening


# -- the identity desk and the voting screen ------------------------------------------------


def test_a_claim_gives_a_ticket_and_a_second_claim_gets_the_centres_words(
    enrolled: Journal, centre
):
    _open(enrolled)
    code = national_code(444_444_401)
    centre.register[code] = "1001"
    issued = voter_claim(
        enrolled,
        _client(enrolled),
        national_code=to_persian_digits(code),
        document="passport",
        fingerprint="not_available",
    )
    assert (issued.constituency_code, issued.constituency_name) == ("1001", "اهواز")
    assert json.loads(centre.posted("/api/polling/claims")[0])["national_code"] == code
    with pytest.raises(CentreRefused) as refused:
        voter_claim(
            enrolled,
            _client(enrolled),
            national_code=code,
            document="national_card",
            fingerprint="match",
        )
    assert refused.value.centre_code == "polling.already_voted"
    assert "۱۰۰۰۲" in refused.value.fa and refused.value.body["hour"] == "10:00"


def test_a_bad_national_code_never_reaches_the_centre(enrolled: Journal, centre):
    _open(enrolled)
    for bad in ["", "12345", "1111111111", "۱۲۳۴۵۶۷۸۹۰", "x" * 10_000]:
        with pytest.raises(DomainError) as refused:
            voter_claim(
                enrolled,
                _client(enrolled),
                national_code=bad,
                document="national_card",
                fingerprint="match",
            )
        assert isinstance(refused.value.code, NationalCodeRefusal)
    assert centre.posted("/api/polling/claims") == []


def test_no_claim_before_the_station_opens(enrolled: Journal, centre):
    with pytest.raises(DomainError) as refused:
        _claim(enrolled, centre, 444_444_402)
    assert refused.value.code is StationRefusal.NOT_OPEN


def test_a_cast_ballot_is_sealed_to_the_election_key_for_its_constituency(
    enrolled: Journal, centre
):
    _open(enrolled)
    ticket = _claim(enrolled, centre, 555_555_501)
    codes = [c["code"] for c in centre.definitions[11]["candidates"]]
    keyed = [to_persian_digits(codes[4]), codes[1], codes[1], "99999"]
    result = ballot_cast(enrolled, ticket=ticket, keyed=keyed)
    assert result.cast.choices == (codes[1], codes[4])  # ballot order, once each
    assert (result.cast.skipped, result.cast.repeats) == (1, 1)
    stored = enrolled.ballot(result.receipt_code)
    assert stored is not None and stored.hour.endswith(":00")
    opened = ballot_open(
        stored.sealed, centre.keys.private_key, context=ballot_context("3", "1001")
    )
    assert cast_ballot_from_bytes(opened).choices == (codes[1], codes[4])
    with pytest.raises(DomainError):  # bound to its constituency
        ballot_open(stored.sealed, centre.keys.private_key, context=ballot_context("3", "1002"))
    printout = ballot_printout(enrolled, result)
    assert printout.paper_record.startswith(b"%PDF") and printout.receipt.startswith(b"%PDF")


def test_more_than_n_choices_are_refused_and_nothing_is_journalled(enrolled: Journal, centre):
    _open(enrolled)
    ticket = _claim(enrolled, centre, 555_555_502)
    codes = [c["code"] for c in centre.definitions[11]["candidates"]]
    with pytest.raises(DomainError) as refused:
        ballot_cast(enrolled, ticket=ticket, keyed=codes[:4])  # members: 3
    assert refused.value.code is BallotChoiceRefusal.TOO_MANY
    assert enrolled.counts().ballots == 0
    assert enrolled.token_by_ticket(ticket).status == "issued"
    blank = ballot_cast(enrolled, ticket=ticket, keyed=[])
    assert blank.cast.is_blank


def test_search_finds_candidates_by_code_in_any_digits_or_by_name_in_either_script(
    enrolled: Journal, centre
):
    _open(enrolled)
    codes = [c["code"] for c in centre.definitions[11]["candidates"]]
    assert [c.code for c in candidates_matching(enrolled, 11, to_persian_digits(codes[3]))] == [
        codes[3]
    ]
    # the ballot writes «محمد كريمي» with Arabic kaf and yeh; typed with Persian letters:
    found = candidates_matching(enrolled, 11, "محمد کریمی")
    assert found and all("كريمي" in c.name for c in found)
    assert candidates_matching(enrolled, 11, "حسین زاده")  # half-space or space alike
    assert candidates_matching(enrolled, 11, "نامی که نیست") == []
    assert len(candidates_matching(enrolled, 11, "")) == 12


# -- forwarding and closing -----------------------------------------------------------------


def test_the_whole_day_closes_with_counts_and_root_the_centre_agrees_with(
    enrolled: Journal, centre
):
    _open(enrolled)
    codes = [c["code"] for c in centre.definitions[11]["candidates"]]
    for serial in range(600_000_001, 600_000_008):
        ballot_cast(enrolled, ticket=_claim(enrolled, centre, serial), keyed=codes[:2])
    village = _claim(enrolled, centre, 600_000_010, "1002")
    ballot_cast(enrolled, ticket=village, keyed=[])
    _claim(enrolled, centre, 600_000_011)  # leaves without voting: voided at closing
    enrolled.incident_record(
        category="assisted_voter",
        text="رأی‌دهندهٔ نابینا با همراه رأی داد",
        recorded_by="رئیس شعبه",
        minute="2026-05-01T11:05:00+03:30",
    )
    forward_pending(enrolled, _client(enrolled), mix_at_least=5)
    assert len(centre.ballots) == 7  # the village's single ballot waits to be mixed
    document = station_close(enrolled, _client(enrolled)).document()
    assert enrolled.state() == StationState.CLOSED
    assert centre.closing == document
    assert (document["participations"], document["ballots"], document["voided"]) == (9, 8, 1)
    assert document["receipts_root"] == centre.receipts_root()
    assert len(centre.ballots) == 8 and len(centre.incidents) == 1
    report = closing_report_of(enrolled)
    assert dict(report.per_constituency) == {"اهواز": 7, "ده نو": 1}
    assert report.tokens_not_used == 0
    assert closing_report_pdf(report).startswith(b"%PDF")
    with pytest.raises(DomainError) as refused:  # nothing is cast after the close
        _claim(enrolled, centre, 600_000_012)
    assert refused.value.code is StationRefusal.CLOSED


def test_closing_with_the_link_down_stops_casting_and_resumes(enrolled: Journal, centre):
    _open(enrolled)
    ticket = _claim(enrolled, centre, 700_000_001)
    ballot_cast(enrolled, ticket=ticket, keyed=[])
    unused = _claim(enrolled, centre, 700_000_002)
    batches = centre.routes.pop(("POST", "/api/polling/batches"))
    centre.routes[("POST", "/api/polling/batches")] = (503, b"down")
    with pytest.raises(CentreUnreachable):
        station_close(enrolled, _client(enrolled))
    assert enrolled.state() == StationState.CLOSING
    with pytest.raises(DomainError) as refused:
        ballot_cast(enrolled, ticket=unused, keyed=[])
    assert refused.value.code in (StationRefusal.CLOSED, StationRefusal.TICKET_NOT_ISSUED)
    centre.routes[("POST", "/api/polling/batches")] = batches
    station_close(enrolled, _client(enrolled))
    assert enrolled.state() == StationState.CLOSED and centre.state == "closed"


def test_closing_before_the_polls_close_needs_a_confirmation(enrolled: Journal, centre):
    centre.closes = "2099-01-01T18:00:00+03:30"
    _open(enrolled)
    with pytest.raises(DomainError) as refused:
        station_close(enrolled, _client(enrolled))
    assert refused.value.code is StationRefusal.EARLY_CLOSE
    assert enrolled.state() == StationState.OPEN
    station_close(enrolled, _client(enrolled), early_confirmed=True)
    assert enrolled.state() == StationState.CLOSED


def test_a_refused_closing_is_discarded_and_built_again(enrolled: Journal, centre):
    _open(enrolled)
    ballot_cast(enrolled, ticket=_claim(enrolled, centre, 800_000_001), keyed=[])
    forward_pending(enrolled, _client(enrolled))
    centre.ballots.clear()  # the centre lost a ballot: the counts cannot agree
    with pytest.raises(CentreRefused) as refused:
        station_close(enrolled, _client(enrolled))
    assert refused.value.centre_code == "polling.closing_mismatch"
    assert enrolled.document("closing") is None
    assert enrolled.state() == StationState.CLOSING


# -- secrecy ----------------------------------------------------------------------------------


def test_no_national_code_is_in_the_journal_files_after_claims(enrolled: Journal, centre):
    _open(enrolled)
    voters = [national_code(900_000_000 + n) for n in range(1, 30)]
    codes = [c["code"] for c in centre.definitions[11]["candidates"]]
    for number, code in enumerate(voters):
        centre.register[code] = "1001"
        typed = to_persian_digits(code) if number % 2 else code
        ticket = voter_claim(
            enrolled,
            _client(enrolled),
            national_code=typed,
            document="national_card",
            fingerprint="match",
        ).ticket
        if number % 3:
            ballot_cast(enrolled, ticket=ticket, keyed=codes[:1])
    forward_pending(enrolled, _client(enrolled))
    files = [enrolled.path, *enrolled.path.parent.glob(enrolled.path.name + "-*")]
    assert len(files) >= 2  # the WAL is looked at too
    content = b"".join(path.read_bytes() for path in files)
    for code in voters:
        assert code.encode() not in content
        assert to_persian_digits(code).encode() not in content
    assert CHAIR.encode() in content  # the staff's codes are in the signed zero report
