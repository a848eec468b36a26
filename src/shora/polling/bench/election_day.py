"""The election day the polling benchmark runs against, built in a fresh database.

Through the services, as the officials and the station processes would: the province,
its counties, constituencies and stations, the frozen ballots, the key ceremony and the
enrolment codes (by the system's operator, as on the command line), each station's
roster, its enrolment (device token and Ed25519 key) and its opening with a signed zero
report. In bulk, because the services would take longer than the measurement
itself and are measured elsewhere: the approved candidates (a plain insert, as the tests
do), the register of voters (PostgreSQL's COPY, as ``shora import voters`` stages its
rows), and the election's phase and day (set directly to polling today with the polls
open all day, as the tests do, so that "now" lies inside the window; its gates are tested
on their own).

Voter ``i`` belongs to constituency ``i % constituencies`` and station ``j`` serves
constituency ``j % constituencies``, so the load can send any voter to a station that
serves them without asking the database.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from shora.accounts.services import user_create
from shora.boards.services import person_register, staff_post_appoint
from shora.candidates.models import Candidacy
from shora.candidates.selectors import frozen_ballot
from shora.candidates.services import ballot_freeze
from shora.elections.models import Constituency, Election, Phase, PollingStation
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    election_create,
    province_create,
    station_create,
)
from shora.polling.models import ElectionKey
from shora.polling.services.devices import enrolment_code_issue, station_enrol
from shora.polling.services.keys import key_ceremony
from shora.polling.services.station_day import station_open
from shora.registers.bench.extract import generated_codes
from shora.registers.models import BirthCalendar, ImportStatus, VoterImport
from shora_domain.ballot_choices import cast_ballot_bytes, choices_validate
from shora_domain.persian_text import search_key
from shora_domain.signed_documents import document_sign, signing_key_generate

STATIONS_PER_CONSTITUENCY = 10
CANDIDATES_PER_CONSTITUENCY = 15
COUNTIES = 4
PASSPHRASES = ("نخستین گذرواژهٔ بلند سنجش", "second long bench passphrase", "سومین عبارت سنجش")
HOLDER_PASSWORD = "a-long-bench-password-1405"  # noqa: S105 - throwaway accounts of a bench
# Staff and candidates take national codes from far along the permutation that gives the
# voters theirs, so nobody is both.
STAFF_CODES_FROM, CANDIDATE_CODES_FROM = 3 * 10**8, 4 * 10**8


@dataclass(frozen=True)
class BenchStation:
    """An enrolled, opened station as its process knows itself."""

    pk: int
    code: str
    constituency_pk: int
    constituency_code: str
    device_token: str
    private_key: bytes

    def sign(self, document: dict[str, object]) -> str:
        return document_sign(document, self.private_key)


@dataclass
class BenchDay:
    election_id: int
    public_key: bytes
    stations: list[BenchStation]
    constituency_codes: list[str]
    voter_codes: list[str]
    #: per constituency code: the canonical bytes of a valid ballot (its first candidate)
    cast_bytes: dict[str, bytes] = field(default_factory=dict)

    def constituency_of_voter(self, index: int) -> int:
        return index % len(self.constituency_codes)

    def stations_of(self, constituency: int) -> list[BenchStation]:
        return self.stations[constituency :: len(self.constituency_codes)]


def constituencies_for(stations: int) -> int:
    return max(1, math.ceil(stations / STATIONS_PER_CONSTITUENCY))


def _geography(stations: int, voters: int) -> tuple[Election, list[Constituency], list[int]]:
    """The province, its constituencies, and the station ids (station j serves j % K)."""
    province = province_create(actor=None, code="06", name="خوزستان", name_en="Khuzestan")
    election = election_create(
        actor=None,
        province=province,
        name="انتخابات شوراهای ۱۴۰۵ (سنجش روز اخذ رأی)",
        polling_date=datetime.date(2026, 5, 1),
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
    )
    districts = []
    for number in range(1, COUNTIES + 1):
        county = county_create(
            actor=None, province=province, code=f"06{number:02d}", name=f"شهرستان {number}"
        )
        districts.append(
            district_create(actor=None, county=county, code=f"06{number:02d}01", name="مرکزی")
        )
    count = constituencies_for(stations)
    constituencies = [
        constituency_create(
            actor=None,
            election=election,
            district=districts[number % COUNTIES],
            code=f"1{number:04d}",
            kind="city",
            name=f"شهر {number}",
            population=max(10_000, 2 * voters // count),
        )
        for number in range(count)
    ]
    station_ids = [
        station_create(
            actor=None,
            election=election,
            district=constituencies[number % count].district,
            code=f"{number + 1:05d}",
            name=f"شعبهٔ {number + 1}",
            connectivity="fibre",
            constituencies=[constituencies[number % count]],
        ).pk
        for number in range(stations)
    ]
    return election, constituencies, station_ids


def approved_candidates_insert(
    election: Election, constituency: Constituency, count: int, codes: Iterator[str]
) -> None:
    """``count`` approved candidates of ``constituency`` inserted as seeded data (the review
    by the boards is measured and tested on its own), national codes taken from ``codes``."""
    moment = timezone.now()
    Candidacy.objects.bulk_create(
        Candidacy(
            election=election,
            constituency=constituency,
            national_code=next(codes),
            first_name=f"نامزد{index}",
            last_name="یزدانی" if index % 2 else "کاظمی",
            father_name="حسن",
            name_key=search_key(f"نامزد{index} کاظمی"),
            gender="female" if index % 2 else "male",
            birth_date=datetime.date(1980, 1, 1),
            degree="bachelor",
            veteran_status="none",
            military_service="card",
            clean_record_issued_on=datetime.date(2026, 1, 1),
            residence_confirmed=True,
            status="approved",
            status_changed_at=moment,
            registered_at=moment,
        )
        for index in range(count)
    )


def _candidates(election: Election, constituencies: list[Constituency]) -> None:
    codes = generated_codes(len(constituencies) * CANDIDATES_PER_CONSTITUENCY, CANDIDATE_CODES_FROM)
    for constituency in constituencies:
        approved_candidates_insert(election, constituency, CANDIDATES_PER_CONSTITUENCY, codes)
        ballot_freeze(actor=None, constituency=constituency)


def _key(election: Election) -> ElectionKey:
    holders = [
        user_create(
            actor=None,
            username=f"bench-holder{index}",
            password=HOLDER_PASSWORD,
            role="supervisor",
            province=election.province,
            holds_key_share=True,
        )
        for index in range(len(PASSPHRASES))
    ]
    return key_ceremony(
        actor=None,
        election=election,
        threshold=2,
        holders=list(zip(holders, PASSPHRASES, strict=True)),
    )


def _rosters(election: Election, stations: list[PollingStation]) -> dict[int, list[str]]:
    """A chair and a secretary for each station: its national codes, the chair's first."""
    codes = generated_codes(2 * len(stations), STAFF_CODES_FROM)
    present: dict[int, list[str]] = {}
    for station in stations:
        for role in ("station_chair", "secretary"):
            person = person_register(
                actor=None,
                election=election,
                national_code=next(codes),
                first_name="رضا" if role == "station_chair" else "مریم",
                last_name="موسوی",
                gender="male" if role == "station_chair" else "female",
            )
            staff_post_appoint(actor=None, station=station, person=person, role=role)
            present.setdefault(station.pk, []).append(person.national_code)
    return present


def _polling_today(election: Election) -> None:
    Election.objects.filter(pk=election.pk).update(
        phase=Phase.POLLING,
        polling_date=timezone.localdate(),
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(23, 59, 59),
    )
    election.refresh_from_db()


def _enrol_and_open(station: PollingStation, key: ElectionKey, staff: list[str]) -> BenchStation:
    private, public = signing_key_generate()
    code = enrolment_code_issue(actor=None, station=station)
    enrolment = station_enrol(code=code, public_key=public, label=f"bench {station.code}")
    zero_report = {
        "station": station.code,
        "opened_at": timezone.now().isoformat(),
        "chair": staff[0],
        "staff_present": staff,
        "key_fingerprint": key.fingerprint,
        "ballots_in_store": 0,
    }
    station_open(
        device=enrolment.device,
        document=zero_report,
        signature=document_sign(zero_report, private),
    )
    constituency = station.constituencies.get()
    return BenchStation(
        pk=station.pk,
        code=station.code,
        constituency_pk=constituency.pk,
        constituency_code=constituency.code,
        device_token=enrolment.device_token,
        private_key=private,
    )


def _voter_rows(
    election: Election, constituencies: list[Constituency], codes: list[str], run: VoterImport
) -> Iterator[tuple[object, ...]]:
    key = search_key("کریمی") + " " + search_key("زهرا")
    for index, code in enumerate(codes):
        constituency = constituencies[index % len(constituencies)]
        yield (
            election.pk, code, "زهرا", "کریمی", "", key,
            "female" if index % 2 == 0 else "male", datetime.date(1980, 1, 1),
            constituency.pk, False, False, None, run.pk, None,
        )  # fmt: skip


def _register(election: Election, constituencies: list[Constituency], count: int) -> list[str]:
    """``count`` eligible voters copied into the register in one COPY, as the import does."""
    codes = list(generated_codes(count))
    run = VoterImport.objects.create(
        election=election,
        operator="shora bench polling",
        file_name="bench",
        file_sha256="0" * 64,
        file_size=0,
        birth_calendar=BirthCalendar.GREGORIAN,
        status=ImportStatus.APPLIED,
        started_at=timezone.now(),
        finished_at=timezone.now(),
        rows_read=count,
        added=count,
    )
    columns = (
        "election_id, national_code, first_name, last_name, father_name, name_key, gender, "
        "birth_date, constituency_id, deceased, barred, residence_since, imported_by_id, "
        "removed_by_id"
    )
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY registers_voter ({columns}) FROM STDIN") as copy:
            for row in _voter_rows(election, constituencies, codes, run):
                copy.write_row(row)
        cursor.execute("ANALYZE registers_voter")
    return codes


def _valid_ballot(constituency: Constituency) -> bytes:
    """The canonical bytes of a ballot naming the constituency's first candidate."""
    definition = frozen_ballot(constituency)
    assert definition is not None, "frozen above"
    return cast_ballot_bytes(choices_validate(definition, [definition.candidates[0].code]))


def election_day_build(*, stations: int, voters: int) -> BenchDay:
    """Build the day (see the module's docstring) and return what the stations know."""
    with transaction.atomic():
        election, constituencies, station_ids = _geography(stations, voters)
        _candidates(election, constituencies)
        key = _key(election)
        station_rows = list(
            PollingStation.objects.filter(pk__in=station_ids)
            .select_related("election", "district")
            .order_by("code")
        )
        rosters = _rosters(election, station_rows)
        _polling_today(election)
    opened = []
    for station in station_rows:
        with transaction.atomic():
            opened.append(_enrol_and_open(station, key, rosters[station.pk]))
    with transaction.atomic():
        codes = _register(election, constituencies, voters)
    cast = {c.code: _valid_ballot(c) for c in constituencies}
    return BenchDay(
        election_id=election.pk,
        public_key=bytes(key.public_key),
        stations=opened,
        constituency_codes=[c.code for c in constituencies],
        voter_codes=codes,
        cast_bytes=cast,
    )
