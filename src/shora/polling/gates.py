"""What polling adds to the election's gates: no polling without the election's key."""

from __future__ import annotations

from shora.elections.gates import PHASE_CHECKS, GateProblem
from shora.elections.models import Election, Phase
from shora.polling.selectors import election_key_of


def check_election_key(election: Election) -> list[GateProblem]:
    if election_key_of(election) is not None:
        return []
    return [
        GateProblem(
            "no_election_key",
            "کلید انتخابات در مراسم کلید ساخته نشده است؛ بدون آن رأیی رمز نمی‌شود.",
            "The election's key has not been made at a key ceremony; no ballot can be "
            "encrypted without it.",
        )
    ]


def register() -> None:
    if check_election_key not in PHASE_CHECKS[Phase.POLLING]:
        PHASE_CHECKS[Phase.POLLING].append(check_election_key)
