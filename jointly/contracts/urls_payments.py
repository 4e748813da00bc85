from django.urls import path

from . import views_payments as views

app_name = "payments"

urlpatterns = [
    # A provider's own invoices (staff are sent on to their trust's queue).
    path("payments/invoices/", views.my_invoices, name="mine"),
    path("payments/invoices/<int:pk>/", views.invoice_detail, name="invoice"),
    path("payments/invoices/<int:pk>/approve/", views.invoice_approve, name="invoice-approve"),
    path("payments/invoices/<int:pk>/dispute/", views.invoice_dispute, name="invoice-dispute"),
    path("payments/invoices/<int:pk>/resolve/", views.invoice_resolve, name="invoice-resolve"),
    path("payments/invoices/<int:pk>/pay/", views.invoice_pay, name="invoice-pay"),
    path("payments/invoices/<int:pk>/cancel/", views.invoice_cancel, name="invoice-cancel"),
    path("payments/invoices/<int:pk>/money-received/", views.invoice_receipt, name="invoice-receipt"),
    # A contract's payments: its invoices, its payments in advance and its figures.
    path("payments/contracts/<int:pk>/", views.contract_payments, name="contract"),
    path("payments/contracts/<int:pk>/send/", views.invoice_send, name="invoice-send"),
    path("payments/contracts/<int:pk>/record/", views.invoice_record, name="invoice-record"),
    path("payments/contracts/<int:pk>/schedule/", views.schedule_create, name="schedule-create"),
    path("payments/advance/<int:pk>/pay/", views.advance_pay, name="advance-pay"),
    path("payments/advance/<int:pk>/money-received/", views.advance_receipt, name="advance-receipt"),
    # The trust's staff.
    path("payments/<slug:slug>/invoices/", views.queue, name="queue"),
    path("payments/<slug:slug>/statistics/", views.statistics, name="statistics"),
    path("payments/<slug:slug>/statistics.csv", views.statistics_csv, name="statistics-csv"),
]
