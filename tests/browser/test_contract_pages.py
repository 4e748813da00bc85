"""Contract pages, checked with axe-core at both widths: the trust's list, awards ready for contract, a
direct award (with its error state), a draft's page and every form completing it, signing (with its
problems), the document, variations and extensions, and a provider party's read-only view."""

import pytest
from django.urls import reverse

from .configuration import restore_seeded_configuration
from .helpers import check_at_widths, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def contracts(demo):
    from jointly.contracts import demo as contracts_demo
    from jointly.contracts.models import Contract
    from jointly.contracts.services import variations
    from jointly.partnerships.models import Trust
    from tests.contracts.clause_seed import seed_clauses
    from tests.contracts.factories import AwardFactory

    restore_seeded_configuration()
    seed_clauses()
    contracts_demo.load()
    trust = Trust.objects.get(slug="plymouth")
    by = demo["commissioner"]
    award = AwardFactory(decision__opportunity__trust=trust)
    first = Contract.objects.get(trust=trust, reference="PLY-C0001")
    extension = variations.extension_propose(contract=first, by=by, value="90000", evidence="Returns on target; need rising in the north.")
    return {
        "trust": trust,
        "award": award,
        "first": first,
        "draft": Contract.objects.get(trust=trust, reference="PLY-C0007"),
        "awaiting": Contract.objects.get(trust=trust, reference="PLY-C0005").variations.get(),
        "approved": first.variations.get(),
        "extension": extension,
    }


def test_the_contract_pages_are_accessible(contracts, demo, new_page, live_server):
    trust, draft, first = contracts["trust"], contracts["draft"], contracts["first"]
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("contracts:list", args=[trust.slug]), heading="Contracts")
    visit(page, reverse("contracts:awards", args=[trust.slug]), heading="Awards ready for contract")
    visit(page, reverse("contracts:from-award", args=[trust.slug, contracts["award"].pk]))
    visit(page, reverse("contracts:direct-award", args=[trust.slug]), heading="Record a direct award")
    submit_empty(page, "Save the draft contract", expected_error="Enter the title")
    visit(page, reverse("contracts:detail", args=[draft.pk]), heading=f"{draft.reference}: {draft.title}")
    for name, heading in (
        ("contracts:terms", "Change the terms"),
        ("contracts:parties", "Consortium members"),
        ("contracts:measure-add", "Add a measure"),
        ("contracts:risk-add", "Add a risk"),
        ("contracts:insurance-add", "Require insurance"),
        ("contracts:funding-add", "Add a partner's budget"),
        ("contracts:cancel", "Cancel the draft contract"),
        ("contracts:sign", None),
    ):
        visit(page, reverse(name, args=[draft.pk]), heading=heading)
    visit(page, reverse("contracts:measure-edit", args=[draft.pk, draft.measures.first().pk]), heading="Change a measure")
    visit(page, reverse("contracts:document", args=[draft.pk]))
    visit(page, reverse("contracts:detail", args=[first.pk]))
    visit(page, reverse("contracts:variation-add", args=[first.pk]), heading="Propose a variation")
    submit_empty(page, "Propose the variation", expected_error="Enter the reason for the variation")
    visit(page, reverse("contracts:variation", args=[first.pk, contracts["approved"].pk]))
    visit(page, reverse("contracts:extension-add", args=[first.pk]), heading="Propose an extension")
    visit(page, reverse("contracts:extension", args=[first.pk, contracts["extension"].pk]))

    board = signed_in_page(new_page, live_server, demo["board"])
    awaiting = contracts["awaiting"]
    visit(board, reverse("contracts:variation", args=[awaiting.contract_id, awaiting.pk]), heading=f"Variation {awaiting.number}")
    submit_empty(board, "Record the decision", expected_error="Select the decision")
    board.get_by_role("radio", name="Approve").check()
    board.get_by_role("button", name="Record the decision").click()
    check_at_widths(board, "(variation approved)")

    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("contracts:mine"), heading="Your contracts")
    visit(provider, reverse("contracts:detail", args=[first.pk]))
