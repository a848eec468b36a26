from django.apps import AppConfig


class BoardsConfig(AppConfig):
    name = "shora.boards"
    label = "boards"
    verbose_name = "Staff and boards"

    def ready(self) -> None:
        from shora.boards.gates import check_boards_complete, check_station_rosters
        from shora.elections.gates import PHASE_CHECKS
        from shora.elections.models import Phase

        for check in (check_boards_complete, check_station_rosters):
            if check not in PHASE_CHECKS[Phase.READY]:
                PHASE_CHECKS[Phase.READY].append(check)
