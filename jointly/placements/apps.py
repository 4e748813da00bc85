from django.apps import AppConfig


class PlacementsConfig(AppConfig):
    name = "jointly.placements"
    label = "placements"
    verbose_name = "Individual placements and packages, frameworks and individual budgets"
