"""What the results part adds to the election's gates: an election is tallied once every
constituency has its result."""

from __future__ import annotations

from shora.elections.gates import PHASE_CHECKS, GateProblem
from shora.elections.models import Election, Phase
from shora.results.selectors import constituencies_untallied
from shora_domain.digits import format_number, to_persian_digits

_NAMED = 20


def check_every_constituency_tallied(election: Election) -> list[GateProblem]:
    """One problem naming the constituencies not tallied yet (the first twenty)."""
    untallied = list(constituencies_untallied(election)[: _NAMED + 1])
    if not untallied:
        return []
    total = constituencies_untallied(election).count()
    named = untallied[:_NAMED]
    fa_names = "، ".join(f"{c.name} ({to_persian_digits(c.code)})" for c in named)
    en_names = ", ".join(f"{c.name_en or c.name} ({c.code})" for c in named)
    more_fa = f" و {format_number(total - _NAMED)} حوزهٔ دیگر" if total > _NAMED else ""
    more_en = f" and {total - _NAMED} more" if total > _NAMED else ""
    return [
        GateProblem(
            "no_tally",
            f"آرای {format_number(total)} حوزه هنوز شمرده نشده است: {fa_names}{more_fa}.",
            f"{total} constituencies have not been tallied yet: {en_names}{more_en}.",
        )
    ]


def register() -> None:
    if check_every_constituency_tallied not in PHASE_CHECKS[Phase.TALLIED]:
        PHASE_CHECKS[Phase.TALLIED].append(check_every_constituency_tallied)
