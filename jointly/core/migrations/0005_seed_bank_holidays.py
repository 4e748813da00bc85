"""Seed England and Wales bank holidays from the file shipped in jointly/core/data (GOV.UK's format)."""

from django.db import migrations


def seed(apps, schema_editor):
    from jointly.core.calendar import load_shipped

    load_shipped(apps.get_model("core", "BankHoliday"))


def unseed(apps, schema_editor):
    apps.get_model("core", "BankHoliday").objects.filter(source="shipped").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0004_bank_holidays")]

    operations = [migrations.RunPython(seed, unseed)]
