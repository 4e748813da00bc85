from django.http import HttpResponse
from django.urls import path

app_name = "registry_example"

urlpatterns = [
    path("registry-example/", lambda request: HttpResponse("Procurement home"), name="home"),
    path("registry-example/<slug:slug>/", lambda request, slug: HttpResponse(f"Procurement for {slug}"), name="trust"),
]
