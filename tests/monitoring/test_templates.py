"""services.templates: a template per trust or region, versions fixed once published, adoption by the trust's partners."""

import pytest

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.monitoring.models import ReturnTemplate, TemplateVersion
from jointly.monitoring.services import templates

from ..factories import OrganisationFactory, TrustPartnerFactory

pytestmark = pytest.mark.django_db


def test_a_template_belongs_to_a_trust_or_a_region(trust, commissioner):
    with pytest.raises(FieldErrors) as refused:
        templates.template_create(by=commissioner, name="", trust=trust, region=trust.region)
    assert set(refused.value.errors) == {"name", "scope"}
    regional = templates.template_create(by=commissioner, name="Regional return", region=trust.region)
    assert regional.scope_name == str(trust.region)
    assert templates.draft_version(regional).number == 1


def test_a_published_version_is_fixed_and_a_change_makes_the_next(trust, commissioner):
    template = templates.template_create(by=commissioner, name="Plymouth return", trust=trust)
    first = templates.draft_version(template)
    templates.question_add(version=first, by=commissioner, text="What went well?")
    templates.version_publish(version=first, by=commissioner)

    with pytest.raises(InvalidTransition):
        templates.question_add(version=first, by=commissioner, text="One more")
    second = templates.version_new(template=template, by=commissioner)
    assert [q.text for q in second.questions.all()] == ["What went well?"]
    with pytest.raises(FieldErrors):
        templates.version_new(template=template, by=commissioner)  # one draft at a time
    templates.question_add(version=second, by=commissioner, text="What was hard?", section="feedback")
    templates.version_publish(version=second, by=commissioner)

    first.refresh_from_db()
    assert first.status == TemplateVersion.Status.SUPERSEDED
    assert templates.current_version(template) == second
    assert first.questions.count() == 1 and second.questions.count() == 2


def test_partners_adopt_it_once_and_only_partners(trust, other_trust, commissioner):
    template = ReturnTemplate.objects.create(trust=trust, name="Plymouth return")
    council = TrustPartnerFactory(trust=trust, statutory=True).organisation
    templates.adoption_record(template=template, organisation=council, by=commissioner)

    with pytest.raises(FieldErrors) as twice:
        templates.adoption_record(template=template, organisation=council, by=commissioner)
    assert "already" in twice.value.errors["organisation"]
    stranger = OrganisationFactory()
    TrustPartnerFactory(trust=other_trust, organisation=stranger)
    with pytest.raises(FieldErrors) as outside:
        templates.adoption_record(template=template, organisation=stranger, by=commissioner)
    assert "not a partner" in outside.value.errors["organisation"]
    other = ReturnTemplate.objects.create(trust=trust, name="Another return")
    with pytest.raises(FieldErrors) as second_template:
        templates.adoption_record(template=other, organisation=council, by=commissioner)
    assert "one standard return" in second_template.value.errors["organisation"]
