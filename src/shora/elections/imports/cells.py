"""Reading the cells of one import row: each wrong cell becomes a RowProblem, none raises.

Codes are digits only (Persian and Arabic-Indic digits are read as 0-9), at most 16 long.
Whole numbers may use Persian digits and thousands separators (, ٬). Names get Persian
yeh and kaf, lose direction marks and extra spaces, and keep the zero-width non-joiner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from shora.elections.imports.errors import ImportProblem
from shora.spreadsheets.report import RowProblem
from shora_domain.digits import format_number, to_latin_digits
from shora_domain.persian_text import normalize_persian

CODE_MAX_LENGTH = 16
_CODE = re.compile(r"[0-9]+")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_CODE_SEPARATORS = re.compile(r"[,،;؛\s]+")
_DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_NAME_CLEANING = str.maketrans(
    {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}
    | {char: None for char in _DIRECTION_MARKS}
)


def clean_name(text: str) -> str:
    """A name as stored and shown: Persian ی and ک, no direction marks, single spaces."""
    return " ".join(text.translate(_NAME_CLEANING).split())


def choice_key(text: str) -> str:
    return normalize_persian(text).lower()


class RowCheck:
    """Parses one row's cells, adding a problem to ``problems`` for each wrong one."""

    def __init__(
        self,
        *,
        number: int,
        row: Mapping[str, str],
        label: Callable[[str], str],
        problems: list[RowProblem],
    ) -> None:
        self.number = number
        self.row = row
        self.label = label
        self.problems = problems
        self.ok = True

    def problem(self, column: str, code: ImportProblem, *, fa: str, en: str) -> None:
        self.ok = False
        self.problems.append(
            RowProblem(
                row=self.number,
                column=self.label(column),
                value=self.row.get(column, ""),
                code=code.value,
                fa=fa,
                en=en,
            )
        )

    def _present(self, column: str) -> str:
        raw = self.row.get(column, "")
        if not raw:
            self.problem(
                column,
                ImportProblem.REQUIRED,
                fa=f"«{self.label(column)}» خالی است.",
                en=f"“{self.label(column)}” is empty.",
            )
        return raw

    def text(self, column: str, *, max_length: int, required: bool = True) -> str:
        raw = self._present(column) if required else self.row.get(column, "")
        value = clean_name(raw)
        if len(value) > max_length:
            self.problem(
                column,
                ImportProblem.TOO_LONG,
                fa=f"بیش از {format_number(max_length)} نویسه است.",
                en=f"Longer than {max_length} characters.",
            )
        return value

    def _one_code(self, column: str, raw: str) -> str | None:
        value = to_latin_digits(raw)
        if not _CODE.fullmatch(value):
            self.problem(
                column,
                ImportProblem.NOT_DIGITS,
                fa=f"کد «{raw}» باید فقط رقم باشد (رقم فارسی هم پذیرفته است).",
                en=f"The code “{raw}” must be digits only (Persian digits are accepted).",
            )
            return None
        if len(value) > CODE_MAX_LENGTH:
            self.problem(
                column,
                ImportProblem.TOO_LONG,
                fa=f"کد «{raw}» بیش از {format_number(CODE_MAX_LENGTH)} رقم است.",
                en=f"The code “{raw}” is longer than {CODE_MAX_LENGTH} digits.",
            )
            return None
        return value

    def code(self, column: str) -> str | None:
        raw = self._present(column)
        return self._one_code(column, raw) if raw else None

    def codes(self, column: str) -> list[str] | None:
        """One or more codes separated by commas (, ،), semicolons or spaces."""
        raw = self._present(column)
        if not raw:
            return None
        found = [self._one_code(column, part) for part in _CODE_SEPARATORS.split(raw) if part]
        if not found or None in found:
            return None
        return list(dict.fromkeys(code for code in found if code is not None))

    def whole_number(self, column: str, *, maximum: int) -> int | None:
        raw = self._present(column)
        if not raw:
            return None
        text = to_latin_digits(raw).replace(",", "").replace("\u066c", "").replace(" ", "")
        text = text.replace("\u2212", "-")
        if not _WHOLE.fullmatch(text):
            self.problem(
                column,
                ImportProblem.NOT_WHOLE_NUMBER,
                fa=f"«{raw}» عدد صحیح نیست.",
                en=f"“{raw}” is not a whole number.",
            )
            return None
        value = int(text)
        if value < 0:
            self.problem(
                column,
                ImportProblem.NEGATIVE,
                fa=f"«{raw}» منفی است؛ این عدد نمی‌تواند منفی باشد.",
                en=f"“{raw}” is negative; this number cannot be negative.",
            )
            return None
        if value > maximum:
            self.problem(
                column,
                ImportProblem.ABSURD,
                fa=(
                    f"«{raw}» ناممکن است (بیش از {format_number(maximum)})؛ "
                    "احتمالاً رقمی اشتباه وارد شده است."
                ),
                en=(
                    f"“{raw}” is absurd (over {format_number(maximum, 'en')}); "
                    "probably a typing mistake."
                ),
            )
            return None
        return value

    def choice(
        self, column: str, choices: Mapping[str, str], *, accepted_fa: str, accepted_en: str
    ) -> str | None:
        """The value ``choices`` gives for the cell (compared after normalisation)."""
        raw = self._present(column)
        if not raw:
            return None
        table = {choice_key(name): value for name, value in choices.items()}
        value = table.get(choice_key(raw))
        if value is None:
            self.problem(
                column,
                ImportProblem.UNKNOWN_CHOICE,
                fa=f"«{raw}» شناخته نیست؛ یکی از این‌ها را بنویسید: {accepted_fa}.",
                en=f"“{raw}” is not known; write one of: {accepted_en}.",
            )
        return value
