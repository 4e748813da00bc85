from django.urls import path

from . import views

app_name = "mapping"

urlpatterns = [
    path("map/<slug:slug>/", views.service_map, name="map"),
    path("map/<slug:slug>/priorities/<int:pk>/", views.priority_map, name="priority"),
    path("map/<slug:slug>/priorities/<int:pk>/groups/", views.priority_groups, name="priority-groups"),
    path("map/<slug:slug>/services/add/", views.service_add, name="service-add"),
    path("map/<slug:slug>/services/<int:pk>/", views.service_detail, name="service"),
    path("map/<slug:slug>/services/<int:pk>/priorities/", views.service_priorities, name="service-priorities"),
    path("map/<slug:slug>/services/<int:pk>/remove/", views.service_remove, name="service-remove"),
    path("map/<slug:slug>/services/<int:pk>/judgements/add/", views.judgement_add, name="judgement-add"),
]
