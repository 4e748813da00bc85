"""The first version of the library of standard core clauses (data only; the lead may renumber)."""

import datetime

from django.db import migrations

SINCE = datetime.date(2025, 2, 24)

# (key, order, applies to, title, text): plain English; names in braces are the contract's terms.
CLAUSES = [
    (
        "parties",
        1,
        "both",
        "Who this agreement is between",
        "This agreement is between {buyer} (the commissioner) and {supplier} (the provider). Consortium members: {members}.",
    ),
    (
        "service",
        2,
        "both",
        "What the provider will do",
        "The provider will deliver {title} (reference {reference}) as described in the specification and the schedules, "
        "working towards the outcomes in Schedule 2.",
    ),
    (
        "term",
        3,
        "both",
        "How long it lasts",
        "This agreement runs from {starts_on} to {ends_on}. It may be extended by: {extensions}, by a recorded decision of the commissioner.",
    ),
    (
        "payment",
        4,
        "standard",
        "Payment",
        "The commissioner will pay {value} in total, by {payment_basis}, as set out in Schedule 1. Undisputed invoices are paid within "
        "{payment_terms_days} days of receipt. The commissioner will tell the provider of any dispute within 10 days and pay the undisputed part.",
    ),
    ("payment-short", 4, "short", "Payment", "We will pay {value} by {payment_basis}, within {payment_terms_days} days of an undisputed invoice."),
    (
        "monitoring",
        5,
        "standard",
        "Monitoring",
        "The provider completes the trust's one monitoring return for each period, covering every contract it holds with the partners. "
        "No other monitoring form will be asked for.",
    ),
    ("monitoring-short", 5, "short", "Reporting", "Tell us once each period, through the one monitoring return, what you did and who is better off."),
    (
        "risk",
        6,
        "standard",
        "Risk and clawback",
        "Each risk is borne by the party named in Schedule 3, which is the party best able to manage it. {clawback}",
    ),
    (
        "insurance",
        7,
        "standard",
        "Insurance",
        "The provider holds the insurance in Schedule 4 throughout the term and shows its certificates on request "
        "(once, through the supplier passport).",
    ),
    (
        "safeguarding",
        8,
        "both",
        "Safeguarding",
        "The provider follows the local safeguarding children partnership's procedures and Working Together to Safeguard Children.",
    ),
    (
        "data",
        9,
        "both",
        "Personal data",
        "Each party is a controller of the personal data it holds and complies with the UK GDPR and the Data Protection Act 2018. "
        "Data is shared only under a recorded data sharing agreement.",
    ),
    (
        "changes",
        10,
        "standard",
        "Changes",
        "A change to the value or the term is made only by a written variation approved by the commissioner, within the limits of the "
        "Procurement Act 2023.",
    ),
    (
        "ending",
        11,
        "both",
        "Ending the agreement early",
        "Either party may end this agreement early by giving {notice_period_days} days' notice in writing. The commissioner will first work "
        "with the provider on an improvement plan, and will agree an exit plan for every child and family using the service.",
    ),
    (
        "disputes",
        12,
        "standard",
        "Disagreements",
        "The parties will try to settle any disagreement by talking, then by mediation, before going to court.",
    ),
]


def add(apps, schema_editor):
    Clause = apps.get_model("contracts", "Clause")
    for key, order, applies_to, title, text in CLAUSES:
        Clause.objects.get_or_create(
            key=key, version=1, defaults={"order": order, "applies_to": applies_to, "title": title, "text": text, "in_force_from": SINCE}
        )


def remove(apps, schema_editor):
    apps.get_model("contracts", "Clause").objects.filter(version=1, key__in=[row[0] for row in CLAUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("contracts", "0002_terms_clauses_variations")]
    operations = [migrations.RunPython(add, remove)]
