from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "shora.readiness"
    label = "readiness"
    verbose_name = "Readiness: the infrastructure checklist"

    def ready(self) -> None:
        from shora.elections.gates import PHASE_CHECKS
        from shora.elections.models import Phase
        from shora.readiness.gates import check_counties_submitted

        if check_counties_submitted not in PHASE_CHECKS[Phase.READY]:
            PHASE_CHECKS[Phase.READY].append(check_counties_submitted)
