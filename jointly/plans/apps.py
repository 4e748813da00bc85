from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "jointly.plans"
    label = "plans"
    verbose_name = "Planning the pattern of services: commissioning intentions, the forward plan, make-or-buy decisions"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the forward-plan digest with the scheduler)
