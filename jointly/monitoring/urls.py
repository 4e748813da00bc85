from django.urls import path

from . import views, views_staff

app_name = "monitoring"

urlpatterns = [
    # A provider's own.
    path("monitoring/returns/", views.my_returns, name="my-returns"),
    path("monitoring/returns/<int:pk>/", views.return_page, name="return"),
    path("monitoring/returns/<int:pk>/rate/<slug:slug>/", views.rate, name="rate"),
    # The trust's.
    path("monitoring/<slug:slug>/returns/", views_staff.trust_returns, name="trust-returns"),
    path("monitoring/<slug:slug>/returns/<int:pk>/", views_staff.review, name="review"),
    path("monitoring/<slug:slug>/returns/<int:pk>/accept/", views_staff.accept, name="accept"),
    path("monitoring/<slug:slug>/returns/<int:pk>/send-back/", views_staff.send_back, name="send-back"),
    path("monitoring/<slug:slug>/ratings/", views_staff.ratings, name="ratings"),
    path("monitoring/<slug:slug>/standard-returns/", views_staff.template_list, name="templates"),
    path("monitoring/<slug:slug>/standard-returns/add/", views_staff.template_add, name="template-add"),
    path("monitoring/<slug:slug>/standard-returns/<int:pk>/", views_staff.template_detail, name="template"),
]
