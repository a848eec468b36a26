"""The register's part of the gate to "ready": every constituency has someone who may vote."""

from __future__ import annotations

from shora.elections.gates import GateProblem
from shora.elections.models import Election
from shora.registers.selectors import constituencies_without_eligible_voters
from shora_domain.digits import format_number, to_persian_digits

SHOWN = 50


def check_constituencies_have_eligible_voters(election: Election) -> list[GateProblem]:
    """A problem for each constituency (the first ``SHOWN``) without an eligible voter."""
    without = constituencies_without_eligible_voters(election)
    problems = [
        GateProblem(
            "constituency_without_voters",
            f"حوزهٔ «{constituency.name}» ({to_persian_digits(constituency.code)}) "
            "هیچ رأی‌دهندهٔ واجد شرایطی در فهرست ندارد.",
            f"Constituency {constituency.name_en or constituency.name} ({constituency.code}) "
            "has no eligible voter in the register.",
        )
        for constituency in without[:SHOWN]
    ]
    hidden = without.count() - SHOWN if len(problems) == SHOWN else 0
    if hidden > 0:
        problems.append(
            GateProblem(
                "constituency_without_voters",
                f"و {format_number(hidden)} حوزهٔ دیگر بدون رأی‌دهندهٔ واجد شرایط.",
                f"and {hidden} more constituencies without an eligible voter.",
            )
        )
    return problems
