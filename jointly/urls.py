from django.urls import include, path

from jointly.api.urls import api

urlpatterns = [
    path("", include("jointly.core.urls")),
    path("", include("jointly.accounts.urls")),
    path("", include("jointly.partnerships.urls")),
    path("", include("jointly.places.urls")),
    path("", include("jointly.needs.urls")),
    path("", include("jointly.consultations.urls")),
    path("", include("jointly.assessment.urls")),
    path("", include("jointly.audit.urls")),
    path("", include("jointly.needs.urls_profile")),
    path("", include("jointly.providers.urls")),
    path("", include("jointly.resources.urls")),
    path("", include("jointly.plans.urls")),
    path("api/v1/", api.urls),
]

handler403 = "jointly.core.views.error_403"
handler404 = "jointly.core.views.error_404"
handler500 = "jointly.core.views.error_500"
