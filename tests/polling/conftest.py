"""Election day for the tests: the shared geography's election in its polling phase today,
with frozen ballots, an election key made at a ceremony, a staffed station enrolled as a
station process, and a register of voters.

Everything is built through the services, except two things a test cannot wait for: the
election's phase is set to polling directly (its gates are tested on their own), and its
polling day is moved to today with the polls open all day, so that "now" lies inside.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.utils import timezone

from shora.accounts.models import User
from shora.accounts.services import user_create
from shora.boards.services import person_register, staff_post_appoint
from shora.candidates.services import ballot_freeze
from shora.elections.models import Constituency, Election, Phase, PollingStation
from shora.polling.bench.election_day import approved_candidates_insert
from shora.polling.models import StationDevice
from shora.polling.services.devices import enrolment_code_issue, station_enrol
from shora.polling.services.keys import key_ceremony
from shora.polling.services.station_day import station_open
from shora.registers.models import BirthCalendar, ImportStatus, Voter, VoterImport
from shora_domain.national_code import national_code_check_digit
from shora_domain.persian_text import search_key
from shora_domain.signed_documents import document_sign, signing_key_generate
from tests.conftest import PASSWORD, Geography

PASSPHRASES = ("نخستین گذرواژهٔ بلند", "second long passphrase", "سومین عبارت عبور ۳")


def national_code(serial: int) -> str:
    first = f"{serial:09d}"
    return first + str(national_code_check_digit(first))


_serials = itertools.count(300_000_001)


@dataclass
class Device:
    """A station process as the centre knows it, with the private key the process keeps."""

    record: StationDevice
    token: str
    private_key: bytes

    def sign(self, document: dict[str, Any]) -> str:
        return document_sign(document, self.private_key)

    def signed(self, document: dict[str, Any]) -> dict[str, Any]:
        return {"document": document, "signature": self.sign(document)}


@dataclass
class PollingDay:
    geo: Geography
    holders: list[User]
    chair_code: str
    staff_codes: list[str]
    voters: dict[int, list[Voter]] = field(default_factory=dict)

    @property
    def election(self) -> Election:
        return self.geo.election

    def add_voters(self, constituency: Constituency, count: int, **facts: Any) -> list[Voter]:
        run = VoterImport.objects.create(
            election=self.election,
            operator="tests",
            file_name="tests.csv",
            file_sha256="0" * 64,
            file_size=0,
            birth_calendar=BirthCalendar.GREGORIAN,
            status=ImportStatus.APPLIED,
            started_at=timezone.now(),
        )
        made = Voter.objects.bulk_create(
            Voter(
                election=self.election,
                national_code=national_code(next(_serials)),
                first_name="زهرا",
                last_name="کریمی",
                name_key=search_key("کریمی") + " " + search_key("زهرا"),
                gender=facts.get("gender", "female"),
                birth_date=facts.get("birth_date", datetime.date(1980, 1, 1)),
                constituency=constituency,
                deceased=facts.get("deceased", False),
                imported_by=run,
            )
            for _ in range(count)
        )
        self.voters.setdefault(constituency.pk, []).extend(made)
        return made

    def enrol(self, station: PollingStation) -> Device:
        private, public = signing_key_generate()
        code = enrolment_code_issue(actor=None, station=station)
        enrolment = station_enrol(code=code, public_key=public, label=f"test {station.code}")
        return Device(enrolment.device, enrolment.device_token, private)

    def zero_report(self, device: Device, **changes: Any) -> dict[str, Any]:
        key = self.election.polling_key
        document = {
            "station": device.record.station.code,
            "opened_at": timezone.now().isoformat(),
            "chair": self.chair_code,
            "staff_present": list(self.staff_codes),
            "key_fingerprint": key.fingerprint,
            "ballots_in_store": 0,
        }
        document.update(changes)
        return document

    def open(self, device: Device) -> None:
        document = self.zero_report(device)
        station_open(device=device.record, document=document, signature=device.sign(document))


def approved_candidates(election: Election, constituency: Constituency, count: int) -> None:
    codes = (national_code(next(_serials)) for _ in range(count))
    approved_candidates_insert(election, constituency, count, codes)


def staff(geo: Geography, stations: Sequence[PollingStation]) -> tuple[str, list[str]]:
    """A chair and a secretary on each station's roster; the same two people at every
    station would clash, so each station gets its own and the first station's are returned."""
    first: tuple[str, list[str]] | None = None
    for station in stations:
        codes = []
        for role in ("station_chair", "secretary"):
            person = person_register(
                actor=None,
                election=geo.election,
                national_code=national_code(next(_serials)),
                first_name="مریم" if role == "secretary" else "رضا",
                last_name="موسوی",
                gender="female" if role == "secretary" else "male",
            )
            staff_post_appoint(actor=None, station=station, person=person, role=role)
            codes.append(person.national_code)
        first = first or (codes[0], codes)
    assert first is not None
    return first


def key_holders(geo: Geography) -> list[User]:
    return [
        user_create(
            actor=None,
            username=f"holder{index}",
            password=PASSWORD,
            role="supervisor",
            province=geo.province,
            holds_key_share=True,
        )
        for index in range(3)
    ]


def polling_day_build(geo: Geography) -> PollingDay:
    election = geo.election
    for constituency in (geo.city_a, geo.village_a, geo.city_b):
        approved_candidates(election, constituency, 15)
        ballot_freeze(actor=None, constituency=constituency)
    holders = key_holders(geo)
    key_ceremony(
        actor=None,
        election=election,
        threshold=2,
        holders=list(zip(holders, PASSPHRASES, strict=True)),
    )
    chair, codes = staff(geo, [geo.station_a1, geo.station_a2, geo.station_b1])
    Election.objects.filter(pk=election.pk).update(
        phase=Phase.POLLING,
        polling_date=timezone.localdate(),
        opens_at=datetime.time(0, 0),
        closes_at=datetime.time(23, 59, 59),
    )
    election.refresh_from_db()
    return PollingDay(geo, holders, chair, codes)


@pytest.fixture
def day(geo: Geography) -> PollingDay:
    """The shared election on polling day, nothing opened yet."""
    return polling_day_build(geo)


@pytest.fixture
def device(day: PollingDay) -> Device:
    """Station A1 enrolled and opened."""
    enrolled = day.enrol(day.geo.station_a1)
    day.open(enrolled)
    return enrolled


@pytest.fixture
def make_device(day: PollingDay) -> Iterator[Callable[[PollingStation], Device]]:
    yield day.enrol
