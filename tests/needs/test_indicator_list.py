"""The public list of indicators."""

import pytest
from django.urls import reverse

from jointly.needs.models import IndicatorDefinition, OutcomeArea


@pytest.fixture
def indicators(trust):
    safe = OutcomeArea.objects.get(slug="stay-safe", trust__isnull=True)
    healthy = OutcomeArea.objects.get(slug="be-healthy", trust__isnull=True)
    made = [IndicatorDefinition.objects.create(code=f"t/{n}", name=f"Stay safe measure {n}", outcome_area=safe) for n in range(30)]
    made.append(IndicatorDefinition.objects.create(code="t/h", name="Healthy weight", outcome_area=healthy))
    made.append(IndicatorDefinition.objects.create(code="t/local", name="Local private measure", trust=trust, published=False))
    return made


@pytest.mark.django_db
def test_anyone_sees_published_indicators_in_a_bounded_number_of_queries(anonymous_client, indicators, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = anonymous_client.get(reverse("needs:indicator-list"))
    page = response.content.decode()
    assert response.status_code == 200 and "31 indicators" in page
    assert "Local private measure" not in page
    assert "import more from DfE or Fingertips files" not in page


@pytest.mark.django_db
def test_filtering_by_outcome_area_and_name(anonymous_client, indicators):
    page = anonymous_client.get(reverse("needs:indicator-list"), {"outcome_area": "be-healthy"}).content.decode()
    assert "Healthy weight" in page and "Stay safe measure" not in page
    page = anonymous_client.get(reverse("needs:indicator-list"), {"q": "measure 2"}).content.decode()
    assert "Stay safe measure 2" in page and "Healthy weight" not in page


@pytest.mark.django_db
def test_the_trusts_own_people_also_see_its_unpublished_indicators(commissioner_client, other_commissioner_client, indicators):
    assert "Local private measure" in commissioner_client.get(reverse("needs:indicator-list"), {"outcome_area": "none"}).content.decode()
    assert "Local private measure" not in other_commissioner_client.get(reverse("needs:indicator-list"), {"outcome_area": "none"}).content.decode()


@pytest.mark.django_db
def test_people_who_import_are_pointed_to_the_imports(commissioner_client, provider_client, indicators):
    assert "import more from DfE or Fingertips files" in commissioner_client.get(reverse("needs:indicator-list")).content.decode()
    assert "import more from DfE or Fingertips files" not in provider_client.get(reverse("needs:indicator-list")).content.decode()


@pytest.mark.django_db
def test_the_list_says_who_each_indicator_counts_and_its_caution(anonymous_client, db):
    IndicatorDefinition.objects.create(
        code="t/fsm",
        name="Children in need eligible for free school meals (%)",
        cohort="children in need at 31 March",
        caution="Children in need only.",
    )
    page = anonymous_client.get(reverse("needs:indicator-list")).content.decode()
    assert "Counts: children in need at 31 March" in page and "<strong>Caution:</strong> Children in need only." in page
