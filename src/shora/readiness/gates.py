"""The checklist's part of the gate to "ready": every county with stations has submitted its
checklist to the provincial HQ, and none stands returned."""

from __future__ import annotations

from shora.elections.gates import GateProblem
from shora.elections.models import Election
from shora.readiness.selectors.submissions import counties_owing_submission
from shora_domain.digits import format_number

#: Counties listed one by one before the rest are counted ("and N more").
LISTED = 50


def check_counties_submitted(election: Election) -> list[GateProblem]:
    problems = []
    owing = counties_owing_submission(election)
    for county, submission in owing[:LISTED]:
        name_en = county.name_en or county.name
        if submission is None:
            problems.append(
                GateProblem(
                    "readiness_not_submitted",
                    f"شهرستان {county.name} چک‌لیست آمادگی را به ستاد استان نفرستاده است.",
                    f"{name_en} has not submitted its readiness checklist to the HQ.",
                )
            )
        else:
            problems.append(
                GateProblem(
                    "readiness_returned",
                    f"چک‌لیست آمادگی شهرستان {county.name} بازگردانده شده و دوباره فرستاده "
                    "نشده است.",
                    f"{name_en}'s readiness checklist was returned and not submitted again.",
                )
            )
    rest = len(owing) - LISTED
    if rest > 0:
        problems.append(
            GateProblem(
                "readiness_not_submitted",
                f"و {format_number(rest)} شهرستان دیگر.",
                f"and {rest} more counties.",
            )
        )
    return problems
