"""A tally session whose shares sit unused longer than SHORA_TALLY_SESSION_HOURS expires:
its shares deleted, the session cancelled, audited; a fresh one or one without a share is
left alone; a holder's share into an expired session is refused; the page and `shora
tally` apply it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.cli import main
from shora.results.models import SessionStatus, ShareEntry, TallySession
from shora.results.services.session_expiry import sessions_expire
from shora.results.services.sessions import share_enter, tally_session_open
from shora_domain.errors import DomainError
from tests.polling.conftest import PASSPHRASES
from tests.results.conftest import shares_entered

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def hours(settings):
    settings.SHORA_TALLY_SESSION_HOURS = 6


def _aged(session, hours):
    ShareEntry.objects.filter(session=session).update(
        entered_at=timezone.now() - datetime.timedelta(hours=hours)
    )


def test_shares_unused_beyond_the_setting_are_deleted_and_audited(closed, session):
    shares_entered(session, closed.day.holders, [0])
    _aged(session, 7)
    [expired] = sessions_expire(election=closed.election)
    assert expired.pk == session.pk
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED and "6 hours" in session.refusal
    assert not ShareEntry.objects.exists()
    [event] = AuditEvent.objects.filter(event_type=AuditEventType.TALLY_SESSION_EXPIRED)
    assert event.new == {"shares_deleted": 1, "hours": 6.0}
    assert sessions_expire(election=closed.election) == []  # once


def test_a_fresh_session_or_one_without_a_share_is_left_alone(closed, session):
    TallySession.objects.filter(pk=session.pk).update(
        opened_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert sessions_expire(election=closed.election) == []  # no share: nothing to delete
    shares_entered(session, closed.day.holders, [0])
    _aged(session, 5)
    assert sessions_expire(election=closed.election) == []
    assert ShareEntry.objects.count() == 1
    later = timezone.now() + datetime.timedelta(hours=2)
    assert [s.pk for s in sessions_expire(election=closed.election, now=later)] == [session.pk]


def test_a_share_into_an_expired_session_is_refused_and_the_tally_does_not_run(closed, session):
    shares_entered(session, closed.day.holders, [0])
    _aged(session, 30)
    with pytest.raises(DomainError) as caught:
        share_enter(actor=closed.day.holders[1], session=session, passphrase=PASSPHRASES[1])
    assert "cancelled" in caught.value.en
    assert not ShareEntry.objects.exists()
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED


def test_the_tally_page_and_the_command_expire_stale_sessions(closed, session, as_user, capsys):
    shares_entered(session, closed.day.holders, [0])
    _aged(session, 7)
    hq = as_user(user=closed.hq)
    assert hq.get(f"/elections/{closed.election.pk}/results/").status_code == 200
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    again = tally_session_open(actor=closed.hq, election=closed.election, run_on_command_line=True)
    shares_entered(again, closed.day.holders, [0, 1])
    _aged(again, 7)
    assert main(["tally", "--election", str(closed.election.pk)]) == 2
    out = capsys.readouterr().out
    assert f"session {again.pk}: Expired" in out and "no open tally session" in out
    assert not ShareEntry.objects.exists()
