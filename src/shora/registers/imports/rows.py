"""Checking one row of the extract: every wrong cell becomes a problem, none raises.

The rules are the pure package's (``civil_registry``, ``person_details``,
``national_code``); this module only remembers their answers. An extract of millions of
people has a few thousand distinct first names and dates, so each distinct cell text is
judged once. The memories are bounded (emptied when full), so memory does not grow with
the file. The national code, different in every row, has the pure package's fast path.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from shora.registers.errors import RegisterRefusal
from shora.registers.imports.columns import (
    BARRED,
    BIRTH,
    CONSTITUENCY,
    DECEASED,
    FATHER,
    FIELDS,
    FIRST,
    GENDER,
    LAST,
    NATIONAL_CODE,
    RESIDENCE,
)
from shora.registers.imports.problems import ProblemSink
from shora.spreadsheets.report import RowProblem
from shora_domain.civil_registry import (
    Calendar,
    check_birth_date,
    check_residence_since,
    fast_national_code,
    register_date,
    register_flag,
    register_gender,
)
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError
from shora_domain.national_code import parse_national_code
from shora_domain.persian_text import search_key
from shora_domain.person_details import clean_person_name

MEMORY_LIMIT = 200_000
VALUE_SHOWN = 200

# A staged row, as text for COPY: national code, first name, last name, father's name,
# name key, gender, birth date (ISO), constituency id, deceased, barred (t/f), residence
# start (ISO, or "" when unknown).
StagedRow = tuple[str, str, str, str, str, str, str, str, str, str, str]

T = TypeVar("T")


class Memory(Generic[T]):
    """The answers of one rule for the cell texts seen so far: values and refusals apart,
    so that the common case is one dictionary look-up."""

    def __init__(self, judge: Callable[[str], T], known: dict[str, T] | None = None) -> None:
        self.judge = judge
        self.values: dict[str, T] = dict(known or {})
        self.refusals: dict[str, DomainError] = {}

    def learn(self, raw: str) -> T | DomainError:
        """The answer for a text not among ``values`` (judged now, or refused before)."""
        refusal = self.refusals.get(raw)
        if refusal is not None:
            return refusal
        if len(self.values) + len(self.refusals) >= MEMORY_LIMIT:
            self.values.clear()
            self.refusals.clear()
        try:
            value = self.judge(raw)
        except DomainError as refused:
            self.refusals[raw] = refused
            return refused
        self.values[raw] = value
        return value


def _name_judge(what_fa: str, what_en: str) -> Callable[[str], tuple[str, str]]:
    def judge(raw: str) -> tuple[str, str]:
        name = clean_person_name(raw, what_fa=what_fa, what_en=what_en)
        return name, search_key(name)

    return judge


def _flag_text(raw: str) -> str:
    return "t" if register_flag(raw) else "f"


class VoterRowChecker:
    """Turns rows into staged rows, reporting each wrong cell to ``problems``."""

    def __init__(
        self,
        *,
        constituencies: Mapping[str, int],
        calendar: Calendar,
        today: datetime.date,
        label: Callable[[str], str],
        problems: ProblemSink,
    ) -> None:
        self.constituencies = constituencies
        self.calendar = calendar
        self.today = today
        self.labels = [label(field) for field in FIELDS]
        self.problems = problems
        self.bad_rows = 0
        self._first = Memory(_name_judge("نام", "The first name"))
        self._last = Memory(_name_judge("نام خانوادگی", "The last name"))
        self._father = Memory(_name_judge("نام پدر", "The father's name"), {"": ("", "")})
        self._birth = Memory(self._birth_judge)
        self._residence = Memory(self._residence_judge)
        self._gender = Memory(register_gender)
        self._constituency = Memory(self._constituency_judge)
        self._flag = Memory(_flag_text)
        self._memories: list[tuple[int, Memory[Any]]] = [
            (FIRST, self._first), (LAST, self._last), (FATHER, self._father),
            (BIRTH, self._birth), (GENDER, self._gender), (CONSTITUENCY, self._constituency),
            (DECEASED, self._flag), (BARRED, self._flag),
        ]  # fmt: skip

    def _problem(self, number: int, field: int, value: str, refusal: DomainError) -> None:
        shown = value if len(value) <= VALUE_SHOWN else value[:VALUE_SHOWN] + "…"
        self.problems.add(
            RowProblem(
                row=number,
                column=self.labels[field],
                value=shown,
                code=refusal.code.value,
                fa=refusal.fa,
                en=refusal.en,
            )
        )

    def _birth_judge(self, raw: str) -> tuple[datetime.date, str]:
        born = register_date(raw, self.calendar)
        check_birth_date(born, today=self.today)
        return born, born.isoformat()

    def _residence_judge(self, raw: str) -> datetime.date:
        return register_date(raw, self.calendar)

    def _constituency_judge(self, raw: str) -> str:
        code = to_latin_digits(raw).strip()
        if not code:
            raise DomainError(
                RegisterRefusal.UNKNOWN_CONSTITUENCY,
                fa="کد حوزه وارد نشده است.",
                en="The constituency code is empty.",
            )
        found = self.constituencies.get(code)
        if found is None:
            raise DomainError(
                RegisterRefusal.UNKNOWN_CONSTITUENCY,
                fa=f"حوزه‌ای با کد «{raw}» در این انتخابات نیست.",
                en=f"No constituency with code “{raw}” in this election.",
            )
        return str(found)

    def _judged(self, number: int, cells: Sequence[str]) -> tuple[str | None, StagedRow | None]:
        """The row cell by cell, when the quick look found something new or wrong."""
        problems_before = self.problems.count
        code: str | None = None
        try:
            code = parse_national_code(cells[NATIONAL_CODE])
        except DomainError as refusal:
            self._problem(number, NATIONAL_CODE, cells[NATIONAL_CODE], refusal)
        answers: dict[int, object] = {}
        for field, memory in self._memories:
            raw = cells[field]
            answer = memory.values.get(raw)
            if answer is None:
                answer = memory.learn(raw)
            if isinstance(answer, DomainError):
                self._problem(number, field, raw, answer)
            answers[field] = answer
        birth = answers[BIRTH]
        residence_text = ""
        raw = cells[RESIDENCE]
        if raw:
            residence = self._residence.values.get(raw) or self._residence.learn(raw)
            if isinstance(residence, DomainError):
                self._problem(number, RESIDENCE, raw, residence)
            elif isinstance(birth, tuple):
                try:
                    check_residence_since(residence, birth=birth[0], today=self.today)
                except DomainError as refusal:
                    self._problem(number, RESIDENCE, raw, refusal)
                residence_text = residence.isoformat()
        if self.problems.count != problems_before or code is None:
            self.bad_rows += 1
            return code, None
        # No problem was reported, so each answer is a value of its rule, not a refusal.
        values = [answers[field] for field, _ in self._memories]  # in _staged's order
        return code, _staged(code, *values, residence_text)  # type: ignore[arg-type, call-arg]

    def check(self, number: int, cells: Sequence[str]) -> tuple[str | None, StagedRow | None]:
        """The row's national code if it is valid, and its staged form if nothing is wrong."""
        code = cells[NATIONAL_CODE]
        first = self._first.values.get(cells[FIRST])
        last = self._last.values.get(cells[LAST])
        father = self._father.values.get(cells[FATHER])
        birth = self._birth.values.get(cells[BIRTH])
        gender = self._gender.values.get(cells[GENDER])
        constituency = self._constituency.values.get(cells[CONSTITUENCY])
        deceased = self._flag.values.get(cells[DECEASED])
        barred = self._flag.values.get(cells[BARRED])
        if (
            first is None or last is None or father is None or birth is None or gender is None
            or constituency is None or deceased is None or barred is None
            or cells[RESIDENCE] or not fast_national_code(code)
        ):  # fmt: skip
            return self._judged(number, cells)
        return code, _staged(code, first, last, father, birth, gender, constituency, deceased,
                             barred, "")  # fmt: skip


Name = tuple[str, str]


def _staged(
    code: str,
    first: Name,
    last: Name,
    father: Name,
    birth: tuple[datetime.date, str],
    gender: str,
    constituency: str,
    deceased: str,
    barred: str,
    residence: str,
) -> StagedRow:
    return (code, first[0], last[0], father[0], f"{last[1]} {first[1]}", gender, birth[1],
            constituency, deceased, barred, residence)  # fmt: skip
