"""Importing polling stations and the constituencies each one serves.

File (.xlsx or .csv, header on the first row), one row per station:

    station_code        کد شعبه          digits, unique in the election
    station_name        نام شعبه
    district_code       کد بخش           a district of the election's province
    address             نشانی            optional
    connectivity        نوع اتصال        fibre, copper, mobile, satellite, none
                                         (فیبر نوری، مس، موبایل، ماهواره، ندارد …)
    constituency_codes  کدهای حوزه       one or more constituency codes of this election,
                                         separated by , ، ; or spaces

A station serves constituencies of its own county only. Any problem in any row imports
nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.imports.cells import RowCheck
from shora.elections.imports.errors import ImportProblem as P
from shora.elections.imports.result import ImportResult, file_sha256
from shora.elections.imports.table import ImportTable, import_table_read
from shora.elections.models import Constituency, District, Election, PollingStation
from shora.elections.services import refuse_unless_geography_open, station_create
from shora.spreadsheets.progress import StageProgress
from shora.spreadsheets.reading import Columns
from shora_domain.digits import to_persian_digits as fa_digits
from shora_domain.errors import DomainError

STATIONS_COLUMNS = Columns(
    required=("station_code", "station_name", "district_code", "connectivity",
              "constituency_codes"),
    optional=("address",),
    aliases={
        "کد شعبه": "station_code", "شماره شعبه": "station_code",
        "نام شعبه": "station_name",
        "کد بخش": "district_code", "بخش کد": "district_code",
        "نشانی": "address", "آدرس": "address",
        "اتصال": "connectivity", "نوع اتصال": "connectivity", "ارتباط": "connectivity",
        "نوع ارتباط": "connectivity", "connection": "connectivity",
        "کدهای حوزه": "constituency_codes", "کد حوزه‌ها": "constituency_codes",
        "کد حوزه ها": "constituency_codes", "حوزه‌ها": "constituency_codes",
        "حوزه ها": "constituency_codes", "کد حوزه": "constituency_codes",
        "constituency_code": "constituency_codes", "constituencies": "constituency_codes",
    },
)  # fmt: skip
CONNECTIVITY = {
    "fibre": "fibre", "fiber": "fibre", "fibre optic": "fibre", "fiber optic": "fibre",
    "فیبر": "fibre", "فیبر نوری": "fibre",
    "copper": "copper", "adsl": "copper", "dsl": "copper",
    "مس": "copper", "مسی": "copper", "سیم مسی": "copper", "کابل مسی": "copper",
    "mobile": "mobile", "cellular": "mobile", "4g": "mobile", "lte": "mobile",
    "موبایل": "mobile", "همراه": "mobile", "تلفن همراه": "mobile", "اینترنت همراه": "mobile",
    "satellite": "satellite", "ماهواره": "satellite", "ماهواره‌ای": "satellite",
    "none": "none", "no": "none", "ندارد": "none", "بدون اتصال": "none", "هیچ": "none",
}  # fmt: skip
ACCEPTED_FA = "فیبر نوری، مس، موبایل، ماهواره، ندارد"
ACCEPTED_EN = "fibre, copper, mobile, satellite, none"


@dataclass(frozen=True)
class StationRow:
    number: int
    code: str
    name: str
    district_code: str
    address: str
    connectivity: str
    constituency_codes: tuple[str, ...]


def _parse(check: RowCheck) -> StationRow | None:
    code, district_code = check.code("station_code"), check.code("district_code")
    name = check.text("station_name", max_length=150)
    address = check.text("address", max_length=300, required=False)
    connectivity = check.choice(
        "connectivity", CONNECTIVITY, accepted_fa=ACCEPTED_FA, accepted_en=ACCEPTED_EN
    )
    codes = check.codes("constituency_codes")
    if code is None or district_code is None:
        return None
    # A row with other problems still takes part in the checks across rows and against the
    # database, so that one run reports everything; nothing is written while any remains.
    return StationRow(
        number=check.number,
        code=code,
        name=name,
        district_code=district_code,
        address=address,
        connectivity=connectivity or "",
        constituency_codes=tuple(codes or ()),
    )


def _file_problems(table: ImportTable[StationRow]) -> None:
    by_code: dict[str, list[int]] = defaultdict(list)
    for row in table.rows:
        by_code[row.code].append(row.number)
    for code, numbers in by_code.items():
        for number in numbers if len(numbers) > 1 else ():
            table.problem(
                number,
                "station_code",
                code,
                P.DUPLICATE_IN_FILE.value,
                fa=f"کد شعبهٔ {code} در چند ردیف آمده است: "
                f"{'، '.join(fa_digits(n) for n in numbers)}.",
                en=f"Station code {code} appears in several rows: {', '.join(map(str, numbers))}.",
            )


def _constituency_problems(
    table: ImportTable[StationRow],
    row: StationRow,
    district: District | None,
    constituencies: dict[str, Constituency],
) -> None:
    unknown = [code for code in row.constituency_codes if code not in constituencies]
    if unknown:
        table.problem(
            row.number,
            "constituency_codes",
            ", ".join(row.constituency_codes),
            P.UNKNOWN_CONSTITUENCY.value,
            fa=f"این کدها حوزه‌ای از این انتخابات نیستند: {'، '.join(unknown)}.",
            en=f"These codes are not constituencies of this election: {', '.join(unknown)}.",
        )
    for code in row.constituency_codes:
        found = constituencies.get(code)
        if district is None or found is None or found.district.county_id == district.county_id:
            continue
        theirs, ours = found.district.county, district.county
        table.problem(
            row.number,
            "constituency_codes",
            code,
            P.OTHER_COUNTY.value,
            fa=f"حوزهٔ {code} («{found.name}») در شهرستان «{theirs.name}» است، ولی بخش این شعبه "
            f"(«{district.name}») در شهرستان «{ours.name}»؛ هر شعبه فقط حوزه‌های شهرستان "
            "خودش را پوشش می‌دهد.",
            en=f"Constituency {code} (“{found.name}”) is in county “{theirs.name}”, but this "
            f"station's district (“{district.name}”) is in county “{ours.name}”; a station "
            "serves constituencies of its own county only.",
        )


def _database_problems(
    election: Election, table: ImportTable[StationRow]
) -> tuple[dict[str, District], dict[str, Constituency]]:
    rows = table.rows
    districts = {
        district.code: district
        for district in District.objects.filter(
            code__in={row.district_code for row in rows}, county__province=election.province
        ).select_related("county")
    }
    constituencies = {
        constituency.code: constituency
        for constituency in Constituency.objects.filter(
            election=election, code__in={code for row in rows for code in row.constituency_codes}
        ).select_related("district__county")
    }
    taken = set(
        PollingStation.objects.filter(
            election=election, code__in=[row.code for row in rows]
        ).values_list("code", flat=True)
    )
    for row in rows:
        if row.code in taken:
            table.problem(
                row.number,
                "station_code",
                row.code,
                P.ALREADY_EXISTS.value,
                fa=f"شعبه‌ای با کد {row.code} پیش‌تر در این انتخابات ثبت شده است.",
                en=f"Station code {row.code} already exists in this election.",
            )
        district = districts.get(row.district_code)
        if district is None:
            table.problem(
                row.number,
                "district_code",
                row.district_code,
                P.UNKNOWN_DISTRICT.value,
                fa=f"بخشی با کد {row.district_code} در استان این انتخابات ثبت نشده است؛ "
                "نخست جغرافیا را وارد کنید.",
                en=f"No district with code {row.district_code} in this election's province; "
                "import the geography first.",
            )
        _constituency_problems(table, row, district, constituencies)
    return districts, constituencies


def stations_import(
    *, actor: Any, election: Election, path: Path | str, progress: StageProgress | None = None
) -> ImportResult:
    """Import the file, all or nothing; RowsRefusedError lists every problem found."""
    refuse_unless_geography_open(election)
    path = Path(path)
    table = import_table_read(path=path, columns=STATIONS_COLUMNS, parse=_parse, progress=progress)
    sha256 = file_sha256(path)
    _file_problems(table)
    with transaction.atomic():
        districts, constituencies = _database_problems(election, table)
        table.refuse_if_problems()
        for done, row in enumerate(table.rows, start=1):
            try:
                station_create(
                    actor=actor,
                    election=election,
                    district=districts[row.district_code],
                    code=row.code,
                    name=row.name,
                    connectivity=row.connectivity,
                    constituencies=[constituencies[code] for code in row.constituency_codes],
                    address=row.address,
                )
            except (DomainError, IntegrityError) as error:  # changed by someone since the checks
                raise table.refused_while_writing(row.number, "station_code", error) from error
            if progress is not None:
                progress("writing", done, len(table.rows))
        audit_record(
            actor=actor,
            event_type=AuditEventType.STATIONS_IMPORTED,
            target=election,
            unit=f"province:{election.province.code}",
            new={
                "file": path.name,
                "sha256": sha256,
                "rows": len(table.rows),
                "stations": len(table.rows),
            },
        )
    return ImportResult(
        file_name=path.name, sha256=sha256, rows=len(table.rows), stations_created=len(table.rows)
    )
