"""`shora tally --election ID` runs an open session once k holders entered their shares on
their screens; it asks for no passphrase and runs nothing with fewer shares."""

from __future__ import annotations

import pytest

from shora.cli import main
from shora.results.models import ConstituencyResult, SessionStatus, ShareEntry
from shora.results.services.sessions import tally_session_open
from tests.results.conftest import shares_entered

pytestmark = pytest.mark.django_db


@pytest.fixture
def command_line_session(closed):
    return tally_session_open(actor=closed.hq, election=closed.election, run_on_command_line=True)


def test_a_session_for_the_command_line_waits_with_k_shares_and_the_command_runs_it(
    closed, command_line_session, capsys
):
    outcome = shares_entered(command_line_session, closed.day.holders, [0, 2])
    assert (outcome.entered, outcome.tally) == (2, None)
    assert ShareEntry.objects.count() == 2 and not ConstituencyResult.objects.exists()
    assert main(["tally", "--election", str(closed.election.pk)]) == 0
    assert "tallied: 3 constituencies" in capsys.readouterr().out
    assert ConstituencyResult.objects.count() == 3
    assert not ShareEntry.objects.exists()
    command_line_session.refresh_from_db()
    assert command_line_session.status == SessionStatus.RAN
    assert main(["tally", "--election", str(closed.election.pk)]) == 2  # nothing open now


def test_with_fewer_than_k_shares_the_command_runs_nothing(closed, command_line_session, capsys):
    shares_entered(command_line_session, closed.day.holders, [1])
    assert main(["tally", "--election", str(closed.election.pk)]) == 2
    assert "1 of the 2 shares" in capsys.readouterr().out
    assert not ConstituencyResult.objects.exists()
    assert ShareEntry.objects.count() == 1


@pytest.mark.parametrize("election", ["999999", "x", ""])
def test_an_unknown_or_malformed_election_is_refused(closed, election, capsys):
    try:
        code = main(["tally", "--election", election])
    except SystemExit as exit_:  # argparse refuses what is not a number
        code = exit_.code
    assert code == 2
    assert not ConstituencyResult.objects.exists()
