"""The open 360Giving data of awarded grants (namespace "threesixty"): no key, any web page may read it."""

from django.urls import path

from . import views

app_name = "threesixty"

urlpatterns = [
    path("api/360giving/grants", views.threesixty_grants, name="grants"),
    path("api/360giving/grants.csv", views.threesixty_csv, name="grants-csv"),
]
