from django.apps import AppConfig


class StationConfig(AppConfig):
    name = "shora.station"
    label = "station"
    verbose_name = "Station process"
