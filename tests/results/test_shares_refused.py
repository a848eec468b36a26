"""Every way a share, a session or a tally is refused, each changing nothing it should not:
a share twice, a non-holder, a wrong passphrase, another election's share, fewer than k,
a closed or cancelled session, a station still open, no announced value, shares that do
not rebuild the key, a ballot altered after the close."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.models import AuditEvent
from shora.polling.models import Ballot, KeyShareHolding
from shora.results.errors import ResultsRefusal
from shora.results.models import (
    ConstituencyResult,
    ElectionResultsSettings,
    SessionStatus,
    ShareEntry,
    TallySession,
)
from shora.results.services.sessions import (
    share_enter,
    tally_run,
    tally_session_cancel,
    tally_session_open,
)
from shora_domain.election_key import ElectionKeyRefusal, KeyShare, share_seal
from shora_domain.errors import DomainError
from tests.polling.conftest import PASSPHRASES
from tests.results.conftest import close_the_polls, shares_entered, voting_day
from tests.results.election_day import station_closed

pytestmark = pytest.mark.django_db


def _refusal(call):
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value.code


def test_a_share_is_entered_once(closed, session):
    holder = closed.day.holders[0]
    share_enter(actor=holder, session=session, passphrase=PASSPHRASES[0])
    again = _refusal(lambda: share_enter(actor=holder, session=session, passphrase=PASSPHRASES[0]))
    assert again == ResultsRefusal.SHARE_ENTERED
    assert ShareEntry.objects.count() == 1
    assert not ConstituencyResult.objects.exists()


@pytest.mark.parametrize("role", ["province_hq", "supervisor", "county", "district", "station"])
def test_someone_holding_no_share_is_refused(closed, session, make_user, role):
    outsider = make_user(role, username=f"outsider-{role}")
    code = _refusal(lambda: share_enter(actor=outsider, session=session, passphrase=PASSPHRASES[0]))
    assert code == ResultsRefusal.NOT_A_HOLDER
    assert not ShareEntry.objects.exists()


@pytest.mark.parametrize(
    "passphrase",
    [PASSPHRASES[1], "", " ", "x" * 5_000, PASSPHRASES[0][:-1], PASSPHRASES[0] + "!"],
)
def test_a_wrong_passphrase_opens_nothing_and_is_audited(closed, session, passphrase):
    holder = closed.day.holders[0]
    code = _refusal(lambda: share_enter(actor=holder, session=session, passphrase=passphrase))
    assert code == ElectionKeyRefusal.WRONG_PASSPHRASE
    assert not ShareEntry.objects.exists()
    refused = AuditEvent.objects.get(event_type=923)
    assert refused.new == {"index": 1, "code": "election_key.wrong_passphrase"}
    assert passphrase.strip() == "" or passphrase[:8] not in str(refused.new)


def test_the_passphrase_opens_whatever_the_keyboard(closed, session):
    """The third passphrase typed with an Arabic ye, Latin digits and spaces around."""
    holder = closed.day.holders[2]
    typed = "  سومين عبارت عبور 3 "
    assert share_enter(actor=holder, session=session, passphrase=typed).entered == 1


@pytest.mark.parametrize(
    ("election_ref", "other_key", "code"),
    [
        ("999999", False, ElectionKeyRefusal.OTHER_ELECTION),
        (None, True, ElectionKeyRefusal.OTHER_KEY),
    ],
)
def test_a_share_of_another_election_or_key_is_refused(
    closed, session, election_ref, other_key, code
):
    from shora_domain.election_key import election_keypair_generate

    holding = KeyShareHolding.objects.get(holder=closed.day.holders[0])
    key = holding.election_key
    public = election_keypair_generate().public_key if other_key else bytes(key.public_key)
    forged = share_seal(
        KeyShare(index=1, value=12345),
        passphrase=PASSPHRASES[0],
        election_ref=election_ref or str(closed.election.pk),
        public_key=public,
        threshold=2,
        holders=3,
    )
    KeyShareHolding.objects.filter(pk=holding.pk).update(sealed=forged)
    refused = _refusal(
        lambda: share_enter(actor=closed.day.holders[0], session=session, passphrase=PASSPHRASES[0])
    )
    assert refused == code
    assert not ShareEntry.objects.exists()


def test_fewer_than_k_shares_tally_nothing(closed, session):
    outcome = shares_entered(session, closed.day.holders, [1])
    assert (outcome.entered, outcome.threshold, outcome.tally) == (1, 2, None)
    assert not ConstituencyResult.objects.exists()
    assert _refusal(lambda: tally_run(actor=None, session=session)) == ResultsRefusal.TOO_FEW_SHARES
    session.refresh_from_db()
    assert session.status == SessionStatus.OPEN
    assert ShareEntry.objects.count() == 1


def test_after_the_tally_ran_no_share_is_taken(closed, session):
    shares_entered(session, closed.day.holders, [0, 1])
    late = _refusal(
        lambda: share_enter(actor=closed.day.holders[2], session=session, passphrase=PASSPHRASES[2])
    )
    assert late == ResultsRefusal.SESSION_CLOSED
    assert not ShareEntry.objects.exists()


def test_a_cancelled_session_deletes_its_shares_and_takes_no_more(closed, session):
    shares_entered(session, closed.day.holders, [0])
    tally_session_cancel(actor=closed.hq, session=session)
    assert not ShareEntry.objects.exists()
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    late = _refusal(
        lambda: share_enter(actor=closed.day.holders[1], session=session, passphrase=PASSPHRASES[1])
    )
    assert late == ResultsRefusal.SESSION_CLOSED
    assert _refusal(lambda: tally_session_cancel(actor=closed.hq, session=session)) == (
        ResultsRefusal.SESSION_CLOSED
    )
    assert not ConstituencyResult.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "county"])
def test_only_the_hq_opens_or_cancels_a_session(closed, make_user, role):
    someone = make_user(role)
    with pytest.raises(PermissionDenied):
        tally_session_open(actor=someone, election=closed.election)
    session = tally_session_open(actor=closed.hq, election=closed.election)
    with pytest.raises(PermissionDenied):
        tally_session_cancel(actor=someone, session=session)


def test_one_session_is_open_at_a_time(closed, session):
    again = _refusal(lambda: tally_session_open(actor=closed.hq, election=closed.election))
    assert again == ResultsRefusal.SESSION_OPEN
    assert TallySession.objects.count() == 1


def test_no_session_before_the_polls_closed(day, hq):
    voting_day(day, hq, close=False)
    early = _refusal(lambda: tally_session_open(actor=hq, election=day.election))
    assert early == ResultsRefusal.NOT_CLOSED


def test_no_session_without_the_announced_value(day, hq):
    voting_day(day, hq, announce=False)
    unannounced = _refusal(lambda: tally_session_open(actor=hq, election=day.election))
    assert unannounced == ResultsRefusal.NOT_ANNOUNCED
    assert not TallySession.objects.exists()


def test_a_value_gone_missing_after_the_session_opened_stops_the_run(closed, session):
    ElectionResultsSettings.objects.all().delete()
    shares_entered(session, closed.day.holders, [0])
    last = _refusal(lambda: shares_entered(session, closed.day.holders, [1]))
    assert last == ResultsRefusal.NOT_ANNOUNCED
    assert ShareEntry.objects.count() == 1  # the k-th entry was undone with the run
    assert not ConstituencyResult.objects.exists()


def test_a_station_still_open_leaves_its_constituency_for_a_later_session(day, hq):
    scenario = voting_day(day, hq, close=False)
    for name in ("a1", "a_extra", "b1"):
        station_closed(scenario.runs[name])
    close_the_polls(day.election)
    session = tally_session_open(actor=hq, election=day.election)
    outcome = shares_entered(session, day.holders, [0, 1]).tally
    assert sorted(outcome.tallied) == ["1001", "2001"]
    assert [entry["code"] for entry in outcome.left_out] == ["1002"]
    problems = outcome.left_out[0]["problems"]
    assert [(p["code"], p["station"]) for p in problems] == [("station_open", "10002")]
    session.refresh_from_db()
    assert session.left_out == outcome.left_out
    assert not ConstituencyResult.objects.filter(constituency=day.geo.village_a).exists()
    # the station closes late; a second session tallies the village alone
    station_closed(scenario.runs["a2"])
    later = tally_session_open(actor=hq, election=day.election)
    assert shares_entered(later, day.holders, [1, 2]).tally.tallied == ["1002"]
    assert ConstituencyResult.objects.count() == 3


def test_no_session_while_no_constituency_is_ready(day, hq):
    voting_day(day, hq, close=False)
    close_the_polls(day.election)
    nothing = _refusal(lambda: tally_session_open(actor=hq, election=day.election))
    assert nothing == ResultsRefusal.NOTHING_TO_TALLY


def test_shares_that_do_not_rebuild_the_key_cancel_the_session(closed, session):
    shares_entered(session, closed.day.holders, [0])
    entry = ShareEntry.objects.get()
    ShareEntry.objects.filter(pk=entry.pk).update(value=str(int(entry.value) + 1))
    refused = _refusal(lambda: shares_entered(session, closed.day.holders, [1]))
    assert refused in (ResultsRefusal.KEY_DOES_NOT_MATCH, ElectionKeyRefusal.SHARES_DO_NOT_MATCH)
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.refusal
    assert not ShareEntry.objects.exists()
    assert not ConstituencyResult.objects.exists()
    assert AuditEvent.objects.filter(event_type=925).count() == 1


def test_a_ballot_swapped_after_the_close_leaves_its_constituency_out(closed, session):
    """Someone with the public key seals a ballot of their own and puts it in place of a
    stored one, keeping the digest the signed root covers: the tally sees the bytes no
    longer match and leaves the constituency out."""
    from shora_domain.ballot_sealing import ballot_context, ballot_seal

    forged = ballot_seal(
        b"{}",
        bytes(closed.election.polling_key.public_key),
        context=ballot_context(str(closed.election.pk), "2001"),
    )
    victim = Ballot.objects.filter(station=closed.geo.station_b1).first()
    Ballot.objects.filter(pk=victim.pk).update(sealed=forged)
    outcome = shares_entered(session, closed.day.holders, [0, 1]).tally
    assert sorted(outcome.tallied) == ["1001", "1002"]
    left = outcome.left_out[0]
    assert (left["code"], left["problems"][0]["code"]) == ("2001", "ballot_altered")
