"""services.ratings: the provider rates each trust of its return once, 1 to 5 on each aspect, after submitting."""

import pytest

from jointly.core.errors import FieldErrors
from jointly.monitoring.selectors.returns import ratings_for_trust
from jointly.monitoring.services import ratings

pytestmark = pytest.mark.django_db


def test_rated_once_after_submitting_on_a_scale_of_one_to_five(draft, submitted, trust, other_trust, provider_user):
    with pytest.raises(FieldErrors) as bad:
        ratings.commissioner_rate(monitoring_return=submitted, trust=trust, by=provider_user, clarity=0, payment=6, partnership=3)
    assert set(bad.value.errors) == {"clarity", "payment"}
    with pytest.raises(FieldErrors) as not_covered:
        ratings.commissioner_rate(monitoring_return=submitted, trust=other_trust, by=provider_user, clarity=3, payment=3, partnership=3)
    assert "covers no contract" in not_covered.value.errors["__all__"]

    ratings.commissioner_rate(monitoring_return=submitted, trust=trust, by=provider_user, clarity=4, payment=2, partnership=5, comment="Paid late")
    with pytest.raises(FieldErrors) as twice:
        ratings.commissioner_rate(monitoring_return=submitted, trust=trust, by=provider_user, clarity=4, payment=2, partnership=5)
    assert "already rated" in twice.value.errors["__all__"]

    summary = ratings_for_trust(trust)
    assert summary["count"] == 1
    assert [(label, float(average)) for label, average in summary["aspects"]] == [
        ("Clarity of requirements", 4.0),
        ("Timeliness of payment", 2.0),
        ("Partnership working", 5.0),
    ]
    assert [comment for comment, _at in summary["comments"]] == ["Paid late"]


def test_a_draft_cannot_rate(draft, trust, provider_user):
    with pytest.raises(FieldErrors) as refused:
        ratings.commissioner_rate(monitoring_return=draft, trust=trust, by=provider_user, clarity=3, payment=3, partnership=3)
    assert "once you have submitted" in refused.value.errors["__all__"]
