"""The demo loader: forward plans for every Peninsula trust and two East trusts; one make-or-buy; loading twice adds nothing."""

import pytest

from jointly.assessment import demo as assessment_demo
from jointly.assessment.models import Priority
from jointly.partnerships import demo as partnerships_demo
from jointly.plans import demo
from jointly.plans.models import CommissioningIntention, MakeOrBuyAppraisal, ValueBand


@pytest.mark.django_db
def test_demo_publishes_forward_plans_linked_to_priorities_and_is_idempotent():
    partnerships_demo.load()
    assessment_demo.load()
    demo.load()
    demo.load()
    per_trust = {}
    for intention in CommissioningIntention.objects.select_related("trust"):
        per_trust.setdefault(intention.trust.slug, []).append(intention)
    assert {"plymouth", "cornwall", "devon", "torbay", "essex"} <= set(per_trust)
    assert len(per_trust) == 6
    for slug, intentions in per_trust.items():
        assert 6 <= len(intentions) <= 10, slug
        assert {i.status for i in intentions} == {CommissioningIntention.Status.PUBLISHED}
        assert len({i.kind for i in intentions}) >= 3 and len({i.route for i in intentions}) >= 3
    bands = {i.value_band for i in CommissioningIntention.objects.all()}
    assert bands == set(ValueBand.values)
    # Plymouth has the assessment's priorities: its intentions serve them; Cornwall has none and still has a plan.
    linked = CommissioningIntention.objects.filter(trust__slug="plymouth", priorities__isnull=False).distinct()
    assert linked.exists()
    assert set(Priority.objects.filter(intentions__in=linked).values_list("trust__slug", flat=True)) == {"plymouth"}
    [appraisal] = MakeOrBuyAppraisal.objects.filter(trust__slug="plymouth")
    assert appraisal.status == MakeOrBuyAppraisal.Status.DECIDED and appraisal.decided_by is not None
    assert appraisal.options.filter(kind="in_house").count() == 1 and appraisal.options.filter(kind="external").count() == 2


@pytest.mark.django_db
def test_the_demo_plan_and_appraisal_pages_render(client):
    from jointly.accounts.models import User

    from ..conftest import signed_in_client

    partnerships_demo.load()
    demo.load()
    html = client.get("/plans/plymouth/forward-plan/").content.decode()
    assert "Early help and family support" in html
    assert client.get("/plans/regions/east-of-england/forward-plan/").context["page_obj"].paginator.count >= 12
    commissioner = User.objects.get(email="commissioner@demo.jointly.example")
    if commissioner.needs_second_factor and not commissioner.totpdevice_set.exists():
        from ..factories import TOTPDeviceFactory

        TOTPDeviceFactory(user=commissioner)
    appraisal = MakeOrBuyAppraisal.objects.get(trust__slug="plymouth")
    html = signed_in_client(commissioner).get(f"/plans/plymouth/make-or-buy/{appraisal.pk}/").content.decode()
    assert "Council family support team" in html and "Full cost per unit" in html and "Mixed: part in-house, part external" in html
