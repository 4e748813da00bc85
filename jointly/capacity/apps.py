from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "jointly.capacity"
    label = "capacity"
    verbose_name = "Market development: support needs, capacity-building offers and events, finding partners"
