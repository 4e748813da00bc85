from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jointly.accounts"
    label = "accounts"
    verbose_name = "People and access"
