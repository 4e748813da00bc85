from django.urls import path

from . import views_budgets, views_provider, views_requests, views_staff

app_name = "placements"

urlpatterns = [
    # The trust's commissioners (PLACEMENTS_MANAGE on the trust).
    path("placements/trust/<slug:slug>/", views_staff.trust_home, name="trust"),
    path("placements/trust/<slug:slug>/frameworks/add/", views_staff.framework_add, name="framework-add"),
    path("placements/trust/<slug:slug>/frameworks/<int:pk>/", views_staff.framework_detail, name="framework"),
    path("placements/trust/<slug:slug>/frameworks/<int:pk>/providers/add/", views_staff.framework_provider_add, name="framework-provider-add"),
    path("placements/trust/<slug:slug>/frameworks/<int:pk>/trusts/add/", views_staff.framework_trust_add, name="framework-trust-add"),
    path("placements/trust/<slug:slug>/assessment/", views_staff.assessment_record, name="assessment"),
    path("placements/trust/<slug:slug>/requests/add/", views_staff.request_add, name="request-add"),
    path("placements/trust/<slug:slug>/budgets/add/", views_staff.budget_add, name="budget-add"),
    # A request: the trust's commissioners, or the lead professional holding its budget.
    path("placements/requests/<int:pk>/", views_requests.request_detail, name="request"),
    path("placements/requests/<int:pk>/personal-details/", views_requests.child_details, name="child-details"),
    path("placements/requests/<int:pk>/edit/", views_requests.request_edit, name="request-edit"),
    path("placements/requests/<int:pk>/send/", views_requests.request_send, name="request-send"),
    path("placements/requests/<int:pk>/choose/", views_requests.request_choose, name="request-choose"),
    path("placements/requests/<int:pk>/end/", views_requests.request_end, name="request-end"),
    path("placements/requests/<int:pk>/cancel/", views_requests.request_cancel, name="request-cancel"),
    # Individual budgets.
    path("placements/budgets/", views_budgets.my_budgets, name="my-budgets"),
    path("placements/budgets/<int:pk>/", views_budgets.budget_detail, name="budget"),
    path("placements/budgets/<int:pk>/revise/", views_budgets.budget_revise, name="budget-revise"),
    path("placements/budgets/<int:pk>/record/", views_budgets.budget_line_add, name="budget-line-add"),
    path("placements/budgets/<int:pk>/requests/add/", views_budgets.budget_request_add, name="budget-request-add"),
    # Providers: requests sent to their organisation.
    path("placements/offers/", views_provider.provider_requests, name="provider-requests"),
    path("placements/offers/requests/<int:pk>/", views_provider.provider_request, name="provider-request"),
    path("placements/offers/requests/<int:pk>/offer/", views_provider.offer, name="offer"),
    path("placements/offers/requests/<int:pk>/offer/withdraw/", views_provider.offer_withdraw, name="offer-withdraw"),
]
