from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "shora.elections"
    label = "elections"
    verbose_name = "Geography and elections"
