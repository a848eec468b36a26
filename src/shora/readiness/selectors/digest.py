"""The daily digest: per organisation and per county, what is overdue and what is due soon.

It is composed as plain JSON-ready data, printed by ``shora readiness digest`` and kept
(``DigestRun``) so the dashboard shows the latest one as it was composed.
"""

from __future__ import annotations

from typing import Any

from shora.elections.models import Election
from shora.readiness.models import DigestRun
from shora.readiness.selectors.deficiencies import (
    DeficiencyRow,
    deficiencies_of,
    deficiency_rows,
    owed_by_county,
    owed_by_organisation,
)
from shora_domain.readiness_deadlines import ReferenceDay

#: Items listed under each organisation; the rest are counted.
ITEMS_LISTED = 10


def _item(row: DeficiencyRow) -> dict[str, Any]:
    deficiency = row.deficiency
    station = deficiency.station
    return {
        "deficiency": deficiency.pk,
        "station_code": station.code,
        "station": station.name,
        "county": station.district.county.name,
        "county_en": station.district.county.name_en,
        "item": deficiency.item.text,
        "item_en": deficiency.item.text_en,
        "severity": deficiency.severity,
        "due_on": deficiency.due_on.isoformat() if deficiency.due_on else None,
        "days_overdue": row.days_overdue,
        "overdue": row.is_overdue,
        "person": deficiency.responsible_person,
    }


def digest_compose(election: Election, reference: ReferenceDay, soon_days: int) -> dict[str, Any]:
    rows = deficiency_rows(deficiencies_of(election), on=reference.day, soon_days=soon_days)
    urgent = [row for row in rows if row.is_overdue or row.is_due_soon]
    organisations = []
    for owed in owed_by_organisation(urgent):
        organisation = owed.organisation
        organisations.append(
            {
                "organisation": organisation.pk if organisation else None,
                "name": organisation.name if organisation else "",
                "kind": organisation.kind if organisation else "",
                "county": organisation.county.name if organisation and organisation.county else "",
                "contact_person": organisation.contact_person if organisation else "",
                "phone": organisation.phone if organisation else "",
                "overdue": owed.overdue,
                "due_soon": owed.due_soon,
                "days_overdue_most": owed.days_overdue_most,
                "items": [_item(row) for row in owed.rows[:ITEMS_LISTED]],
                "more": max(0, len(owed.rows) - ITEMS_LISTED),
            }
        )
    counties = [
        {
            "county": entry.county.pk,
            "code": entry.county.code,
            "name": entry.county.name,
            "name_en": entry.county.name_en,
            "overdue": entry.overdue,
            "due_soon": entry.due_soon,
            "blocking": entry.blocking,
        }
        for entry in owed_by_county(urgent)
    ]
    return {
        "election": election.pk,
        "reference_day": reference.day.isoformat(),
        "polling_date": reference.polling_date.isoformat(),
        "is_history": reference.is_history,
        "days_to_polling": reference.days_to_polling,
        "soon_days": soon_days,
        "open": len(rows),
        "overdue": sum(row.is_overdue for row in rows),
        "due_soon": sum(row.is_due_soon for row in rows),
        "organisations": organisations,
        "counties": counties,
    }


def digest_latest(election: Election) -> DigestRun | None:
    return DigestRun.objects.filter(election=election).order_by("-created_at", "-pk").first()
