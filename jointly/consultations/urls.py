from django.urls import path

from . import views_public, views_results, views_staff

app_name = "consultations"

urlpatterns = [
    # Public: no account needed.
    path("consult/", views_public.consultation_index, name="index"),
    path("consult/<slug:slug>/", views_public.respond, name="respond"),
    path("consult/<slug:slug>/sent/", views_public.sent, name="sent"),
    path("consult/<slug:slug>/you-said-we-did/", views_public.you_said_we_did, name="you-said-we-did"),
    # Staff.
    path("consultations/", views_staff.consultation_list, name="list"),
    path("consultations/new/", views_staff.consultation_create, name="create"),
    path("consultations/<slug:slug>/", views_staff.consultation_detail, name="detail"),
    path("consultations/<slug:slug>/change/", views_staff.consultation_edit, name="edit"),
    path("consultations/<slug:slug>/questions/add/", views_staff.question_edit, name="question-add"),
    path("consultations/<slug:slug>/questions/<int:pk>/change/", views_staff.question_edit, name="question-edit"),
    path("consultations/<slug:slug>/questions/<int:pk>/remove/", views_staff.question_delete, name="question-delete"),
    path("consultations/<slug:slug>/questions/<int:pk>/move/", views_staff.question_move, name="question-move"),
    path("consultations/<slug:slug>/questions/<int:pk>/themes/", views_results.coding, name="coding"),
    path("consultations/<slug:slug>/open/", views_staff.consultation_transition, {"action": "open"}, name="open"),
    path("consultations/<slug:slug>/close/", views_staff.consultation_transition, {"action": "close"}, name="close"),
    path("consultations/<slug:slug>/publish/", views_staff.consultation_transition, {"action": "publish"}, name="publish"),
    path("consultations/<slug:slug>/responses/add/", views_staff.response_add, name="response-add"),
    path("consultations/<slug:slug>/results/", views_results.results, name="results"),
    path("consultations/<slug:slug>/you-said-we-did/", views_results.you_said_we_did_manage, name="ysdw-manage"),
    path("consultations/<slug:slug>/you-said-we-did/<int:pk>/change/", views_results.you_said_we_did_edit, name="ysdw-edit"),
    path("consultations/<slug:slug>/you-said-we-did/<int:pk>/publish/", views_results.you_said_we_did_publish, name="ysdw-publish"),
]
