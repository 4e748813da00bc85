from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("resources/regions/<slug:region_slug>/vcs-investment/", views.region_vcs_investment, name="region-vcs"),
    path("resources/<slug:slug>/", views.overview, name="overview"),
    path("resources/<slug:slug>/vcs-investment/", views.vcs_investment, name="vcs"),
    path("resources/<slug:slug>/reports/<slug:report_slug>/", views.report, name="report"),
    path("resources/<slug:slug>/budgets/", views.budget_list, name="budgets"),
    path("resources/<slug:slug>/budgets/add/", views.budget_add, name="budget-add"),
    path("resources/<slug:slug>/funding-streams/add/", views.funding_stream_add, name="funding-stream-add"),
    path("resources/<slug:slug>/funds/", views.fund_list, name="funds"),
    path("resources/<slug:slug>/funds/add/", views.fund_add, name="fund-add"),
    path("resources/<slug:slug>/funds/<int:pk>/contributions/add/", views.contribution_add, name="contribution-add"),
    path("resources/<slug:slug>/funds/<int:pk>/", views.fund_detail, name="fund"),
    path("resources/<slug:slug>/spend/", views.spend_list, name="spend"),
    path("resources/<slug:slug>/spend/add/", views.spend_add, name="spend-add"),
    path("resources/<slug:slug>/spend/upload/", views.spend_upload, name="spend-upload"),
]
