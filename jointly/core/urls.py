from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("api/", views.api_docs, name="api-docs"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job-detail"),
]
