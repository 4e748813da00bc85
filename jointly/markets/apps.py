from django.apps import AppConfig


class MarketsConfig(AppConfig):
    name = "jointly.markets"
    label = "markets"
    verbose_name = "Market analysis: providers by sector and size, concentration, entries, exits and dependencies"
