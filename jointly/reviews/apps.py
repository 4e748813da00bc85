from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "jointly.reviews"
    label = "reviews"
    verbose_name = "Reviews: contracts reviewed against outcomes and need, improvement plans, what next"
