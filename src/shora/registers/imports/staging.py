"""The staging table of one import: the extract's checked rows, before anything is applied.

It is a temporary table of the import's own database session: nobody else sees it, and
when the process ends — finished, refused, killed or interrupted — it is gone with the
session, so no half-imported rows can outlive a crash. On PostgreSQL the rows go in with
``COPY`` (the raw psycopg connection), streamed while the file is still being read, so the
server stores rows while Python checks the next ones; elsewhere in batches of inserts.

Every row whose national code is valid is staged: a good row with all its values, a bad
one with only its code and ``bad`` set, so that a person whose row was bad in the new
extract is neither changed nor removed but kept as they were (``--import-good-rows``).
The table's name is ``voter_staging_<import id>``; values go as parameters (``noqa: S608``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from shora.registers.errors import RegisterRefusal
from shora.registers.imports.rows import StagedRow
from shora.spreadsheets.report import RowProblem
from shora_domain.digits import to_persian_digits

BATCH = 5000
STAGED_COLUMNS = (
    "row_number", "bad", "national_code", "first_name", "last_name", "father_name",
    "name_key", "gender", "birth_date", "constituency_id", "deceased", "barred",
    "residence_since",
)  # fmt: skip
ROWS_LISTED = 10
NULL = "\\N"  # COPY's text format for NULL
_NULLS = f"\t{NULL}" * 10


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class StagingTable:
    name: str

    @classmethod
    def for_import(cls, import_id: int) -> StagingTable:
        return cls(f"voter_staging_{int(import_id)}")

    def create(self) -> None:
        # As the register's (its migration): national codes compare byte by byte.
        collation = ' COLLATE "C"' if _is_postgres() else ""
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {self.name} ("
                "row_number integer NOT NULL, bad boolean NOT NULL, "
                f"national_code varchar(10){collation} NOT NULL, first_name varchar(100), "
                "last_name varchar(100), father_name varchar(100), name_key varchar(210), "
                "gender varchar(6), birth_date date, constituency_id bigint, "
                "deceased boolean, barred boolean, residence_since date)"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.name}")

    def prepare_for_comparing(self) -> None:
        """Statistics (PostgreSQL) or an index (SQLite) for the set-based comparisons."""
        with connection.cursor() as cursor:
            if _is_postgres():
                cursor.execute(f"ANALYZE {self.name}")
            else:
                cursor.execute(f"CREATE INDEX {self.name}_code ON {self.name} (national_code, bad)")

    def count(self, *, bad: bool) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.name} WHERE bad = %s", [bad])  # noqa: S608
            return int(cursor.fetchone()[0])

    def has_duplicates(self) -> bool:
        """Whether any national code appears in more than one row (one hash aggregate)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT national_code FROM {self.name} GROUP BY national_code "  # noqa: S608
                "HAVING COUNT(*) > 1 LIMIT 1"
            )
            return cursor.fetchone() is not None

    def duplicate_problems(self, label: str) -> Iterator[RowProblem]:
        """A problem for every row whose national code appears in more than one row."""
        rows_listed = (
            "string_agg(row_number::text, ',' ORDER BY row_number)"
            if _is_postgres()
            else "group_concat(row_number)"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.row_number, s.national_code, d.rows_listed, d.n FROM {self.name} s "  # noqa: S608
                f"JOIN (SELECT national_code, {rows_listed} AS rows_listed, COUNT(*) AS n "
                f"FROM {self.name} GROUP BY national_code HAVING COUNT(*) > 1) d "
                "ON d.national_code = s.national_code ORDER BY s.row_number"
            )
            while batch := cursor.fetchmany(BATCH):
                for number, code, listed, count in batch:
                    yield _duplicate_problem(label, int(number), code, str(listed), int(count))

    def mark_duplicates_bad(self) -> int:
        """Mark every row of a repeated code bad; how many rows were good till now."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {self.name} SET bad = %s WHERE NOT bad AND national_code IN "  # noqa: S608
                f"(SELECT national_code FROM {self.name} GROUP BY national_code "
                "HAVING COUNT(*) > 1)",
                [True],
            )
            return int(cursor.rowcount)


def _duplicate_problem(label: str, number: int, code: str, listed: str, count: int) -> RowProblem:
    rows = sorted(int(part) for part in listed.split(","))[:ROWS_LISTED]
    more = count - len(rows)
    rows_fa = "، ".join(to_persian_digits(row) for row in rows) + ("، …" if more > 0 else "")
    rows_en = ", ".join(str(row) for row in rows) + (", …" if more > 0 else "")
    return RowProblem(
        row=number,
        column=label,
        value=code,
        code=RegisterRefusal.DUPLICATE_IN_FILE.value,
        fa=(
            f"کد ملی {to_persian_digits(code)} در {to_persian_digits(count)} ردیف آمده است "
            f"({rows_fa})؛ هر کس فقط یک بار در فهرست می‌آید."
        ),
        en=(
            f"The national code {code} appears in {count} rows ({rows_en}); "
            "each person is listed once."
        ),
    )


class StagingWriter:
    """Writes checked rows into the staging table, in batches through ``send``."""

    def __init__(self, send: Callable[[list[Any]], None], postgres: bool) -> None:
        self.written = 0
        self._send = send
        self._postgres = postgres
        self._batch: list[Any] = []

    def good(self, number: int, row: StagedRow) -> None:
        if self._postgres:
            # COPY's text format: names hold letters, marks, spaces and . - ' ’ only
            # (person_details), codes and dates digits: nothing needs escaping.
            residence = row[10] or NULL
            self._batch.append(f"{number}\tf\t" + "\t".join(row[:10]) + f"\t{residence}\n")
        else:
            self._batch.append(
                (number, False, *row[:8], row[8] == "t", row[9] == "t", row[10] or None)
            )
        self._after_row()

    def bad(self, number: int, code: str) -> None:
        if self._postgres:
            self._batch.append(f"{number}\tt\t{code}{_NULLS}\n")
        else:
            self._batch.append((number, True, code, *(None,) * 10))
        self._after_row()

    def _after_row(self) -> None:
        self.written += 1
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self._batch:
            self._send(self._batch)
            self._batch = []


@contextmanager
def staging_writer(table: StagingTable) -> Iterator[StagingWriter]:
    """A writer into ``table``; the rows are all there when the block ends without error.

    On PostgreSQL one COPY streams the whole block, in a transaction of its own (a
    savepoint inside the caller's): an error inside the block ends the COPY with a failure,
    the server keeps none of its rows, and the connection stays usable. Elsewhere each batch
    is its own statement: a transaction around them all would hold SQLite's one write lock
    for the whole file.
    """
    if not _is_postgres():
        placeholders = ", ".join(["%s"] * len(STAGED_COLUMNS))
        columns = ", ".join(STAGED_COLUMNS)
        insert = f"INSERT INTO {table.name} ({columns}) VALUES ({placeholders})"  # noqa: S608

        def execute(batch: list[Any]) -> None:
            with connection.cursor() as cursor:
                cursor.executemany(insert, batch)

        writer = StagingWriter(execute, postgres=False)
        yield writer
        writer.flush()
        return
    statement = f"COPY {table.name} ({', '.join(STAGED_COLUMNS)}) FROM STDIN"
    with transaction.atomic():
        connection.ensure_connection()
        raw = connection.connection
        with raw.cursor() as cursor, cursor.copy(statement) as copy:

            def send(batch: list[Any]) -> None:
                copy.write("".join(batch))

            writer = StagingWriter(send, postgres=True)
            yield writer
            writer.flush()
