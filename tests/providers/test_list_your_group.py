"""'List your group': a small group lists itself and one service without an account; a commissioner approves it."""

import pytest
from django.core import mail

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.partnerships.models import Organisation
from jointly.providers import selectors, services
from jointly.providers.models import Revision

from ..factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("tasks_run_at_once")  # emails are sent by a task

FORM = "/directory/list-your-group/"


def _answers(trust, **overrides):
    answers = {
        "name": "Stonehouse Saturday Football",
        "legal_form": "unincorporated_group",
        "charity_number": "",
        "company_number": "",
        "activity": "Saturday football",
        "description": "Friendly football for children every Saturday morning.",
        "helps_with": ["be-healthy", "enjoy-and-achieve"],
        "open_to": "universal",
        "min_age": "7",
        "max_age": "11",
        "area_codes": [trust.area.code],
        "schedule": "Saturdays 10am to 11:30am",
        "free": "yes",
        "fee_amount": "",
        "email": "coach@example.org",
        "phone": "",
        "url": "",
        "submitter_name": "Sam Coach",
        "submitter_email": "sam@example.org",
    }
    answers.update(overrides)
    return answers


@pytest.fixture
def listing(anonymous_client, trust):
    response = anonymous_client.post(FORM, _answers(trust))
    assert response.status_code == 302
    return Revision.objects.get()


def test_the_form_is_public_and_short(anonymous_client, trust):
    response = anonymous_client.get(FORM)
    assert response.status_code == 200
    assert len(response.context["form"].fields) <= 20


def test_a_listing_waits_for_approval_and_publishes_nothing(anonymous_client, listing, trust):
    assert (listing.kind, listing.status, listing.source) == ("listing", "pending", "public")
    assert list(listing.review_trusts.all()) == [trust]
    assert listing.organisation is None
    assert not Organisation.objects.filter(name="Stonehouse Saturday Football").exists()
    assert not selectors.published_services().exists()
    sent = anonymous_client.get("/directory/list-your-group/sent/")
    assert listing.reference in sent.content.decode()


def test_missing_answers_are_explained(anonymous_client, trust):
    response = anonymous_client.post(FORM, {})
    content = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Enter the name of your group",
        "Tell us what your group does",
        "Choose at least one place where you run your activity",
        "Enter your email address",
    ):
        assert message in content
    assert not Revision.objects.exists()


def test_a_negative_charge_is_refused(anonymous_client, trust):
    response = anonymous_client.post(FORM, _answers(trust, free="no", fee_amount="-3"))
    assert "The fee cannot be negative" in response.content.decode()
    assert response.context["form"].errors["fee_amount"]
    assert not Revision.objects.exists()


def test_a_group_already_registered_is_offered_its_record(anonymous_client, trust):
    existing = OrganisationFactory(name="Stonehouse FC", charity_number="1122334")
    response = anonymous_client.post(FORM, _answers(trust, legal_form="unincorporated_charity", charity_number="1122334"))
    content = response.content.decode()
    assert "Stonehouse FC is already registered with this number" in content
    assert f'name="use_existing" value="{existing.slug}"' in content
    assert not Revision.objects.exists()

    response = anonymous_client.post(
        FORM, {**_answers(trust, legal_form="unincorporated_charity", charity_number="1122334"), "use_existing": existing.slug}
    )
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert (revision.kind, revision.organisation) == ("service", existing)
    assert Organisation.objects.filter(charity_number="1122334").count() == 1


def test_a_forged_offer_is_ignored(anonymous_client, trust):
    OrganisationFactory(name="Stonehouse FC", charity_number="1122334")
    other = OrganisationFactory(name="Somebody else")
    response = anonymous_client.post(
        FORM, {**_answers(trust, legal_form="unincorporated_charity", charity_number="1122334"), "use_existing": other.slug}
    )
    assert response.status_code == 200
    assert not Revision.objects.exists()


def test_a_place_no_trust_covers_is_refused(db):
    from ..factories import AreaFactory

    lonely = AreaFactory(code="E06000999", name="Nowhere")
    with pytest.raises(FieldErrors) as raised:
        services.listing_submit(
            organisation={"name": "Group"},
            service={
                "name": "Club",
                "description": "Fun",
                "tier": "universal",
                "approach": "prevention",
                "outcome_areas": ["be-healthy"],
                "area_codes": [lonely.code],
            },
            submitter_name="Sam",
            submitter_email="sam@example.org",
        )
    assert set(raised.value.errors) == {"area_codes"}
    assert raised.value.errors["area_codes"].startswith("None of the places you chose is covered by a children's trust")


def test_approval_registers_the_group_and_publishes_it(listing, commissioner, trust, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.revision_approve(revision=listing, by=commissioner)
    organisation = Organisation.objects.get(name="Stonehouse Saturday Football")
    assert (organisation.sector, organisation.legal_form) == ("vcs", "unincorporated_group")
    assert organisation.partnerships.get().trust == trust
    assert organisation.contact_email == "sam@example.org"
    service = selectors.published_services().get()
    assert (service.name, service.tier, service.min_age, service.max_age) == ("Saturday football", "universal", 7, 11)
    listing.refresh_from_db()
    assert (listing.organisation, listing.service, listing.version) == (organisation, service, 1)
    assert mail.outbox[0].to == ["sam@example.org"]


def test_approval_refuses_a_duplicate_registered_meanwhile(anonymous_client, trust, commissioner):
    anonymous_client.post(FORM, _answers(trust, legal_form="unincorporated_charity", charity_number="1122334"))
    OrganisationFactory(name="Registered meanwhile", charity_number="1122334")
    with pytest.raises(InvalidTransition, match="^Registered meanwhile has been registered with this charity number since the group wrote"):
        services.revision_approve(revision=Revision.objects.get(), by=commissioner)
    assert Revision.objects.get().status == "pending"
    assert Organisation.objects.filter(charity_number="1122334").count() == 1


def test_every_problem_is_shown_at_once_even_for_a_group_already_registered(anonymous_client, trust):
    OrganisationFactory(name="Stonehouse FC", charity_number="1122334")
    response = anonymous_client.post(
        FORM,
        _answers(trust, legal_form="unincorporated_charity", charity_number="1122334", free="no", fee_amount="-3", min_age="11", max_age="7"),
    )
    errors = response.context["form"].errors
    assert set(errors) == {"charity_number", "fee_amount", "max_age"}
    assert errors["charity_number"] == ["Stonehouse FC is already registered with this charity number."]
    assert "Stonehouse FC is already registered with this number" in response.content.decode()  # and offered its record
    assert not Revision.objects.exists()


def test_a_deciding_page_opened_before_the_listing_was_approved_cannot_approve_it_again(listing, commissioner, administrator):
    stale = Revision.objects.get(pk=listing.pk)
    services.revision_approve(revision=listing, by=commissioner)
    with pytest.raises(InvalidTransition, match="so you cannot approve it"):
        services.revision_approve(revision=stale, by=administrator)
    assert Organisation.objects.filter(name="Stonehouse Saturday Football").count() == 1


def test_form_errors_and_the_directorys_refusals_come_in_one_submit(anonymous_client, trust):
    """Missing answers (the form's own checks) and the directory's rules (a duplicate number, a negative fee,
    ages the wrong way round, a bad website) are all in the first response, in one error summary."""
    OrganisationFactory(name="Stonehouse FC", charity_number="1122334")
    answers = _answers(
        trust,
        name="",
        legal_form="unincorporated_charity",
        charity_number="1122334",
        description="",
        submitter_email="not-an-email",
        free="no",
        fee_amount="-3",
        min_age="11",
        max_age="7",
        url="not a website",
    )
    response = anonymous_client.post(FORM, answers)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "description", "submitter_email", "charity_number", "fee_amount", "max_age", "url"}
    page = response.content.decode()
    for message in (
        "Enter the name of your group",
        "Tell us what your group does",
        "Enter an email address in the correct format, like name@example.org",
        "Stonehouse FC is already registered with this charity number.",
        "The fee cannot be negative",
        "The oldest age must be the same as or more than the youngest age",
        "Enter a website address in the correct format",
    ):
        assert message in page, message
    assert page.count('class="govuk-error-summary"') == 1
    # The registered record is offered with the first errors too.
    assert "Stonehouse FC is already registered with this number" in page
    assert not Revision.objects.exists()


def test_a_field_the_form_refused_keeps_only_the_forms_message(anonymous_client, trust):
    response = anonymous_client.post(FORM, _answers(trust, helps_with=[], open_to="", min_age="two", name="", activity=""))
    errors = response.context["form"].errors
    assert errors["helps_with"] == ["Select at least one thing your activity helps with"]
    assert errors["open_to"] == ["Select who can come"]
    assert errors["min_age"] == ["Youngest age must be a whole number, like 5"]
    # The activity takes the group's name when it is left empty: the missing name is the one problem.
    assert "activity" not in errors and errors["name"] == ["Enter the name of your group"]
