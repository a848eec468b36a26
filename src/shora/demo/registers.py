"""The demo's voter register: a generated civil-registry extract, imported as an operator
imports the real one.

One voter for every ``PEOPLE_PER_VOTER`` inhabitants of each constituency of the real
election (at least ``FEWEST`` and at most ``MOST`` a constituency), so the full demo holds
some 25,000 voters and the small one a few thousand. The extract is the benchmark's
generator (``shora.registers.bench.extract``), seeded from the demo's SEED: valid national
codes, Persian names (one row in twenty typed with Arabic ي and ك), a few people under 18
on polling day, a few deceased or barred. It goes through ``voters_import``, the import
the command line and the pages use, so it is recorded and audited like any import.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from shora.demo.khuzestan import SEED
from shora.elections.models import Election
from shora.registers.bench.extract import extract_write
from shora.registers.imports.running import voters_import

PEOPLE_PER_VOTER = 200
FEWEST = 12  # enough that every small village has someone eligible (3% are under 18)
MOST = 3_000
EXTRACT_NAME = "civil-registry-extract-1405.csv"


@dataclass(frozen=True)
class RegisterDemoSummary:
    rows: int
    added: int
    bad_rows: int


def demo_voter_counts(election: Election) -> dict[str, int]:
    """How many voters each constituency of ``election`` gets in the demo's extract."""
    return {
        code: min(MOST, max(FEWEST, population // PEOPLE_PER_VOTER))
        for code, population in election.constituencies.order_by("code").values_list(
            "code", "population"
        )
    }


def demo_register_build(election: Election) -> RegisterDemoSummary:
    """Generate the extract for ``election``'s constituencies and import it."""
    counts = demo_voter_counts(election)
    if not counts:
        return RegisterDemoSummary(0, 0, 0)
    with tempfile.TemporaryDirectory(prefix="shora-demo-") as folder:
        path = extract_write(
            Path(folder) / EXTRACT_NAME,
            sum(counts.values()),
            list(counts),
            list(counts.values()),
            seed=SEED,
        )
        outcome = voters_import(
            actor=None,
            election=election,
            path=path,
            import_good_rows=True,
            report=str(Path(folder) / "problems.xlsx"),
        )
    record = outcome.voter_import
    return RegisterDemoSummary(record.rows_read, record.added, record.rows_bad)
