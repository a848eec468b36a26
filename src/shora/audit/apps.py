from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shora.audit"
    label = "audit"
    verbose_name = "Audit log"
