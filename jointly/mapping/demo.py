"""The service map part of the demo: each trust's directory services mapped to its priorities, with some efficacy judgements.

Runs after the providers and resources demos. A service is mapped to a
priority when it serves the priority's outcome and names one of the groups
the priority means to reach (a service naming no group, for everyone, is
mapped only to a priority naming no group).
Each priority's groups come from its wording. Judgements are given to a few
in-house and a few contracted services in every trust, the same way, so the
map shows both judged by one standard. Every judgement's text says it is
illustrative. A trust whose map already has entries is skipped, so loading
twice changes nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import Role, User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.assessment.models import EvidenceItem
from jointly.partnerships.models import Trust

from . import analysis, selectors, services
from .models import MapEntry, Rating

# The groups each demo priority means to reach, by its title (see assessment/demo.py).
PRIORITY_GROUPS = {
    "Children attend school regularly": ["young_carers", "special_educational_needs", "gypsy_roma_traveller"],
    "Every child leaves primary school ready for what comes next": ["special_educational_needs", "low_income_families", "refugees_asylum_seekers"],
    "Children in care have stable homes": ["looked_after_children", "mental_health"],
    "Care leavers are in education, employment or training": ["care_leavers", "young_parents"],
    "Young carers are found early and supported": ["young_carers"],
    "Children in low-income families get help early": ["low_income_families", "children_in_need", "refugees_asylum_seekers"],
}
IN_HOUSE_JUDGED, CONTRACTED_JUDGED = 2, 3
# (rating, evidence summary): illustrative, and saying so.
JUDGEMENTS = [
    (
        Rating.PROMISING,
        "Illustrative judgement for the demonstration. Attendance and families' own ratings rose in the "
        "service's first two years; there is no comparison group yet, so the effect cannot be separated from other change.",
    ),
    (
        Rating.MIXED,
        "Illustrative judgement for the demonstration. The provider's outcome returns show gains for younger "
        "children but not for teenagers; the last inspection found practice good but records incomplete.",
    ),
    (
        Rating.NO_EVIDENCE_YET,
        "Illustrative judgement for the demonstration. The service collects activity figures only; "
        "an outcomes framework is being agreed with the provider for next year.",
    ),
    (
        Rating.STRONG,
        "Illustrative judgement for the demonstration. The model has randomised trials behind it, and the "
        "local service delivers it to the licensed standard, checked by the model's owners each year.",
    ),
    (
        Rating.NO_EFFECT,
        "Illustrative judgement for the demonstration. A two-year local evaluation found no difference in "
        "school attendance between families who took part and similar families who did not.",
    ),
]


def load(stdout=None) -> None:
    mapped = 0
    for trust in Trust.objects.order_by("name"):
        if MapEntry.objects.filter(trust=trust).exists():
            continue
        priorities = list(selectors.current_priorities(trust=trust).order_by("title"))
        if not priorities:
            continue
        with transaction.atomic():
            mapped += _load_trust(trust, priorities)
    if stdout:
        stdout.write(f"Service map demo loaded: {mapped} services mapped.")


def _persona(trust: Trust) -> User | None:
    return User.objects.filter(role=Role.COMMISSIONER, memberships__trust=trust, email__endswith=DEMO_EMAIL_DOMAIN).order_by("email").first()


def _serves(service, priority, groups: list[str]) -> bool:
    """The map's own rule (analysis.serves): the priority's outcome, and one of its groups; for everyone only for everyone."""
    facts = analysis.Service(
        id=service.pk,
        name=service.name,
        outcomes=frozenset(row.outcome.slug for row in service.outcome_rows.all()),
        groups=frozenset(row.group for row in service.group_rows.all()),
        place_ids=frozenset(),
        approach=service.approach,
    )
    return analysis.serves(facts, priority.outcome_area.slug, groups)


def _load_trust(trust: Trust, priorities) -> int:
    by = _persona(trust)
    groups = {p.pk: PRIORITY_GROUPS.get(p.title, []) for p in priorities}
    for priority in priorities:
        if groups[priority.pk]:
            services.priority_groups_set(priority=priority, groups=groups[priority.pk], by=by)
    candidates = selectors.candidate_services(trust=trust).prefetch_related("outcome_rows__outcome", "group_rows")
    entries = []
    for service in candidates:
        serves = [p for p in priorities if _serves(service, p, groups[p.pk])]
        if serves:
            entries.append(services.map_entry_create(trust=trust, service=service, priorities=serves, by=by))
    _judgements(trust, entries, by)
    return len(entries)


def _judgements(trust: Trust, entries: list[MapEntry], by) -> None:
    in_house = [e for e in entries if selectors.is_in_house(e.service)][:IN_HOUSE_JUDGED]
    contracted = [e for e in entries if not selectors.is_in_house(e.service)][:CONTRACTED_JUDGED]
    evidence = list(
        EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.ACCEPTED).prefetch_related("outcome_areas").order_by("dated", "pk")
    )
    now = timezone.now()
    for n, entry in enumerate(in_house + contracted):
        # Evidence from the needs assessment about one of the service's outcomes, if there is any.
        outcomes = {row.outcome_id for row in entry.service.outcome_rows.all()}
        about = [item for item in evidence if outcomes & {o.pk for o in item.outcome_areas.all()}][:1]
        rating, summary = JUDGEMENTS[n % len(JUDGEMENTS)]
        if n == 0:
            # One service whose view has changed: the older judgement stays in its history.
            services.judgement_record(
                entry=entry, rating=Rating.NO_EVIDENCE_YET, by=by, at=now - datetime.timedelta(days=420), evidence_summary=JUDGEMENTS[2][1]
            )
        services.judgement_record(
            entry=entry, rating=rating, evidence_summary=summary, by=by, evidence=about, at=now - datetime.timedelta(days=30 + 7 * n)
        )
