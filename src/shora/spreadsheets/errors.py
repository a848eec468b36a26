"""Why a spreadsheet is refused: the whole file (a refusal) or some of its rows (problems)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING

from shora_domain.digits import format_number
from shora_domain.errors import DomainError

if TYPE_CHECKING:
    from shora.spreadsheets.report import RowProblem


class SpreadsheetRefusal(enum.Enum):
    UNKNOWN_EXTENSION = "spreadsheet.unknown_extension"
    EMPTY_FILE = "spreadsheet.empty_file"
    NO_DATA_ROWS = "spreadsheet.no_data_rows"
    NOT_A_SPREADSHEET = "spreadsheet.not_a_spreadsheet"
    NOT_UTF8 = "spreadsheet.not_utf8"
    MISSING_COLUMNS = "spreadsheet.missing_columns"
    DUPLICATE_COLUMNS = "spreadsheet.duplicate_columns"
    BAD_ROWS = "spreadsheet.bad_rows"


class RowsRefusedError(DomainError):
    """Some rows are wrong, so nothing was imported; ``problems`` lists every one of them."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        rows = len({problem.row for problem in problems})
        super().__init__(
            SpreadsheetRefusal.BAD_ROWS,
            fa=(
                f"{format_number(len(problems))} اشکال در {format_number(rows)} ردیف پیدا شد؛ "
                "هیچ چیز وارد نشد."
            ),
            en=(
                f"{format_number(len(problems), 'en')} problems in {format_number(rows, 'en')} "
                "rows; nothing was imported."
            ),
        )
        self.problems = list(problems)
