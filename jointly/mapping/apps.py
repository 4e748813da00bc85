from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "jointly.mapping"
    label = "mapping"
    verbose_name = "Mapping services against need: the service map, gaps, overlaps and efficacy"
