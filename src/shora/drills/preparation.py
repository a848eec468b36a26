"""What a drill needs before its first station opens, made only on a drill election.

A drill election is a copy of a county's councils and stations (the demo makes one). For
election day to run on it, it needs what the real election gets over months: a register,
frozen ballots, a roster at each station, the election's key and the polling phase. Here
they are made in one go, each only if missing, and each refused on a real election:

* a synthetic register: voters with valid national codes from a range no real code is
  drawn from in the demo, born in 1980, of the constituencies the county's stations serve;
* approved candidates and the frozen ballot of each such constituency (inserted as seeded
  data, as the polling benchmark does: the boards' review is not what a drill practises);
* a chair and a secretary on the roster of each station that has no chair;
* a *drill key ceremony*: the key pair is made and its private half is thrown away at once.
  A drill's ballots are sealed exactly as on election day but are never opened: no share,
  no passphrase, nothing to keep safe;
* the phase set to polling directly (a drill election has no polling day to wait for: its
  gates skip the day and the polling window, elections/gates.py and polling).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.models import Person, StaffPost
from shora.boards.services import person_register, staff_post_appoint
from shora.candidates.models import Ballot as FrozenBallot
from shora.candidates.services import ballot_freeze
from shora.drills.guards import refuse_unless_drill
from shora.drills.models import DRILL_CODE_PREFIX
from shora.elections.models import Constituency, County, Election, Phase, PollingStation
from shora.polling.bench.election_day import approved_candidates_insert
from shora.polling.models import ElectionKey
from shora.registers.models import BirthCalendar, ImportStatus, Voter, VoterImport
from shora_domain.digits import to_persian_digits
from shora_domain.election_key import election_keypair_generate, key_fingerprint
from shora_domain.national_code import national_code_check_digit
from shora_domain.persian_text import search_key

CANDIDATES_PER_CONSTITUENCY = 12


@dataclass(frozen=True)
class Prepared:
    voters_added: int
    ballots_frozen: int
    stations_staffed: int
    key_made: bool
    phase_set: bool


def drill_national_code(kind: int, owner: int, serial: int) -> str:
    """A valid national code for a drill's synthetic person: 9, kind (0 voter, 1 staff,
    2 candidate), the owner's id and a serial, then the check digit."""
    nine = f"{DRILL_CODE_PREFIX}{kind}{owner % 1000:03d}{serial % 10_000:04d}"
    return nine + str(national_code_check_digit(nine))


def drill_stations(election: Election, county: County) -> list[PollingStation]:
    return list(
        PollingStation.objects.filter(election=election, district__county=county)
        .prefetch_related("constituencies")
        .order_by("code")
    )


def _register(election: Election, constituencies: list[Constituency], per: int) -> int:
    run: VoterImport | None = None
    added = 0
    for constituency in constituencies:
        have = Voter.objects.filter(constituency=constituency).count()
        if have >= per:
            continue
        if run is None:
            run = VoterImport.objects.create(
                election=election,
                operator="drill",
                file_name="drill-register",
                file_sha256="0" * 64,
                file_size=0,
                birth_calendar=BirthCalendar.GREGORIAN,
                status=ImportStatus.APPLIED,
                started_at=timezone.now(),
            )
        made = Voter.objects.bulk_create(
            Voter(
                election=election,
                national_code=drill_national_code(0, constituency.pk, serial),
                first_name="رأی‌دهندهٔ",
                last_name=f"آزمایشی {to_persian_digits(serial + 1)}",
                name_key=search_key(f"آزمایشی {serial + 1} رأی‌دهندهٔ"),
                gender="female" if serial % 2 else "male",
                birth_date=datetime.date(1980, 1, 1),
                constituency=constituency,
                imported_by=run,
            )
            for serial in range(have, per)
        )
        added += len(made)
    return added


def _ballots(election: Election, constituencies: list[Constituency]) -> int:
    frozen = 0
    for constituency in constituencies:
        if FrozenBallot.objects.filter(constituency=constituency).exists():
            continue
        # More candidates than seats, so that a ballot with too many choices can be tried.
        count = max(CANDIDATES_PER_CONSTITUENCY, constituency.members + 3)
        codes = iter(drill_national_code(2, constituency.pk, serial) for serial in range(count))
        approved_candidates_insert(election, constituency, count, codes)
        ballot_freeze(actor=None, constituency=constituency)
        frozen += 1
    return frozen


def drill_rosters_fill(election: Election, stations: list[PollingStation]) -> int:
    """A chair and a secretary of the drill's own synthetic people at each station without
    a chair; how many stations were staffed."""
    refuse_unless_drill(election)
    staffed = 0
    for station in stations:
        chaired = StaffPost.objects.filter(
            station=station, role="station_chair", ended_at__isnull=True
        ).exists()
        if chaired:
            continue
        for serial, role in enumerate(("station_chair", "secretary")):
            code = drill_national_code(1, station.pk, serial)
            person = Person.objects.filter(election=election, national_code=code).first()
            person = person or person_register(
                actor=None,
                election=election,
                national_code=code,
                first_name="مریم" if serial else "رضا",
                last_name="آزمایشی",
                gender="female" if serial else "male",
            )
            staff_post_appoint(actor=None, station=station, person=person, role=role)
        staffed += 1
    return staffed


def drill_key_make(*, actor: Any, election: Election) -> ElectionKey:
    """The drill key ceremony: a key pair whose private half is discarded at once."""
    refuse_unless_drill(election)
    pair = election_keypair_generate()
    key = ElectionKey.objects.create(
        election=election,
        public_key=pair.public_key,
        fingerprint=key_fingerprint(pair.public_key),
        threshold=1,
        holders=0,
        created_at=timezone.now(),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.DRILL_KEY_MADE,
        target=key,
        unit=f"election:{election.pk}",
        new={"fingerprint": key.fingerprint, "private_key": "discarded"},
    )
    return key


@transaction.atomic
def drill_prepare(
    *, actor: Any, election: Election, county: County, voters_per_constituency: int
) -> Prepared:
    """Make what a drill of ``county``'s stations needs, each part only if missing."""
    election = Election.objects.select_for_update().get(pk=election.pk)
    refuse_unless_drill(election)
    stations = drill_stations(election, county)
    constituencies = sorted(
        {c for station in stations for c in station.constituencies.all()}, key=lambda c: c.code
    )
    added = _register(election, constituencies, voters_per_constituency)
    frozen = _ballots(election, constituencies)
    staffed = drill_rosters_fill(election, stations)
    key_made = False
    if not ElectionKey.objects.filter(election=election).exists():
        drill_key_make(actor=actor, election=election)
        key_made = True
    phase_set = election.phase != Phase.POLLING
    if phase_set:
        Election.objects.filter(pk=election.pk).update(phase=Phase.POLLING)
    prepared = Prepared(added, frozen, staffed, key_made, phase_set)
    if any((added, frozen, staffed, key_made, phase_set)):
        audit_record(
            actor=actor,
            event_type=AuditEventType.DRILL_PREPARED,
            target=election,
            unit=f"county:{county.code}",
            new={
                "voters_added": added,
                "ballots_frozen": frozen,
                "stations_staffed": staffed,
                "key_made": key_made,
                "phase_set": phase_set,
            },
        )
    return prepared
