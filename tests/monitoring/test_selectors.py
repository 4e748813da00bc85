"""selectors: what the contract reviews read (each period's RAG and comment; each measure's values by period)."""

import datetime

import pytest

from jointly.monitoring.models import Rag
from jointly.monitoring.selectors import latest_ratings_for, measure_results
from jointly.monitoring.services import returns as services
from jointly.monitoring.services import reviews

from .conftest import fill

pytestmark = pytest.mark.django_db


def test_ratings_and_results_by_period(covered, submitted, provider_org, provider_user, commissioner):
    template, (contract, _other) = covered
    part = submitted.parts.get(contract=contract)
    reviews.part_review(part=part, by=commissioner, rag=Rag.AMBER, comment="Behind plan")
    later = fill(services.return_open(organisation=provider_org, template=template, on=datetime.date(2027, 11, 1)))
    later.lines.filter(question__asks_date=True).update(date_entry="2/11/2027")
    later.lines.filter(part__contract=contract).update(entry="25")
    services.return_submit(monitoring_return=later, by=provider_user)

    (rating,) = latest_ratings_for(contract)
    assert (rating.period_starts_on, rating.rag, rating.comment) == (datetime.date(2027, 4, 1), "amber", "Behind plan")
    assert str(rating) == "1 April 2027 to 30 September 2027: Amber: some concerns (Behind plan)"
    (measure,) = contract.measures.all()
    assert [(row["period_starts_on"], row["number"]) for row in measure_results(contract)[measure]] == [
        (datetime.date(2027, 4, 1), 10),
        (datetime.date(2027, 10, 1), 25),
    ]
