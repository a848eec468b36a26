from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "shora.results"
    label = "results"
    verbose_name = "Results"

    def ready(self) -> None:
        from shora.results.gates import register
        from shora.results.services.certification import register as register_certification

        register()
        register_certification()
