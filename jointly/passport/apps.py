from django.apps import AppConfig


class PassportConfig(AppConfig):
    name = "jointly.passport"
    label = "passport"
    verbose_name = "Supplier passport: an organisation's core information and policies, entered once"
