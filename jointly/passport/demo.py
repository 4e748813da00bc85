"""Demo supplier passports: one complete and scored, one with items about to expire.

Plymouth Young Carers Project's passport is complete, its safeguarding policy scored by Plymouth's
commissioner (and so reused by Devon without scoring again). Plymouth Youth Clubs Network's is
half-kept: its safeguarding policy and public liability cover expire within weeks, its equality
policy has lapsed and it has no accounts yet. Everything goes through the services; loading twice
changes nothing.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.partnerships.models import Organisation
from jointly.partnerships.services import organisation_update

from . import services
from .models import Check, Passport
from .rules import checker_trusts

COMPLETE = "plymouth-young-carers-project"
EXPIRING = "plymouth-youth-clubs-network"


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% Jointly demo document\n%%EOF\n", content_type="application/pdf")


def _policies(organisation, by, adopted: dict[str, datetime.date], today):
    for area, on in adopted.items():
        services.item_save(
            organisation=organisation, key=f"policy:{area}", by=by, adopted_on=on, document=_pdf(f"{area.replace('_', '-')}-policy.pdf"), today=today
        )


@transaction.atomic
def load(stdout=None) -> None:
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=[COMPLETE, EXPIRING])}
    if len(organisations) < 2 or Passport.objects.filter(organisation__in=organisations.values()).exists():
        return
    today = timezone.localdate()
    complete, expiring = organisations[COMPLETE], organisations[EXPIRING]
    keeper = User.objects.filter(organisation=complete).first()
    if not complete.ppon:  # The register holds the PPON: set there, never asked again by the passport.
        complete = organisation_update(organisation=complete, ppon="PYCP-4821-DEMO")
    services.core_save(
        organisation=complete, by=keeper, registered_address="4 Harbour Street\nPlymouth", postcode="PL1 2AA",
        staff=14, volunteers=40, sme=True, share_code="YC2026PL", today=today - datetime.timedelta(days=30),
    )  # fmt: skip
    recent = today - datetime.timedelta(days=200)
    _policies(complete, keeper, dict.fromkeys(["safeguarding", "health_and_safety", "equality", "data_protection"], recent), today)
    for key, insurer, cover in (
        ("insurance:public_liability", "Charity Mutual", 5_000_000),
        ("insurance:employers_liability", "Charity Mutual", 10_000_000),
    ):
        services.item_save(
            organisation=complete, key=key, by=keeper, insurer=insurer, cover=cover, expires_on=today + datetime.timedelta(days=300), today=today
        )
    services.item_save(
        organisation=complete, key="accounts", by=keeper, year_end=datetime.date(today.year - 1, 3, 31),
        income=412_000, expenditure=398_500, reserves=61_000, document=_pdf("accounts.pdf"), today=today,
    )  # fmt: skip
    commissioner = User.objects.filter(email=f"commissioner{DEMO_EMAIL_DOMAIN}").first()
    if commissioner is not None:
        services.check_record(
            organisation=complete, key="policy:safeguarding", by=commissioner, scheme=Check.Scheme.SCALE, score=4,
            reason="Named designated safeguarding lead, annual training for all staff and volunteers, and a clear escalation route to the LADO.",
            trust=checker_trusts(commissioner, complete).order_by("name").first(), today=today,
        )  # fmt: skip

    # The second: entered almost two years ago, so its items are about to run out.
    keeper = User.objects.filter(organisation=expiring).first()
    long_ago = today - datetime.timedelta(days=700)
    services.core_save(
        organisation=expiring, by=keeper, registered_address="The Youth Centre, 12 North Road\nPlymouth", postcode="PL4 6AB",
        staff=6, volunteers=85, sme=True, today=long_ago,
    )  # fmt: skip
    _policies(expiring, keeper, {"safeguarding": long_ago, "health_and_safety": today - datetime.timedelta(days=100)}, today)
    services.item_save(
        organisation=expiring, key="policy:equality", by=keeper, adopted_on=long_ago,
        review_on=long_ago + datetime.timedelta(days=365), link="https://example.org/equality-policy", today=long_ago,
    )  # fmt: skip
    services.item_save(
        organisation=expiring, key="insurance:public_liability", by=keeper, insurer="Ansvar", cover=2_000_000,
        expires_on=today + datetime.timedelta(days=25), today=today,
    )  # fmt: skip
    if stdout is not None:
        stdout.write("Supplier passports: one complete, one expiring\n")
