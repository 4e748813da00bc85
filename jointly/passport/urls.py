from django.urls import path

from . import views

app_name = "passport"

urlpatterns = [
    path("passport/", views.home, name="home"),
    path("passport/<slug:slug>/", views.detail, name="detail"),
    path("passport/<slug:slug>/core/", views.core, name="core"),
    path("passport/<slug:slug>/items/<str:key>/", views.item, name="item"),
    path("passport/<slug:slug>/items/<str:key>/document/", views.document, name="document"),
    path("passport/<slug:slug>/items/<str:key>/score/", views.check, name="check"),
]
