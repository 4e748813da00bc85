"""Decommissioning pages (namespace "decommissioning")."""

from django.urls import path

from . import views

app_name = "decommissioning"

urlpatterns = [
    path("decommissioning/trusts/<slug:slug>/", views.trust_list, name="list"),
    path("decommissioning/contracts/<int:pk>/start/", views.start, name="start"),
    path("decommissioning/<int:pk>/", views.detail, name="detail"),
    path("decommissioning/<int:pk>/case/", views.case_step, name="case"),
    path("decommissioning/<int:pk>/impact/", views.impact_step, name="impact"),
    path("decommissioning/<int:pk>/staff/", views.staff_step, name="staff"),
    path("decommissioning/<int:pk>/exit-plan/", views.exit_plan, name="exit-plan"),
    path("decommissioning/<int:pk>/submit/", views.submit, name="submit"),
    path("decommissioning/<int:pk>/sign-off/", views.sign_off, name="sign-off"),
    path("decommissioning/<int:pk>/notice/", views.notice, name="notice"),
    path("decommissioning/<int:pk>/complete/", views.complete, name="complete"),
    path("decommissioning/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("decommissioning/yours/", views.mine, name="mine"),
]
