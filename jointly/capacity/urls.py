from django.urls import path

from . import views, views_org, views_public

app_name = "capacity"

urlpatterns = [
    # Open to everyone, no account.
    path("capacity/offers/", views_public.offer_list, name="offers"),
    path("capacity/offers/<int:pk>/", views_public.offer_detail, name="offer"),
    path("capacity/events/<int:pk>/book/", views_public.book, name="book"),
    path("capacity/bookings/<str:token>/", views_public.booking, name="booking"),
    path("capacity/offers/<int:pk>/interest/", views_public.interest, name="interest-register"),
    path("capacity/interest/<str:token>/", views_public.interest_link, name="interest-link"),
    # Signed in: an organisation's own pages, and finding partners.
    path("capacity/", views_org.home, name="home"),
    path("capacity/partners/", views_org.partners, name="partners"),
    path("capacity/organisations/<slug:slug>/support-needs/", views_org.support_needs, name="support-needs"),
    path("capacity/organisations/<slug:slug>/find-partners/", views_org.listing_edit, name="listing"),
    path("capacity/organisations/<slug:slug>/find-partners/opt-out/", views_org.listing_opt_out, name="listing-opt-out"),
    # Staff of the trust.
    path("capacity/<slug:slug>/support-needs/", views.support_summary, name="support-summary"),
    path("capacity/<slug:slug>/offers/", views.manage, name="manage"),
    path("capacity/<slug:slug>/offers/add/", views.offer_add, name="offer-add"),
    path("capacity/<slug:slug>/offers/<int:pk>/", views.offer_manage, name="offer-manage"),
    path("capacity/<slug:slug>/offers/<int:pk>/edit/", views.offer_edit, name="offer-edit"),
    path("capacity/<slug:slug>/offers/<int:pk>/publish/", views.offer_publish, name="offer-publish"),
    path("capacity/<slug:slug>/offers/<int:pk>/cancel/", views.offer_cancel, name="offer-cancel"),
    path("capacity/<slug:slug>/offers/<int:pk>/events/add/", views.event_add, name="event-add"),
    path("capacity/<slug:slug>/offers/<int:pk>/interest/", views.offer_interest, name="interest-list"),
    path("capacity/<slug:slug>/events/<int:pk>/", views.event_manage, name="event-manage"),
    path("capacity/<slug:slug>/events/<int:pk>/places/", views.event_places, name="event-places"),
    path("capacity/<slug:slug>/events/<int:pk>/cancel/", views.event_cancel, name="event-cancel"),
    path("capacity/<slug:slug>/registrations/<int:pk>/cancel/", views.registration_cancel, name="registration-cancel"),
]
