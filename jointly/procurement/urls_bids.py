from django.urls import path

from . import views_bids as views

app_name = "bids"

# The bidder's own pages (its organisation's people only; everyone else is refused by the selectors).
urlpatterns = [
    path("bids/", views.bid_list, name="list"),
    # The trail of refused reads of sealed bids (people who see their trusts' audit trail).
    path("bids/seal-attempts/", views.seal_attempts, name="seal-attempts"),
    path("bids/start/<int:opportunity_pk>/", views.bid_start, name="start"),
    path("bids/<int:pk>/", views.bid_detail, name="detail"),
    path("bids/<int:pk>/answers/", views.bid_answers, name="answers"),
    path("bids/<int:pk>/pricing/", views.bid_pricing, name="pricing"),
    path("bids/<int:pk>/files/", views.bid_attachments, name="attachments"),
    path("bids/<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="attachment-file"),
    path("bids/<int:pk>/files/<int:attachment_pk>/remove/", views.attachment_remove, name="attachment-remove"),
    path("bids/<int:pk>/consortium/", views.bid_consortium, name="consortium"),
    path("bids/<int:pk>/consortium/<int:member_pk>/remove/", views.member_remove, name="member-remove"),
    path("bids/<int:pk>/submit/", views.bid_submit, name="submit"),
    path("bids/<int:pk>/withdraw/", views.bid_withdraw, name="withdraw"),
    path("bids/<int:pk>/replace/", views.bid_replace, name="replace"),
    path("bids/<int:pk>/receipt/", views.bid_receipt, name="receipt"),
]
