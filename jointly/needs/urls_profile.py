from django.urls import path

from . import views_profile

app_name = "needs_profile"

urlpatterns = [
    path("needs/trusts/<slug:slug>/profile/", views_profile.profile, name="profile"),
    path("needs/trusts/<slug:slug>/profile.csv", views_profile.profile_csv, name="profile-csv"),
    path("needs/trusts/<slug:slug>/profile.xlsx", views_profile.profile_xlsx, name="profile-xlsx"),
    path("needs/trusts/<slug:slug>/indicators/<int:pk>/", views_profile.indicator, name="indicator"),
]
