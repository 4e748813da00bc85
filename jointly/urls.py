from django.urls import include, path, re_path

from jointly.api.urls import api, api_not_found

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
    path("", include("jointly.mapping.urls")),
    path("", include("jointly.markets.urls")),
    path("", include("jointly.capacity.urls")),
    path("", include("jointly.plans.urls")),
    path("api/v1/", api.urls),
    # Anything else under the API is a JSON problem body, not an HTML page.
    re_path(r"^api/v1/", api_not_found),
]

handler403 = "jointly.core.views.error_403"
handler404 = "jointly.core.views.error_404"
handler500 = "jointly.core.views.error_500"
