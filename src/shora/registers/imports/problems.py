"""The problems of one import: spilled to a temporary file as they are found, so that an
extract with a million bad rows needs no more memory than a good one; then written as the
report, in .xlsx and in .csv, ordered by row."""

from __future__ import annotations

import csv
import heapq
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from shora.spreadsheets.report import RowProblem, default_report_path, write_report
from shora_domain.digits import format_number

SHOWN = 20
# An .xlsx sheet holds 1,048,576 rows: the header, the problems, and a closing note.
XLSX_MAX_PROBLEMS = 1_048_576 - 2


class ProblemSink:
    """Collects problems: every one to a temporary file, the first ``SHOWN`` in memory."""

    def __init__(self) -> None:
        self.count = 0
        self.first: list[RowProblem] = []
        # Open for the sink's whole life; ``close`` ends it.
        self._file = tempfile.TemporaryFile(mode="w+", encoding="utf-8", newline="")  # noqa: SIM115
        self._writer = csv.writer(self._file)

    def add(self, problem: RowProblem) -> None:
        self.count += 1
        if len(self.first) < SHOWN:
            self.first.append(problem)
        self._writer.writerow(
            (problem.row, problem.column, problem.value, problem.code, problem.fa, problem.en)
        )

    def __iter__(self) -> Iterator[RowProblem]:
        """Every problem in the order added (which the import keeps by row)."""
        self._file.flush()
        self._file.seek(0)
        for row, column, value, code, fa, en in csv.reader(self._file):
            yield RowProblem(row=int(row), column=column, value=value, code=code, fa=fa, en=en)
        self._file.seek(0, 2)

    def close(self) -> None:
        self._file.close()


def merged_by_row(*streams: Iterable[RowProblem]) -> Iterator[RowProblem]:
    """Problem streams, each already ordered by row, as one stream ordered by row."""
    return heapq.merge(*streams, key=lambda problem: problem.row)


def _xlsx_problems(problems: Iterator[RowProblem], total: int) -> Iterator[RowProblem]:
    yield from itertools.islice(problems, XLSX_MAX_PROBLEMS)
    if total > XLSX_MAX_PROBLEMS:
        hidden = total - XLSX_MAX_PROBLEMS
        yield RowProblem(
            row=0,
            column="",
            value="",
            code="report.truncated",
            fa=f"و {format_number(hidden)} اشکال دیگر که در گزارش CSV آمده است.",
            en=f"and {hidden} more problems, listed in the CSV report.",
        )


def report_paths(source: Path, wanted: str | None) -> tuple[Path, Path]:
    """The .xlsx and .csv report paths: beside ``wanted`` (its own and the other format) or
    beside the extract as NAME.errors.xlsx and NAME.errors.csv."""
    if wanted and Path(wanted).suffix.lower() in (".xlsx", ".csv"):
        path = Path(wanted)
    else:
        path = default_report_path(source)
    return path.with_suffix(".xlsx"), path.with_suffix(".csv")


def reports_write(
    source: Path, wanted: str | None, problems: Callable[[], Iterator[RowProblem]], total: int
) -> list[Path]:
    """Write the report as .xlsx and .csv (see ``report_paths``); ``problems()`` gives a
    fresh stream ordered by row each time it is called."""
    xlsx, csv_path = report_paths(source, wanted)
    xlsx.parent.mkdir(parents=True, exist_ok=True)
    write_report(xlsx, _xlsx_problems(problems(), total))
    write_report(csv_path, problems())
    return [xlsx, csv_path]
