"""History never leaks: every role, on the history page and API of every audited model.

Each record is built with a distinctive value in every field, and its private
fields are changed once, so the trail holds two values of each. For every
person: the page and the API answer alike (200, 403, 404, or sign in); a
refusal shows none of the record's values; and a private value appears exactly
for the people who may see it on the record's own page, written out below
from those pages, not from the rule under test.
"""

import pytest
from django.apps import apps

from jointly.accounts.disclosure import WITHHELD, declared_models, private_fields
from jointly.accounts.permissions import Perm, decide
from tests.conftest import signed_in_client

from .records import PUBLIC, Builder, audited_models

EVERYONE = [
    "commissioner",
    "analyst",
    "board_member",
    "provider_user",
    "other_provider_user",
    "evaluator",
    "participant",
    "regional_lead",
    "other_commissioner",
    "administrator",
    "anonymous",
]

# Who sees each model's private fields on its own page, among people who may read history at all.
# partnerships.organisation: the page shows contact details to its partner trusts' commissioners
# and to administrators; not to analysts or regional leads (their roles lack it), nor to another
# trust's staff. accounts.apitoken: the account page shows a token's prefix to its owner only.
PRIVATE_READERS = {
    "partnerships.organisation": {"commissioner", "administrator"},
    "accounts.apitoken": {"commissioner"},  # The builder's tokens belong to the commissioner.
}


# Sealed bids: the builder's bid is in a draft opportunity, so no one reads its history, administrators
# included (the bidder reads its own bid on its pages, but its role has no history).
SEALED = {
    "procurement.bid",
    "procurement.bidanswer",
    "procurement.bidattachment",
    "procurement.bidoverhead",
    "procurement.consortiummember",
}


def history_url(record):
    return f"/history/{record._meta.label_lower}/{record.pk}/"


def api_url(record):
    return f"/api/v1/history/{record._meta.label_lower}/{record.pk}"


@pytest.fixture
def people(request):
    return {who: (None if who == "anonymous" else request.getfixturevalue(who)) for who in EVERYONE}


@pytest.fixture
def builder(trust, region, provider_org, commissioner):
    return Builder(trust=trust, region=region, organisation=provider_org, owner=commissioner)


def _model(label):
    return apps.get_model(label)


def test_every_audited_model_has_a_disclosure_rule_and_every_private_field_a_reader_list():
    labels = {model._meta.label_lower for model in audited_models()}
    assert labels == set(declared_models())
    assert {label for label in labels if private_fields(_model(label))} == set(PRIVATE_READERS)


def _expected_status(user, record):
    decision = decide(user, Perm.AUDIT_VIEW, record)
    if decision.allowed:
        return 200
    return 403 if decision.visible else 404


@pytest.mark.parametrize("model", audited_models(), ids=lambda model: model._meta.label_lower)
def test_no_role_reads_a_value_its_own_page_hides_through_history(model, people, builder, anonymous_client):
    record, private_values = builder.record(model)
    label = model._meta.label_lower
    seen_by = set()
    for who, user in people.items():
        client = anonymous_client if user is None else signed_in_client(user)
        page, api = client.get(history_url(record)), client.get(api_url(record))
        if user is None:
            assert page.status_code == 302 and page.url.startswith("/sign-in/")
            assert api.status_code == 401
            continue
        expected = _expected_status(type(user).objects.get(pk=user.pk), record)
        assert (page.status_code, api.status_code) == (expected, expected), who
        body = page.content.decode() + api.content.decode()
        if expected != 200:
            assert PUBLIC not in body and "zq7p" not in body, who
            continue
        seen_by.add(who)
        readers = PRIVATE_READERS.get(label, set())
        for field_name, values in private_values.items():
            for value in values:
                assert (value in body) is (who in readers), f"{who} and {label}.{field_name}"
        if private_values and who not in readers:
            assert WITHHELD in body
    if label in SEALED:
        assert seen_by == set()
        return
    # Nobody at all would be a vacuous pass: the administrator always reads the history.
    assert "administrator" in seen_by


# --- The rules written out, role by role, for the records whose rule is more than their trust -----


@pytest.mark.parametrize(
    ("who", "sees_contact_details"),
    [("commissioner", True), ("analyst", False), ("regional_lead", False), ("administrator", True), ("other_commissioner", False)],
)
def test_organisation_history_is_read_by_every_history_reader_with_contact_details_withheld_from_some(request, who, sees_contact_details, builder):
    # The organisation is a public register, so its history is read like its page: the details withheld.
    organisation, values = builder.record(_model("partnerships.organisation"))
    response = signed_in_client(request.getfixturevalue(who)).get(history_url(organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert (values["contact_email"][1] in html) is sees_contact_details
    assert (WITHHELD in html) is not sees_contact_details
    page = signed_in_client(request.getfixturevalue(who)).get(organisation.get_absolute_url()).content.decode()
    assert (values["contact_email"][1] in page) is sees_contact_details


def test_a_draft_consultations_history_is_only_for_those_who_write_drafts(request, builder, trust):
    consultation, _ = builder.record(_model("consultations.consultation"))
    assert consultation.status == "draft"
    assert signed_in_client(request.getfixturevalue("analyst")).get(history_url(consultation)).status_code == 200
    refused = signed_in_client(request.getfixturevalue("regional_lead")).get(history_url(consultation))
    assert refused.status_code == 403
    assert "cannot run consultations" in refused.content.decode()


def test_offer_history_is_for_the_people_who_run_offers(request, builder):
    offer, _ = builder.record(_model("capacity.offer"))
    assert signed_in_client(request.getfixturevalue("commissioner")).get(history_url(offer)).status_code == 200
    assert signed_in_client(request.getfixturevalue("analyst")).get(history_url(offer)).status_code == 403


def test_a_token_is_read_by_its_owner_and_administrators_and_its_prefix_by_its_owner_only(request, builder, commissioner):
    token, values = builder.record(_model("accounts.apitoken"))
    original_prefix = values["prefix"][0]
    own = signed_in_client(commissioner).get(api_url(token)).json()
    assert original_prefix in str(own)
    admin = signed_in_client(request.getfixturevalue("administrator")).get(api_url(token)).json()
    assert original_prefix not in str(admin)
    assert admin["items"][-1]["after"]["prefix"] == WITHHELD
    assert signed_in_client(request.getfixturevalue("analyst")).get(api_url(token)).status_code == 403


def test_confidential_papers_history_follows_the_paper(request, builder):
    paper, _ = builder.record(_model("partnerships.paper"))
    paper.confidential = True
    paper.save()
    for who in ("commissioner", "analyst", "regional_lead"):
        assert signed_in_client(request.getfixturevalue(who)).get(history_url(paper)).status_code == 200
    # No role that reads history is barred from confidential papers today, so the rule is shown on decide:
    evaluator = request.getfixturevalue("evaluator")
    from jointly.accounts.disclosure import record_decision

    assert not record_decision(evaluator, paper).allowed
    paper.confidential = False
    assert record_decision(evaluator, paper).allowed
