"""Transparency notices for the commissioner (namespace "notices"), and the open OCDS feed."""

from django.urls import path

from . import views_notices
from .api import ocds

app_name = "notices"

urlpatterns = [
    path("procurement/<slug:slug>/notices/", views_notices.trust_notices, name="list"),
    path("procurement/<slug:slug>/opportunities/<int:pk>/notices/", views_notices.opportunity_notices, name="opportunity"),
    path("procurement/<slug:slug>/notices/<int:pk>/", views_notices.notice_detail, name="detail"),
    # Open data: no key, any web page may read it.
    path("api/ocds/releases", ocds.releases, name="ocds-releases"),
    path("api/ocds/releases/<path:ocid>", ocds.release, name="ocds-release"),
]
