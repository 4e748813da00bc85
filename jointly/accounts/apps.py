from django.apps import AppConfig

from jointly.core.registry import SIGNED_IN, SIGNED_OUT, NavItem, Stage


class AccountsConfig(AppConfig):
    name = "jointly.accounts"
    label = "accounts"
    verbose_name = "People and access"

    navigation = (
        NavItem("People", "accounts:user-list", order=80, stage=Stage.SERVICE, shown_to="user.manage"),
        NavItem("Your account", "accounts:account", order=90, stage=Stage.SERVICE, shown_to=SIGNED_IN),
        NavItem("Sign out", "accounts:sign-out", order=100, stage=Stage.SERVICE, shown_to=SIGNED_IN),
        NavItem("Sign in", "accounts:sign-in", order=100, stage=Stage.SERVICE, shown_to=SIGNED_OUT),
    )
    url_modules = ("jointly.accounts.urls",)

    def ready(self):
        # Every app's object rules and disclosure rules (`<app>/rules.py`) join the catalogue here,
        # after all models are loaded; a permission or model given two rules stops the start.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("rules")
