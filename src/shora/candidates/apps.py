from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "shora.candidates"
    label = "candidates"
    verbose_name = "Candidates and the qualification review"

    def ready(self) -> None:
        from shora.candidates.gates import (
            check_candidacies_decided,
            check_constituencies_have_candidates,
        )
        from shora.candidates.services.ballots import ballots_freeze_on_ready
        from shora.elections.gates import PHASE_CHECKS, PHASE_ENTRY_ACTIONS
        from shora.elections.models import Phase

        PHASE_CHECKS[Phase.READY] += [
            check_candidacies_decided,
            check_constituencies_have_candidates,
        ]
        PHASE_ENTRY_ACTIONS[Phase.READY].append(ballots_freeze_on_ready)
