"""Who may see invoices and payments: whoever may see their contract (pages narrow a provider's view to its own)."""

from jointly.accounts.disclosure import disclose

from .models import AdvancePayment, Invoice

for _model in (Invoice, AdvancePayment):
    disclose(_model, parent=lambda payment: payment.contract)
