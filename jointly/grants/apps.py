from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "jointly.grants"
    label = "grants"
    verbose_name = "Grants: programmes, short applications, panels, decisions and agreements"
