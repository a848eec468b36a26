"""The identity desk: has this person voted? One transaction at the centre answers and, if
not, records the participation and issues a one-time ballot token.

The token is random, only its SHA-256 is stored, and nothing stored links it to the
participation: the two rows share only the station and the hour. A second participation
of the same voter is refused by the database's unique constraint (invariant 1), so two
stations claiming one voter at the same moment cannot both succeed: the second insert
waits for the first transaction and then fails.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import NoReturn

from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from shora.elections.models import Constituency, PollingStation
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import BallotToken, Participation, StationDevice
from shora.polling.selectors import polling_window
from shora.polling.services.station_day import open_day_of
from shora.polling.services.tokens import token_hash
from shora.registers.models import Voter
from shora.registers.selectors import current_voters, voter_eligibility_of
from shora_domain.digits import to_persian_digits
from shora_domain.national_code import parse_national_code
from shora_domain.polling_hours import to_hour

DOCUMENTS = ("national_card", "birth_certificate", "passport", "driving_licence", "military_card")
FINGERPRINT_RESULTS = ("match", "no_match", "not_available")


@dataclass(frozen=True)
class IssuedToken:
    token: str
    constituency: Constituency


def refuse_desk_input(document: str, fingerprint: str) -> None:
    if document not in DOCUMENTS:
        raise PollingError(
            PollingRefusal.BAD_DOCUMENT,
            fa="نوع مدرک شناسایی شناخته نیست.",
            en=f"Unknown identity document {document!r}; one of {', '.join(DOCUMENTS)}.",
        )
    if fingerprint not in FINGERPRINT_RESULTS:
        raise PollingError(
            PollingRefusal.BAD_DOCUMENT,
            fa="نتیجهٔ اثر انگشت شناخته نیست.",
            en=f"Unknown fingerprint result {fingerprint!r}.",
        )
    if fingerprint == "no_match":
        raise PollingError(
            PollingRefusal.FINGERPRINT_MISMATCH,
            fa="اثر انگشت با دارندهٔ کارت نمی‌خواند؛ رأی داده نمی‌شود.",
            en="The fingerprint does not match the card's holder; no ballot is issued.",
        )


def voter_of(station: PollingStation, code: str) -> Voter:
    """The voter with ``code`` in the station's register, eligible, or why not. The voter
    comes with ``served``: whether the station serves the voter's constituency (read in
    the same query: every round trip counts on the identity desk's path)."""
    serves = PollingStation.constituencies.through.objects.filter(
        pollingstation_id=station.pk, constituency_id=OuterRef("constituency_id")
    )
    voter = (
        current_voters(station.election)
        .select_related("constituency")
        .annotate(served=Exists(serves))
        .filter(national_code=code)
        .first()
    )
    if voter is None:
        raise PollingError(
            PollingRefusal.NOT_IN_REGISTER,
            fa="این کد ملی در فهرست رأی‌دهندگان این انتخابات نیست.",
            en="This national code is not in the election's register.",
        )
    # The voter was found in the station's election: reuse it rather than read it again
    # (one query of a claim's nine, docs/benchmarks.md).
    voter.election = station.election
    eligibility = voter_eligibility_of(voter)
    if not eligibility.eligible:
        raise PollingError(
            PollingRefusal.NOT_ELIGIBLE,
            fa="این شخص واجد شرایط رأی دادن نیست: "
            + " ".join(reason.fa for reason in eligibility.reasons),
            en="This person may not vote: " + " ".join(r.en for r in eligibility.reasons),
            details={"reasons": [r.code.value for r in eligibility.reasons]},
        )
    return voter


def refuse_other_constituency(station: PollingStation, voter: Voter) -> None:
    """Refuse a voter (from ``voter_of``) whose constituency the station does not serve."""
    if voter.served:  # type: ignore[attr-defined]
        return
    constituency = voter.constituency
    elsewhere = list(constituency.stations.order_by("code").values_list("code", flat=True)[:5])
    raise PollingError(
        PollingRefusal.WRONG_CONSTITUENCY,
        fa=(
            f"رأی‌دهندهٔ حوزهٔ «{constituency.name}» است و این شعبه به آن خدمت نمی‌دهد؛ "
            f"شعبه‌های آن حوزه: {to_persian_digits('، '.join(elsewhere))}."
        ),
        en=(
            f"The voter belongs to {constituency.name_en or constituency.name}, which this "
            f"station does not serve; its stations: {', '.join(elsewhere)}."
        ),
        details={"constituency": constituency.code, "stations": elsewhere},
    )


def _refuse_second_participation(voter: Voter) -> NoReturn:
    earlier = (
        Participation.objects.select_related("station")
        .filter(election_id=voter.election_id, voter=voter)
        .first()
    )
    if earlier is None:  # the other transaction rolled back; the desk may try again
        raise PollingError(
            PollingRefusal.ALREADY_VOTED,
            fa="هم‌زمان در شعبهٔ دیگری برای این شخص درخواست شد؛ دوباره بکوشید.",
            en="A claim for this person ran at the same moment elsewhere; try again.",
        )
    hour = timezone.localtime(earlier.hour)
    raise PollingError(
        PollingRefusal.ALREADY_VOTED,
        fa=(
            f"این شخص پیش‌تر در شعبهٔ {to_persian_digits(earlier.station.code)} در ساعت "
            f"{to_persian_digits(f'{hour.hour:02d}')} رأی داده است."
        ),
        en=(
            f"This person has already voted, at station {earlier.station.code} in the hour "
            f"from {hour.hour:02d}:00."
        ),
        details={"station": earlier.station.code, "hour": f"{hour.hour:02d}:00"},
    )


def claim_participation(
    *, device: StationDevice, national_code: str, document: str, fingerprint: str
) -> IssuedToken:
    """Record that the voter with ``national_code`` votes now at the device's station and
    issue their ballot token, or refuse with the exact reason."""
    station = device.station
    code = parse_national_code(national_code)
    refuse_desk_input(document, fingerprint)
    now = timezone.now()
    open_day_of(station)
    if not station.election.is_drill and not polling_window(station).holds(now):
        raise PollingError(
            PollingRefusal.OUTSIDE_WINDOW,
            fa="اکنون در ساعات اخذ رأی نیست.",
            en="It is outside the polling hours now.",
        )
    voter = voter_of(station, code)
    refuse_other_constituency(station, voter)
    hour = to_hour(timezone.localtime(now))
    token = secrets.token_urlsafe(24)
    with transaction.atomic():
        participation_record(station, voter, hour=hour, document=document, fingerprint=fingerprint)
        BallotToken.objects.create(
            token_hash=token_hash(token),
            station=station,
            constituency_id=voter.constituency_id,
            issued_hour=hour,
        )
    return IssuedToken(token=token, constituency=voter.constituency)


def participation_record(
    station: PollingStation,
    voter: Voter,
    *,
    hour: datetime.datetime,
    document: str,
    fingerprint: str,
) -> None:
    """Record the voter's one participation, or refuse: already voted, and where.

    One statement, ``INSERT … ON CONFLICT DO NOTHING RETURNING``, instead of the ORM's
    insert inside a savepoint: the unique constraint on (election, voter) still decides,
    and the identity desk's path saves two round trips (docs/benchmarks.md). PostgreSQL
    and SQLite (3.35 and later) both speak it.
    """
    table = Participation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} "  # noqa: S608 - the table name is the model's own
            "(election_id, voter_id, station_id, constituency_id, hour, document, fingerprint) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (election_id, voter_id) DO NOTHING RETURNING id",
            [
                voter.election_id,
                voter.pk,
                station.pk,
                voter.constituency_id,
                connection.ops.adapt_datetimefield_value(hour),
                document,
                fingerprint,
            ],
        )
        inserted = cursor.fetchone()
    if inserted is None:
        _refuse_second_participation(voter)
