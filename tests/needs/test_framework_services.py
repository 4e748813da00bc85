"""The outcomes framework: the five shared outcome areas, a trust's own, and changing an indicator."""

import pytest

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import StaleEdit, version_of
from jointly.needs.models import IndicatorDefinition, OutcomeArea, Polarity
from jointly.needs.services import indicator_update, outcome_area_create


@pytest.mark.django_db
def test_the_five_every_child_matters_outcomes_are_there_for_everyone():
    assert list(OutcomeArea.objects.filter(trust__isnull=True).values_list("name", flat=True)) == [
        "Be healthy",
        "Stay safe",
        "Enjoy and achieve",
        "Make a positive contribution",
        "Achieve economic well-being",
    ]


@pytest.mark.django_db
def test_a_trust_adds_its_own_outcome_area_once(trust, other_trust, commissioner):
    own = outcome_area_create(name="Ready for school", trust=trust, by=commissioner)
    assert (own.slug, own.trust) == ("ready-for-school", trust)
    assert AuditEntry.objects.filter(object_type="needs.outcomearea", object_id=str(own.pk), actor=commissioner).exists()
    with pytest.raises(FieldErrors, match="already an outcome area called Ready for School"):
        outcome_area_create(name="Ready for School", trust=trust)
    with pytest.raises(FieldErrors, match="already an outcome area called Stay safe"):
        outcome_area_create(name="Stay safe", trust=trust)
    assert outcome_area_create(name="Ready for school", trust=other_trust).trust == other_trust


@pytest.mark.django_db
def test_changing_an_indicator_is_audited_and_limited_to_its_description(trust, other_trust, analyst):
    indicator = IndicatorDefinition.objects.create(code="t/1", name="Measure")
    healthy = OutcomeArea.objects.get(slug="be-healthy", trust__isnull=True)
    indicator_update(indicator=indicator, by=analyst, polarity=Polarity.LOWER_BETTER, outcome_area=healthy)
    indicator.refresh_from_db()
    assert (indicator.polarity, indicator.outcome_area) == (Polarity.LOWER_BETTER, healthy)
    assert AuditEntry.objects.filter(object_type="needs.indicatordefinition", action="update", actor=analyst).exists()
    with pytest.raises(TypeError, match="cannot be changed here: code"):
        indicator_update(indicator=indicator, code="t/2")
    elsewhere = outcome_area_create(name="Their own", trust=other_trust)
    with pytest.raises(FieldErrors, match="shared outcome areas or one of this trust's own") as error:
        indicator_update(indicator=indicator, outcome_area=elsewhere)
    assert list(error.value.errors) == ["outcome_area"]


@pytest.mark.django_db
def test_an_indicator_changed_since_its_form_was_shown_is_refused(analyst):
    indicator = IndicatorDefinition.objects.create(code="t/1", name="Measure", unit="%")
    version = version_of(indicator)
    indicator_update(indicator=indicator, by=analyst, name="Their name")
    with pytest.raises(StaleEdit, match="Someone else changed this indicator definition while you were editing it"):
        indicator_update(indicator=indicator, by=analyst, version=version, name="My name")
    indicator.refresh_from_db()
    assert indicator.name == "Their name"


@pytest.mark.django_db
def test_changing_one_field_of_a_stale_copy_leaves_the_others_as_stored(analyst):
    indicator = IndicatorDefinition.objects.create(code="t/1", name="Measure", unit="%")
    stale = IndicatorDefinition.objects.get(pk=indicator.pk)
    indicator_update(indicator=indicator, by=analyst, unit="per 1,000 children")
    indicator_update(indicator=stale, by=analyst, name="Renamed")
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == ("Renamed", "per 1,000 children")
