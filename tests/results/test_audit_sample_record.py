"""Anyone re-draws the paper-audit sample from the published record: `shora audit-sample
DIR` (a process without Django or a database) prints the sample the centre drew, for
every constituency; a record whose seed was altered draws another or says it cannot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shora.elections.models import Phase
from shora.elections.services import election_phase_advance
from shora.results.record_export import election_record_export
from shora.results.services.paper_audit import paper_audit_draw
from shora.results.services.sessions import tally_session_open
from shora_domain.election_record_audit import record_audit_samples
from tests.results.conftest import shares_entered
from tests.results.test_record_export import _on_the_ballots_day

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def shora_home(settings, tmp_path):
    settings.SHORA_HOME = tmp_path / "home"


def _process(directory):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "SHORA"))}
    return subprocess.run(
        [sys.executable, "-m", "shora.cli", "audit-sample", str(directory)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        check=False,
    )


def test_the_record_redraws_the_sample_the_centre_drew(closed, tmp_path, make_user):
    _on_the_ballots_day(closed.election)
    session = tally_session_open(actor=closed.hq, election=closed.election)
    shares_entered(session, closed.day.holders, [0, 1])
    election_phase_advance(actor=None, election=closed.election, to_phase=Phase.TALLIED)
    closed.election.refresh_from_db()
    supervisor = make_user("supervisor", username="sup")
    drawn = {
        c.code: paper_audit_draw(actor=supervisor, constituency=c).sample
        for c in closed.election.constituencies.all()
    }
    directory = tmp_path / "record"
    election_record_export(closed.election, directory)
    redrawn = {
        found.constituency_code: list(found.sample.sample)
        for found in record_audit_samples(directory)
    }
    assert redrawn == drawn
    done = _process(directory)
    assert done.returncode == 0, done.stdout + done.stderr
    city = closed.geo.city_a.code
    assert f"{city}: 2 of 2 stations: {' '.join(drawn[city])}" in done.stdout

    result = directory / "constituencies" / city / "result.json"
    content = json.loads(result.read_text())
    content["lottery_seed"]["seed"] = "not a seed"
    result.write_text(json.dumps(content))
    done = _process(directory)
    assert done.returncode == 1 and f"{city}: " in done.stdout
    assert _process(tmp_path / "nothing").returncode == 2
