from django.apps import AppConfig


class DrillsConfig(AppConfig):
    name = "shora.drills"
    label = "drills"
    verbose_name = "Drills"
