from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("places/<str:code>/neighbours/", views.neighbours, name="neighbours"),
    path("places/<str:code>/neighbours/change/", views.neighbours_change, name="neighbours-change"),
]
