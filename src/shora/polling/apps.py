from django.apps import AppConfig


class PollingConfig(AppConfig):
    name = "shora.polling"
    label = "polling"
    verbose_name = "Polling"

    def ready(self) -> None:
        from shora.polling.gates import register

        register()
