from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "shora.accounts"
    label = "accounts"
    verbose_name = "Accounts"
