from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "shora.registers"
    label = "registers"
    verbose_name = "The voter register"

    def ready(self) -> None:
        from shora.elections.gates import PHASE_CHECKS
        from shora.elections.models import Phase
        from shora.registers.gates import check_constituencies_have_eligible_voters

        if check_constituencies_have_eligible_voters not in PHASE_CHECKS[Phase.READY]:
            PHASE_CHECKS[Phase.READY].append(check_constituencies_have_eligible_voters)
