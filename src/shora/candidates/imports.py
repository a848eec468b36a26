"""Registering a county's candidates from a spreadsheet, all or nothing.

File (.xlsx or .csv, header on the first row), one row per candidate:

    national_code        کد ملی
    first_name           نام
    last_name            نام خانوادگی
    father_name          نام پدر
    gender               جنسیت               مرد/زن, male/female
    birth_date           تاریخ تولد           Jalali, year/month/day, any digits
    constituency_code    کد حوزه              a constituency of the county, this election
    degree               مدرک تحصیلی          e.g. دیپلم، فوق دیپلم، لیسانس، bachelor
    military_service     نظام وظیفه           optional for women: کارت پایان خدمت، معافیت دائم …
    veteran_status       ایثارگری             optional: ندارد، جانباز، آزاده، رزمنده، خانواده شهید
    clean_record_date    تاریخ گواهی عدم سوءپیشینه   Jalali
    residence            سکونت                بله/خیر, yes/no

Every row is checked as the registration form checks it — every condition, each failure a
problem in the report with its column — and against the file (one national code once) and
the database (no active candidacy already). Any problem imports nothing; a good file is
registered in one transaction, each candidate with its history row and audit event, and
one summary event naming the file and its SHA-256.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates import schedule as clock
from shora.candidates.errors import CandidacyRefusal, ConditionsNotMetError
from shora.candidates.models import ACTIVE_STATUS_VALUES, Candidacy
from shora.candidates.selectors import candidacy_name_key, candidacy_schedule_for
from shora.candidates.services.registration import (
    PersonDetails,
    candidacy_register,
    conditions_failures,
    person_read,
)
from shora.elections.imports.cells import RowCheck
from shora.elections.imports.errors import ImportProblem as P
from shora.elections.imports.result import file_sha256
from shora.elections.imports.table import ImportTable, import_table_read
from shora.elections.models import Constituency, County, Election, Phase
from shora.spreadsheets.progress import StageProgress
from shora.spreadsheets.reading import Columns
from shora_domain.candidacy import CandidacyCondition, registration_window_failure
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.jalali import parse_jalali_date
from shora_domain.national_code import parse_national_code
from shora_domain.person_details import clean_person_name

CANDIDATES_COLUMNS = Columns(
    required=("national_code", "first_name", "last_name", "father_name", "gender",
              "birth_date", "constituency_code", "degree", "clean_record_date", "residence"),
    optional=("military_service", "veteran_status"),
    aliases={
        "کد ملی": "national_code", "شماره ملی": "national_code",
        "نام": "first_name", "نام خانوادگی": "last_name", "نام پدر": "father_name",
        "جنسیت": "gender", "تاریخ تولد": "birth_date",
        "کد حوزه": "constituency_code", "کد حوزه انتخابیه": "constituency_code",
        "مدرک تحصیلی": "degree", "مدرک": "degree", "تحصیلات": "degree",
        "نظام وظیفه": "military_service", "وضعیت نظام وظیفه": "military_service",
        "ایثارگری": "veteran_status", "وضعیت ایثارگری": "veteran_status",
        "تاریخ گواهی عدم سوءپیشینه": "clean_record_date",
        "گواهی عدم سوءپیشینه": "clean_record_date",
        "عدم سوءپیشینه": "clean_record_date", "سکونت": "residence", "محل سکونت": "residence",
    },
)  # fmt: skip
GENDERS = {
    "male": "male", "man": "male", "m": "male", "مرد": "male", "آقا": "male",
    "female": "female", "woman": "female", "f": "female", "زن": "female", "خانم": "female",
}  # fmt: skip
DEGREES = {
    "none": "none", "بی‌سواد": "none", "بیسواد": "none",
    "literacy": "literacy", "سواد خواندن و نوشتن": "literacy", "باسواد": "literacy",
    "below_diploma": "below_diploma", "زیر دیپلم": "below_diploma", "سیکل": "below_diploma",
    "diploma": "diploma", "دیپلم": "diploma",
    "associate": "associate", "کاردانی": "associate", "فوق دیپلم": "associate",
    "bachelor": "bachelor", "کارشناسی": "bachelor", "لیسانس": "bachelor",
    "master": "master", "کارشناسی ارشد": "master", "فوق لیسانس": "master",
    "doctorate": "doctorate", "phd": "doctorate", "دکتری": "doctorate", "دکترا": "doctorate",
}  # fmt: skip
SERVICE = {
    "card": "card", "کارت پایان خدمت": "card", "پایان خدمت": "card",
    "permanent_exemption": "permanent_exemption", "معافیت دائم": "permanent_exemption",
    "temporary_exemption": "temporary_exemption", "معافیت موقت": "temporary_exemption",
    "serving": "serving", "در حال خدمت": "serving", "none": "none", "ندارد": "none",
}  # fmt: skip
VETERANS = {
    "none": "none", "ندارد": "none", "خیر": "none",
    "martyr_family": "martyr_family", "خانواده شهید": "martyr_family",
    "disabled_veteran": "disabled_veteran", "جانباز": "disabled_veteran",
    "freed_prisoner_of_war": "freed_prisoner_of_war", "آزاده": "freed_prisoner_of_war",
    "combatant": "combatant", "رزمنده": "combatant",
}  # fmt: skip
YES_NO = {"yes": "yes", "y": "yes", "1": "yes", "true": "yes", "بله": "yes", "آری": "yes",
          "دارد": "yes", "no": "no", "n": "no", "0": "no", "false": "no", "خیر": "no",
          "ندارد": "no"}  # fmt: skip
#: The column a failed condition is reported against.
CONDITION_COLUMN = {
    CandidacyCondition.UNDER_AGE: "birth_date",
    CandidacyCondition.EDUCATION_BELOW_REQUIRED: "degree",
    CandidacyCondition.NO_RESIDENCE: "residence",
    CandidacyCondition.MILITARY_SERVICE_MISSING: "military_service",
    CandidacyCondition.CLEAN_RECORD_MISSING: "clean_record_date",
    CandidacyCondition.CLEAN_RECORD_TOO_OLD: "clean_record_date",
    CandidacyCondition.CLEAN_RECORD_AFTER_REGISTRATION: "clean_record_date",
}


NAME_FIELDS = (
    ("first_name", "نام", "first name"),
    ("last_name", "نام خانوادگی", "surname"),
    ("father_name", "نام پدر", "father's name"),
)


@dataclass(frozen=True)
class CandidateRow:
    """A row as read. A row with a bad cell still takes part in the checks across rows and
    against the database (its national code, its constituency), so that one run reports
    everything; only a ``complete`` row is checked against the conditions. Nothing is
    written while any problem remains."""

    number: int
    constituency_code: str | None
    national_code: str | None
    details: PersonDetails
    complete: bool


@dataclass(frozen=True)
class CandidatesImportResult:
    file_name: str
    sha256: str
    rows: int
    registered: int
    warnings: list[tuple[int, str, str]] = field(default_factory=list)  # (row, fa, en)


def _date(check: RowCheck, column: str, *, required: bool) -> datetime.date | None:
    raw = check.row.get(column, "")
    if not raw:
        if required:
            check.problem(column, P.REQUIRED, fa=f"«{check.label(column)}» خالی است.",
                          en=f"“{check.label(column)}” is empty.")  # fmt: skip
        return None
    try:
        return parse_jalali_date(raw)
    except DomainError as refusal:
        check.problem(column, P.NOT_WHOLE_NUMBER, fa=refusal.fa, en=refusal.en)
        return None


def _choice(check: RowCheck, column: str, table: dict[str, str], required: bool = True) -> str:
    if not required and not check.row.get(column, ""):
        return ""
    accepted_fa = "، ".join(key for key in table if not key.isascii())
    accepted_en = ", ".join(dict.fromkeys(table.values()))
    return check.choice(column, table, accepted_fa=accepted_fa, accepted_en=accepted_en) or ""


def _parse(check: RowCheck) -> CandidateRow | None:
    national_code = check.row.get("national_code", "")
    constituency_code = check.code("constituency_code")
    gender = _choice(check, "gender", GENDERS)
    degree = _choice(check, "degree", DEGREES)
    service = _choice(check, "military_service", SERVICE, required=False)
    veteran = _choice(check, "veteran_status", VETERANS, required=False) or "none"
    residence = _choice(check, "residence", YES_NO)
    birth_date = _date(check, "birth_date", required=True)
    clean_record = _date(check, "clean_record_date", required=False)
    details = PersonDetails(
        national_code=national_code,
        first_name=check.row.get("first_name", ""),
        last_name=check.row.get("last_name", ""),
        father_name=check.row.get("father_name", ""),
        gender=gender or "male",
        birth_date=birth_date or datetime.date(1900, 1, 1),
        degree=degree or "none",
        military_service=service or ("not_applicable" if gender == "female" else "none"),
        clean_record_issued_on=clean_record,
        residence_confirmed=residence == "yes",
        veteran_status=veteran,
    )
    code: str | None = None
    try:
        code = parse_national_code(national_code)
    except DomainError as refusal:
        check.problem("national_code", P.REFUSED_BY_RULE, fa=refusal.fa, en=refusal.en)
    for column, field_fa, field_en in NAME_FIELDS:
        try:
            clean_person_name(
                check.row.get(column, ""), what_fa=field_fa, what_en=f"The {field_en}"
            )
        except DomainError as refusal:
            check.problem(column, P.REFUSED_BY_RULE, fa=refusal.fa, en=refusal.en)
    return CandidateRow(
        number=check.number,
        constituency_code=constituency_code,
        national_code=code,
        details=details,
        complete=check.ok,
    )


def _duplicates(table: ImportTable[CandidateRow]) -> None:
    rows_of: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        if row.national_code is not None:
            rows_of[row.national_code].append(row.number)
    for code, numbers in rows_of.items():
        for number in numbers if len(numbers) > 1 else ():
            table.problem(
                number, "national_code", code, P.DUPLICATE_IN_FILE.value,
                fa=f"کد ملی {to_persian_digits(code)} در چند ردیف آمده است: "
                f"{'، '.join(to_persian_digits(n) for n in numbers)}؛ هر کس یک نامزدی دارد.",
                en=f"National code {code} appears in rows {', '.join(map(str, numbers))}; "
                "a person holds one candidacy.",
            )  # fmt: skip


def _row_problems(
    table: ImportTable[CandidateRow],
    row: CandidateRow,
    constituency: Constituency | None,
    county: County,
    at: datetime.datetime,
) -> None:
    if row.constituency_code is None:
        return  # its cell is already reported
    if constituency is None:
        table.problem(
            row.number, "constituency_code", row.constituency_code, P.UNKNOWN_CONSTITUENCY.value,
            fa=f"حوزه‌ای با کد {to_persian_digits(row.constituency_code)} در شهرستان "
            f"«{county.name}» در این انتخابات نیست.",
            en=f"No constituency {row.constituency_code} of county {county.name} in this election.",
        )  # fmt: skip
        return
    window = clock.registration_window(
        candidacy_schedule_for(constituency.election), constituency.kind
    )
    closed = registration_window_failure(clock.tehran_time(at), window)
    if closed is not None:
        table.problem(
            row.number, "constituency_code", row.constituency_code,
            CandidacyRefusal.REGISTRATION_CLOSED.value, fa=closed.fa, en=closed.en,
        )  # fmt: skip
    if not row.complete:
        return  # the conditions need every cell
    person = person_read(row.details)
    for failure in conditions_failures(
        person=person, constituency=constituency, registered_on=clock.tehran_time(at).date()
    ):
        column = CONDITION_COLUMN.get(failure.code, "national_code")
        table.problem(row.number, column, "", failure.code.value, fa=failure.fa, en=failure.en)


def _database_problems(
    election: Election, county: County, table: ImportTable[CandidateRow], at: datetime.datetime
) -> dict[str, Constituency]:
    constituencies = {
        c.code: c
        for c in Constituency.objects.filter(
            election=election,
            district__county=county,
            code__in={row.constituency_code for row in table.rows},
        ).select_related("election", "district__county")
    }
    _duplicates(table)
    taken = dict(
        Candidacy.objects.filter(
            election=election,
            national_code__in={row.national_code for row in table.rows if row.national_code},
            status__in=ACTIVE_STATUS_VALUES,
        ).values_list("national_code", "constituency__name")
    )  # fmt: skip
    for row in table.rows:
        code = row.national_code
        if code is not None and code in taken:
            table.problem(
                row.number, "national_code", code, CandidacyRefusal.ALREADY_REGISTERED.value,
                fa=f"دارندهٔ کد ملی {to_persian_digits(code)} پیش‌تر در «{taken[code]}» "
                "ثبت‌نام کرده است.",
                en=f"National code {code} is already registered in {taken[code]}.",
            )  # fmt: skip
        constituency = constituencies.get(row.constituency_code or "")
        _row_problems(table, row, constituency, county, at)
    return constituencies


def _warnings(table: ImportTable[CandidateRow]) -> list[tuple[int, str, str]]:
    """Rows whose name and birth date match another row's under another national code."""
    seen: dict[tuple[str, datetime.date], list[tuple[int, str]]] = defaultdict(list)
    for row in table.rows:
        person = person_read(row.details)
        key = (candidacy_name_key(person.first_name, person.last_name), person.birth_date)
        seen[key].append((row.number, person.national_code))
    warnings = []
    for rows in seen.values():
        if len({code for _, code in rows}) > 1:
            numbers = [number for number, _ in rows]
            for number in numbers:
                warnings.append((
                    number,
                    "همین نام و تاریخ تولد با کد ملی دیگری در ردیف‌های "
                    f"{'، '.join(to_persian_digits(n) for n in numbers)} آمده است.",
                    f"The same name and birth date come with another national code in rows "
                    f"{', '.join(map(str, numbers))}.",
                ))  # fmt: skip
    return warnings


def candidates_import(
    *,
    actor: Any,
    election: Election,
    county: County,
    path: Path | str,
    progress: StageProgress | None = None,
) -> CandidatesImportResult:
    """Register every row of the file, or nothing (RowsRefusedError lists every problem)."""
    if election.phase != Phase.REGISTRATION:
        raise DomainError(
            CandidacyRefusal.NOT_THIS_PHASE,
            fa="انتخابات در مرحلهٔ ثبت‌نام نیست؛ هیچ داوطلبی وارد نشد.",
            en=f"The election is in phase {election.phase}, not registration; nothing imported.",
        )
    path = Path(path)
    table = import_table_read(path=path, columns=CANDIDATES_COLUMNS, parse=_parse,
                              progress=progress)  # fmt: skip
    sha256 = file_sha256(path)
    at = clock.now()
    with transaction.atomic():
        constituencies = _database_problems(election, county, table, at)
        table.refuse_if_problems()
        warnings = _warnings(table)
        for done, row in enumerate(table.rows, start=1):
            try:
                candidacy_register(
                    actor=actor,
                    constituency=constituencies[row.constituency_code or ""],
                    details=row.details,
                )
            except (DomainError, IntegrityError) as error:  # changed by someone since the checks
                if isinstance(error, ConditionsNotMetError):
                    error = DomainError(error.code, fa=error.fa, en=error.en)
                raise table.refused_while_writing(row.number, "national_code", error) from error
            if progress is not None:
                progress("writing", done, len(table.rows))
        audit_record(
            actor=actor,
            event_type=AuditEventType.CANDIDATES_IMPORTED,
            target=election,
            unit=f"county:{county.code}",
            new={
                "file": path.name,
                "sha256": sha256,
                "rows": len(table.rows),
                "registered": len(table.rows),
            },
        )
    return CandidatesImportResult(
        file_name=path.name, sha256=sha256, rows=len(table.rows),
        registered=len(table.rows), warnings=warnings,
    )  # fmt: skip
