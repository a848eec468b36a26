"""Tally sessions: the provincial HQ opens one; each key holder, signed in with two factors
on their own screen, types their passphrase; the k-th share runs the tally.

Where a share's value lives: the holder's sealed share (``KeyShareHolding``) is opened with
the passphrase in the memory of the holder's request, and the value is kept in a
``ShareEntry`` row until k holders have entered theirs. The rows are deleted in the
transaction that stores the results, or that cancels the session; fewer than k of them
open nothing (Shamir: k − 1 shares tell nothing of the key). The private key is assembled
only when the tally runs, in that process's memory, and never stored (see
``shora.results.services.tally``).

Two holders entering the k-th share at the same moment run the tally once: each entry
takes the session's row lock, and the tally runs inside the transaction of the entry that
made k; the other entry, let in after the commit, finds the session run and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election, Phase
from shora.polling.models import KeyShareHolding
from shora.results.access import can_run_tally, holding_of
from shora.results.errors import ResultsRefusal
from shora.results.models import SessionStatus, ShareEntry, TallySession
from shora.results.selectors import (
    constituencies_untallied,
    election_key_for_tally,
    results_settings_of,
    tally_gates,
)
from shora.results.services.session_expiry import sessions_expire
from shora.results.services.tally import TallyOutcome, refuse_unannounced, tally_run_locked
from shora_domain.election_key import share_open
from shora_domain.errors import DomainError


def _unit(election: Election) -> str:
    return f"election:{election.pk}"


@transaction.atomic
def tally_session_open(
    *, actor: Any, election: Election, run_on_command_line: bool = False
) -> TallySession:
    """Open a session for the key holders: only after the polls closed, with the election's
    key made and the lottery's value announced, and some constituency ready to tally."""
    if actor is not None and not can_run_tally(actor, election):
        raise PermissionDenied
    election = Election.objects.select_for_update().get(pk=election.pk)
    if election.phase != Phase.CLOSED:
        raise DomainError(
            ResultsRefusal.NOT_CLOSED,
            fa="جلسهٔ شمارش تنها پس از پایان اخذ رأی (مرحلهٔ «بسته») گشوده می‌شود.",
            en="A tally session can only be opened once polling is over (phase closed).",
        )
    key = election_key_for_tally(election)
    if key is None:
        raise DomainError(
            ResultsRefusal.NO_ELECTION_KEY,
            fa="این انتخابات کلید ندارد؛ آرایی برای گشودن نیست.",
            en="This election has no key; there is nothing to open.",
        )
    refuse_unannounced(results_settings_of(election))
    if TallySession.objects.filter(election=election, status=SessionStatus.OPEN).exists():
        raise _session_open()
    gates = tally_gates(election, constituencies_untallied(election))
    if not any(gate.ready for gate in gates):
        raise DomainError(
            ResultsRefusal.NOTHING_TO_TALLY,
            fa="هیچ حوزه‌ای آمادهٔ شمارش نیست: مشکلات هر حوزه در صفحهٔ شمارش آمده است.",
            en="No constituency is ready to be tallied: the tally page lists each one's problems.",
        )
    try:
        with transaction.atomic():
            session = TallySession.objects.create(
                election=election,
                threshold=key.threshold,
                status=SessionStatus.OPEN,
                run_on_command_line=run_on_command_line,
                opened_by=actor,
                opened_at=timezone.now(),
            )
    except IntegrityError as error:  # another session opened in between
        raise _session_open() from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.TALLY_SESSION_OPENED,
        target=session,
        unit=_unit(election),
        new={"threshold": key.threshold, "run_on_command_line": run_on_command_line},
    )
    return session


def _session_open() -> DomainError:
    return DomainError(
        ResultsRefusal.SESSION_OPEN,
        fa="جلسهٔ شمارشی از پیش باز است.",
        en="A tally session is already open.",
    )


def refuse_closed_session(session: TallySession) -> None:
    if session.status == SessionStatus.OPEN:
        return
    if session.status == SessionStatus.RAN:
        raise DomainError(
            ResultsRefusal.SESSION_CLOSED,
            fa="شمارش این جلسه انجام شده است؛ سهم دیگری پذیرفته نمی‌شود.",
            en="This session's tally has run; no more shares are taken.",
        )
    raise DomainError(
        ResultsRefusal.SESSION_CLOSED,
        fa="این جلسهٔ شمارش لغو شده است.",
        en="This tally session was cancelled.",
    )


@transaction.atomic
def tally_session_cancel(*, actor: Any, session: TallySession) -> TallySession:
    """Cancel an open session: the shares entered so far are deleted at once."""
    session = TallySession.objects.select_for_update().select_related("election").get(pk=session.pk)
    if actor is not None and not can_run_tally(actor, session.election):
        raise PermissionDenied
    refuse_closed_session(session)
    deleted, _ = ShareEntry.objects.filter(session=session).delete()
    session.status = SessionStatus.CANCELLED
    session.closed_by = actor
    session.closed_at = timezone.now()
    session.save(update_fields=["status", "closed_by", "closed_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.TALLY_SESSION_CANCELLED,
        target=session,
        unit=_unit(session.election),
        new={"shares_deleted": deleted},
    )
    return session


@dataclass(frozen=True)
class ShareEntryOutcome:
    """How many shares are in after this one, of how many needed, and the tally if it ran."""

    entered: int
    threshold: int
    tally: TallyOutcome | None


def _refuse_repeat(session: TallySession, holding: KeyShareHolding) -> None:
    if ShareEntry.objects.filter(session=session, holding=holding).exists():
        raise DomainError(
            ResultsRefusal.SHARE_ENTERED,
            fa="سهم شما در این جلسه پیش‌تر وارد شده است.",
            en="Your share has already been entered in this session.",
        )


def _holding_for(actor: Any, election: Election) -> KeyShareHolding:
    holding = holding_of(actor, election) if actor is not None else None
    if holding is None or actor.province_id != election.province_id:
        raise DomainError(
            ResultsRefusal.NOT_A_HOLDER,
            fa="شما دارندهٔ سهمی از کلید این انتخابات نیستید.",
            en="You hold no share of this election's key.",
        )
    return holding


def _record_refused_entry(
    actor: Any, session: TallySession, holding: KeyShareHolding, refusal: DomainError
) -> None:
    """Audit a share that did not open (a wrong passphrase, say), in its own transaction so
    that the refusal, which undoes everything else, does not undo the record of it."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            event_type=AuditEventType.TALLY_SHARE_REFUSED,
            target=session,
            unit=_unit(session.election),
            new={"index": holding.index, "code": refusal.code.value},
        )


def share_enter(*, actor: Any, session: TallySession, passphrase: str) -> ShareEntryOutcome:
    """The holder ``actor`` opens their share with ``passphrase`` into ``session``; the
    k-th share runs the tally in the same transaction (unless the session is to be run on
    the command line). Refused: a non-holder, a share entered twice, a wrong passphrase, a
    share of another election or key, a session that ran or was cancelled."""
    sessions_expire(election=session.election)
    session = TallySession.objects.select_related("election").get(pk=session.pk)
    election = session.election
    holding = _holding_for(actor, election)
    refuse_closed_session(session)
    _refuse_repeat(session, holding)
    key = holding.election_key
    try:
        # scrypt takes a good part of a second: done before taking the session's lock
        share = share_open(
            bytes(holding.sealed),
            passphrase=passphrase,
            election_ref=str(election.pk),
            public_key=bytes(key.public_key),
        )
    except DomainError as refusal:
        _record_refused_entry(actor, session, holding, refusal)
        raise
    outcome = _share_store(actor, session, holding, share.index, share.value)
    del share
    if outcome.tally is not None and outcome.tally.refusal is not None:
        raise outcome.tally.refusal  # after the commit that cancelled the session
    return outcome


@transaction.atomic
def _share_store(
    actor: Any, session: TallySession, holding: KeyShareHolding, index: int, value: int
) -> ShareEntryOutcome:
    session = TallySession.objects.select_for_update().select_related("election").get(pk=session.pk)
    refuse_closed_session(session)
    _refuse_repeat(session, holding)
    ShareEntry.objects.create(
        session=session,
        holding=holding,
        index=index,
        value=str(value),
        entered_at=timezone.now(),
    )
    session.holders_entered = [
        *session.holders_entered,
        {"holder": actor.get_username(), "index": index},
    ]
    session.save(update_fields=["holders_entered"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.TALLY_SHARE_ENTERED,
        target=session,
        unit=_unit(session.election),
        new={"index": index},
    )
    entered = ShareEntry.objects.filter(session=session).count()
    tally = None
    if entered >= session.threshold and not session.run_on_command_line:
        tally = tally_run_locked(actor=actor, session=session)
    return ShareEntryOutcome(entered=entered, threshold=session.threshold, tally=tally)


def tally_run(*, actor: Any, session: TallySession) -> TallyOutcome:
    """Run a session that already holds k shares (``shora tally``): no passphrase asked."""
    outcome = _tally_run_atomic(actor, session)
    if outcome.refusal is not None:
        raise outcome.refusal
    return outcome


@transaction.atomic
def _tally_run_atomic(actor: Any, session: TallySession) -> TallyOutcome:
    session = TallySession.objects.select_for_update().select_related("election").get(pk=session.pk)
    refuse_closed_session(session)
    return tally_run_locked(actor=actor, session=session)
