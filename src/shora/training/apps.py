from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "shora.training"
    label = "training"
    verbose_name = "Training: programmes, sessions, tests and certification"
