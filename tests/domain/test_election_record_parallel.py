"""The verifier in several processes gives the report of one process, discrepancy for
discrepancy and in the same order: on the sound sample record and on records altered in
a file's byte, a ballot line, a count, a station's signature, a removed and an extra file."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from shora_domain.election_record_parallel import PARALLEL_FROM_BYTES, processes_for
from shora_domain.election_record_verify import record_verify

from .test_election_record_sample import Sample, read_json, resign, sample_record, write_json

AHVAZ_DIR = "constituencies/1001"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Sample:
    return sample_record(tmp_path_factory.mktemp("built") / "record")


@pytest.fixture
def sample(built, tmp_path) -> Sample:
    copy = tmp_path / "record"
    shutil.copytree(built.directory, copy)
    return dataclasses.replace(built, directory=copy)


def _same_in_one_and_two_processes(directory: Path) -> None:
    alone = record_verify(directory, processes=1)
    shared = record_verify(directory, processes=2)
    assert dataclasses.astuple(shared) == dataclasses.astuple(alone)


def _ballot_line_changed(root: Path) -> None:
    ballots = root / AHVAZ_DIR / "ballots.jsonl"
    lines = ballots.read_bytes().splitlines(keepends=True)
    place = next(i for i, line in enumerate(lines) if line != b"null\n")
    lines[place] = b"null\n"
    ballots.write_bytes(b"".join(lines))


def _count_changed(root: Path) -> None:
    path = root / AHVAZ_DIR / "result.json"
    content = read_json(path)
    content["count"]["valid"] += 1
    write_json(path, content)


def _station_signature_changed(root: Path) -> None:
    path = root / AHVAZ_DIR / "stations.json"
    content = read_json(path)
    first = content["stations"][0]["closing"]
    first["signature"] = first["signature"][::-1]
    write_json(path, content)


def _byte_changed(root: Path) -> None:
    path = root / "constituencies/1002/ballot.json"
    data = bytearray(path.read_bytes())
    data[10] ^= 1
    path.write_bytes(bytes(data))


ALTERATIONS = {
    "a ballot line": (_ballot_line_changed, True),
    "a count": (_count_changed, True),
    "a station's signature": (_station_signature_changed, True),
    "a byte": (_byte_changed, False),
    "a removed file": (lambda root: (root / AHVAZ_DIR / "result.json").unlink(), False),
    "an extra file": (lambda root: (root / "notes.txt").write_text("x"), False),
}


def test_the_sound_record_reads_the_same_in_two_processes(sample):
    assert record_verify(sample.directory, processes=2).ok
    _same_in_one_and_two_processes(sample.directory)


@pytest.mark.parametrize("alteration", sorted(ALTERATIONS))
def test_an_altered_record_reads_the_same_in_two_processes(sample, alteration):
    alter, sign_again = ALTERATIONS[alteration]
    alter(sample.directory)
    if sign_again:
        resign(sample)
    report = record_verify(sample.directory, processes=2)
    assert not report.ok
    _same_in_one_and_two_processes(sample.directory)


def test_a_small_record_is_checked_in_one_process_unless_asked(sample):
    codes = ["1001", "1002"]
    assert processes_for(sample.directory, codes, None) == 1
    assert processes_for(sample.directory, codes, 3) == 3
    assert processes_for(sample.directory, codes, 0) == 1
    big = sample.directory / AHVAZ_DIR / "ballots.jsonl"
    big.write_bytes(b"null\n" * (PARALLEL_FROM_BYTES // 5 + 1))
    assert processes_for(sample.directory, codes, None) == (os.cpu_count() or 1)
