"""Seed the procurement thresholds in force from 1 January 2026 (Procurement Act 2023, values including VAT).

Configuration data, not code: later thresholds are added as new rows with the
date they take effect, and values are always compared with the row in force.
"""

import datetime
from decimal import Decimal

from django.db import migrations

SOURCE = "Procurement Act 2023, Schedule 1 thresholds as amended from 1 January 2026"
THRESHOLDS = [
    ("light_touch", Decimal("663540.00"), datetime.date(2026, 1, 1), SOURCE),
    ("other_services", Decimal("207720.00"), datetime.date(2026, 1, 1), SOURCE),
    # The below-threshold publication duty for councils, from the Act's commencement.
    ("publication", Decimal("30000.00"), datetime.date(2025, 2, 24), "Procurement Act 2023, section 86 (notifiable below-threshold contracts)"),
]


def seed(apps, schema_editor):
    Threshold = apps.get_model("plans", "ProcurementThreshold")
    for kind, amount, effective_from, source in THRESHOLDS:
        Threshold.objects.get_or_create(kind=kind, effective_from=effective_from, defaults={"amount": amount, "source": source})


def unseed(apps, schema_editor):
    Threshold = apps.get_model("plans", "ProcurementThreshold")
    for kind, _, effective_from, _ in THRESHOLDS:
        Threshold.objects.filter(kind=kind, effective_from=effective_from).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
