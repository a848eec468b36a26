"""The checks of a geography file that span rows: against other rows and against the database.

Each disagreement becomes a RowProblem on the row (and column) that has to change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from shora.elections.imports.errors import ImportProblem as P
from shora.elections.imports.table import ImportTable
from shora.elections.models import Constituency, County, District, Election, name_key
from shora_domain.digits import to_persian_digits as fa_digits


@dataclass(frozen=True)
class GeographyRow:
    number: int
    county_code: str
    county_name: str
    county_name_en: str
    district_code: str
    district_name: str
    district_name_en: str
    code: str
    kind: str
    name: str
    name_en: str
    population: int


def _rows_text(numbers: list[int], language: str) -> str:
    if language == "en":
        return ", ".join(map(str, numbers))
    return "، ".join(fa_digits(number) for number in numbers)


def geography_file_problems(table: ImportTable[GeographyRow]) -> None:
    """Rows that disagree with other rows of the same file."""
    county_first: dict[str, GeographyRow] = {}
    county_named: dict[str, GeographyRow] = {}
    district_first: dict[str, GeographyRow] = {}
    district_named: dict[tuple[str, str], GeographyRow] = {}
    by_code: dict[str, list[GeographyRow]] = defaultdict(list)
    for row in table.rows:
        n = row.number
        first = county_first.setdefault(row.county_code, row)
        if name_key(first.county_name) != name_key(row.county_name):
            table.problem(
                n,
                "county_name",
                row.county_name,
                P.NAME_MISMATCH.value,
                fa=f"شهرستان با کد {row.county_code} در ردیف {fa_digits(first.number)} "
                f"«{first.county_name}» نام دارد و اینجا «{row.county_name}».",
                en=f"County {row.county_code} is named “{first.county_name}” in row "
                f"{first.number} but “{row.county_name}” here.",
            )
        other = county_named.setdefault(name_key(row.county_name), row)
        if other.county_code != row.county_code:
            table.problem(
                n,
                "county_name",
                row.county_name,
                P.NAME_TAKEN.value,
                fa=f"نام «{row.county_name}» در ردیف {fa_digits(other.number)} برای "
                f"شهرستانی با کد {other.county_code} آمده است.",
                en=f"The name “{row.county_name}” is given to county {other.county_code} "
                f"in row {other.number}.",
            )
        first = district_first.setdefault(row.district_code, row)
        if first.county_code != row.county_code:
            table.problem(
                n,
                "district_code",
                row.district_code,
                P.PARENT_MISMATCH.value,
                fa=f"بخش {row.district_code} در ردیف {fa_digits(first.number)} زیر شهرستان "
                f"{first.county_code} است و اینجا زیر شهرستان {row.county_code}.",
                en=f"District {row.district_code} is under county {first.county_code} in row "
                f"{first.number} but under county {row.county_code} here.",
            )
        elif name_key(first.district_name) != name_key(row.district_name):
            table.problem(
                n,
                "district_name",
                row.district_name,
                P.NAME_MISMATCH.value,
                fa=f"بخش با کد {row.district_code} در ردیف {fa_digits(first.number)} "
                f"«{first.district_name}» نام دارد و اینجا «{row.district_name}».",
                en=f"District {row.district_code} is named “{first.district_name}” in row "
                f"{first.number} but “{row.district_name}” here.",
            )
        other = district_named.setdefault((row.county_code, name_key(row.district_name)), row)
        if other.district_code != row.district_code:
            table.problem(
                n,
                "district_name",
                row.district_name,
                P.NAME_TAKEN.value,
                fa=f"نام «{row.district_name}» در ردیف {fa_digits(other.number)} برای بخشی "
                f"با کد {other.district_code} در همین شهرستان آمده است.",
                en=f"The name “{row.district_name}” is given to district "
                f"{other.district_code} of the same county in row {other.number}.",
            )
        by_code[row.code].append(row)
    for code, rows in by_code.items():
        numbers = [row.number for row in rows]
        for row in rows if len(rows) > 1 else ():
            table.problem(
                row.number,
                "constituency_code",
                code,
                P.DUPLICATE_IN_FILE.value,
                fa=f"کد حوزهٔ {code} در چند ردیف آمده است: {_rows_text(numbers, 'fa')}.",
                en=f"Constituency code {code} appears in several rows: "
                f"{_rows_text(numbers, 'en')}.",
            )


def _county_problem(
    table: ImportTable[GeographyRow],
    election: Election,
    row: GeographyRow,
    county: County | None,
    county_named: dict[str, County],
) -> None:
    n, key = row.number, name_key(row.county_name)
    if county is not None and county.province_id != election.province_id:
        province = county.province
        table.problem(
            n,
            "county_code",
            row.county_code,
            P.OTHER_PROVINCE.value,
            fa=f"شهرستان با کد {row.county_code} («{county.name}») از استان {province.name} "
            "است، نه استان این انتخابات.",
            en=f"County {row.county_code} (“{county.name}”) belongs to "
            f"{province.name_en or province.name}, not to this election's province.",
        )
    elif county is not None and county.name_key != key:
        table.problem(
            n,
            "county_name",
            row.county_name,
            P.NAME_MISMATCH.value,
            fa=f"شهرستان با کد {row.county_code} پیش‌تر با نام «{county.name}» ثبت شده است، "
            f"نه «{row.county_name}».",
            en=f"County {row.county_code} is already recorded as “{county.name}”, "
            f"not “{row.county_name}”.",
        )
    elif county is None and key in county_named:
        holder = county_named[key]
        table.problem(
            n,
            "county_name",
            row.county_name,
            P.NAME_TAKEN.value,
            fa=f"شهرستان «{holder.name}» پیش‌تر با کد {holder.code} ثبت شده است.",
            en=f"A county “{holder.name}” is already recorded with code {holder.code}.",
        )


def _district_problem(
    table: ImportTable[GeographyRow],
    row: GeographyRow,
    district: District | None,
    district_named: dict[tuple[str, str], District],
) -> None:
    n, key = row.number, name_key(row.district_name)
    if district is not None and district.county.code != row.county_code:
        parent = district.county
        table.problem(
            n,
            "district_code",
            row.district_code,
            P.PARENT_MISMATCH.value,
            fa=f"بخش با کد {row.district_code} («{district.name}») زیر شهرستان «{parent.name}» "
            f"(کد {parent.code}) ثبت شده است، نه شهرستان {row.county_code}.",
            en=f"District {row.district_code} (“{district.name}”) is recorded under county "
            f"“{parent.name}” ({parent.code}), not county {row.county_code}.",
        )
    elif district is not None and district.name_key != key:
        table.problem(
            n,
            "district_name",
            row.district_name,
            P.NAME_MISMATCH.value,
            fa=f"بخش با کد {row.district_code} پیش‌تر با نام «{district.name}» ثبت شده است، "
            f"نه «{row.district_name}».",
            en=f"District {row.district_code} is already recorded as “{district.name}”, "
            f"not “{row.district_name}”.",
        )
    elif district is None and (row.county_code, key) in district_named:
        holder = district_named[(row.county_code, key)]
        table.problem(
            n,
            "district_name",
            row.district_name,
            P.NAME_TAKEN.value,
            fa=f"بخش «{holder.name}» در این شهرستان پیش‌تر با کد {holder.code} ثبت شده است.",
            en=f"A district “{holder.name}” of this county is already recorded with code "
            f"{holder.code}.",
        )


def geography_database_problems(election: Election, table: ImportTable[GeographyRow]) -> None:
    """Rows that disagree with what the database already holds."""
    rows = table.rows
    counties = {
        county.code: county
        for county in County.objects.filter(code__in={r.county_code for r in rows}).select_related(
            "province"
        )
    }
    county_named = {c.name_key: c for c in County.objects.filter(province=election.province)}
    districts = {
        district.code: district
        for district in District.objects.filter(
            code__in={r.district_code for r in rows}
        ).select_related("county")
    }
    district_named = {
        (district.county.code, district.name_key): district
        for district in District.objects.filter(county__code__in=list(counties)).select_related(
            "county"
        )
    }
    taken = set(
        Constituency.objects.filter(election=election, code__in=[r.code for r in rows]).values_list(
            "code", flat=True
        )
    )
    for row in rows:
        _county_problem(table, election, row, counties.get(row.county_code), county_named)
        _district_problem(table, row, districts.get(row.district_code), district_named)
        if row.code in taken:
            table.problem(
                row.number,
                "constituency_code",
                row.code,
                P.ALREADY_EXISTS.value,
                fa=f"حوزه‌ای با کد {row.code} پیش‌تر در این انتخابات ثبت شده است.",
                en=f"Constituency code {row.code} already exists in this election.",
            )
