"""The election record: written by the pure functions, verified OK, and every alteration
found with a message that says where: a byte of a file, a ballot line, a count, a
station's signature, a receipt, a lottery, a file removed or added."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shora_domain.ballot_choices import CastBallot, cast_ballot_bytes
from shora_domain.election_record import (
    MANIFEST,
    MANIFEST_SIGNATURE,
    RecordRefusal,
    ballots_lines,
    record_write,
)
from shora_domain.election_record_verify import RecordProblem, record_verify
from shora_domain.errors import DomainError
from shora_domain.signed_documents import b64encode, document_sign, signing_key_generate

from .test_election_record_sample import (
    AHVAZ,
    AHVAZ_CASTS,
    KARUN,
    Sample,
    read_json,
    resign,
    sample_record,
    write_json,
)

AHVAZ_DIR = "constituencies/1001"
KARUN_DIR = "constituencies/1002"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Sample:
    return sample_record(tmp_path_factory.mktemp("built") / "record")


@pytest.fixture
def sample(built, tmp_path) -> Sample:
    """A fresh copy of the sample record, to alter."""
    copy = tmp_path / "record"
    shutil.copytree(built.directory, copy)
    return dataclasses.replace(built, directory=copy)


def found(sample: Sample, **kwargs) -> list[tuple[RecordProblem, str, str]]:
    report = record_verify(sample.directory, **kwargs)
    return [(d.code, d.where, d.en) for d in report.discrepancies]


def kinds(sample: Sample) -> set[RecordProblem]:
    return {code for code, _, _ in found(sample)}


def lines_of(sample: Sample, folder: str) -> list[bytes]:
    return (sample.directory / folder / "ballots.jsonl").read_bytes().splitlines(keepends=True)


def write_lines(sample: Sample, folder: str, lines: list[bytes]) -> None:
    (sample.directory / folder / "ballots.jsonl").write_bytes(b"".join(lines))


# --- a sound record ------------------------------------------------------------------------


def test_the_sample_record_verifies_and_says_what_it_checked(sample):
    report = record_verify(sample.directory)
    assert report.discrepancies == ()
    assert report.ok
    assert report.files == 9  # election.json and four files per constituency
    assert report.signatures == 4  # the manifest and three stations' closings
    assert (report.constituencies, report.stations) == (2, 3)
    assert report.receipts == report.ballots == 208 + 117
    assert report.centre_public_key == b64encode(sample.centre_public_key)


def test_the_expected_centre_key_is_accepted_and_another_refused(sample):
    assert found(sample, centre_public_key=sample.centre_public_key) == []
    other = signing_key_generate()[1]
    assert found(sample, centre_public_key=other) == [
        (
            RecordProblem.CENTRE_KEY,
            MANIFEST,
            "the centre's public key in the record is not the key expected",
        )
    ]


def test_a_key_of_the_wrong_length_is_refused(sample):
    with pytest.raises(DomainError) as refused:
        record_verify(sample.directory, centre_public_key=b"short")
    assert refused.value.code is RecordRefusal.BAD_KEY


@pytest.mark.parametrize("make", ["missing", "empty", "file"])
def test_a_directory_that_is_no_record_is_refused(tmp_path, make):
    target = tmp_path / "x"
    if make == "empty":
        target.mkdir()
    elif make == "file":
        target.write_text("not a record")
    with pytest.raises(DomainError) as refused:
        record_verify(target)
    assert refused.value.code is RecordRefusal.NOT_A_RECORD
    assert "not an election record" in refused.value.en


# --- the files and the manifest ------------------------------------------------------------


def test_one_byte_changed_in_a_file_is_found_by_its_digest(sample):
    path = sample.directory / KARUN_DIR / "stations.json"
    data = bytearray(path.read_bytes())
    data[-3] = ord("0") if data[-3] != ord("0") else ord("1")
    path.write_bytes(bytes(data))
    assert (
        RecordProblem.FILE_DIGEST,
        f"{KARUN_DIR}/stations.json",
        "its SHA-256 is not the one in the signed manifest (changed after signing)",
    ) in found(sample)


def test_a_removed_file_is_named(sample):
    (sample.directory / KARUN_DIR / "result.json").unlink()
    assert found(sample) == [
        (
            RecordProblem.FILE_MISSING,
            f"{KARUN_DIR}/result.json",
            "the manifest lists this file but it is missing",
        )
    ]


def test_a_removed_file_is_named_even_with_the_manifest_signed_again(sample):
    (sample.directory / KARUN_DIR / "ballots.jsonl").unlink()
    resign(sample)
    assert found(sample) == [
        (
            RecordProblem.FILE_MISSING,
            f"{KARUN_DIR}/ballots.jsonl",
            "the record's format requires this file and it is missing",
        )
    ]


def test_an_extra_file_is_named(sample):
    (sample.directory / AHVAZ_DIR / "notes.txt").write_text("hello")
    assert found(sample) == [
        (
            RecordProblem.FILE_EXTRA,
            f"{AHVAZ_DIR}/notes.txt",
            "this file is not in the signed manifest",
        )
    ]


def test_an_extra_file_signed_into_the_manifest_is_no_part_of_the_format(sample):
    (sample.directory / "README.txt").write_text("hello")
    resign(sample)
    assert found(sample) == [
        (
            RecordProblem.FILE_UNEXPECTED,
            "README.txt",
            "this file is no part of the format shora-record/1",
        )
    ]


def test_a_link_is_no_part_of_a_record(sample):
    (sample.directory / "link.json").symlink_to(sample.directory / "election.json")
    assert RecordProblem.FILE_UNEXPECTED in kinds(sample)


def test_a_manifest_signed_by_another_key_is_found(sample):
    manifest = read_json(sample.directory / MANIFEST)
    forger = signing_key_generate()[0]
    (sample.directory / MANIFEST_SIGNATURE).write_text(document_sign(manifest, forger))
    assert found(sample) == [
        (
            RecordProblem.MANIFEST_SIGNATURE,
            MANIFEST_SIGNATURE,
            "the signature of manifest.json does not match the centre's key",
        )
    ]


def test_a_record_signed_again_with_a_forger_key_fails_only_against_the_expected_key(sample):
    forger_private, forger_public = signing_key_generate()
    manifest = read_json(sample.directory / MANIFEST)
    manifest["centre_public_key"] = b64encode(forger_public)
    write_json(sample.directory / MANIFEST, manifest)
    forged = dataclasses.replace(sample, centre_private_key=forger_private)
    resign(forged)
    assert found(sample) == []
    assert [code for code, _, _ in found(sample, centre_public_key=sample.centre_public_key)] == [
        RecordProblem.CENTRE_KEY
    ]


def test_a_missing_manifest_signature_is_named(sample):
    (sample.directory / MANIFEST_SIGNATURE).unlink()
    assert found(sample) == [
        (
            RecordProblem.FILE_MISSING,
            MANIFEST_SIGNATURE,
            "the centre's signature of the manifest is missing",
        )
    ]


def test_a_missing_manifest_is_named_and_the_rest_still_checked(sample):
    (sample.directory / MANIFEST).unlink()
    report = record_verify(sample.directory)
    assert [(d.code, d.where) for d in report.discrepancies] == [
        (RecordProblem.FILE_MISSING, MANIFEST)
    ]
    assert report.stations == 3 and report.ballots == 325


def test_json_that_is_not_canonical_is_found(sample):
    path = sample.directory / "election.json"
    path.write_text(json.dumps(read_json(path), indent=2, ensure_ascii=False))
    resign(sample)
    assert found(sample) == [
        (
            RecordProblem.NOT_CANONICAL,
            "election.json",
            "the file is not canonical JSON (sorted keys, no spaces, UTF-8)",
        )
    ]


@pytest.mark.parametrize(
    "content",
    [b"", b"[]", b"\xff\xfe", b"[" * 100_000, b'{"format":NaN}', b'{"a":"\\ud800"}'],
)
def test_a_result_that_is_not_a_json_object_is_found(sample, content):
    (sample.directory / KARUN_DIR / "result.json").write_bytes(content)
    resign(sample)
    assert {(code, where) for code, where, _ in found(sample)} <= {
        (RecordProblem.NOT_CANONICAL, f"{KARUN_DIR}/result.json"),
        (RecordProblem.MALFORMED, f"{KARUN_DIR}/result.json"),
    }
    assert found(sample)


def test_the_election_the_manifest_names_must_be_election_json(sample):
    manifest = read_json(sample.directory / MANIFEST)
    manifest["election"]["name"] = "another election"
    write_json(sample.directory / MANIFEST, manifest)
    resign(sample)
    assert [code for code, _, _ in found(sample)] == [RecordProblem.ELECTION_MISMATCH]


# --- the ballots ------------------------------------------------------------------------------


def test_one_ballot_line_that_is_not_a_ballot_is_named_by_its_line(sample):
    lines = lines_of(sample, AHVAZ_DIR)
    lines[16] = b'{"choices":["101"],"constituency":"1001"}\n'
    write_lines(sample, AHVAZ_DIR, lines)
    resign(sample)
    problems = found(sample)
    assert (
        RecordProblem.BALLOT_LINE,
        f"{AHVAZ_DIR}/ballots.jsonl line 17",
        "The cast ballot is malformed: not the fields of a cast ballot "
        "(a rejected ballot is written as null)",
    ) in problems
    assert RecordProblem.COUNT in {code for code, _, _ in problems}  # one ballot fewer counted
    assert {code for code, _, _ in problems} <= {
        RecordProblem.BALLOT_LINE,
        RecordProblem.COUNT,
        RecordProblem.STANDINGS,
    }


def test_a_ballot_of_another_constituency_is_named_by_its_line(sample):
    lines = lines_of(sample, AHVAZ_DIR)
    lines[3] = cast_ballot_bytes(CastBallot("1002", (KARUN.candidates[0].code,), 0)) + b"\n"
    write_lines(sample, AHVAZ_DIR, lines)
    resign(sample)
    assert (
        RecordProblem.BALLOT_LINE,
        f"{AHVAZ_DIR}/ballots.jsonl line 4",
        "This ballot is of another constituency (a rejected ballot is written as null)",
    ) in found(sample)


def test_one_ballot_line_changed_to_another_valid_ballot_changes_the_recount(sample):
    lines = lines_of(sample, AHVAZ_DIR)
    number = next(
        n for n, line in enumerate(lines) if line != b"null\n" and b'"choices":[]' not in line
    )
    before = json.loads(lines[number])
    code_h = AHVAZ.candidates[7].code  # H had no vote
    lines[number] = cast_ballot_bytes(CastBallot("1001", (code_h,), before["skipped"])) + b"\n"
    write_lines(sample, AHVAZ_DIR, lines)
    assert (RecordProblem.FILE_DIGEST, f"{AHVAZ_DIR}/ballots.jsonl") in {
        (code, where) for code, where, _ in found(sample)
    }
    resign(sample)
    problems = found(sample)
    assert (
        RecordProblem.COUNT,
        f"{AHVAZ_DIR}/result.json count",
        f"votes.{code_h}: the record has 0, recomputed 1",
    ) in problems
    assert {code for code, _, _ in problems} <= {RecordProblem.COUNT, RecordProblem.STANDINGS}


def test_a_ballot_line_removed_leaves_the_stations_counts_unmatched(sample):
    lines = lines_of(sample, KARUN_DIR)
    write_lines(sample, KARUN_DIR, lines[:-1])
    resign(sample)
    problems = found(sample)
    assert (
        RecordProblem.BALLOTS_TOTAL,
        f"{KARUN_DIR}/ballots.jsonl",
        "it has 116 lines but the stations' ballots of this constituency add up to 117",
    ) in problems
    assert (RecordProblem.COUNT, f"{KARUN_DIR}/result.json count") in {
        (code, where) for code, where, _ in problems
    }


def test_a_last_line_without_its_newline_is_named(sample):
    lines = lines_of(sample, KARUN_DIR)
    lines[-1] = lines[-1].rstrip(b"\n")
    write_lines(sample, KARUN_DIR, lines)
    resign(sample)
    assert found(sample) == [
        (
            RecordProblem.BALLOT_LINE,
            f"{KARUN_DIR}/ballots.jsonl line 117",
            "the last line does not end with a newline",
        )
    ]


def test_ballot_lines_are_shuffled_and_hold_nothing_but_the_ballot(built, tmp_path):
    lines = lines_of(built, AHVAZ_DIR)
    expected = sorted(b"null\n" if c is None else cast_ballot_bytes(c) + b"\n" for c in AHVAZ_CASTS)
    assert sorted(lines) == expected
    for line in lines:
        content = json.loads(line)
        assert content is None or set(content) == {"format", "constituency", "choices", "skipped"}
    receipts = {
        code
        for station in read_json(built.directory / AHVAZ_DIR / "stations.json")["stations"]
        for code, _ in station["receipts"]
    }
    text = b"".join(lines)
    assert not any(code.encode() in text for code in receipts)
    # the order is drawn afresh: two writings of the same ballots differ (208 ballots of
    # nine kinds have more than 10^100 distinct orders)
    assert ballots_lines(AHVAZ_CASTS) != ballots_lines(AHVAZ_CASTS)
    assert [line.rstrip(b"\n") for line in lines] != [
        b"null" if c is None else cast_ballot_bytes(c) for c in AHVAZ_CASTS
    ]


# --- the result ------------------------------------------------------------------------------


def test_one_count_changed_and_signed_again_is_caught_by_the_recount(sample):
    path = sample.directory / AHVAZ_DIR / "result.json"
    result = read_json(path)
    result["count"]["valid"] += 1
    write_json(path, result)
    resign(sample)
    assert found(sample) == [
        (
            RecordProblem.COUNT,
            f"{AHVAZ_DIR}/result.json count",
            "valid: the record has 191, recomputed 190",
        )
    ]


def test_a_seat_moved_by_editing_votes_and_standings_is_caught(sample):
    path = sample.directory / KARUN_DIR / "result.json"
    result = read_json(path)
    standings = result["standings"]["standings"]
    last = standings[-1]
    result["count"]["votes"][last["code"]] += 100
    last["votes"] += 100
    standings.insert(0, standings.pop())
    for place, standing in enumerate(standings, start=1):
        standing["place"] = place
    write_json(path, result)
    resign(sample)
    problems = {code for code, _, _ in found(sample)}
    assert problems == {RecordProblem.COUNT, RecordProblem.STANDINGS}


def test_a_lottery_turned_around_is_drawn_again_and_caught(sample):
    path = sample.directory / AHVAZ_DIR / "result.json"
    result = read_json(path)
    tie = next(t for t in result["standings"]["ties"] if t["decided_by"] == "lottery")
    tie["draw"]["order"].reverse()
    tie["order"].reverse()
    standings = result["standings"]["standings"]
    first, second = (n for n, s in enumerate(standings) if s["code"] in tie["codes"])
    standings[first], standings[second] = standings[second], standings[first]
    for place, standing in enumerate(standings, start=1):
        standing["place"] = place
    standings[first]["outcome"], standings[second]["outcome"] = (
        standings[second]["outcome"],
        standings[first]["outcome"],
    )
    write_json(path, result)
    resign(sample)
    problems = found(sample)
    assert {code for code, _, _ in problems} == {RecordProblem.STANDINGS, RecordProblem.LOTTERY}
    lottery = [where for code, where, _ in problems if code is RecordProblem.LOTTERY]
    assert lottery == [f"{AHVAZ_DIR}/result.json tie 1"]


def test_another_announced_value_changes_the_seed(sample):
    path = sample.directory / "election.json"
    election = read_json(path)
    election["lottery"]["announced"] = "1234"
    write_json(path, election)
    resign(sample)
    problems = found(sample)
    seeds = [(where, en) for code, where, en in problems if code is RecordProblem.SEED]
    assert {where for where, _ in seeds} == {
        f"{AHVAZ_DIR}/result.json lottery_seed",
        f"{KARUN_DIR}/result.json lottery_seed",
    }
    assert any(en.startswith("announced: the record has") for _, en in seeds)
    assert any(en.startswith("seed: the record has") for _, en in seeds)
    assert RecordProblem.LOTTERY in {code for code, _, _ in problems}


# --- the stations -----------------------------------------------------------------------------


def _stations(sample: Sample, folder: str) -> tuple[Path, dict]:
    path = sample.directory / folder / "stations.json"
    return path, read_json(path)


def test_one_station_signature_altered_is_named_by_the_station(sample):
    path, stations = _stations(sample, AHVAZ_DIR)
    entry = next(s for s in stations["stations"] if s["code"] == "10001")
    other = dict(entry["closing"]["document"], ballots=999)
    entry["closing"]["signature"] = document_sign(other, sample.station_keys["10001"])
    write_json(path, stations)
    resign(sample)
    assert found(sample) == [
        (
            RecordProblem.STATION_SIGNATURE,
            "station 10001",
            "the closing document's signature does not match its key",
        )
    ]


def test_a_closing_document_edited_in_every_constituency_fails_its_signature(sample):
    for folder in (AHVAZ_DIR, KARUN_DIR):
        path, stations = _stations(sample, folder)
        entry = next(s for s in stations["stations"] if s["code"] == "10002")
        entry["closing"]["document"]["ballots"] += 1
        write_json(path, stations)
    resign(sample)
    problems = found(sample)
    assert (
        RecordProblem.STATION_SIGNATURE,
        "station 10002",
        "the closing document's signature does not match its key",
    ) in problems
    assert (
        RecordProblem.STATION_BALLOTS,
        "station 10002",
        "it signed 139 ballots but its constituencies list 138 receipts",
    ) in problems


def test_a_station_shown_differently_by_its_constituencies_is_found(sample):
    path, stations = _stations(sample, KARUN_DIR)
    entry = next(s for s in stations["stations"] if s["code"] == "10002")
    entry["public_key"] = b64encode(signing_key_generate()[1])
    write_json(path, stations)
    resign(sample)
    assert (
        RecordProblem.STATION_INCONSISTENT,
        "station 10002",
        "its constituencies do not show the same key, closing document and signature",
    ) in found(sample)


def test_a_station_left_out_of_one_of_its_constituencies_is_found(sample):
    path, stations = _stations(sample, KARUN_DIR)
    stations["stations"] = [s for s in stations["stations"] if s["code"] != "10002"]
    write_json(path, stations)
    resign(sample)
    problems = found(sample)
    assert (
        RecordProblem.STATION_INCONSISTENT,
        "station 10002",
        "it serves 1001, 1002 but is listed in 1001",
    ) in problems
    kinds_found = {code for code, _, _ in problems}
    assert {RecordProblem.RECEIPTS_ROOT, RecordProblem.BALLOTS_TOTAL} <= kinds_found


def test_a_receipt_removed_breaks_the_station_root(sample):
    path, stations = _stations(sample, KARUN_DIR)
    entry = next(s for s in stations["stations"] if s["code"] == "10003")
    entry["receipts"].pop(5)
    entry["ballots"] -= 1
    write_json(path, stations)
    resign(sample)
    problems = found(sample)
    roots = [(where, en) for code, where, en in problems if code is RecordProblem.RECEIPTS_ROOT]
    assert [where for where, _ in roots] == ["station 10003"]
    assert "the Merkle root of its receipts is" in roots[0][1]
    assert (
        RecordProblem.STATION_BALLOTS,
        "station 10003",
        "it signed 67 ballots but its constituencies list 66 receipts",
    ) in problems


@pytest.mark.parametrize(
    "receipt",
    [["123", "ab"], ["۱۲۳۴۵۶۷۸۹۰۱۲", "0" * 64], ["123456789012", "0" * 64], [1, 2]],
)
def test_a_malformed_receipt_is_named(sample, receipt):
    path, stations = _stations(sample, AHVAZ_DIR)
    entry = next(s for s in stations["stations"] if s["code"] == "10001")
    entry["receipts"][0] = receipt
    write_json(path, stations)
    resign(sample)
    problems = found(sample)
    assert any(
        code in (RecordProblem.RECEIPT, RecordProblem.MALFORMED)
        and where.startswith(f"{AHVAZ_DIR}/stations.json station")
        for code, where, _ in problems
    )


def test_a_station_count_that_does_not_match_its_receipts_is_named(sample):
    path, stations = _stations(sample, AHVAZ_DIR)
    entry = next(s for s in stations["stations"] if s["code"] == "10001")
    entry["ballots"] = 121
    write_json(path, stations)
    resign(sample)
    assert (
        RecordProblem.STATION_BALLOTS,
        f"{AHVAZ_DIR}/stations.json station 1 (10001)",
        "'ballots' is 121 but 120 receipts are listed",
    ) in found(sample)


# --- writing ---------------------------------------------------------------------------------


def test_a_record_is_written_into_a_new_or_empty_directory_only(built, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "old.txt").write_text("x")
    with pytest.raises(DomainError) as refused:
        record_write(tmp_path / "full", built.record, built.centre_private_key)
    assert refused.value.code is RecordRefusal.NOT_EMPTY
    (tmp_path / "empty").mkdir()
    record_write(tmp_path / "empty", built.record, built.centre_private_key)
    assert record_verify(tmp_path / "empty").ok


@pytest.mark.parametrize("code", ["../1001", "", "۱۰۰۱", "a/b", ".hidden", "x" * 65])
def test_a_code_that_cannot_name_a_directory_is_refused(built, tmp_path, code):
    ahvaz = built.record.constituencies[0]
    bad = dataclasses.replace(
        ahvaz, ballot=dataclasses.replace(ahvaz.ballot, constituency_code=code)
    )
    record = dataclasses.replace(built.record, constituencies=[bad])
    with pytest.raises(DomainError) as refused:
        record_write(tmp_path / "r", record, built.centre_private_key)
    assert refused.value.code is RecordRefusal.BAD_CODE
    assert not (tmp_path / "r").exists()


def test_a_station_of_a_constituency_not_in_the_record_is_refused(built, tmp_path):
    record = dataclasses.replace(built.record, constituencies=built.record.constituencies[:1])
    with pytest.raises(DomainError) as refused:
        record_write(tmp_path / "r", record, built.centre_private_key)
    assert refused.value.code is RecordRefusal.UNKNOWN_CONSTITUENCY


def test_a_constituency_given_twice_is_refused(built, tmp_path):
    twice = [*built.record.constituencies, built.record.constituencies[0]]
    record = dataclasses.replace(built.record, constituencies=twice)
    with pytest.raises(DomainError) as refused:
        record_write(tmp_path / "r", record, built.centre_private_key)
    assert refused.value.code is RecordRefusal.DUPLICATE


# --- any byte ----------------------------------------------------------------------------------


def _every_file(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_single_byte_changed_anywhere_is_detected(built, data):
    files = _every_file(built.directory)
    path = data.draw(st.sampled_from(files), label="file")
    original = path.read_bytes()
    offset = data.draw(st.integers(0, len(original) - 1), label="offset")
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != original[offset]), label="byte")
    changed = bytearray(original)
    changed[offset] = byte
    try:
        path.write_bytes(bytes(changed))
        report = record_verify(built.directory)
    finally:
        path.write_bytes(original)
    assert not report.ok, f"{path.relative_to(built.directory)} byte {offset} -> {byte}"


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_byte_changed_in_the_stations_ballots_or_result_is_found_even_signed_again(built, data):
    """With the manifest signed again (the centre altering its own record), the content's
    own checks still find any single byte changed in what the count rests on."""
    folder = data.draw(st.sampled_from([AHVAZ_DIR, KARUN_DIR]), label="constituency")
    name = data.draw(st.sampled_from(["stations.json", "ballots.jsonl", "result.json"]))
    path = built.directory / folder / name
    kept = {p: p.read_bytes() for p in (path, built.directory / MANIFEST)}
    kept[built.directory / MANIFEST_SIGNATURE] = (built.directory / MANIFEST_SIGNATURE).read_bytes()
    original = kept[path]
    offset = data.draw(st.integers(0, len(original) - 1), label="offset")
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != original[offset]), label="byte")
    changed = bytearray(original)
    changed[offset] = byte
    try:
        path.write_bytes(bytes(changed))
        resign(built)
        report = record_verify(built.directory)
    finally:
        for place, content in kept.items():
            place.write_bytes(content)
    assert not report.ok, f"{folder}/{name} byte {offset} -> {byte}"
    assert all(d.code is not RecordProblem.FILE_DIGEST for d in report.discrepancies)
