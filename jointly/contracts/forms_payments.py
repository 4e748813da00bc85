"""Forms for invoices and payments: what a provider sends, what staff record and decide."""

from django import forms

from jointly.core.forms import GovukDateField, GovukForm

from .models import Invoice


class InvoiceSendForm(GovukForm):
    number = forms.CharField(label="Invoice number", max_length=60, help_text="Your own number for this invoice. Use each number once.")
    amount = forms.DecimalField(label="Amount, including VAT (£)", max_digits=14, decimal_places=2, min_value=0)
    period_starts_on = GovukDateField(
        label="Start of the period invoiced", label_for_errors="the start of the period invoiced", help_text="For example, 1 4 2026"
    )
    period_ends_on = GovukDateField(
        label="End of the period invoiced", label_for_errors="the end of the period invoiced", help_text="For example, 30 6 2026"
    )
    milestone = forms.CharField(
        label="Milestone (optional)", max_length=300, required=False, help_text="If the invoice is for a milestone of the contract, name it."
    )
    description = forms.CharField(label="What the invoice is for (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class InvoiceRecordForm(InvoiceSendForm):
    """Staff record an invoice that came on paper or by email: who sent it and when it arrived."""

    supplier = forms.ChoiceField(label="Who sent it")
    received_on = GovukDateField(
        label="Date received", label_for_errors="the date received", help_text="The day it arrived, not the date printed on it"
    )

    field_order = ["supplier", "number", "received_on", "amount", "period_starts_on", "period_ends_on", "milestone", "description"]

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.parties = {str(organisation.pk): organisation for organisation in parties}
        self.fields["supplier"].choices = [("", "Choose a party")] + [(pk, organisation.name) for pk, organisation in self.parties.items()]
        self._bound_fields_cache.clear()

    def clean_supplier(self):
        return self.parties.get(self.cleaned_data["supplier"])


class DisputeForm(GovukForm):
    reason = forms.CharField(
        label="Why the invoice is disputed",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The provider is shown this, so say what needs correcting.",
    )


class ResolveForm(GovukForm):
    outcome = forms.ChoiceField(label="How was the dispute resolved?", choices=Invoice.Outcome.choices, widget=forms.RadioSelect)
    approve = forms.BooleanField(label="Approve it for payment now", required=False)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PayForm(GovukForm):
    paid_on = GovukDateField(label="Date paid", label_for_errors="the date paid", help_text="The day the payment left the authority")


class ReceiptForm(GovukForm):
    received_on = GovukDateField(
        label="Date the money arrived", label_for_errors="the date the money arrived", help_text="The day it reached the provider's bank account"
    )


class CancelForm(GovukForm):
    reason = forms.CharField(label="Why the invoice is cancelled", widget=forms.Textarea(attrs={"rows": 3}))


class ScheduleForm(GovukForm):
    per_year = forms.TypedChoiceField(
        label="How often is it paid in advance?",
        coerce=int,
        choices=[(4, "Quarterly"), (12, "Monthly"), (2, "Half-yearly"), (1, "Yearly")],
        initial=4,
        widget=forms.RadioSelect,
    )
