"""``shora bench tally`` at a tiny size: it builds, tallies, and prints both figures."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from shora.results.bench.build import ballots_split, receipt_code
from shora_domain.ballot_codes import damm_check_digit

URL = os.environ.get(
    "SHORA_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/shora_bench_tally_tests"
)


def test_ahvaz_takes_a_third_and_every_ballot_is_placed():
    split = ballots_split(7, 1_000)
    assert split[0] == 333 and sum(split) == 1_000 and max(split[1:]) - min(split[1:]) <= 1
    assert ballots_split(1, 50) == [50]


def test_receipt_codes_carry_their_check_digit():
    codes = [receipt_code(n) for n in (0, 1, 99_999_999_999)]
    assert all(len(code) == 12 and damm_check_digit(code) == 0 for code in codes)
    assert len(set(codes)) == 3


@pytest.mark.postgres
def test_the_bench_prints_the_tally_beside_numpy():
    if not URL.startswith("postgres"):
        pytest.skip("needs a PostgreSQL URL")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "shora.cli",
            "bench",
            "tally",
            "--database-url",
            URL,
            "--constituencies",
            "3",
            "--ballots",
            "60",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "tally: 3 tallied, 0 left out" in out
    assert "the real tally, whole (shora tally)" in out
    assert "raw: numpy bincount" in out
    assert "count stage / numpy:" in out
    assert "goals: whole tally < 60 s:" in out
