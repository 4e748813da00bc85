"""The demo loader: without the needs data it still loads, leaving out targets; loading twice changes nothing."""

import pytest

from jointly.assessment import demo
from jointly.assessment.models import EvidenceItem, NeedsAssessment, Priority, ReportCard
from jointly.assessment.selectors import vcs_share
from jointly.partnerships import demo as partnerships_demo
from jointly.partnerships.models import Trust

from .factories import IndicatorFactory, observe


@pytest.mark.django_db
def test_demo_loads_a_published_assessment_with_approved_priorities():
    partnerships_demo.load()
    plymouth = Trust.objects.get(slug="plymouth")
    absence = IndicatorFactory(name=demo.ABSENCE)
    observe(absence, plymouth.area, "2023/24", 22.4)
    demo.load()
    demo.load()
    for slug in ("plymouth", "essex"):
        trust = Trust.objects.get(slug=slug)
        [assessment] = NeedsAssessment.objects.filter(trust=trust)
        assert assessment.status == NeedsAssessment.Status.PUBLISHED and assessment.version == 1
        assert Priority.objects.filter(trust=trust, status=Priority.Status.APPROVED).count() == 5
        assert len(assessment.snapshot["findings"]) == 4
        overall, _ = vcs_share(trust=trust)
        assert 0 < overall.vcs < overall.total
        assert EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.SUBMITTED).count() == 1
        assert ReportCard.objects.filter(trust=trust).count() == 2
    target = Priority.objects.get(trust=plymouth, title="Children attend school regularly").targets.get()
    assert (target.indicator, target.baseline_value, target.target_value, target.direction) == (absence, 22.4, 19.0, "decrease")
    # Essex has no absence data here, so its priority has no target rather than an invented one.
    assert not Priority.objects.get(trust__slug="essex", title="Children attend school regularly").targets.exists()
