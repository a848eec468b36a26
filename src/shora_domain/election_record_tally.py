"""A constituency of a record: its frozen ballot, its opened ballots line by line, the count
recomputed from them, the lottery's seed recomputed from the stations' signed roots, the
standings decided again and every lottery drawn again, each compared with result.json."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from .ballot_choices import CastBallot, cast_ballot_check, cast_ballot_from_bytes
from .ballot_definition import BallotDefinition, ballot_from_dict
from .counting import Count, count_ballots
from .digits import to_persian_digits
from .election_record import (
    BALLOT,
    BALLOTS,
    CONSTITUENCIES,
    REJECTED_LINE,
    RESULT,
    RESULT_FORMAT,
    count_to_dict,
    seed_inputs,
    standings_to_dict,
)
from .election_record_files import RecordedElection
from .election_record_findings import (
    Findings,
    RecordProblem,
    json_file_read,
    keys_exact,
    malformed_report,
)
from .election_record_stations import StationEntry, stations_read
from .errors import DomainError
from .json_differences import json_differences
from .lottery import lottery_draw
from .standings import standings_decide


def _ballot_read(
    root: Path, code: str, election: RecordedElection | None, findings: Findings
) -> BallotDefinition | None:
    path = f"{CONSTITUENCIES}/{code}/{BALLOT}"
    content = json_file_read(root, path, findings)
    if content is None:
        return None
    try:
        ballot = ballot_from_dict(content)
    except DomainError as refused:
        findings.add(RecordProblem.BALLOT_DEFINITION, path, fa=refused.fa, en=refused.en)
        return None
    if ballot.constituency_code != code:
        findings.add(
            RecordProblem.BALLOT_DEFINITION,
            path,
            fa=f"این برگهٔ رأی از حوزهٔ {ballot.constituency_code} است، نه {code}.",
            en=f"this is the ballot of constituency {ballot.constituency_code}, not {code}",
        )
    if election is not None and (
        ballot.election != election.name or ballot.polling_date.isoformat() != election.polling_date
    ):
        findings.add(
            RecordProblem.ELECTION_MISMATCH,
            path,
            fa="انتخابات یا روز رأی‌گیری این برگهٔ رأی با election.json نمی‌خواند.",
            en="the ballot's election or polling date is not election.json's",
        )
    return ballot


def _ballot_lines(
    root: Path, code: str, ballot: BallotDefinition | None, findings: Findings
) -> Iterator[CastBallot | None]:
    """The ballots of ballots.jsonl, one a line (None: rejected), each line checked: a
    canonical cast ballot of this ballot, or ``null``. A line that is neither is reported
    and counted as rejected."""
    path = f"{CONSTITUENCIES}/{code}/{BALLOTS}"
    place = root / path
    if not place.is_file():
        return
    with place.open("rb") as file:
        for number, raw in enumerate(file, start=1):
            findings.ballots += 1
            where = f"{path} line {number}"
            if not raw.endswith(b"\n"):
                findings.add(
                    RecordProblem.BALLOT_LINE,
                    where,
                    fa="سطر آخر با پایان سطر تمام نمی‌شود.",
                    en="the last line does not end with a newline",
                )
            yield _ballot_line(raw.removesuffix(b"\n"), ballot, where, findings)


def _ballot_line(
    line: bytes, ballot: BallotDefinition | None, where: str, findings: Findings
) -> CastBallot | None:
    if line == REJECTED_LINE:
        return None
    try:
        cast = cast_ballot_from_bytes(line)
        if ballot is not None:
            cast_ballot_check(ballot, cast)
    except DomainError as refused:
        findings.add(
            RecordProblem.BALLOT_LINE,
            where,
            fa=f"{refused.fa} (رأی ردشده به صورت null نوشته می‌شود)",
            en=f"{refused.en.rstrip('.')} (a rejected ballot is written as null)",
        )
        return None
    return cast


def _result_read(root: Path, code: str, findings: Findings) -> dict[str, object] | None:
    path = f"{CONSTITUENCIES}/{code}/{RESULT}"
    content = json_file_read(root, path, findings)
    if content is None:
        return None
    keys = {"format", "constituency_code", "count", "standings", "lottery_seed"}
    if not keys_exact(content, keys, path, findings):
        return None
    if content["format"] != RESULT_FORMAT or content["constituency_code"] != code:
        malformed_report(
            path,
            findings,
            f"not the result of constituency {code} in the format {RESULT_FORMAT}",
            f"نتیجهٔ حوزهٔ {code} در قالب {RESULT_FORMAT} نیست.",
        )
        return None
    return content


def _compare(
    problem: RecordProblem,
    where: str,
    recorded: object,
    recomputed: object,
    findings: Findings,
    *,
    fa: str,
) -> None:
    for difference in json_differences(recorded, recomputed)[:20]:
        findings.add(problem, where, fa=f"{fa}: {difference}", en=difference)


def _seed_check(
    code: str,
    election: RecordedElection,
    entries: Sequence[StationEntry],
    result: Mapping[str, object],
    findings: Findings,
) -> str | None:
    """The seed recomputed from the stations' signed roots and the announced value,
    after comparing it and its inputs with result.json's."""
    where = f"{CONSTITUENCIES}/{code}/{RESULT} lottery_seed"
    try:
        expected = seed_inputs(
            election_ref=election.id,
            constituency_code=code,
            receipts_roots=[str(entry.document.get("receipts_root")) for entry in entries],
            announced=election.announced,
        )
    except DomainError as refused:
        findings.add(RecordProblem.SEED, where, fa=refused.fa, en=refused.en)
        return None
    _compare(
        RecordProblem.SEED,
        where,
        result["lottery_seed"],
        expected,
        findings,
        fa="بذر قرعه با ریشه‌های امضاشدهٔ شعبه‌ها و مقدار اعلام‌شده نمی‌خواند",
    )
    return str(expected["seed"])


def _lotteries_check(
    code: str, result: Mapping[str, object], seed: str, findings: Findings
) -> None:
    """Every lottery draw in result.json drawn again from its seed and items."""
    where = f"{CONSTITUENCIES}/{code}/{RESULT}"
    standings = result["standings"]
    ties = standings.get("ties") if isinstance(standings, dict) else None
    for number, tie in enumerate(ties if isinstance(ties, list) else [], start=1):
        draw = tie.get("draw") if isinstance(tie, dict) else None
        if draw is None:
            continue
        if not (
            isinstance(draw, dict)
            and isinstance(draw.get("items"), list)
            and all(isinstance(item, str) for item in draw["items"])
        ):
            malformed_report(
                f"{where} tie {number}", findings, "the draw is malformed", "قرعه خوانا نیست."
            )
            continue
        if draw.get("seed") != seed:
            findings.add(
                RecordProblem.LOTTERY,
                f"{where} tie {number}",
                fa="بذر این قرعه بذر حوزه نیست.",
                en="the draw's seed is not the constituency's seed",
            )
        try:
            again = lottery_draw(seed, draw["items"])
        except DomainError as refused:
            findings.add(
                RecordProblem.LOTTERY, f"{where} tie {number}", fa=refused.fa, en=refused.en
            )
            continue
        if draw.get("order") != list(again.order):
            findings.add(
                RecordProblem.LOTTERY,
                f"{where} tie {number}",
                fa=f"قرعه دوباره کشیده شد و ترتیب {'، '.join(again.order)} آمد.",
                en=f"the lottery drawn again gives {', '.join(again.order)}, "
                f"the record has {draw.get('order')}",
            )


def _result_check(
    code: str,
    ballot: BallotDefinition,
    recount: Count,
    result: Mapping[str, object],
    seed: str | None,
    findings: Findings,
) -> None:
    where = f"{CONSTITUENCIES}/{code}/{RESULT}"
    _compare(
        RecordProblem.COUNT,
        f"{where} count",
        result["count"],
        count_to_dict(recount),
        findings,
        fa="شمارش دوباره از ballots.jsonl با این شمارش نمی‌خواند",
    )
    if seed is None:
        return
    try:
        standings = standings_to_dict(standings_decide(ballot, recount, seed))
    except DomainError as refused:
        findings.add(RecordProblem.STANDINGS, where, fa=refused.fa, en=refused.en)
        return
    _compare(
        RecordProblem.STANDINGS,
        f"{where} standings",
        result["standings"],
        standings,
        findings,
        fa="رتبه‌بندی دوباره از شمارش و بذر با این رتبه‌بندی نمی‌خواند",
    )
    _lotteries_check(code, result, seed, findings)


def constituency_check(
    root: Path, code: str, election: RecordedElection | None, findings: Findings
) -> list[StationEntry]:
    """Check one constituency's files; its station entries, for the stations' checks."""
    ballot = _ballot_read(root, code, election, findings)
    entries = stations_read(root, code, findings)
    if not (root / CONSTITUENCIES / code / BALLOTS).is_file():  # reported as missing already
        return entries or []
    lines_before = findings.ballots
    casts = _ballot_lines(root, code, ballot, findings)
    if ballot is not None:
        recount: Count | None = count_ballots(ballot, casts)
    else:
        recount = None
        for _cast in casts:  # still read and check every line
            pass
    lines = findings.ballots - lines_before
    if entries is not None:
        listed = sum(entry.ballots for entry in entries)
        if listed != lines:
            findings.add(
                RecordProblem.BALLOTS_TOTAL,
                f"{CONSTITUENCIES}/{code}/{BALLOTS}",
                fa=f"{to_persian_digits(lines)} سطر دارد ولی رأی‌های امضاشدهٔ شعبه‌ها برای این حوزه "
                f"{to_persian_digits(listed)} است.",
                en=f"it has {lines} lines but the stations' ballots of this constituency "
                f"add up to {listed}",
            )
    result = _result_read(root, code, findings)
    if result is None or ballot is None or recount is None:
        return entries or []
    seed = (
        _seed_check(code, election, entries, result, findings)
        if (election is not None and entries is not None)
        else None
    )
    _result_check(code, ballot, recount, result, seed, findings)
    return entries or []
