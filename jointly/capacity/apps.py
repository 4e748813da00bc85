from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "jointly.capacity"
    label = "capacity"
    verbose_name = "Market development: support needs, capacity-building offers and events, finding partners"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the booking deadline and erasure jobs with the scheduler)
