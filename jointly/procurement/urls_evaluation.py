from django.urls import path

from . import views_award, views_evaluation

app_name = "evaluation"

_base = "procurement/opportunities/<int:pk>/"

urlpatterns = [
    path(_base + "evaluation/", views_evaluation.summary, name="summary"),
    path(_base + "evaluation/panel/", views_evaluation.panel, name="panel"),
    path(_base + "evaluation/panel/<int:member_pk>/end/", views_evaluation.panel_end, name="panel-end"),
    path(_base + "evaluation/panel/<int:member_pk>/moderator/", views_evaluation.panel_moderator, name="panel-moderator"),
    path(_base + "evaluation/declarations/", views_evaluation.declarations, name="declarations"),
    path(_base + "evaluation/declarations/conflict/<int:bid_pk>/", views_evaluation.declare_conflict, name="declare-conflict"),
    path(_base + "evaluation/scoring/", views_evaluation.scoring, name="scoring"),
    path(_base + "evaluation/scoring/submit/", views_evaluation.scoring_submit, name="scoring-submit"),
    path(_base + "evaluation/scoring/<int:bid_pk>/", views_evaluation.score_bid, name="score-bid"),
    path(_base + "evaluation/moderation/", views_evaluation.moderation, name="moderation"),
    path(_base + "evaluation/moderation/<int:bid_pk>/", views_evaluation.moderate_bid, name="moderate-bid"),
    path(_base + "evaluation/service-users/add/", views_evaluation.activity_add, name="activity-add"),
    path(_base + "award/", views_award.award, name="award"),
    path(_base + "award/decide/", views_award.award_decide, name="award-decide"),
    path(_base + "award/summaries/send/", views_award.summaries_send, name="summaries-send"),
    path(_base + "award/notice/publish/", views_award.notice_publish, name="notice-publish"),
    path("procurement/assessment-summaries/", views_award.my_summaries, name="my-summaries"),
    path("procurement/assessment-summaries/<int:summary_pk>/", views_award.assessment_summary, name="assessment-summary"),
]
