"""Returns as each person may see them, the completion page's lines with last period's beside them,
the trust's lists (due, overdue, submitted), and what the reviews helper reads."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.http import Http404

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, has_perm, trust_ids_for
from jointly.contracts.models import ContractMeasure
from jointly.contracts.selectors.contracts import running_contracts_of
from jointly.contracts.selectors.payments import paid_in_period

from ..models import Adoption, CommissionerRating, MonitoringReturn, ReturnLine, ReturnPart, ReturnTemplate, TemplateQuestion
from ..rules import return_decision
from ..services.returns import previous_return, reported_by_lead

NOT_SUBMITTED = (MonitoringReturn.Status.DRAFT, MonitoringReturn.Status.CHANGES_REQUESTED)


def _with_parts(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("organisation", "template", "template__trust", "template__region").prefetch_related(
        Prefetch("parts", queryset=ReturnPart.objects.select_related("contract", "contract__trust", "contract__buyer"))
    )


def returns_of_organisation(organisation_id) -> QuerySet:
    return _with_parts(MonitoringReturn.objects.filter(organisation_id=organisation_id)).order_by("-period_starts_on", "pk")


def returns_of_trust(trust, *, state: str = "", today: datetime.date | None = None) -> QuerySet:
    """The returns covering a contract of the trust: `due` (not submitted, not yet past due), `overdue`,
    `submitted` (waiting for review), `accepted`, or all."""
    queryset = MonitoringReturn.objects.filter(parts__contract__trust=trust).distinct()
    today = today or datetime.date.today()
    if state == "due":
        queryset = queryset.filter(status__in=NOT_SUBMITTED, due_on__gte=today)
    elif state == "overdue":
        queryset = queryset.filter(status__in=NOT_SUBMITTED, due_on__lt=today)
    elif state == "submitted":
        queryset = queryset.filter(status=MonitoringReturn.Status.SUBMITTED)
    elif state == "accepted":
        queryset = queryset.filter(status=MonitoringReturn.Status.ACCEPTED)
    return _with_parts(queryset).order_by("due_on", "organisation__name", "pk")


def counts_for_trust(trust, today: datetime.date) -> dict[str, int]:
    """How many of the trust's returns are in each list, in one query."""
    rows = MonitoringReturn.objects.filter(pk__in=MonitoringReturn.objects.filter(parts__contract__trust=trust).values("pk")).aggregate(
        due=Count("pk", filter=Q(status__in=NOT_SUBMITTED, due_on__gte=today)),
        overdue=Count("pk", filter=Q(status__in=NOT_SUBMITTED, due_on__lt=today)),
        submitted=Count("pk", filter=Q(status=MonitoringReturn.Status.SUBMITTED)),
        accepted=Count("pk", filter=Q(status=MonitoringReturn.Status.ACCEPTED)),
    )
    return rows


def returns_visible(user) -> QuerySet:
    """Every return the person may see: a provider's own organisation's, staff their trusts'."""
    if not user.is_authenticated:
        return MonitoringReturn.objects.none()
    if user.role == Role.PROVIDER_USER:
        if not user.organisation_id or not has_perm(user, Perm.RETURN_SUBMIT):
            return MonitoringReturn.objects.none()
        return returns_of_organisation(user.organisation_id)
    if not has_perm(user, Perm.RETURNS_REVIEW):
        return MonitoringReturn.objects.none()
    scope = trust_ids_for(user)
    queryset = MonitoringReturn.objects.all()
    if scope is not None:
        queryset = queryset.filter(pk__in=ReturnPart.objects.filter(contract__trust_id__in=scope).values("monitoring_return_id"))
    return _with_parts(queryset).order_by("-period_starts_on", "organisation__name", "pk")


def return_for(user, pk, perm: Perm) -> MonitoringReturn:
    """One return for a page or an API call: 404 unless it is the person's to see, 403 unless theirs to do this."""
    monitoring_return = _with_parts(MonitoringReturn.objects.all()).filter(pk=pk).first()
    decision = return_decision(user, perm, monitoring_return) if monitoring_return is not None else None
    if decision is None or not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return monitoring_return


# A measure of the money paid to the provider is prefilled from the invoices paid in the period. The
# contracts' measures have no money type, so such a measure is known by its unit (pounds) and its
# wording (what was paid), e.g. "Amount paid to us", in "£".
MONEY_UNITS = frozenset({"£", "gbp", "pounds", "£s"})
PAID_WORDS = ("paid", "payment", "invoice")


def is_amount_paid(measure: ContractMeasure) -> bool:
    unit = measure.unit.strip().lower()
    words = f"{measure.text} {measure.how_measured}".lower()
    return (
        measure.value_type == ContractMeasure.ValueType.NUMBER
        and (unit in MONEY_UNITS or unit.startswith("£"))
        and any(word in words for word in PAID_WORDS)
    )


@dataclass(frozen=True)
class Paid:
    """A contract's invoices paid in the return's period: shown beside its measures, never typed."""

    total: Decimal
    count: int

    def __str__(self):
        return f"£{self.total:,.2f} across {self.count} invoice{'' if self.count == 1 else 's'}"


@dataclass
class Line:
    line: ReturnLine
    previous: ReturnLine | None = None
    # What an empty answer is prefilled with on the page (the amount paid in the period), if anything.
    prefill: str = ""

    @property
    def name(self) -> str:
        return self.line.field_name


@dataclass
class PartView:
    part: ReturnPart
    lines: list[Line] = field(default_factory=list)
    paid: Paid = field(default_factory=lambda: Paid(Decimal("0"), 0))


@dataclass
class Sheet:
    """A return laid out for its page: each contract's measures, then the questions by section, and the
    consortium contracts whose lead reports on them (named, nothing to fill in)."""

    monitoring_return: MonitoringReturn
    previous: MonitoringReturn | None
    parts: list[PartView]
    sections: list[tuple[str, list[Line]]]
    reported_by_lead: list = field(default_factory=list)


def led_by_others(monitoring_return: MonitoringReturn) -> list:
    """The consortium contracts of the return's organisation (a member, not the lead) that its template covers
    in the period: their lead reports on them, once, in its own return."""
    contracts = reported_by_lead(monitoring_return.organisation, monitoring_return.template).filter(
        starts_on__lte=monitoring_return.period_ends_on, ends_on__gte=monitoring_return.period_starts_on
    )
    return list(contracts)


def consortium_contracts_led_by_others(organisation_id) -> list:
    """Every running consortium contract the organisation is a member of whose buyer uses a standard return:
    the lead reports on it (for the provider's list of returns, which a member with no return of its own sees too)."""
    if not organisation_id:
        return []
    buyers = Adoption.objects.values("organisation_id")
    return list(
        running_contracts_of(organisation_id)
        .exclude(supplier_id=organisation_id)
        .filter(buyer_id__in=buyers)
        .select_related("supplier")
        .order_by("reference", "pk")
    )


def sheet_for(monitoring_return: MonitoringReturn, *, trust=None) -> Sheet:
    """The return's lines with last period's values beside them (a fixed number of queries). `trust`:
    only that trust's contracts' parts (a reviewer's view of a regional return).

    Each contract's invoices paid in the period are shown beside its measures; while the return can be
    changed, an empty answer to a measure of the amount paid is prefilled with them (only on the page:
    nothing is saved until the provider saves, so the draft stays exactly as typed)."""
    previous = previous_return(monitoring_return)
    earlier, earlier_questions = {}, {}
    if previous is not None:
        for line in previous.lines.select_related("question"):
            if line.measure_id:
                earlier[line.measure_id] = line
            else:
                earlier_questions[line.question.text] = line
    lines = list(
        monitoring_return.lines.select_related("measure", "measure__priority", "question", "part", "part__contract").order_by(
            "part__contract__reference", "measure__order", "measure_id", "question__order", "question_id"
        )
    )
    parts = {}
    for part in monitoring_return.parts.all():
        if trust is None or part.contract.trust_id == trust.pk:
            parts[part.pk] = PartView(part)
    paid = paid_in_period(
        [view.part.contract_id for view in parts.values()], start=monitoring_return.period_starts_on, end=monitoring_return.period_ends_on
    )
    for view in parts.values():
        if view.part.contract_id in paid:
            view.paid = Paid(*paid[view.part.contract_id])
    editable = monitoring_return.status in NOT_SUBMITTED
    sections: dict[str, list[Line]] = {value: [] for value in TemplateQuestion.Section.values}
    for line in lines:
        if line.measure_id:
            if line.part_id in parts:
                view = parts[line.part_id]
                prefill = f"{view.paid.total:.2f}" if editable and view.paid.count and not line.entry and is_amount_paid(line.measure) else ""
                view.lines.append(Line(line, earlier.get(line.measure_id), prefill))
        else:
            sections[line.question.section].append(Line(line, earlier_questions.get(line.question.text)))
    labelled = [(TemplateQuestion.Section(value).label, items) for value, items in sections.items() if items]
    others = led_by_others(monitoring_return) if trust is None else []
    return Sheet(monitoring_return, previous, list(parts.values()), labelled, others)


def templates_for_trust(trust) -> QuerySet:
    """The trust's own templates and its region's."""
    return (
        ReturnTemplate.objects.filter(Q(trust=trust) | Q(region_id=trust.region_id))
        .select_related("trust", "region")
        .prefetch_related("versions", "adoptions__organisation")
        .order_by("name", "pk")
    )


def ratings_for_trust(trust) -> dict:
    """The providers' ratings of the trust: how many, each aspect's average, and the comments, never with names."""
    ratings = CommissionerRating.objects.filter(trust=trust)
    summary = ratings.aggregate(count=Count("pk"), clarity=Avg("clarity"), payment=Avg("payment"), partnership=Avg("partnership"))
    aspects = [(label, summary[name]) for name, label in CommissionerRating.ASPECTS]
    comments = list(ratings.exclude(comment="").order_by("-rated_at").values_list("comment", "rated_at"))
    return {"count": summary["count"], "aspects": aspects, "comments": comments}


def reviewer_to_do(trust) -> QuerySet:
    """Submitted returns with a part of the trust's still to rate."""
    return MonitoringReturn.objects.filter(
        status=MonitoringReturn.Status.SUBMITTED, pk__in=ReturnPart.objects.filter(contract__trust=trust, rag="").values("monitoring_return_id")
    )


# --- For the reviews of contracts (reviews app) ----------------------------------------------


@dataclass(frozen=True)
class PeriodRating:
    """One reviewed period of a contract: its trust's RAG rating and comments (reads well on a page as it is)."""

    period_starts_on: datetime.date
    period_ends_on: datetime.date
    rag: str
    rag_label: str
    comment: str
    reviewed_at: datetime.datetime | None
    return_id: int

    def __str__(self):
        text = f"{self.period_starts_on:%-d %B %Y} to {self.period_ends_on:%-d %B %Y}: {self.rag_label}"
        return f"{text} ({self.comment})" if self.comment else text


def latest_ratings_for(contract) -> list[PeriodRating]:
    """The trust's RAG rating and comments of each reviewed period of the contract, latest first."""
    parts = (
        ReturnPart.objects.filter(contract=contract)
        .exclude(rag="")
        .select_related("monitoring_return")
        .order_by("-monitoring_return__period_starts_on", "-pk")
    )
    return [
        PeriodRating(
            period_starts_on=part.monitoring_return.period_starts_on,
            period_ends_on=part.monitoring_return.period_ends_on,
            rag=part.rag,
            rag_label=part.get_rag_display(),
            comment=part.comment,
            reviewed_at=part.reviewed_at,
            return_id=part.monitoring_return_id,
        )
        for part in parts
    ]


def measure_results(contract) -> dict:
    """Each of the contract's measures with its reported values by period (submitted returns only), oldest first:
    {measure: [{"period_starts_on", "period_ends_on", "number", "entry", "target"}]}."""
    lines = (
        ReturnLine.objects.filter(
            part__contract=contract, monitoring_return__status__in=[MonitoringReturn.Status.SUBMITTED, MonitoringReturn.Status.ACCEPTED]
        )
        .select_related("measure", "monitoring_return")
        .order_by("measure__order", "measure_id", "monitoring_return__period_starts_on")
    )
    results: dict = {measure: [] for measure in contract.measures.all()}
    for line in lines:
        results.setdefault(line.measure, []).append(
            {
                "period_starts_on": line.monitoring_return.period_starts_on,
                "period_ends_on": line.monitoring_return.period_ends_on,
                "number": line.number,
                "entry": line.entry,
                "target": line.measure.target,
            }
        )
    return results
