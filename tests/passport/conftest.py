"""Passport fixtures, built through the app's own services."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jointly.passport import services

TODAY = datetime.date(2026, 6, 1)


def pdf(name="policy.pdf", body=b"%PDF-1.4\n%%EOF\n"):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def core(organisation, by=None, *, today=TODAY, **overrides):
    data = {"registered_address": "1 Quay Road\nPlymouth", "postcode": "PL1 2AA", "staff": 12, "volunteers": 30, "sme": True}
    data.update(overrides)
    return services.core_save(organisation=organisation, by=by, today=today, **data)


def policy(organisation, area="safeguarding", *, adopted_on=datetime.date(2026, 1, 10), today=TODAY, **extra):
    extra.setdefault("document", pdf(f"{area}.pdf"))
    return services.item_save(organisation=organisation, key=f"policy:{area}", by=None, adopted_on=adopted_on, today=today, **extra)


def insurance(organisation, kind="public_liability", *, expires_on=datetime.date(2027, 3, 31), today=TODAY):
    return services.item_save(
        organisation=organisation, key=f"insurance:{kind}", by=None, insurer="Charity Mutual", cover="5,000,000", expires_on=expires_on, today=today
    )


def accounts(organisation, *, year_end=datetime.date(2026, 3, 31), today=TODAY):
    return services.item_save(
        organisation=organisation,
        key="accounts",
        by=None,
        year_end=year_end,
        income="410000",
        expenditure="398000",
        link="https://example.org/accounts",
        today=today,
    )


def complete(organisation, *, today=TODAY):
    """Everything the usual set (selectors.STANDARD) asks for, valid on `today`."""
    organisation.ppon = "PABC-1234-DEFG"
    organisation.save()
    core(organisation, today=today)
    for area in ("safeguarding", "health_and_safety", "equality", "data_protection"):
        policy(organisation, area, today=today)
    insurance(organisation, "public_liability", today=today)
    insurance(organisation, "employers_liability", today=today)
    accounts(organisation, today=today)


@pytest.fixture
def kept(provider_org):
    complete(provider_org)
    return provider_org
