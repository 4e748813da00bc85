from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "jointly.places"
    label = "places"
    verbose_name = "Places"

    url_modules = ("jointly.places.urls",)
