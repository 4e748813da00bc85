import datetime

from django.db import migrations


def seed(apps, schema_editor):
    # The seeds' default: what a passport holds is accepted for two years.
    apps.get_model("passport", "ValidityRule").objects.get_or_create(
        effective_from=datetime.date(2025, 2, 24),
        defaults={"months": 24, "source": "Local policy: two years, from the Procurement Act 2023's commencement"},
    )


def unseed(apps, schema_editor):
    apps.get_model("passport", "ValidityRule").objects.filter(effective_from=datetime.date(2025, 2, 24)).delete()


class Migration(migrations.Migration):
    dependencies = [("passport", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
