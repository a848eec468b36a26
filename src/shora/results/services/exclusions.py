"""Leaving a station out of the tally: the county's executive board decides, with a
reason; the province's supervisory board confirms. Only a confirmed exclusion counts: the
station's ballots are then not counted, and the station no longer holds its
constituencies back (a station that never opened, say, or whose device was lost before
it could close). Nothing is excluded once one of its constituencies has been tallied."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election, Phase, PollingStation
from shora.results.access import can_confirm_exclusion, can_request_exclusion
from shora.results.errors import ResultsRefusal
from shora.results.models import ConstituencyResult, StationExclusion
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError

#: Exclusions are decided before the tally, never after the election is tallied.
EXCLUSION_PHASES = (
    Phase.SETUP,
    Phase.REGISTRATION,
    Phase.REVIEW,
    Phase.READY,
    Phase.POLLING,
    Phase.CLOSED,
)


def _refuse_too_late(election: Election, station: PollingStation) -> None:
    tallied = ConstituencyResult.objects.filter(constituency__stations=station).exists()
    if election.phase in EXCLUSION_PHASES and not tallied:
        return
    raise DomainError(
        ResultsRefusal.EXCLUSION_TOO_LATE,
        fa=(
            f"آرای حوزهٔ شعبهٔ {to_persian_digits(station.code)} شمرده شده است؛ "
            "دیگر نمی‌توان آن را کنار گذاشت."
        ),
        en=f"Station {station.code}'s constituency has been tallied; it can no longer be left out.",
    )


@transaction.atomic
def exclusion_decide(
    *, actor: Any, election: Election, station: PollingStation, reason: str
) -> StationExclusion:
    """The county's executive board leaves ``station`` out of the tally, pending the
    supervisory board's confirmation."""
    if station.election_id != election.pk or not can_request_exclusion(actor, station):
        raise PermissionDenied
    election = Election.objects.select_for_update().get(pk=election.pk)
    _refuse_too_late(election, station)
    if StationExclusion.objects.filter(station=station).exists():
        raise DomainError(
            ResultsRefusal.EXCLUSION_EXISTS,
            fa=f"کنارگذاشتن شعبهٔ {to_persian_digits(station.code)} پیش‌تر ثبت شده است.",
            en=f"Leaving station {station.code} out has already been recorded.",
        )
    said = reason.strip() if isinstance(reason, str) else ""
    if not said:
        raise DomainError(
            ResultsRefusal.NO_REASON,
            fa="دلیل کنارگذاشتن شعبه را بنویسید.",
            en="Write why the station is left out.",
        )
    exclusion = StationExclusion.objects.create(
        election=election,
        station=station,
        reason=said[:500],
        decided_by=actor,
        decided_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.STATION_EXCLUSION_DECIDED,
        target=exclusion,
        unit=f"station:{station.code}",
        new={"station": station.code, "reason": exclusion.reason},
    )
    return exclusion


@transaction.atomic
def exclusion_confirm(*, actor: Any, exclusion: StationExclusion) -> StationExclusion:
    """The province's supervisory board confirms: from now on the station is left out."""
    exclusion = (
        StationExclusion.objects.select_for_update()
        .select_related("election", "station")
        .get(pk=exclusion.pk)
    )
    if not can_confirm_exclusion(actor, exclusion.election):
        raise PermissionDenied
    if exclusion.is_confirmed:
        raise DomainError(
            ResultsRefusal.EXCLUSION_CONFIRMED,
            fa="این کنارگذاشتن پیش‌تر تأیید شده است.",
            en="This exclusion has already been confirmed.",
        )
    _refuse_too_late(exclusion.election, exclusion.station)
    exclusion.confirmed_by = actor
    exclusion.confirmed_at = timezone.now()
    exclusion.save(update_fields=["confirmed_by", "confirmed_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.STATION_EXCLUSION_CONFIRMED,
        target=exclusion,
        unit=f"station:{exclusion.station.code}",
        new={"station": exclusion.station.code},
    )
    return exclusion
