from django.urls import path

from . import views_assessments, views_evidence, views_priorities, views_report_cards

app_name = "assessment"

urlpatterns = [
    # Public: a published needs assessment is a published document.
    path("needs-assessments/", views_assessments.published_list, name="published-list"),
    path("needs-assessments/<int:pk>/", views_assessments.published_detail, name="published"),
    path("needs-assessments/<int:pk>/pdf/", views_assessments.published_pdf, name="published-pdf"),
    # Staff.
    path("assessment/", views_assessments.home, name="home"),
    path("assessment/new/", views_assessments.assessment_create, name="assessment-create"),
    path("assessment/versions/<int:pk>/", views_assessments.assessment_detail, name="assessment-detail"),
    path("assessment/versions/<int:pk>/publish/", views_assessments.assessment_publish, name="assessment-publish"),
    path("assessment/versions/<int:pk>/new-draft/", views_assessments.assessment_new_draft, name="assessment-new-draft"),
    path("assessment/evidence/", views_evidence.evidence_list, name="evidence-list"),
    path("assessment/evidence/new/", views_evidence.evidence_submit_view, name="evidence-submit"),
    path("assessment/evidence/<int:pk>/", views_evidence.evidence_detail, name="evidence-detail"),
    path("assessment/priorities/", views_priorities.priority_list, name="priority-list"),
    path("assessment/priorities/new/", views_priorities.priority_create, name="priority-create"),
    path("assessment/priorities/<int:pk>/", views_priorities.priority_detail, name="priority-detail"),
    path("assessment/priorities/<int:pk>/change/", views_priorities.priority_edit, name="priority-edit"),
    path("assessment/priorities/<int:pk>/approve/", views_priorities.priority_approve, name="priority-approve"),
    path("assessment/priorities/<int:pk>/targets/add/", views_priorities.target_add, name="target-add"),
    path("assessment/priorities/<int:pk>/propose/", views_priorities.priority_move, {"action": "propose"}, name="priority-propose"),
    path("assessment/priorities/<int:pk>/withdraw/", views_priorities.priority_move, {"action": "withdraw"}, name="priority-withdraw"),
    path("assessment/priorities/<int:pk>/retire/", views_priorities.priority_move, {"action": "retire"}, name="priority-retire"),
    path("assessment/priorities/<int:priority_pk>/report-card/", views_report_cards.report_card_start, name="report-card-start"),
    path("assessment/report-cards/<int:pk>/", views_report_cards.report_card_detail, name="report-card-detail"),
    path("assessment/report-cards/<int:pk>/change/", views_report_cards.report_card_edit, name="report-card-edit"),
    path("assessment/report-cards/<int:pk>/actions/add/", views_report_cards.action_add, name="action-add"),
    path("assessment/report-cards/<int:pk>/partners/add/", views_report_cards.partner_add, name="partner-add"),
    path("assessment/report-cards/<int:pk>/measures/add/", views_report_cards.measure_add, name="measure-add"),
    path("assessment/report-cards/<int:pk>/actions/<int:action_pk>/status/", views_report_cards.action_status, name="action-status"),
]
