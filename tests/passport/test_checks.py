"""Scored passport checks: one score per policy revision, reused by every trust in the region."""

import datetime

import pytest

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.passport import services
from jointly.passport.models import Check

from .conftest import TODAY, policy

pytestmark = pytest.mark.django_db


def score(organisation, by, **data):
    values = {"key": "policy:safeguarding", "scheme": Check.Scheme.SCALE, "score": 3, "reason": "Named lead, annual training.", "today": TODAY}
    values.update(data)
    return services.check_record(organisation=organisation, by=by, **values)


def test_a_scale_score_of_two_or_more_is_a_pass_and_stands_until_the_policy_expires(kept, commissioner, trust):
    check = score(kept, commissioner, trust=trust, score=2)
    assert (check.passed, check.score, check.valid_until, check.checker_trust) == (True, 2, datetime.date(2028, 1, 10), trust)
    assert check.result_label == "2 out of 4 (pass)"
    assert score(kept, commissioner, key="policy:equality", score=1).passed is False


def test_pass_or_fail_needs_the_answer(kept, commissioner):
    with pytest.raises(FieldErrors) as refused:
        score(kept, commissioner, scheme=Check.Scheme.PASS_FAIL, score=None, reason="")
    assert set(refused.value.errors) == {"passed", "reason"}
    check = score(kept, commissioner, scheme=Check.Scheme.PASS_FAIL, passed=False, reason="No named lead.")
    assert (check.passed, check.score, check.result_label) == (False, None, "Fail")


def test_a_second_trust_does_not_score_the_same_policy_again(kept, commissioner, regional_lead):
    score(kept, commissioner)
    with pytest.raises(FieldErrors) as refused:
        score(kept, regional_lead, score=0)
    assert "already scored by Amina Commissioner" in refused.value.errors[NON_FIELD]
    assert Check.objects.count() == 1


def test_a_changed_policy_can_be_scored_afresh(kept, commissioner):
    score(kept, commissioner)
    policy(kept, "safeguarding", adopted_on=datetime.date(2026, 5, 20))
    assert score(kept, commissioner, score=4).item_revision == 2
    assert Check.objects.count() == 2


def test_only_a_held_current_policy_is_scored(provider_org, kept, commissioner):
    with pytest.raises(FieldErrors) as refused:
        score(kept, commissioner, key="insurance:public_liability")
    assert refused.value.errors[NON_FIELD] == "Only the policies are scored"
    with pytest.raises(FieldErrors) as refused:
        score(kept, commissioner, today=datetime.date(2028, 2, 1))
    assert "expired on 10 January 2028" in refused.value.errors[NON_FIELD]


def test_a_score_out_of_range_is_refused(kept, commissioner):
    with pytest.raises(FieldErrors) as refused:
        score(kept, commissioner, score=5, reason="  ")
    assert set(refused.value.errors) == {"score", "reason"}
