"""Importing counties, districts and constituencies (city and village councils).

File (.xlsx or .csv, header on the first row), one row per constituency:

    county_code         کد شهرستان        digits
    county_name         نام شهرستان
    county_name_en      نام انگلیسی شهرستان   optional
    district_code       کد بخش            digits
    district_name       نام بخش
    district_name_en    نام انگلیسی بخش     optional
    constituency_code   کد حوزه           digits, unique in the election
    constituency_kind   نوع حوزه          city / village (شهر / روستا)
    constituency_name   نام حوزه
    constituency_name_en نام انگلیسی حوزه    optional
    population          جمعیت             0 … 20,000,000

New counties and districts are created under the election's province; existing ones must
carry the same name and parent. Members and alternates come from the election's
council-size table. Any problem in any row imports nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.imports.cells import RowCheck
from shora.elections.imports.errors import ImportProblem
from shora.elections.imports.geography_checks import (
    GeographyRow,
    geography_database_problems,
    geography_file_problems,
)
from shora.elections.imports.result import ImportResult, file_sha256
from shora.elections.imports.table import ImportTable, import_table_read
from shora.elections.models import County, District, Election
from shora.elections.services import (
    constituency_create,
    county_create,
    district_create,
    refuse_unless_geography_open,
)
from shora.spreadsheets.progress import StageProgress
from shora.spreadsheets.reading import Columns
from shora_domain.council_size import MAX_POPULATION, council_size, table_from_dict
from shora_domain.errors import DomainError

GEOGRAPHY_COLUMNS = Columns(
    required=("county_code", "county_name", "district_code", "district_name",
              "constituency_code", "constituency_kind", "constituency_name", "population"),
    optional=("county_name_en", "district_name_en", "constituency_name_en"),
    aliases={
        "کد شهرستان": "county_code", "شهرستان کد": "county_code",
        "نام شهرستان": "county_name", "شهرستان": "county_name",
        "نام انگلیسی شهرستان": "county_name_en", "نام لاتین شهرستان": "county_name_en",
        "کد بخش": "district_code", "بخش کد": "district_code",
        "نام بخش": "district_name", "بخش": "district_name",
        "نام انگلیسی بخش": "district_name_en", "نام لاتین بخش": "district_name_en",
        "کد حوزه": "constituency_code", "حوزه کد": "constituency_code",
        "نوع حوزه": "constituency_kind", "نوع": "constituency_kind", "kind": "constituency_kind",
        "نام حوزه": "constituency_name", "حوزه": "constituency_name",
        "نام شهر یا روستا": "constituency_name",
        "نام انگلیسی حوزه": "constituency_name_en", "نام لاتین حوزه": "constituency_name_en",
        "جمعیت": "population",
    },
)  # fmt: skip
KINDS = {"city": "city", "شهر": "city", "village": "village", "روستا": "village"}
NAME_MAX_LENGTH = 100


def _parser(election: Election) -> Callable[[RowCheck], GeographyRow | None]:
    table = table_from_dict(election.council_size_table)

    def parse(check: RowCheck) -> GeographyRow | None:
        county_code, district_code = check.code("county_code"), check.code("district_code")
        code = check.code("constituency_code")
        county_name = check.text("county_name", max_length=NAME_MAX_LENGTH)
        district_name = check.text("district_name", max_length=NAME_MAX_LENGTH)
        name = check.text("constituency_name", max_length=NAME_MAX_LENGTH)
        county_name_en = check.text("county_name_en", max_length=NAME_MAX_LENGTH, required=False)
        district_name_en = check.text(
            "district_name_en", max_length=NAME_MAX_LENGTH, required=False
        )
        name_en = check.text("constituency_name_en", max_length=NAME_MAX_LENGTH, required=False)
        kind = check.choice(
            "constituency_kind", KINDS, accepted_fa="شهر، روستا", accepted_en="city, village"
        )
        population = check.whole_number("population", maximum=MAX_POPULATION)
        if kind is not None and population is not None:
            try:
                council_size(
                    table,
                    kind="city" if kind == "city" else "village",
                    population=population,
                    name=name,
                )
            except DomainError as error:
                check.problem("population", ImportProblem.REFUSED_BY_RULE, fa=error.fa, en=error.en)
        if county_code is None or district_code is None or code is None:
            return None
        if not (county_name and district_name):
            return None
        # A row with a bad kind or population still takes part in the checks across rows,
        # so that one run reports every problem; nothing is written while any remains.
        return GeographyRow(
            number=check.number,
            county_code=county_code,
            county_name=county_name,
            county_name_en=county_name_en,
            district_code=district_code,
            district_name=district_name,
            district_name_en=district_name_en,
            code=code,
            kind=kind or "",
            name=name,
            name_en=name_en,
            population=-1 if population is None else population,
        )

    return parse


def _geography_write(
    *,
    actor: Any,
    election: Election,
    table: ImportTable[GeographyRow],
    progress: StageProgress | None,
) -> dict[str, int]:
    counties = {c.code: c for c in County.objects.filter(province=election.province)}
    districts = {d.code: d for d in District.objects.filter(county__province=election.province)}
    created = {"counties": 0, "districts": 0, "constituencies": 0}
    for done, row in enumerate(table.rows, start=1):
        try:
            if row.county_code not in counties:
                counties[row.county_code] = county_create(
                    actor=actor,
                    province=election.province,
                    code=row.county_code,
                    name=row.county_name,
                    name_en=row.county_name_en,
                )
                created["counties"] += 1
            if row.district_code not in districts:
                districts[row.district_code] = district_create(
                    actor=actor,
                    county=counties[row.county_code],
                    code=row.district_code,
                    name=row.district_name,
                    name_en=row.district_name_en,
                )
                created["districts"] += 1
            constituency_create(
                actor=actor,
                election=election,
                district=districts[row.district_code],
                code=row.code,
                kind=row.kind,
                name=row.name,
                population=row.population,
                name_en=row.name_en,
            )
            created["constituencies"] += 1
        except (DomainError, IntegrityError) as error:  # changed by someone since the checks
            raise table.refused_while_writing(row.number, "constituency_code", error) from error
        if progress is not None:
            progress("writing", done, len(table.rows))
    return created


def geography_import(
    *, actor: Any, election: Election, path: Path | str, progress: StageProgress | None = None
) -> ImportResult:
    """Import the file, all or nothing; RowsRefusedError lists every problem found."""
    refuse_unless_geography_open(election)
    path = Path(path)
    table = import_table_read(
        path=path, columns=GEOGRAPHY_COLUMNS, parse=_parser(election), progress=progress
    )
    sha256 = file_sha256(path)
    geography_file_problems(table)
    with transaction.atomic():
        geography_database_problems(election, table)
        table.refuse_if_problems()
        created = _geography_write(actor=actor, election=election, table=table, progress=progress)
        audit_record(
            actor=actor,
            event_type=AuditEventType.GEOGRAPHY_IMPORTED,
            target=election,
            unit=f"province:{election.province.code}",
            new={"file": path.name, "sha256": sha256, "rows": len(table.rows), **created},
        )
    return ImportResult(
        file_name=path.name,
        sha256=sha256,
        rows=len(table.rows),
        counties_created=created["counties"],
        districts_created=created["districts"],
        constituencies_created=created["constituencies"],
    )
