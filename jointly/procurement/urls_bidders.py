from django.urls import path

from . import views_bidders

app_name = "bidders"

urlpatterns = [
    path("bidders/", views_bidders.home, name="home"),
    path("bidders/trusts/<slug:slug>/ratings/", views_bidders.trust_ratings, name="trust-ratings"),
    path("bidders/<slug:slug>/", views_bidders.organisation, name="organisation"),
    path("bidders/<slug:slug>/opportunities/<int:pk>/rate/", views_bidders.rate, name="rate"),
]
