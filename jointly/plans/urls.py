from django.urls import path

from . import views, views_appraisals, views_public

app_name = "plans"

urlpatterns = [
    # Open to everyone, no account.
    path("plans/", views_public.forward_plans, name="forward-plans"),
    path("plans/regions/<slug:region_slug>/forward-plan/", views_public.region_plan, name="region-forward-plan"),
    path("plans/regions/<slug:region_slug>/forward-plan.csv", views_public.region_plan_csv, name="region-forward-plan-csv"),
    path("plans/subscriptions/<str:token>/confirm/", views_public.subscribe_confirm, name="subscribe-confirm"),
    path("plans/subscriptions/<str:token>/unsubscribe/", views_public.unsubscribe, name="unsubscribe"),
    path("plans/<slug:slug>/forward-plan/", views_public.forward_plan, name="forward-plan"),
    path("plans/<slug:slug>/forward-plan.csv", views_public.forward_plan_csv, name="forward-plan-csv"),
    path("plans/<slug:slug>/forward-plan.atom", views_public.ForwardPlanFeed(), name="forward-plan-atom"),
    path("plans/<slug:slug>/forward-plan/subscribe/", views_public.subscribe, name="subscribe"),
    path("plans/<slug:slug>/forward-plan/<int:pk>/", views_public.intention_public, name="intention"),
    # Staff of the trust.
    path("plans/<slug:slug>/intentions/", views.intention_list, name="intentions"),
    path("plans/<slug:slug>/intentions/add/", views.intention_add, name="intention-add"),
    path("plans/<slug:slug>/intentions/<int:pk>/", views.intention_detail, name="intention-manage"),
    path("plans/<slug:slug>/intentions/<int:pk>/edit/", views.intention_edit, name="intention-edit"),
    path("plans/<slug:slug>/intentions/<int:pk>/publish/", views.intention_publish, name="intention-publish"),
    path("plans/<slug:slug>/intentions/<int:pk>/withdraw/", views.intention_withdraw, name="intention-withdraw"),
    path("plans/<slug:slug>/make-or-buy/", views_appraisals.appraisal_list, name="appraisals"),
    path("plans/<slug:slug>/make-or-buy/add/", views_appraisals.appraisal_add, name="appraisal-add"),
    path("plans/<slug:slug>/make-or-buy/<int:pk>/", views_appraisals.appraisal_detail, name="appraisal"),
    path("plans/<slug:slug>/make-or-buy/<int:pk>/options/add/", views_appraisals.option_add, name="option-add"),
    path("plans/<slug:slug>/make-or-buy/<int:pk>/decide/", views_appraisals.appraisal_decide, name="appraisal-decide"),
]
