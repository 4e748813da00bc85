"""Reviews pages (namespace "reviews")."""

from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("reviews/trusts/<slug:slug>/", views.trust_reviews, name="list"),
    path("reviews/contracts/<int:pk>/", views.contract_reviews, name="contract"),
    path("reviews/contracts/<int:pk>/plans/new/", views.plan_create, name="plan-create"),
    path("reviews/<int:pk>/", views.review_detail, name="detail"),
    path("reviews/<int:pk>/record/", views.review_record, name="record"),
    path("reviews/<int:pk>/cancel/", views.review_cancel, name="cancel"),
    path("reviews/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("reviews/yours/", views.mine, name="mine"),
    path("reviews/priorities/<int:pk>/", views.thread, name="thread"),
]
