from django.urls import path

from . import views, views_manage

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
    # Managing a trust (views_manage). Adding a body is "add-body", not "bodies/add/", which body-detail would catch.
    path("partnerships/trusts/<slug:slug>/add-body/", views_manage.body_create, name="body-create"),
    path("partnerships/trusts/<slug:slug>/add-partner/", views_manage.trust_partner_add, name="trust-partner-add"),
    path("partnerships/trusts/<slug:trust_slug>/bodies/<slug:body_slug>/change/", views_manage.body_edit, name="body-edit"),
    path("partnerships/trusts/<slug:trust_slug>/bodies/<slug:body_slug>/add-seat/", views_manage.seat_create, name="seat-create"),
    path("partnerships/trusts/<slug:trust_slug>/bodies/<slug:body_slug>/papers/", views_manage.paper_list, name="paper-list"),
    path("partnerships/trusts/<slug:trust_slug>/bodies/<slug:body_slug>/papers/add/", views_manage.paper_create, name="paper-create"),
    path("partnerships/seats/<int:pk>/change/", views_manage.seat_edit, name="seat-edit"),
]
