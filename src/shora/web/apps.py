from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "shora.web"
    label = "web"
    verbose_name = "Pages"
