from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("partnerships/", views.region_list, name="region-list"),
    path("partnerships/regions/<slug:slug>/", views.region_detail, name="region-detail"),
    path("partnerships/trusts/<slug:slug>/", views.trust_detail, name="trust-detail"),
    path("partnerships/trusts/<slug:slug>/representation/", views.representation, name="representation"),
    path("partnerships/trusts/<slug:trust_slug>/bodies/<slug:body_slug>/", views.body_detail, name="body-detail"),
    path("partnerships/seats/<int:pk>/appoint/", views.seat_appoint, name="seat-appoint"),
    path("partnerships/seats/<int:pk>/end-term/", views.seat_vacate, name="seat-vacate"),
    path("partnerships/seats/<int:pk>/report-back/", views.report_back_create, name="report-back-create"),
    path("partnerships/papers/<int:pk>/", views.paper_detail, name="paper-detail"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/add/", views.organisation_create, name="organisation-create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("organisations/<slug:slug>/change/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<slug:slug>/people/", views.organisation_people, name="organisation-people"),
]
