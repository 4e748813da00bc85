"""The open OCDS feed (namespace "ocds"): no key, any web page may read it."""

from django.urls import path

from .api import ocds

app_name = "ocds"

urlpatterns = [
    path("api/ocds/releases", ocds.releases, name="releases"),
    path("api/ocds/releases/<path:ocid>", ocds.release, name="release"),
]
