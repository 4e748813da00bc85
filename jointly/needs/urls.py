from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("needs/indicators/", views.indicator_list, name="indicator-list"),
    path("needs/indicators/<int:pk>/edit/", views.indicator_edit, name="indicator-edit"),
    path("needs/imports/", views.import_list, name="import-list"),
    path("needs/imports/upload/", views.import_upload, name="import-upload"),
    path("needs/imports/<int:pk>/", views.import_detail, name="import-detail"),
]
