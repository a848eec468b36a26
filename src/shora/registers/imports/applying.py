"""Applying the staged extract to the register: set-based SQL, inside the caller's transaction.

The extract is the province's whole register, so after it:

* a good row whose code is not in the register is **added** (a person removed by an
  earlier extract comes back: counted as added too);
* a good row whose values differ in any field from the register's is **changed**;
* a person of the register with no row in the extract is **removed** (marked, not
  deleted); a person whose row was bad is **kept** as they were.

Counts come from the statements' own row counts, never from a second reading. The SQL
names only the register's table and the staging table (``voter_staging_<import id>``);
every value goes as a parameter (hence the ``noqa: S608``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from shora.registers.imports.staging import StagingTable
from shora.registers.models import Voter

VALUE_COLUMNS = (
    "first_name", "last_name", "father_name", "name_key", "gender", "birth_date",
    "constituency_id", "deceased", "barred", "residence_since",
)  # fmt: skip
# PostgreSQL's hash joins over millions of rows want more than the default 4 MB.
WORK_MEM = "256MB"


@dataclass(frozen=True)
class AppliedCounts:
    added: int
    changed: int
    removed: int
    unchanged: int
    kept: int


def _voter_table() -> str:
    return Voter._meta.db_table


def _differs(left: str, right: str, column: str) -> str:
    operator = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    return f"{left}.{column} {operator} {right}.{column}"


def _execute(sql: str, params: Sequence[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def set_local_bulk_settings() -> None:
    """Room for hash tables and sorts, for the rest of the transaction (PostgreSQL)."""
    if connection.vendor == "postgresql":
        _execute(f"SET LOCAL work_mem = '{WORK_MEM}'", [])


def register_is_empty(election_id: int) -> bool:
    return not Voter.objects.filter(election_id=election_id).exists()


def _query_one(sql: str, params: Sequence[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def _matched(table: StagingTable, election_id: int) -> str:
    """The staged rows, each with its voter (if any): whether that voter was removed and
    whether any value differs. One pass over the register, which the updates then reuse."""
    voters, staged, matched = _voter_table(), table.name, f"{table.name}_matched"
    differs = " OR ".join(_differs("v", "s", column) for column in VALUE_COLUMNS)
    _execute(f"DROP TABLE IF EXISTS {matched}", [])
    _execute(
        f"CREATE TEMPORARY TABLE {matched} AS SELECT s.*, v.id AS voter_id, "  # noqa: S608
        "v.removed_by_id IS NOT NULL AS was_removed, "
        f"v.id IS NOT NULL AND ({differs}) AS differs "
        f"FROM {staged} s LEFT JOIN {voters} v "
        "ON v.election_id = %s AND v.national_code = s.national_code",
        [election_id],
    )
    _execute(f"CREATE INDEX {matched}_voter ON {matched} (voter_id)", [])
    _execute(f"ANALYZE {matched}", [])
    return matched


def _insert_new(source: str, election_id: int, import_id: int, condition: str) -> int:
    columns = ", ".join(VALUE_COLUMNS)
    values = ", ".join(f"s.{column}" for column in VALUE_COLUMNS)
    return _execute(
        f"INSERT INTO {_voter_table()} (election_id, national_code, {columns}, "  # noqa: S608
        f"imported_by_id, removed_by_id) SELECT %s, s.national_code, {values}, %s, NULL "
        # In code order: the register's unique index then grows at its end, page by page.
        f"FROM {source} s WHERE NOT s.bad {condition} ORDER BY s.national_code",
        [election_id, import_id],
    )


def staged_apply(*, table: StagingTable, election_id: int, import_id: int) -> AppliedCounts:
    """Apply the staged rows to ``election_id``'s register; must run in a transaction."""
    good = table.count(bad=False)
    set_local_bulk_settings()
    if register_is_empty(election_id):
        inserted = _insert_new(table.name, election_id, import_id, "")
        _analyze_after(inserted, good)
        return AppliedCounts(added=inserted, changed=0, removed=0, unchanged=0, kept=0)
    voters, matched = _voter_table(), _matched(table, election_id)
    assignments = ", ".join(f"{column} = s.{column}" for column in VALUE_COLUMNS)
    update = f"UPDATE {voters} AS v SET {assignments}, imported_by_id = %s"  # noqa: S608
    restored = _execute(
        f"{update}, removed_by_id = NULL FROM {matched} s "
        "WHERE s.voter_id = v.id AND NOT s.bad AND s.was_removed",
        [import_id],
    )
    changed = _execute(
        f"{update} FROM {matched} s "
        "WHERE s.voter_id = v.id AND NOT s.bad AND NOT s.was_removed AND s.differs",
        [import_id],
    )
    # Everyone of the register without a row in the file; a bad row still keeps its person.
    removed = _execute(
        f"UPDATE {voters} AS v SET removed_by_id = %s WHERE v.election_id = %s "  # noqa: S608
        f"AND v.removed_by_id IS NULL AND NOT EXISTS (SELECT 1 FROM {matched} s "
        "WHERE s.voter_id = v.id)",
        [import_id, election_id],
    )
    inserted = _insert_new(matched, election_id, import_id, "AND s.voter_id IS NULL")
    kept = _query_one(
        f"SELECT COUNT(DISTINCT voter_id) FROM {matched} "  # noqa: S608
        "WHERE bad AND voter_id IS NOT NULL AND NOT was_removed",
        [],
    )
    _execute(f"DROP TABLE {matched}", [])
    _analyze_after(inserted + restored + changed + removed, good)
    return AppliedCounts(
        added=inserted + restored,
        changed=changed,
        removed=removed,
        unchanged=good - inserted - restored - changed,
        kept=kept,
    )


def _analyze_after(changes: int, good: int) -> None:
    """Fresh statistics for the next import's plans after a large change (PostgreSQL;
    autovacuum would come, but later)."""
    if connection.vendor == "postgresql" and changes > good // 10:
        _execute(f"ANALYZE {_voter_table()}", [])
