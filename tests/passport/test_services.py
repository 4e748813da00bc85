"""Keeping a passport: every problem at once, validity from the item's own dates and the dated rule, revisions."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.passport import services
from jointly.passport.models import DOCUMENT_MAX_BYTES, Item, Passport, ValidityRule

from .conftest import TODAY, accounts, core, insurance, policy

pytestmark = pytest.mark.django_db


def test_core_information_refuses_every_problem_at_once(provider_org):
    with pytest.raises(FieldErrors) as refused:
        services.core_save(organisation=provider_org, by=None, share_code="no!", postcode="nowhere", today=TODAY)
    assert set(refused.value.errors) == {"share_code", "registered_address", "postcode", "staff", "volunteers", "sme"}
    assert "real postcode" in refused.value.errors["postcode"]
    assert not Passport.objects.filter(organisation=provider_org, confirmed_on__isnull=False).exists()


def test_core_information_is_accepted_for_two_years_by_the_seeded_rule_and_confirming_renews_it(provider_org, provider_user):
    passport = core(provider_org, provider_user, postcode="pl1  2aa")
    assert (passport.postcode, passport.confirmed_on, passport.valid_until, passport.confirmed_by) == (
        "PL1 2AA",
        TODAY,
        datetime.date(2028, 6, 1),
        provider_user,
    )
    again = core(provider_org, today=datetime.date(2027, 1, 31))
    assert again.valid_until == datetime.date(2029, 1, 31)
    assert again.revision == passport.revision + 1


def test_a_later_validity_rule_applies_from_its_date_only(provider_org):
    ValidityRule.objects.create(effective_from=datetime.date(2026, 7, 1), months=12)
    assert core(provider_org).valid_until == datetime.date(2028, 6, 1)  # 1 June: the two-year rule
    assert core(provider_org, today=datetime.date(2026, 7, 1)).valid_until == datetime.date(2027, 7, 1)


def test_a_policy_lasts_until_its_review_date_or_the_validity_whichever_is_sooner(provider_org):
    assert policy(provider_org).valid_until == datetime.date(2028, 1, 10)
    reviewed = policy(provider_org, review_on=datetime.date(2027, 1, 10), document=None, link="https://example.org/p")
    assert reviewed.valid_until == datetime.date(2027, 1, 10)
    assert reviewed.revision == 2
    assert reviewed.has_document  # the uploaded document is kept when none is sent with a change


def test_a_policy_needs_its_date_and_a_document_or_link(provider_org):
    with pytest.raises(FieldErrors) as refused:
        services.item_save(organisation=provider_org, key="policy:equality", by=None, today=TODAY)
    assert set(refused.value.errors) == {"adopted_on", "document"}
    with pytest.raises(FieldErrors) as refused:
        policy(provider_org, adopted_on=datetime.date(2026, 7, 1))
    assert refused.value.errors == {"adopted_on": "The date adopted must be today or in the past"}
    with pytest.raises(FieldErrors) as refused:
        policy(provider_org, review_on=datetime.date(2025, 1, 1))
    assert "after the date adopted" in refused.value.errors["review_on"]


def test_an_item_that_would_already_have_expired_is_refused(provider_org):
    with pytest.raises(FieldErrors) as refused:
        policy(provider_org, adopted_on=datetime.date(2024, 5, 1))
    assert "would have expired on 1 May 2026" in refused.value.errors[NON_FIELD]
    assert not Item.objects.exists()


def test_insurance_lasts_until_the_cover_ends_and_its_amounts_are_read_as_people_write_them(provider_org):
    item = insurance(provider_org)
    assert (item.valid_until, item.cover, item.insurer) == (datetime.date(2027, 3, 31), 5_000_000, "Charity Mutual")
    with pytest.raises(FieldErrors) as refused:
        services.item_save(organisation=provider_org, key="insurance:employers_liability", by=None, cover="lots", expires_on=TODAY, today=TODAY)
    assert set(refused.value.errors) == {"insurer", "cover", "expires_on"}
    assert "has ended" in refused.value.errors["expires_on"]


def test_accounts_last_the_validity_from_their_year_end(provider_org):
    assert accounts(provider_org).valid_until == datetime.date(2028, 3, 31)
    with pytest.raises(FieldErrors) as refused:
        services.item_save(organisation=provider_org, key="accounts", by=None, year_end=datetime.date(2027, 3, 31), reserves="-5", today=TODAY)
    assert set(refused.value.errors) == {"year_end", "income", "expenditure", "reserves", "document"}


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("policy.exe", b"MZ", "must be a PDF"),
        ("policy.pdf", b"", "is empty"),
        ("policy.pdf", b"PK\x03\x04 not a pdf", "not a real PDF file"),
        ("policy.docx", b"%PDF-1.4", "not a real DOCX file"),
    ],
)
def test_a_document_of_the_wrong_kind_is_refused_with_the_reason(provider_org, name, body, message):
    with pytest.raises(FieldErrors) as refused:
        policy(provider_org, document=SimpleUploadedFile(name, body))
    assert message in refused.value.errors["document"]


def test_a_document_over_the_size_limit_is_refused(provider_org):
    big = SimpleUploadedFile("policy.pdf", b"%PDF" + b"0" * DOCUMENT_MAX_BYTES)
    with pytest.raises(FieldErrors) as refused:
        policy(provider_org, document=big)
    assert "smaller than 5 MB" in refused.value.errors["document"]


def test_a_document_is_kept_in_the_database_with_its_type_from_its_name_not_the_browser(provider_org):
    item = policy(provider_org, document=SimpleUploadedFile("Our Policy.PDF", b"%PDF-1.7 body", content_type="text/html"))
    item.refresh_from_db()
    assert (bytes(item.document), item.document_name, item.document_type, item.document_size) == (
        b"%PDF-1.7 body",
        "Our Policy.PDF",
        "application/pdf",
        13,
    )
    removed = policy(provider_org, document=None, remove_document=True, link="https://example.org/policy")
    assert (removed.document, removed.document_size, removed.has_document) == (None, 0, False)


def test_removing_the_only_document_without_a_link_is_refused(provider_org):
    policy(provider_org)
    with pytest.raises(FieldErrors) as refused:
        policy(provider_org, document=None, remove_document=True)
    assert refused.value.errors == {"document": "Upload the document or give a link to it"}


def test_every_change_raises_the_passport_revision_so_a_buyer_can_tell_its_copy_is_old(provider_org):
    core(provider_org)
    first = Passport.objects.get(organisation=provider_org).revision
    policy(provider_org)
    insurance(provider_org)
    assert Passport.objects.get(organisation=provider_org).revision == first + 2


def test_an_unknown_item_is_refused(provider_org):
    with pytest.raises(FieldErrors):
        services.item_save(organisation=provider_org, key="policy:astrology", by=None, today=TODAY)


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2024, 2, 29), 24) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 11, 15), 14) == datetime.date(2028, 1, 15)
