"""The demo loader: without the needs data it still loads, leaving out targets; loading twice changes nothing."""

import pytest

from jointly.assessment import demo
from jointly.assessment.models import EvidenceItem, NeedsAssessment, Priority, PriorityTarget, ReportCard
from jointly.assessment.selectors import vcs_share
from jointly.needs.demo import WARD_NEED_CODE, WARD_NEED_NAME
from jointly.needs.models import Polarity
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
        assert Priority.objects.filter(trust=trust, status=Priority.Status.APPROVED).count() == 6
        assert len(assessment.snapshot["findings"]) == 5
        overall, _ = vcs_share(trust=trust)
        assert 0 < overall.vcs < overall.total
        assert EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.SUBMITTED).count() == 1
        assert ReportCard.objects.filter(trust=trust).count() == 2
    target = Priority.objects.get(trust=plymouth, title="Children attend school regularly").targets.get()
    assert (target.indicator, target.baseline_value, target.target_value, target.direction) == (absence, 22.4, 19.0, "decrease")
    # Essex has no absence data here, so its priority has no target rather than an invented one.
    assert not Priority.objects.get(trust__slug="essex", title="Children attend school regularly").targets.exists()


@pytest.mark.django_db
def test_every_other_demo_trust_has_approved_priorities_with_targets_where_it_has_data():
    partnerships_demo.load()
    torbay, luton = Trust.objects.get(slug="torbay"), Trust.objects.get(slug="luton")
    absence = IndicatorFactory(name=demo.ABSENCE)
    observe(absence, torbay.area, "2023/24", 20.0)
    ward_need = IndicatorFactory(code=WARD_NEED_CODE, name=WARD_NEED_NAME, polarity=Polarity.LOWER_BETTER)
    observe(ward_need, torbay.area, "2021/22", 60.0)
    demo.load()
    for trust in Trust.objects.exclude(slug__in=["plymouth", "essex"]):
        priorities = Priority.objects.filter(trust=trust, status=Priority.Status.APPROVED)
        assert sorted(priorities.values_list("title", flat=True)) == sorted(demo.OTHER_TRUSTS_PRIORITIES), trust.slug
        assert all(p.approved_by_body.kind == "board" and p.approval_minute_reference for p in priorities)
        # Only Plymouth and Essex publish a full needs assessment.
        assert not NeedsAssessment.objects.filter(trust=trust).exists()
    # Torbay has no analyst or commissioner persona: its priorities are recorded by no one in particular.
    assert Priority.objects.filter(trust=torbay, created_by__isnull=False).count() == 0
    # Devon's are recorded by the commissioner persona who works there.
    assert set(Priority.objects.filter(trust__slug="devon").values_list("created_by__email", flat=True)) == {"commissioner@demo.jointly.example"}
    poverty = Priority.objects.get(trust=torbay, title="Children in low-income families get help early").targets.get()
    # 60.0 less 10% is 54.0; lower is better, so the target is a decrease.
    assert (poverty.indicator, poverty.baseline_value, poverty.target_value, poverty.direction) == (ward_need, 60.0, 54.0, "decrease")
    assert Priority.objects.get(trust=torbay, title="Children attend school regularly").targets.get().target_value == 17.0
    # Luton has none of the data here, so its priorities have no invented targets.
    assert not PriorityTarget.objects.filter(priority__trust=luton).exists()
    counts = Priority.objects.count(), PriorityTarget.objects.count()
    demo.load()
    assert (Priority.objects.count(), PriorityTarget.objects.count()) == counts
