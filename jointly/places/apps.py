from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "jointly.places"
    label = "places"
    verbose_name = "Places"
