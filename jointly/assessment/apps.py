from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    """The integrated needs assessment: the evidence, report cards, the published assessment and the priorities it sets."""

    name = "jointly.assessment"
    label = "assessment"
    verbose_name = "Needs assessment and priorities"
