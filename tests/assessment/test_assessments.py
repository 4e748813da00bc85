import pytest

from jointly.assessment.models import NeedsAssessment
from jointly.assessment.services.assessments import (
    assessment_create,
    assessment_new_draft,
    assessment_publish,
    assessment_update,
    finding_add,
)
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.needs.models import Observation

from .factories import EvidenceFactory, IndicatorFactory, PriorityFactory, PriorityTargetFactory, observe, outcome


@pytest.fixture
def draft(trust, analyst):
    assessment = assessment_create(trust=trust, period="2027–2030", title="Plymouth needs assessment", by=analyst)
    indicator = IndicatorFactory(name="Good level of development")
    observe(indicator, trust.area, "2023/24", 64.0)
    observe(indicator, trust.area, "2024/25", 66.5)
    evidence = EvidenceFactory(trust=trust, title="Parents' views")
    priority = PriorityFactory(trust=trust, title="Ready for school")
    PriorityTargetFactory(priority=priority, indicator=indicator, baseline_value=66.5, target_value=72)
    assessment_update(assessment=assessment, indicators=[indicator], evidence=[evidence], priorities=[priority], by=analyst)
    finding_add(
        assessment=assessment,
        title="Fewer children ready for school",
        text="Below England.",
        outcome_area=outcome("enjoy-and-achieve"),
        evidence=[evidence],
        by=analyst,
    )
    return assessment


def test_publish_freezes_a_snapshot(draft, analyst):
    published = assessment_publish(assessment=draft, by=analyst)
    assert published.status == NeedsAssessment.Status.PUBLISHED and published.published_by == analyst
    [row] = published.snapshot["indicators"]
    assert row["name"] == "Good level of development"
    assert [point["value"] for point in row["trend"]] == [64.0, 66.5]
    assert row["latest"]["period"] == "2024/25"
    assert published.snapshot["findings"][0]["evidence"] == ["Parents' views"]
    assert published.snapshot["priorities"][0]["targets"][0]["target"] == 72


def test_later_changes_to_the_data_do_not_alter_a_published_version(draft, analyst):
    published = assessment_publish(assessment=draft, by=analyst)
    before = published.snapshot
    Observation.objects.filter(period="2024/25").update(value=99.0)
    draft.indicators.first().__class__.objects.update(name="Renamed")
    draft.evidence.update(title="Changed")
    published.refresh_from_db()
    assert published.snapshot == before
    assert published.snapshot["indicators"][0]["latest"]["value"] == 66.5


def test_a_published_version_cannot_be_edited_or_published_again(draft, analyst):
    published = assessment_publish(assessment=draft, by=analyst)
    refusal = "This needs assessment is published, so it can no longer be changed."
    with pytest.raises(InvalidTransition, match=refusal):
        finding_add(assessment=published, title="Late", text="x", by=analyst)
    with pytest.raises(InvalidTransition, match=refusal):
        assessment_update(assessment=published, title="New", by=analyst)
    with pytest.raises(InvalidTransition, match="This needs assessment is published, so you cannot publish it"):
        assessment_publish(assessment=published, by=analyst)


def test_publishing_needs_findings(trust, analyst):
    empty = assessment_create(trust=trust, period="2027–2030", title="Empty", by=analyst)
    with pytest.raises(FieldErrors) as error:
        assessment_publish(assessment=empty, by=analyst)
    # Both problems at once, so one look at the page says everything to do.
    assert error.value.errors == {
        "findings": "Add at least one finding before publishing.",
        "indicators": "Choose the indicators or evidence the assessment draws on before publishing.",
    }
    empty.refresh_from_db()
    assert empty.status == NeedsAssessment.Status.DRAFT


def test_new_draft_copies_the_published_version(draft, analyst):
    published = assessment_publish(assessment=draft, by=analyst)
    nxt = assessment_new_draft(assessment=published, by=analyst)
    assert (nxt.version, nxt.status, nxt.previous) == (2, NeedsAssessment.Status.DRAFT, published)
    assert list(nxt.indicators.all()) == list(published.indicators.all())
    assert list(nxt.priorities.all()) == list(published.priorities.all())
    [finding] = nxt.findings.all()
    assert finding.title == "Fewer children ready for school"
    assert finding.assessment_id == nxt.pk
    assert [e.title for e in finding.evidence.all()] == ["Parents' views"]
    # Changing the copy leaves the published version alone.
    finding_add(assessment=nxt, title="New finding", text="x", by=analyst)
    assert published.findings.count() == 1
    with pytest.raises(InvalidTransition, match="A later version of this needs assessment has already been started"):
        assessment_new_draft(assessment=published, by=analyst)


def test_new_draft_only_from_a_published_version(draft, analyst):
    with pytest.raises(InvalidTransition, match="publish it before starting the next version"):
        assessment_new_draft(assessment=draft, by=analyst)


def test_one_assessment_per_trust_and_period(draft, trust, analyst):
    with pytest.raises(FieldErrors) as error:
        assessment_create(trust=trust, period="2027–2030", title="Again", by=analyst)
    assert list(error.value.errors) == ["period"]


def test_only_accepted_evidence_of_the_trust(draft, trust, other_trust, analyst):
    with pytest.raises(FieldErrors):
        assessment_update(assessment=draft, evidence=[EvidenceFactory(trust=other_trust)], by=analyst)
    with pytest.raises(FieldErrors):
        assessment_update(assessment=draft, evidence=[EvidenceFactory(trust=trust, status="submitted")], by=analyst)
    assert [e.title for e in draft.evidence.all()] == ["Parents' views"]


def test_every_problem_with_the_contents_is_given_at_once(draft, other_trust, analyst):
    with pytest.raises(FieldErrors) as error:
        assessment_update(
            assessment=draft,
            title=" ",
            evidence=[EvidenceFactory(trust=other_trust)],
            priorities=[PriorityFactory(trust=other_trust)],
            indicators=[IndicatorFactory(trust=other_trust, published=False)],
            by=analyst,
        )
    assert set(error.value.errors) == {"title", "evidence", "priorities", "indicators"}
    draft.refresh_from_db()
    assert draft.title == "Plymouth needs assessment"
