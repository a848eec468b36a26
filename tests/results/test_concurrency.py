"""On PostgreSQL: holders entering their shares at the same instant run the tally once.
Each entry takes the session's row lock; the entry that makes k runs the tally inside its
transaction; an entry let in after that commit finds the session run and is refused."""

from __future__ import annotations

import pytest
from django.db import connection

from shora.accounts.models import User
from shora.audit.models import AuditEvent
from shora.results.errors import ResultsRefusal
from shora.results.models import ConstituencyResult, SessionStatus, ShareEntry, TallySession
from shora.results.services.sessions import share_enter, tally_session_open
from tests.polling.conftest import PASSPHRASES
from tests.races import race, refusal_codes
from tests.results.conftest import shares_entered, voting_day

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _enter(session_pk, holder_pk, passphrase):
    """As the share page does: the holder and the session read afresh in this thread."""
    holder = User.objects.get(pk=holder_pk)
    return share_enter(
        actor=holder, session=TallySession.objects.get(pk=session_pk), passphrase=passphrase
    )


def _ran_once(session):
    session.refresh_from_db()
    assert session.status == SessionStatus.RAN
    assert ConstituencyResult.objects.count() == 3
    assert AuditEvent.objects.filter(event_type=924).count() == 1
    assert AuditEvent.objects.filter(event_type=930).count() == 3
    assert not ShareEntry.objects.exists()


def test_two_holders_entering_the_k_th_share_at_once_run_the_tally_once(day, hq):
    assert connection.vendor == "postgresql"
    voting_day(day, hq)
    session = tally_session_open(actor=hq, election=day.election)
    shares_entered(session, day.holders, [0])
    results, errors = race(
        2, lambda i: _enter(session.pk, day.holders[1 + i].pk, PASSPHRASES[1 + i])
    )
    assert len(results) == 1, errors
    assert results[0].tally is not None
    assert refusal_codes(errors) == [ResultsRefusal.SESSION_CLOSED]
    _ran_once(session)


def test_three_holders_at_once_with_k_two_run_it_once(day, hq):
    voting_day(day, hq)
    session = tally_session_open(actor=hq, election=day.election)
    results, errors = race(3, lambda i: _enter(session.pk, day.holders[i].pk, PASSPHRASES[i]))
    assert len(results) == 2, errors
    assert sorted(r.entered for r in results) == [1, 2]
    assert [r.tally is not None for r in sorted(results, key=lambda r: r.entered)] == [
        False,
        True,
    ]
    assert refusal_codes(errors) == [ResultsRefusal.SESSION_CLOSED]
    _ran_once(session)
