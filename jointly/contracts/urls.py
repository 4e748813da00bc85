from django.urls import path

from . import views, views_changes

app_name = "contracts"

_one = "contracts/<int:pk>/"

urlpatterns = [
    path("contracts/yours/", views.my_contracts, name="mine"),
    path("contracts/trust/<slug:slug>/", views.contract_list, name="list"),
    path("contracts/trust/<slug:slug>/awards/", views.awards_ready, name="awards"),
    path("contracts/trust/<slug:slug>/awards/<int:award_pk>/contract/", views.from_award, name="from-award"),
    path("contracts/trust/<slug:slug>/direct-award/", views.direct_award, name="direct-award"),
    path(_one, views.detail, name="detail"),
    path(_one + "terms/", views.terms_edit, name="terms"),
    path(_one + "parties/", views.parties, name="parties"),
    path(_one + "measures/add/", views.measure_add, name="measure-add"),
    path(_one + "measures/<int:measure_pk>/", views.measure_edit, name="measure-edit"),
    path(_one + "risks/add/", views.risk_add, name="risk-add"),
    path(_one + "insurance/add/", views.insurance_add, name="insurance-add"),
    path(_one + "insurance/defaults/", views.insurance_defaults, name="insurance-defaults"),
    path(_one + "funding/add/", views.funding_add, name="funding-add"),
    path(_one + "sign/", views.sign, name="sign"),
    path(_one + "cancel/", views.cancel, name="cancel"),
    path(_one + "document/", views.document, name="document"),
    path(_one + "document.pdf", views.document_pdf, name="document-pdf"),
    path(_one + "variations/add/", views_changes.variation_add, name="variation-add"),
    path(_one + "variations/<int:variation_pk>/", views_changes.variation, name="variation"),
    path(_one + "extensions/add/", views_changes.extension_add, name="extension-add"),
    path(_one + "extensions/<int:extension_pk>/", views_changes.extension, name="extension"),
]
