"""An updated extract, as the civil registry sends the next month: 1% of the people changed
(a new name, a move, a death), 0.5% gone, 0.5% new; written row by row from the first."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from pathlib import Path

from shora.registers.bench.extract import HEADER, generated_codes

CHANGED_EVERY, GONE_EVERY, NEW_EVERY = 100, 200, 200
# The first extract's codes come from the start of a permutation of the nine-digit numbers;
# the new people's from far along it, so no code is given twice.
NEW_PEOPLE_FROM = 10**8


def updated_extract_write(source: Path, target: Path, constituency_codes: Sequence[str]) -> Path:
    rng = random.Random(1406)  # noqa: S311 - made-up people, not secrets
    first, constituency = HEADER.index("first_name"), HEADER.index("constituency_code")
    deceased = HEADER.index("deceased")
    with source.open(encoding="utf-8", newline="") as reading:
        rows = csv.reader(reading)
        header = next(rows)
        # New people: codes from further along the same permutation, never used before.
        new_codes = generated_codes(10**7, seed=NEW_PEOPLE_FROM)
        with target.open("w", encoding="utf-8", newline="") as writing:
            writer = csv.writer(writing)
            writer.writerow(header)
            for number, row in enumerate(rows):
                if number % GONE_EVERY == 3:
                    continue
                if number % CHANGED_EVERY == 5:
                    change = number // CHANGED_EVERY % 3
                    if change == 0:
                        row[first] = row[first] + "\u200cرضا"
                    elif change == 1:
                        row[constituency] = rng.choice(constituency_codes)
                    else:
                        row[deceased] = "1"
                writer.writerow(row)
                if number % NEW_EVERY == 7:
                    writer.writerow([next(new_codes), *row[1:]])
    return target
