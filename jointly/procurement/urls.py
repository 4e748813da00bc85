from django.urls import path

from . import views_opportunities as staff
from . import views_public

app_name = "procurement"

urlpatterns = [
    # Open to everyone, no account (asking a question needs one).
    path("opportunities/", views_public.opportunities, name="public-opportunities"),
    path("opportunities/<slug:slug>/<int:pk>/", views_public.opportunity, name="public-opportunity"),
    path("opportunities/<slug:slug>/<int:pk>/ask/", views_public.ask, name="ask"),
    # Staff of the trust.
    path("procurement/<slug:slug>/opportunities/", staff.opportunity_list, name="opportunities"),
    path("procurement/<slug:slug>/policy/", staff.local_policy_edit, name="local-policy"),
    path("procurement/<slug:slug>/opportunities/create/", staff.opportunity_create, name="opportunity-create"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/", staff.opportunity_detail, name="opportunity-manage"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/edit/", staff.opportunity_edit, name="opportunity-edit"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/scale/", staff.scale_edit, name="scale-edit"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/conflicts/", staff.conflicts_record, name="conflicts"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/social-value/", staff.social_value_record, name="social-value"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/policy/", staff.policy_edit, name="policy"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/publish/", staff.opportunity_publish, name="opportunity-publish"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/extend/", staff.opportunity_extend, name="opportunity-extend"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/cancel/", staff.opportunity_cancel, name="opportunity-cancel"),
    path(
        "procurement/<slug:slug>/opportunities/<int:pk>/clarifications/<int:clarification_pk>/",
        staff.clarification_answer,
        name="clarification-answer",
    ),
    path("procurement/<slug:slug>/opportunities/<int:pk>/<str:part>/add/", staff.part_add, name="part-add"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/<str:part>/<int:part_pk>/remove/", staff.part_remove, name="part-remove"),
]
