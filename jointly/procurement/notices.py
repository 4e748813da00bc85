"""Transparency notices (RULES.md): which an opportunity needs, when each is due, and their drafts.

The rules are dated data (`NOTICE_RULES`): each says for which routes and from which state a
notice is needed, and how its due date is counted. The rules in force are those on the day the
procurement started (its publication, or today for a draft). Drafts are written from the
opportunity's own published data only: never anything of a bid.

Writes (`notices_draft`, `notice_publish`, `notice_set_clock`) go through `core.transitions`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition

from .models import Notice, NoticeKind, Opportunity, RouteKind

DIRECT_ROUTES = frozenset({RouteKind.DIRECT_AWARD, RouteKind.PSR_DIRECT_A, RouteKind.PSR_DIRECT_B, RouteKind.PSR_DIRECT_C})
COMPETITIVE_ROUTES = frozenset(set(RouteKind.values) - DIRECT_ROUTES)
AWARDED_STATES = frozenset({Opportunity.Status.STANDSTILL, Opportunity.Status.AWARDED})


@dataclass(frozen=True)
class NoticeRule:
    kind: str
    in_force_from: datetime.date
    routes: frozenset
    # The states in which the notice is needed (it stays needed after; a termination only when cancelled).
    when: frozenset
    # What the rules say, for the page.
    due_rule: str
    # Days after the clock starts (None: due before an event, not on a date).
    days_after: int | None = None
    days_after_light_touch: int | None = None
    # Needed only if this holds of the opportunity (say, engagement happened).
    only_if: Callable | None = None


_ALL_LIVE = frozenset({Opportunity.Status.DRAFT, Opportunity.Status.OPEN, Opportunity.Status.EVALUATION, *AWARDED_STATES})
ACT_IN_FORCE = datetime.date(2025, 2, 24)


def _engaged(opportunity) -> bool:
    return opportunity.intention.engagement_starts_on is not None


NOTICE_RULES: tuple[NoticeRule, ...] = (
    NoticeRule(
        NoticeKind.UK2,
        ACT_IN_FORCE,
        COMPETITIVE_ROUTES,
        _ALL_LIVE,
        "Before the tender notice, when preliminary market engagement happened.",
        only_if=_engaged,
    ),
    NoticeRule(
        NoticeKind.UK4,
        ACT_IN_FORCE,
        COMPETITIVE_ROUTES,
        _ALL_LIVE,
        "Publishing it starts the procedure; it says whether each lot suits SMEs and VCSEs.",
    ),
    NoticeRule(NoticeKind.UK5, ACT_IN_FORCE, DIRECT_ROUTES, _ALL_LIVE, "Before the direct award is made."),
    NoticeRule(NoticeKind.UK6, ACT_IN_FORCE, COMPETITIVE_ROUTES, AWARDED_STATES, "Before signing: publishing it starts the standstill."),
    NoticeRule(
        NoticeKind.UK7,
        ACT_IN_FORCE,
        frozenset(RouteKind.values),
        frozenset({Opportunity.Status.AWARDED}),
        "Within 30 days of signing the contract (120 days for light-touch services).",
        days_after=30,
        days_after_light_touch=120,
    ),
    NoticeRule(
        NoticeKind.UK12,
        ACT_IN_FORCE,
        frozenset(RouteKind.values),
        frozenset({Opportunity.Status.CANCELLED}),
        "When deciding not to award, as soon as practicable.",
        days_after=0,
    ),
)


def rules_in_force(on: datetime.date, table=NOTICE_RULES) -> dict[str, NoticeRule]:
    """The latest rule for each notice in force on that day."""
    chosen: dict[str, NoticeRule] = {}
    for rule in sorted(table, key=lambda rule: rule.in_force_from):
        if rule.in_force_from <= on:
            chosen[rule.kind] = rule
    return chosen


def started_on(opportunity) -> datetime.date:
    return timezone.localdate(opportunity.published_at) if opportunity.published_at else timezone.localdate()


def needed(opportunity) -> list[NoticeRule]:
    """The notices this opportunity needs now, in the order they come."""
    rules = rules_in_force(started_on(opportunity))
    # Notices already drafted stay when the state moves on (a cancellation adds the termination notice).
    return [
        rule
        for rule in rules.values()
        if opportunity.route in rule.routes and opportunity.status in rule.when and (rule.only_if is None or rule.only_if(opportunity))
    ]


def _light_touch(opportunity) -> bool:
    """Whether the light-touch regime applies, as the opportunity records it (from its intention at creation)."""
    return bool(opportunity.light_touch)


def due_on(rule: NoticeRule, opportunity, clock_starts_on: datetime.date | None) -> datetime.date | None:
    if rule.days_after is None:
        return None
    if rule.kind == NoticeKind.UK12 and clock_starts_on is None:
        clock_starts_on = timezone.localdate()
    if clock_starts_on is None:
        return None
    days = rule.days_after_light_touch if (rule.days_after_light_touch is not None and _light_touch(opportunity)) else rule.days_after
    return clock_starts_on + datetime.timedelta(days=days)


# --- Drafts ------------------------------------------------------------------


def _money(amount) -> str:
    return f"£{amount:,.2f} including VAT"


def _awards(opportunity) -> list:
    """The awards of the award decision (issue 10, item 6), where that part is installed."""
    try:
        award_model = apps.get_model("procurement", "Award")
    except LookupError:
        return []
    return list(award_model.objects.filter(decision__opportunity=opportunity).select_related("organisation", "lot"))


def draft_content(kind: str, opportunity) -> dict[str, str]:
    """The notice's fields, from the opportunity's published data (never a bid's content)."""
    buyer = opportunity.trust.name
    content = {"Buyer": buyer, "Title": opportunity.title, "Reference": opportunity.reference or opportunity.ocid, "OCDS id": opportunity.ocid}
    if opportunity.description:
        content["Description"] = opportunity.description
    content["Procedure"] = opportunity.get_route_display()
    if opportunity.budget_published and opportunity.budget is not None:
        content["Budget"] = _money(opportunity.budget)
    content["Estimated value"] = _money(opportunity.estimated_value)
    if kind == NoticeKind.UK2:
        intention = opportunity.intention
        content["Engagement"] = f"Preliminary market engagement from {intention.engagement_starts_on:%-d %B %Y}."
    if kind in (NoticeKind.UK4, NoticeKind.UK2):
        if opportunity.closes_at:
            content["Tenders due by"] = f"{timezone.localtime(opportunity.closes_at):%-I:%M%p on %-d %B %Y}"
        lots = list(opportunity.lots.all())
        for lot in lots:
            suits = [who for who, yes in (("SMEs", lot.suitable_for_sme), ("VCSEs", lot.suitable_for_vcse)) if yes]
            content[f"Lot {lot.number}: {lot.title}"] = (
                f"Suitable for {' and '.join(suits)}." if suits else "Not marked as suitable for SMEs or VCSEs."
            )
        criteria = list(opportunity.criteria.all())
        if criteria:
            content["Award criteria"] = "; ".join(f"{criterion.title} ({criterion.weight}%)" for criterion in criteria)
    if kind in (NoticeKind.UK5, NoticeKind.UK6, NoticeKind.UK7):
        justification = getattr(opportunity, "route_justification", "")
        if kind == NoticeKind.UK5 and justification:
            content["Why a direct award"] = justification
        for award in _awards(opportunity):
            where = f"Lot {award.lot.number}: " if award.lot_id else ""
            content[f"{where}Supplier"] = f"{award.organisation.name}, {_money(award.value)}"
        decision = getattr(opportunity, "award_decision", None) if _awards(opportunity) else None
        if kind == NoticeKind.UK6 and decision is not None and getattr(decision, "standstill_ends_on", None):
            content["Standstill ends"] = f"{decision.standstill_ends_on:%-d %B %Y}"
    if kind == NoticeKind.UK12:
        content["Reason for not awarding"] = opportunity.cancelled_reason or "Not recorded."
    return content


@transaction.atomic
def notices_draft(*, opportunity: Opportunity, by) -> list[Notice]:
    """Write (or rewrite) the draft of every notice the opportunity needs now. Published notices are left as they are."""
    opportunity = Opportunity.objects.select_related("trust", "intention").get(pk=opportunity.pk)
    existing = {notice.kind: notice for notice in Notice.objects.filter(opportunity=opportunity)}
    result = []
    for rule in needed(opportunity):
        content = draft_content(rule.kind, opportunity)
        notice = existing.get(rule.kind)
        if notice is None:
            notice = Notice.objects.create(
                opportunity=opportunity, kind=rule.kind, content=content, due_rule=rule.due_rule, due_on=due_on(rule, opportunity, None)
            )
        elif notice.status == Notice.Status.DRAFT and (notice.content != content or notice.due_rule != rule.due_rule):
            with edit(notice) as row:
                row.content, row.due_rule = content, rule.due_rule
            notice = row
        result.append(notice)
    return result


def notice_set_clock(*, notice: Notice, by, starts_on: datetime.date | None) -> Notice:
    """The day the period starts (the contract's signing, for a UK7): the due date follows from the rule."""
    if starts_on is None:
        raise FieldErrors({"starts_on": "Enter the date the period starts, like 27 3 2027"})
    rule = rules_in_force(started_on(notice.opportunity)).get(notice.kind)
    if rule is None or rule.days_after is None:
        raise InvalidTransition("This notice is due before an event, not a number of days after one.")
    with edit(notice) as row:
        row.clock_starts_on = starts_on
        row.due_on = due_on(rule, notice.opportunity, starts_on)
    return row


def notice_publish(*, notice: Notice, by, published_on: datetime.date | None, platform_reference: str = "") -> Notice:
    """Record that the notice went out on the Central Digital Platform, on which day, under which reference."""
    errors = {}
    if published_on is None:
        errors["published_on"] = "Enter the date the notice was published, like 27 3 2027"
    elif published_on > timezone.localdate():
        errors["published_on"] = "The date the notice was published must be today or in the past"
    if errors:
        raise FieldErrors(errors)
    return transition(
        instance=notice,
        move="publish",
        by=by,
        changes={"published_on": published_on, "platform_reference": (platform_reference or "").strip()[:100], "published_by": by},
    )


def notices_for_trust(trust):
    return Notice.objects.filter(opportunity__trust=trust).select_related("opportunity").order_by("status", "due_on", "pk")
