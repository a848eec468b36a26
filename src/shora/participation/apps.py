from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "shora.participation"
    label = "participation"
    verbose_name = "Participation"

    def ready(self) -> None:
        from shora.elections.gates import PHASE_ENTRY_ACTIONS
        from shora.participation.snapshots import snapshot_on_phase

        # Women's presence as each phase begins: the shares "over time through the phases".
        for actions in PHASE_ENTRY_ACTIONS.values():
            actions.append(snapshot_on_phase)
