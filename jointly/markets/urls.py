from django.urls import path

from . import views

app_name = "markets"

urlpatterns = [
    path("markets/regions/<slug:region_slug>/", views.region, name="region"),
    path("markets/<slug:slug>/", views.overview, name="overview"),
    path("markets/<slug:slug>/categories/<slug:category_slug>/", views.category, name="category"),
]
