"""Demo reviews: the young carers' service in Plymouth (PLY-C0001) reviewed at its first anniversary,
with an improvement plan agreed with Plymouth Young Carers Project (one action done, one overdue, one
to come, and the provider's comment); Essex's young carers' service (ESX-C0001) reviewed and
continued; every running contract's reviews still to come planned from its term. Through the
services; loading twice adds nothing; dates relative to the day of loading."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import Role, User
from jointly.contracts.models import Contract
from jointly.contracts.services.contracts import add_years

from .models import Review
from .services import plans as plan_services
from .services import reviews as services

DAY = datetime.timedelta(days=1)


def _people(trust):
    commissioner = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    return commissioner


def load(stdout=None) -> None:
    today = timezone.localdate()
    made = []
    with transaction.atomic():
        young_carers = Contract.objects.filter(trust__slug="plymouth", reference="PLY-C0001", status=Contract.Status.ACTIVE).first()
        if young_carers and not young_carers.reviews.exists():
            made.append(_plymouth(young_carers, today))
        essex = Contract.objects.filter(trust__slug="essex", reference="ESX-C0001", status=Contract.Status.ACTIVE).first()
        if essex and not essex.reviews.exists():
            made.append(_essex(essex, today))
        for contract in Contract.objects.filter(status=Contract.Status.ACTIVE, trust__slug__in=["plymouth", "essex"]).order_by("pk"):
            services.reviews_schedule(contract=contract, today=today)
    if stdout and made:
        stdout.write(f"  reviews: {len(made)} completed reviews, an improvement plan, reviews planned for every running contract\n")


def _plymouth(contract: Contract, today: datetime.date) -> Review:
    by = _people(contract.trust)
    provider = User.objects.filter(organisation_id=contract.supplier_id, role=Role.PROVIDER_USER).order_by("pk").first()
    anniversary = add_years(contract.starts_on, 1)
    review = services.review_create(contract=contract, by=by, due_on=anniversary, kind=Review.Kind.ANNUAL)
    review = services.review_record(
        review=review,
        by=by,
        outcomes_finding=(
            "Families supported: 281 against a year-one profile of 400 (70%). Families whose needs reduced at closure: 61% against a "
            "target of 75%. Volunteers recruited: 19 of 25. Referrals from schools fell in the autumn term when the schools' worker post was vacant."
        ),
        need_finding=(
            "The need has grown: the census count of young carers aged 5 to 17 in Plymouth is up, and the priority's indicator has moved the wrong way "
            "since the baseline. The service is still needed; it is not yet reaching enough families."
        ),
        no_consultation_reason=(
            "Young carers were asked through the project's own young carers' council and feedback cards (32 responses) rather than a new trust "
            "consultation, so they were not asked the same questions twice in a term."
        ),
        families_said=(
            "Young carers value the Saturday club and the one-to-one worker. They said they hear about the service late, often from a teacher "
            "after a crisis, and that the waiting time for a first visit was too long."
        ),
        finding="A valued service below its targets on reach and outcomes, mainly because schools' referrals fell while the schools' worker post was vacant.",
        decision=Review.Decision.IMPROVE,
        decision_evidence="The year-one figures above, the young carers' council's feedback and the referral data by source.",
    )
    review = services.review_complete(review=review, by=by, today=anniversary + 12 * DAY)
    plan = review.improvement_plan
    done = plan_services.action_add(
        plan=plan,
        by=by,
        text="Recruit to the vacant schools' worker post",
        owner_side="provider",
        owner="Service manager, Young Carers Project",
        due_on=anniversary + 40 * DAY,
    )
    plan_services.action_add(
        plan=plan,
        by=by,
        text="Run a young carers' awareness session in every secondary school",
        owner_side="provider",
        owner="Schools' worker",
        due_on=today - 10 * DAY,
    )
    plan_services.action_add(
        plan=plan,
        by=by,
        text="Add young carers to the early help assessment's prompts so schools refer sooner",
        owner_side="trust",
        owner="Early help commissioner",
        due_on=today + 45 * DAY,
    )
    if provider:
        plan_services.plan_comment(
            plan=plan,
            by=provider,
            text="We agree the actions. The awareness sessions depend on the new schools' worker starting; we have booked the first six schools.",
        )
        plan_services.plan_accept(plan=plan, by=provider)
        plan = plan_services.plan_agree(plan=plan, by=by, today=anniversary + 20 * DAY)
        plan_services.action_finish(action=done, by=by, note="Appointed and started.", today=anniversary + 35 * DAY)
    return review


def _essex(contract: Contract, today: datetime.date) -> Review:
    by = _people(contract.trust)
    due_on = min(today - 20 * DAY, add_years(contract.starts_on, 1))
    review = services.review_create(contract=contract, by=by, due_on=due_on, kind=Review.Kind.OTHER)
    review = services.review_record(
        review=review,
        by=by,
        outcomes_finding="On track: 131 young carers supported against 120; assessments within 28 days 92% against 90%; 74% report less worry at home.",
        need_finding="The need is steady; the priority's indicator is close to its baseline.",
        no_consultation_reason="Young carers' views were gathered by the provider's annual survey (58 responses), shared in full with the trust.",
        families_said="Young carers said the service helps most with school and with time for themselves; some want more sessions in the holidays.",
        finding="The service meets its targets and young carers value it.",
        decision=Review.Decision.CONTINUE,
        decision_evidence="The quarter-by-quarter figures and the young carers' survey.",
    )
    return services.review_complete(review=review, by=by, today=due_on + 5 * DAY)
