"""What payments put on a person's home page: a provider's invoices, the commissioners' invoices to decide.

To register at merge (the contracts AppConfig holds one `home_work`): call `work` from it.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, has_perm
from jointly.core.registry import Stage, Task

from .models import Invoice
from .selectors.payments import invoices_of_trust, invoices_visible

WAITING = (Invoice.Status.RECEIVED, Invoice.Status.APPROVED)


def work(user, trust) -> list[Task]:
    if not user.is_authenticated:
        return []
    if user.role == Role.PROVIDER_USER:
        if not (user.organisation_id and has_perm(user, Perm.INVOICE_SUBMIT)):
            return []
        unpaid = invoices_visible(user).filter(supplier_id=user.organisation_id, status__in=(*WAITING, Invoice.Status.DISPUTED)).count()
        return [Task("Your invoices", reverse("payments:mine"), Stage.CONTRACT, count=unpaid, hint="See when they are paid.")] if unpaid else []
    if trust is None or not has_perm(user, Perm.PAYMENTS_MANAGE):
        return []
    waiting = invoices_of_trust(user, trust).filter(status__in=WAITING)
    late = waiting.filter(payable_on__lt=timezone.localdate()).count()
    return [
        Task(
            "Invoices to approve or pay",
            reverse("payments:queue", args=[trust.slug]),
            Stage.CONTRACT,
            count=waiting.count(),
            hint=f"{late} past the date they were payable." if late else "",
        )
    ]
