"""Transparency notices for the commissioner (namespace "notices")."""

from django.urls import path

from . import views_notices

app_name = "notices"

urlpatterns = [
    path("procurement/<slug:slug>/notices/", views_notices.trust_notices, name="list"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/notices/", views_notices.opportunity_notices, name="opportunity"),
    path("procurement/<slug:slug>/notices/<int:pk>/", views_notices.notice_detail, name="detail"),
]
