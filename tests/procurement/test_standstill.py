"""The standstill: 8 working days from the award notice (bank holidays counted out); the clock
concludes it once, after which the contract may be signed."""

import datetime

import pytest

from jointly.core.errors import FieldErrors
from jointly.procurement import tasks_award
from jointly.procurement.models import Award, Opportunity
from jointly.procurement.services import award as services

from .evaluation_helpers import decided, evaluated

pytestmark = pytest.mark.django_db

# Friday 18 December 2026: eight working days on, past Christmas Day and Boxing Day (Monday 28th).
NOTICE_DAY = datetime.date(2026, 12, 18)


@pytest.fixture
def decision(trust, commissioner, evaluator, board_member):
    evaluation = evaluated(trust, commissioner, evaluator)
    decision = decided(evaluation, board_member)
    services.assessment_summaries_send(decision=decision, by=commissioner)
    return services.award_notice_publish(decision=decision, by=commissioner, today=NOTICE_DAY)


def test_the_standstill_counts_working_days_past_bank_holidays(decision):
    # 21, 22, 23, 24, 29, 30, 31 December and 4 January (1 January is New Year's Day).
    assert decision.standstill_ends_on == datetime.date(2027, 1, 4)


def test_no_signing_and_no_conclusion_before_the_standstill_ends(decision):
    award = decision.awards.get()
    assert "no contract can be signed before it ends" in services.award_signing_refusal(award, today=datetime.date(2027, 1, 4))
    with pytest.raises(FieldErrors):
        services.award_conclude(decision=decision, today=datetime.date(2027, 1, 4))
    assert list(services.decisions_due_conclusion(today=datetime.date(2027, 1, 4))) == []


def test_the_clock_concludes_the_standstill_exactly_once(decision, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2027, 1, 5))
    assert tasks_award.conclude_ended_standstills() == "1 standstills ended"
    decision.refresh_from_db()
    decision.opportunity.refresh_from_db()
    assert decision.opportunity.status == Opportunity.Status.AWARDED
    award = decision.awards.get()
    assert award.status == Award.Status.READY_FOR_CONTRACT and services.award_signing_refusal(award) is None
    assert tasks_award.conclude_ended_standstills() == "0 standstills ended"
    assert services.award_conclude(decision=decision, today=datetime.date(2027, 1, 5)) is False


def test_the_notice_is_published_once(decision, commissioner):
    with pytest.raises(FieldErrors):
        services.award_notice_publish(decision=decision, by=commissioner)
