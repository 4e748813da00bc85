"""Writes for opportunities: from a published intention to a published tender, extended or cancelled.

Publication is gated: `publish_problems` lists everything missing at once, and the same check runs
as the move's guard on the locked row, so no page, API call or script can skip a gate.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.audit.services import audit_record, snapshot, transition_in_progress
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition
from jointly.passport.models import REQUIREMENT_LABELS
from jointly.plans.models import CommissioningIntention
from jointly.plans.services import money

from .. import routes
from ..models import (
    GRANT_ROUTES,
    ConflictsAssessment,
    Criterion,
    LocalPolicy,
    Lot,
    Opportunity,
    Outcome,
    Question,
    RouteKind,
    ScaleDescriptor,
    SocialValueConsideration,
)
from ..models.opportunities import default_passport_requirements

Status = Opportunity.Status
EDITABLE = [
    "title",
    "reference",
    "description",
    "specification",
    "route",
    "route_justification",
    "light_touch",
    "health_care",
    "pre_qualification",
    "estimated_value",
    "budget",
    "budget_published",
    "scale_max",
    "closes_at",
    "passport_requirements",
]
# The gates of publication, in the order the checklist shows them.
GATES = [
    ("route", "The route is open to this value and kind of service"),
    ("route_justification", "The route's justification is recorded"),
    ("pre_qualification", "No pre-qualification stage where none is allowed"),
    ("conflicts", "A conflicts assessment is recorded"),
    ("social_value", "The Social Value Act consideration is recorded (services above the threshold)"),
    ("outcomes", "The outcomes to achieve are set out"),
    ("criteria", "Criteria whose weights add up to 100%"),
    ("social_value_weighting", "Social value carries at least the policy's minimum weighting"),
    ("scale", "What each point of the scoring scale means"),
    ("questions", "The questions bidders answer"),
    ("closes_at", "A response window no shorter than the legal minimum and the local policy"),
]


def ocid_for(opportunity: Opportunity) -> str:
    prefix = getattr(settings, "JOINTLY_OCID_PREFIX", "ocds-jointly")
    return f"{prefix}-{opportunity.trust.slug}-{opportunity.pk}"


def policy_for(trust) -> LocalPolicy:
    """The trust's local policy, or the defaults (40 days, 10% social value) when it has set none."""
    return LocalPolicy.objects.filter(trust=trust).first() or LocalPolicy(trust=trust)


def window_days(opportunity: Opportunity, *, now: datetime.datetime | None = None) -> int | None:
    """Calendar days from publication (now, if not yet published) to the closing day."""
    if opportunity.closes_at is None:
        return None
    start = opportunity.published_at or now or timezone.now()
    return (timezone.localdate(opportunity.closes_at) - timezone.localdate(start)).days


def required_days(opportunity: Opportunity, rule, policy: LocalPolicy) -> tuple[int, str]:
    """The shortest window allowed, and what sets it (the law, the trust's policy or this opportunity's override)."""
    legal = rule.min_response_days if rule else 0
    if rule is not None and rule.justification_required:
        return legal, "the law"  # no competition: the local window is for bids
    local, source = policy.min_response_days, "the trust's local policy"
    if opportunity.response_days_override is not None:
        local, source = opportunity.response_days_override, "the policy set for this opportunity"
    return (legal, "the law") if legal >= local else (local, source)


def start_day(opportunity) -> datetime.date:
    """The day whose rules and thresholds apply: publication, or today for a draft."""
    return timezone.localdate(opportunity.published_at) if opportunity.published_at else timezone.localdate()


def route_problems(*, route: str, value: Decimal, light_touch: bool, health_care: bool, justification: str, pre_qualification: bool, on) -> dict:
    problems = {}
    if route in GRANT_ROUTES:
        return {"route": f"{RouteKind(route).label} is run as a grant programme by the grants team, not as a procurement"}
    advice = {item.route: item for item in routes.advise(value, light_touch, health_care, on)}
    item = advice.get(route)
    if item is None:
        return {"route": f"No rule for {RouteKind(route).label} is in force on {on:%-d %B %Y}"}
    if not item.open:
        problems["route"] = f"{item.label} is not open to this procurement: {item.reason[:1].lower()}{item.reason[1:]}"
    if item.rule.justification_required and not (justification or "").strip():
        problems["route_justification"] = f"Record why {item.label.lower()} is justified"
    if pre_qualification:
        if not routes.above_threshold(value, light_touch=light_touch, on=on):
            problems["pre_qualification"] = "A procurement below the threshold cannot have a pre-qualification stage: remove it"
        elif not item.rule.pre_qualification_allowed:
            problems["pre_qualification"] = f"{item.label} has no pre-qualification stage: remove it or choose another route"
    return problems


def publish_problems(opportunity: Opportunity, *, now: datetime.datetime | None = None) -> dict[str, str]:
    """Every gate the opportunity does not yet pass, {gate: what is missing}. Empty: it may be published."""
    now = now or timezone.now()
    on = start_day(opportunity)
    problems = route_problems(
        route=opportunity.route,
        value=opportunity.estimated_value,
        light_touch=opportunity.light_touch,
        health_care=opportunity.health_care,
        justification=opportunity.route_justification,
        pre_qualification=opportunity.pre_qualification,
        on=on,
    )
    rule = routes.rule_for(opportunity.route, on)
    policy = policy_for(opportunity.trust)
    if not opportunity.conflicts_assessments.exists():
        problems["conflicts"] = "Record the conflicts assessment: who declared what, and what was done"
    above = routes.above_threshold(opportunity.estimated_value, light_touch=opportunity.light_touch, on=on)
    if above and not SocialValueConsideration.objects.filter(opportunity=opportunity).exists():
        problems["social_value"] = "Record how the service could improve the area's well-being (Public Services (Social Value) Act 2012)"
    if not opportunity.outcomes.exists():
        problems["outcomes"] = "Add at least one outcome to achieve, with how it will be measured"
    competitive = rule is None or not rule.justification_required
    if competitive:
        criteria = list(opportunity.criteria.all())
        total = sum(criterion.weight for criterion in criteria)
        if not criteria:
            problems["criteria"] = "Add the criteria bids are judged on"
        elif total != 100:
            problems["criteria"] = f"The criteria's weights add up to {total}%: they must add up to 100%"
        social = sum(c.weight for c in criteria if c.kind == Criterion.Kind.SOCIAL_VALUE)
        if opportunity.social_value_minimum_applies and social < policy.social_value_minimum:
            problems["social_value_weighting"] = (
                f"Social value criteria carry {social}%: the policy asks for at least {policy.social_value_minimum}% "
                "(or record why it does not apply)"
            )
        scored = set(opportunity.scale.values_list("score", flat=True))
        missing = [str(score) for score in range(opportunity.scale_max + 1) if score not in scored]
        if missing:
            problems["scale"] = f"Say what a score of {', '.join(missing)} means (the scale runs from 0 to {opportunity.scale_max})"
        if not opportunity.questions.exists():
            problems["questions"] = "Add the questions bidders answer"
    days = window_days(opportunity, now=now)
    least, source = required_days(opportunity, rule, policy)
    if days is None:
        problems["closes_at"] = "Set the closing time"
    elif opportunity.closes_at <= now:
        problems["closes_at"] = "The closing time must be in the future"
    elif days < least:
        problems["closes_at"] = f"The response window is {days} days: {source} asks for at least {least} days from publication"
    return problems


def gate_checklist(opportunity: Opportunity) -> list[dict]:
    """Each gate with whether it passes and, if not, what is missing (for the page's checklist)."""
    problems = publish_problems(opportunity)
    return [{"key": key, "label": label, "problem": problems.get(key, "")} for key, label in GATES]


def _publish_guard(row: Opportunity) -> str | None:
    problems = publish_problems(row)
    if problems:
        return "This opportunity cannot be published yet: " + "; ".join(problems.values()) + "."
    return None


def _clean(trust, data: dict) -> dict:
    errors = {}
    for field, what, optional in (("estimated_value", "the estimated total value", False), ("budget", "the budget", True)):
        value = data.get(field)
        if optional and value in (None, ""):
            data[field] = None
            continue
        try:
            data[field] = money(value, field=field, what=what)
        except FieldErrors as error:
            errors.update(error.errors)
    if not (data.get("title") or "").strip():
        errors["title"] = "Enter a title for the opportunity"
    requirements = data.get("passport_requirements")
    if requirements is None:
        data["passport_requirements"] = default_passport_requirements()
    elif unknown := [key for key in requirements if key not in REQUIREMENT_LABELS]:
        errors["passport_requirements"] = f"Choose from the supplier passport's parts ({', '.join(unknown)} is not one)"
    else:
        data["passport_requirements"] = list(dict.fromkeys(requirements))
    if data.get("route") not in RouteKind.values:
        errors["route"] = "Select a route"
    elif "estimated_value" not in errors:
        found = route_problems(
            route=data["route"],
            value=data["estimated_value"],
            light_touch=data.get("light_touch", True),
            health_care=data.get("health_care", False),
            justification=data.get("route_justification", ""),
            pre_qualification=data.get("pre_qualification", False),
            on=timezone.localdate(),
        )
        errors.update(found)
    if data.get("budget_published") and data.get("budget") is None and "budget" not in errors:
        errors["budget"] = "Enter the budget to publish it"
    scale_max = data.get("scale_max") or 4
    if not 1 <= int(scale_max) <= 10:
        errors["scale_max"] = "The top of the scale must be between 1 and 10"
    closes_at = data.get("closes_at")
    if closes_at is not None and closes_at <= timezone.now():
        errors["closes_at"] = "The closing time must be in the future"
    if errors:
        raise FieldErrors(errors)
    data["title"] = data["title"].strip()
    return data


@transaction.atomic
def opportunity_create(*, intention: CommissioningIntention, by, route: str, title: str = "", estimated_value=None, **fields) -> Opportunity:
    """A draft opportunity from a published intention (the golden thread), with its ocid set once."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    if intention.status != CommissioningIntention.Status.PUBLISHED:
        raise FieldErrors({"intention": "Choose an intention published in the forward plan"})
    data = {
        "title": title or intention.title,
        "description": intention.description,
        "light_touch": intention.light_touch,
        "estimated_value": intention.total_value if estimated_value in (None, "") else estimated_value,
        "route": route,
        **fields,
    }
    data = _clean(intention.trust, data)
    opportunity = Opportunity.objects.create(trust=intention.trust, intention=intention, created_by=by, ocid=f"pending-{uuid.uuid4()}", **data)
    opportunity.ocid = ocid_for(opportunity)
    opportunity.save(update_fields=["ocid"])
    return opportunity


def opportunity_update(*, opportunity: Opportunity, by, version: str | None = None, **changes) -> Opportunity:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    with edit(opportunity, version=version) as row:
        data = {name: getattr(row, name) for name in EDITABLE}
        data.update(changes)
        data = _clean(row.trust, data)
        for name in EDITABLE:
            setattr(row, name, data[name])
    return row


def opportunity_publish(*, opportunity: Opportunity, by) -> Opportunity:
    problems = publish_problems(opportunity)
    if problems:
        raise FieldErrors(problems)
    return transition(instance=opportunity, move="publish", by=by, check=_publish_guard, changes={"published_at": timezone.now()})


def opportunity_cancel(*, opportunity: Opportunity, by, reason: str) -> Opportunity:
    if not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the opportunity is cancelled"})
    return transition(instance=opportunity, move="cancel", by=by, reason=reason.strip(), changes={"cancelled_reason": reason.strip()})


def deadline_extend(*, opportunity: Opportunity, by, closes_at: datetime.datetime, reason: str) -> Opportunity:
    """Move the closing time later while the opportunity is open, with the reason in the audit trail."""
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter why the deadline is extended"
    if closes_at is None:
        errors["closes_at"] = "Enter the new closing time"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        row = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if row.status != Status.OPEN:
            raise InvalidTransition("The deadline can be extended only while the opportunity is open for bids.")
        if closes_at <= row.closes_at:
            raise FieldErrors({"closes_at": f"The new closing time must be later than {timezone.localtime(row.closes_at):%-d %B %Y %H:%M}"})
        before = snapshot(row)
        row.closes_at = closes_at
        with transition_in_progress():  # one entry, with the reason, not a plain change as well
            row.save(update_fields=["closes_at", "updated_at"])
        audit_record(
            action=AuditEntry.Action.UPDATE, instance=row, before=before, after=snapshot(row), reason=f"Deadline extended: {reason.strip()}", by=by
        )
    return row


def policy_override(
    *, opportunity: Opportunity, by, reason: str, response_days: int | None = None, social_value_minimum_applies: bool = True
) -> Opportunity:
    """Change this opportunity's local policies (window, social value weighting), always with a logged reason."""
    policy = policy_for(opportunity.trust)
    changing = response_days is not None or not social_value_minimum_applies
    if changing and not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the local policy does not apply as it stands"})
    if response_days is not None and not 0 <= response_days <= 365:
        raise FieldErrors({"response_days": "Enter a number of days between 0 and 365"})
    with edit(opportunity) as row:
        row.response_days_override = None if response_days == policy.min_response_days else response_days
        row.response_days_reason = reason.strip() if row.response_days_override is not None else ""
        row.social_value_minimum_applies = social_value_minimum_applies
        row.social_value_minimum_reason = "" if social_value_minimum_applies else reason.strip()
    return row


def local_policy_set(*, trust, by, min_response_days: int, social_value_minimum: int, reason: str) -> LocalPolicy:
    """The trust's own minimum window and social value weighting, always with the reason (kept in the change log)."""
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "Enter why the trust's policy is changing"
    if min_response_days is None or not 0 <= min_response_days <= 365:
        errors["min_response_days"] = "Enter a number of days between 0 and 365"
    if social_value_minimum is None or not 0 <= social_value_minimum <= 100:
        errors["social_value_minimum"] = "Enter a weighting between 0 and 100"
    if errors:
        raise FieldErrors(errors)
    policy, _ = LocalPolicy.objects.get_or_create(trust=trust)
    policy.min_response_days, policy.social_value_minimum, policy.reason = min_response_days, social_value_minimum, reason.strip()
    policy.save()
    return policy


# --- The parts of a draft: outcomes, lots, criteria, scale, questions ------


def _required(errors: dict, field: str, value, message: str) -> str:
    text = (value or "").strip()
    if not text:
        errors[field] = message
    return text


def outcome_add(*, opportunity, by, text: str, measure: str) -> Outcome:
    errors = {}
    text = _required(errors, "text", text, "Enter the outcome to achieve")
    measure = _required(errors, "measure", measure, "Enter how the outcome will be measured")
    if errors:
        raise FieldErrors(errors)
    with edit(opportunity) as row:
        return Outcome.objects.create(opportunity=row, text=text, measure=measure, order=row.outcomes.count() + 1)


def lot_add(*, opportunity, by, title: str, description: str = "", value=None, suitable_for_sme=False, suitable_for_vcse=False) -> Lot:
    errors = {}
    title = _required(errors, "title", title, "Enter a title for the lot")
    if value not in (None, ""):
        try:
            value = money(value, field="value", what="the lot's value")
        except FieldErrors as error:
            errors.update(error.errors)
    else:
        value = None
    if errors:
        raise FieldErrors(errors)
    with edit(opportunity) as row:
        number = (row.lots.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        return Lot.objects.create(
            opportunity=row,
            number=number,
            title=title,
            description=description,
            value=value,
            suitable_for_sme=suitable_for_sme,
            suitable_for_vcse=suitable_for_vcse,
        )


def criterion_add(*, opportunity, by, title: str, weight, kind: str = Criterion.Kind.QUALITY, description: str = "", lot=None) -> Criterion:
    errors = {}
    title = _required(errors, "title", title, "Enter the criterion")
    if kind not in Criterion.Kind.values:
        errors["kind"] = "Select quality, price or social value"
    if weight is None or not 1 <= int(weight) <= 100:
        errors["weight"] = "Enter a weight between 1 and 100"
    if lot is not None and lot.opportunity_id != opportunity.pk:
        errors["lot"] = "Choose one of this opportunity's lots"
    if errors:
        raise FieldErrors(errors)
    with edit(opportunity) as row:
        total = sum(row.criteria.values_list("weight", flat=True))
        if total + int(weight) > 100:
            raise FieldErrors({"weight": f"The criteria already carry {total}%: this one can carry at most {100 - total}%"})
        return Criterion.objects.create(
            opportunity=row, title=title, weight=int(weight), kind=kind, description=description, lot=lot, order=row.criteria.count() + 1
        )


def question_add(*, opportunity, by, text: str, criterion=None, guidance: str = "", word_limit=None, required: bool = True) -> Question:
    errors = {}
    text = _required(errors, "text", text, "Enter the question")
    if criterion is not None and criterion.opportunity_id != opportunity.pk:
        errors["criterion"] = "Choose one of this opportunity's criteria"
    if word_limit is not None and not 1 <= int(word_limit) <= 10000:
        errors["word_limit"] = "Enter a word limit between 1 and 10,000"
    if errors:
        raise FieldErrors(errors)
    with edit(opportunity) as row:
        return Question.objects.create(
            opportunity=row,
            text=text,
            criterion=criterion,
            guidance=guidance,
            word_limit=word_limit,
            required=required,
            order=row.questions.count() + 1,
        )


def scale_set(*, opportunity, by, meanings: dict[int, str]) -> list[ScaleDescriptor]:
    """Say what every point of the scale means, from 0 to the top; replaces what was there."""
    errors = {
        f"score_{score}": f"Say what a score of {score} means"
        for score in range(opportunity.scale_max + 1)
        if not (meanings.get(score) or "").strip()
    }
    if errors:
        raise FieldErrors(errors)
    with edit(opportunity) as row:
        row.scale.all().delete()
        return [ScaleDescriptor.objects.create(opportunity=row, score=score, meaning=meanings[score].strip()) for score in range(row.scale_max + 1)]


PARTS = {"outcomes": Outcome, "lots": Lot, "criteria": Criterion, "questions": Question}


def part_remove(*, opportunity, by, part: str, pk: int) -> None:
    model = PARTS[part]
    with edit(opportunity) as row:
        deleted, _ = model.objects.filter(opportunity=row, pk=pk).delete()
        if not deleted:
            raise FieldErrors({NON_FIELD: "That has already been removed"})


# --- The gates' records ------------------------------------------------------


def conflicts_assessment_record(*, opportunity, by, declarations: str, actions: str) -> ConflictsAssessment:
    """Record the conflicts assessment (again, whenever it changes: the latest is the one in force)."""
    errors = {}
    declarations = _required(errors, "declarations", declarations, "Enter who declared what (or that no one declared a conflict)")
    actions = _required(errors, "actions", actions, "Enter what was done about each declaration")
    if errors:
        raise FieldErrors(errors)
    if opportunity.status in (Status.AWARDED, Status.CANCELLED):
        raise InvalidTransition("The procurement is over: its conflicts assessment can no longer change.")
    return ConflictsAssessment.objects.create(opportunity=opportunity, declarations=declarations, actions=actions, assessed_by=by)


def social_value_record(*, opportunity, by, improvements: str, consulted: bool = False, consultation: str = "") -> SocialValueConsideration:
    errors = {}
    improvements = _required(errors, "improvements", improvements, "Enter how the service could improve the area's well-being")
    consultation = (consultation or "").strip()
    if not consultation:
        errors["consultation"] = "Enter who was consulted" if consulted else "Enter why the trust did not consult"
    if errors:
        raise FieldErrors(errors)
    with edit(opportunity) as row:
        record, _ = SocialValueConsideration.objects.update_or_create(
            opportunity=row, defaults={"improvements": improvements, "consulted": consulted, "consultation": consultation, "recorded_by": by}
        )
    return record
