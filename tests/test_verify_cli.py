"""``shora verify DIR``: run as an observer would, in a process without Django settings or a
database; exit 0 when the record holds, 1 with discrepancies, 2 when DIR is no record."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from shora.cli import build_parser
from shora_domain.signed_documents import b64encode, document_sign, signing_key_generate

from .domain.test_election_record_sample import read_json, resign, sample_record, write_json


def shora_verify(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    environment.pop("SHORA_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "shora.cli", "verify", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
        cwd=cwd,
    )


@pytest.fixture
def sample(tmp_path):
    return sample_record(tmp_path / "record")


def test_a_sound_record_exits_0_and_says_what_was_checked(sample, tmp_path):
    result = shora_verify(sample.directory, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "checked: 9 files, 4 signatures, 2 constituencies, 3 stations, 325 receipts, 325 ballots"
        in result.stdout
    )
    assert "OK: no discrepancy" in result.stdout
    assert b64encode(sample.centre_public_key) in result.stdout
    assert result.stderr == ""


def test_a_count_altered_and_signed_again_exits_1_naming_it(sample, tmp_path):
    path = sample.directory / "constituencies/1001/result.json"
    result = read_json(path)
    result["count"]["valid"] += 1
    write_json(path, result)
    resign(sample)
    run = shora_verify(sample.directory, cwd=tmp_path)
    assert run.returncode == 1
    assert "1 discrepancy / ۱ مغایرت:" in run.stdout
    assert (
        "- constituencies/1001/result.json count: valid: the record has 191, recomputed 190 "
        "[record.count]"
    ) in run.stdout
    assert "شمارش دوباره" in run.stdout  # and in Persian


def test_a_station_signature_altered_exits_1_naming_the_station(sample, tmp_path):
    path = sample.directory / "constituencies/1002/stations.json"
    stations = read_json(path)
    entry = next(s for s in stations["stations"] if s["code"] == "10003")
    entry["closing"]["signature"] = document_sign({"other": 1}, sample.station_keys["10003"])
    write_json(path, stations)
    resign(sample)
    run = shora_verify(sample.directory, cwd=tmp_path)
    assert run.returncode == 1
    assert "- station 10003: the closing document's signature does not match its key" in run.stdout


def test_an_altered_byte_exits_1(sample, tmp_path):
    path = sample.directory / "constituencies/1002/ballots.jsonl"
    data = bytearray(path.read_bytes())
    data[5] ^= 0x01
    path.write_bytes(bytes(data))
    run = shora_verify(sample.directory, cwd=tmp_path)
    assert run.returncode == 1
    assert "- constituencies/1002/ballots.jsonl: its SHA-256 is not the one" in run.stdout


@pytest.mark.parametrize("what", ["missing", "empty", "file"])
def test_a_directory_that_is_no_record_exits_2(tmp_path, what):
    target = tmp_path / "nothing"
    if what == "empty":
        target.mkdir()
    elif what == "file":
        target.write_text("x")
    run = shora_verify(target, cwd=tmp_path)
    assert run.returncode == 2
    assert "is not an election record" in run.stderr
    assert "Traceback" not in run.stderr


def test_the_expected_centre_key_is_checked(sample, tmp_path):
    right = b64encode(sample.centre_public_key)
    assert shora_verify(sample.directory, "--centre-key", right, cwd=tmp_path).returncode == 0
    other = b64encode(signing_key_generate()[1])
    run = shora_verify(sample.directory, "--centre-key", other, cwd=tmp_path)
    assert run.returncode == 1
    assert "the centre's public key in the record is not the key expected" in run.stdout
    for bad in ("not base64!", b64encode(b"short")):
        run = shora_verify(sample.directory, "--centre-key", bad, cwd=tmp_path)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr


def test_verify_loads_no_django(sample, tmp_path):
    code = (
        "import sys\n"
        "from shora.cli import main\n"
        f"status = main(['verify', {str(sample.directory)!r}])\n"
        "loaded = sorted(n for n in sys.modules if n.split('.')[0] in ('django', 'ninja'))\n"
        "print('LOADED', status, ','.join(loaded))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=tmp_path,
    )
    assert run.stdout.splitlines()[-1] == "LOADED 0 "


def test_the_help_lists_verify(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    assert any(line.strip().startswith("verify ") for line in capsys.readouterr().out.splitlines())


def test_two_processes_print_what_one_prints(sample, tmp_path):
    path = sample.directory / "constituencies/1001/result.json"
    result = read_json(path)
    result["count"]["blank"] += 2
    write_json(path, result)
    resign(sample)
    alone = shora_verify(sample.directory, "--processes", "1", cwd=tmp_path)
    shared = shora_verify(sample.directory, "--processes", "2", cwd=tmp_path)
    assert alone.returncode == shared.returncode == 1
    assert shared.stdout == alone.stdout and "blank: the record has" in shared.stdout
