from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jointly.accounts"
    label = "accounts"
    verbose_name = "People and access"

    def ready(self):
        # Every app's object rules and disclosure rules (`<app>/rules.py`) join the catalogue here,
        # after all models are loaded; a permission or model given two rules stops the start.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("rules")
