from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "shora.participation"
    label = "participation"
    verbose_name = "Participation"
