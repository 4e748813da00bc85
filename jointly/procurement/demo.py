"""Demo opportunities: in Plymouth, one open tender made from the forward plan, with answered clarification
questions, and one draft still short of its gates. Loading twice adds nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.partnerships.models import Trust
from jointly.plans.models import CommissioningIntention

from .demo_bids import add_demo_bids
from .models import Criterion, Opportunity, RouteKind
from .services import clarifications as clarification_services
from .services import opportunities as services

TRUST = "plymouth"
SCALE = {
    0: "No answer, or the answer does not address the question.",
    1: "Weak: significant gaps or risks.",
    2: "Satisfactory: meets the requirement with minor gaps.",
    3: "Good: meets the requirement fully, with evidence.",
    4: "Excellent: exceeds the requirement, with strong evidence of outcomes achieved.",
}


def load(stdout=None) -> None:
    from .demo_states import load as load_essex

    _load_plymouth(stdout)
    with transaction.atomic():
        load_essex(stdout)


def _load_plymouth(stdout=None) -> None:
    trust = Trust.objects.filter(slug=TRUST).first()
    if trust is None or Opportunity.objects.filter(trust=trust).exists():
        return
    by = User.objects.filter(memberships__trust=trust, role="commissioner").order_by("pk").first()
    asker = User.objects.filter(role="provider_user").order_by("pk").first()
    intentions = {i.title: i for i in CommissioningIntention.objects.filter(trust=trust, status=CommissioningIntention.Status.PUBLISHED)}
    with transaction.atomic():
        if intention := intentions.get("Early help and family support"):
            _open_tender(intention, by, asker)
        if intention := intentions.get("Young carers' support service"):
            services.opportunity_create(
                intention=intention,
                by=by,
                route=RouteKind.BELOW_THRESHOLD_OPEN,
                specification="Young carers are identified early, supported at school and at home, and have time to be children.",
                closes_at=timezone.now() + datetime.timedelta(days=50),
            )
    if stdout:
        stdout.write("  procurement: opportunities in Plymouth\n")


def _open_tender(intention, by, asker) -> None:
    opportunity = services.opportunity_create(
        intention=intention,
        by=by,
        route=RouteKind.LIGHT_TOUCH,
        reference="PCC-EH-2027",
        specification=(
            "Families get help as soon as problems emerge, from people they trust, in their own neighbourhood. "
            "We describe the outcomes we want; bidders propose how to achieve them."
        ),
        budget=intention.total_value,
        budget_published=True,
        closes_at=timezone.now() + datetime.timedelta(days=45),
    )
    services.conflicts_assessment_record(
        opportunity=opportunity,
        by=by,
        declarations="One panel member is a trustee of a local family charity that may bid.",
        actions="She has stepped off the panel for this procurement; a parent representative replaces her.",
    )
    services.social_value_record(
        opportunity=opportunity,
        by=by,
        improvements="Local employment and volunteering for parents; spending with local suppliers; lower travel by working in neighbourhoods.",
        consulted=True,
        consultation="The parent carer forum and the VCS assembly, in the engagement events.",
    )
    for text, measure in (
        (
            "Families get help early, before problems reach statutory services",
            "Share of referrals from universal services; re-referrals within 12 months",
        ),
        (
            "Children are safe and stay with their families where that is right for them",
            "Children in need and child protection rates, by neighbourhood",
        ),
    ):
        services.outcome_add(opportunity=opportunity, by=by, text=text, measure=measure)
    for title in ("North and west neighbourhoods", "South and east neighbourhoods"):
        services.lot_add(opportunity=opportunity, by=by, title=title, suitable_for_sme=True, suitable_for_vcse=True)
    quality = services.criterion_add(opportunity=opportunity, by=by, title="How the service achieves the outcomes", weight=50)
    partnership = services.criterion_add(opportunity=opportunity, by=by, title="Working with families and partners", weight=15)
    services.criterion_add(opportunity=opportunity, by=by, title="Price (full cost)", weight=25, kind=Criterion.Kind.PRICE)
    social = services.criterion_add(opportunity=opportunity, by=by, title="Social value for Plymouth", weight=10, kind=Criterion.Kind.SOCIAL_VALUE)
    services.scale_set(opportunity=opportunity, by=by, meanings=SCALE)
    for text, criterion in (
        ("How will you reach families who do not ask for help?", quality),
        ("How will families and young people shape the service?", partnership),
        ("What social value will you add in Plymouth, and how will you show it?", social),
    ):
        services.question_add(opportunity=opportunity, by=by, text=text, criterion=criterion, word_limit=750)
    opportunity = services.opportunity_publish(opportunity=opportunity, by=by)
    # The bids' demo adds its bids while the opportunity is open (demo_bids: a consortium's and a draft).
    add_demo_bids(opportunity)
    if asker is None:
        return
    for question, published, answer in (
        (
            "We are a small charity in Devonport: can we bid for one lot only?",
            "Can an organisation bid for one lot only?",
            "Yes. Each lot is judged on its own.",
        ),
        (
            "Is TUPE likely to apply?",
            "Is TUPE likely to apply?",
            "Yes, for staff of the current provider. Anonymised staff information is in the documents.",
        ),
    ):
        asked = clarification_services.clarification_ask(opportunity=opportunity, by=asker, question=question)
        clarification_services.clarification_answer(clarification=asked, by=by, published_question=published, answer=answer)
    clarification_services.clarification_ask(opportunity=opportunity, by=asker, question="Can the budget include the cost of premises?")
