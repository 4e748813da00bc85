from django.urls import include, path, re_path

from jointly.api.urls import api, api_not_found
from jointly.core.registry import registry

# Each app registers its URL modules (jointly/core/registry.py), included in INSTALLED_APPS order.
urlpatterns = [path("", include(module)) for module in registry().url_modules] + [
    path("api/v1/", api.urls),
    # Anything else under the API is a JSON problem body, not an HTML page.
    re_path(r"^api/v1/", api_not_found),
]

handler403 = "jointly.core.views.error_403"
handler404 = "jointly.core.views.error_404"
handler500 = "jointly.core.views.error_500"
