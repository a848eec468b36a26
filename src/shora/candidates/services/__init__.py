"""Writes of candidacies: each service one transaction with its history row and audit event."""

from shora.candidates.services.ballots import ballot_freeze, ballots_freeze_on_ready
from shora.candidates.services.calendar import (
    candidacy_schedule_update,
    village_households_record,
)
from shora.candidates.services.registration import (
    PersonDetails,
    Registration,
    candidacy_register,
)
from shora.candidates.services.review import (
    candidacies_lapse_appeals,
    candidacy_appeal,
    candidacy_decide,
    candidacy_move,
    candidacy_withdraw,
)

__all__ = [
    "PersonDetails",
    "Registration",
    "ballot_freeze",
    "ballots_freeze_on_ready",
    "candidacies_lapse_appeals",
    "candidacy_appeal",
    "candidacy_decide",
    "candidacy_move",
    "candidacy_register",
    "candidacy_schedule_update",
    "candidacy_withdraw",
    "village_households_record",
]
