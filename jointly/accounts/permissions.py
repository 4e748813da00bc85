"""The one catalogue of permissions, and the one helper that checks them.

A permission is named here and granted to roles here; what an assignment
(a seat, a panel place, a declared conflict) grants or bars on its object is
named here too. Every view and API call asks `decide(user, permission, obj)`
(or `require(...)`, which raises) and gets back whether it may go ahead and
why not. Two questions are kept apart:

* may this person know the object exists at all? If not, the answer is
  "not found" (a 404), so one trust cannot even confirm another's records;
* may they do this to it? If not, "forbidden" (a 403) with the reason.

Rules that look inside an object (is this the person's own organisation?)
belong to the app that owns the object: each app's `rules.py` registers them
with `@rule(Perm.X)`, and `AccountsConfig.ready()` imports every `rules.py`.
So this module imports no domain app (an import-linter contract keeps it so).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Assignment, Membership, Role


class Perm(StrEnum):
    TRUST_VIEW = "trust.view"
    TRUST_MANAGE = "trust.manage"
    REPRESENTATION_VIEW = "representation.view"
    SEAT_MANAGE = "seat.manage"
    SEAT_REPORT_BACK = "seat.report_back"
    PAPER_VIEW = "paper.view"
    PAPER_VIEW_CONFIDENTIAL = "paper.view_confidential"
    ORGANISATION_VIEW = "organisation.view"
    ORGANISATION_VIEW_PRIVATE = "organisation.view_private"
    ORGANISATION_CREATE = "organisation.create"
    ORGANISATION_EDIT = "organisation.edit"
    AUDIT_VIEW = "audit.view"
    USER_MANAGE = "user.manage"
    API_TOKEN_MANAGE = "api_token.manage"
    JOB_VIEW = "job.view"
    DIRECTORY_EDIT = "directory.edit"
    DIRECTORY_REVIEW = "directory.review"
    DIRECTORY_CHANGES_VIEW = "directory.changes_view"
    CONSULTATION_MANAGE = "consultation.manage"
    CONSULTATION_VIEW_RESULTS = "consultation.view_results"
    RESOURCES_VIEW = "resources.view"
    RESOURCES_MANAGE = "resources.manage"
    PROFILE_VIEW = "profile.view"
    ASSESSMENT_VIEW = "assessment.view"
    ASSESSMENT_MANAGE = "assessment.manage"
    PRIORITY_APPROVE = "priority.approve"
    EVIDENCE_SUBMIT = "evidence.submit"
    INDICATOR_IMPORT = "indicator.import"
    INDICATOR_EDIT = "indicator.edit"
    NEIGHBOURS_MANAGE = "neighbours.manage"
    PLANS_VIEW = "plans.view"
    PLANS_MANAGE = "plans.manage"
    MAP_VIEW = "map.view"
    MAP_MANAGE = "map.manage"
    MARKET_VIEW = "market.view"
    CAPACITY_MANAGE = "capacity.manage"
    SUPPORT_NEEDS_VIEW = "support_needs.view"
    SUPPORT_NEEDS_REPORT = "support_needs.report"
    PARTNERS_FIND = "partners.find"
    PROCUREMENT_VIEW = "procurement.view"
    PROCUREMENT_MANAGE = "procurement.manage"
    AWARD_DECIDE = "award.decide"
    BID_SUBMIT = "bid.submit"
    EVALUATION_TAKE_PART = "evaluation.take_part"
    PASSPORT_EDIT = "passport.edit"
    PASSPORT_CHECK = "passport.check"
    GRANTS_MANAGE = "grants.manage"
    GRANT_APPLY = "grant.apply"
    CONTRACTS_VIEW = "contracts.view"
    CONTRACTS_MANAGE = "contracts.manage"
    CONTRACT_APPROVE = "contract.approve"
    PAYMENTS_MANAGE = "payments.manage"
    INVOICE_SUBMIT = "invoice.submit"
    RETURN_SUBMIT = "return.submit"
    RETURNS_REVIEW = "returns.review"
    PLACEMENTS_MANAGE = "placements.manage"
    PLACEMENT_OFFER = "placement.offer"


DESCRIPTIONS = {
    Perm.TRUST_VIEW: "see this trust's partnership",
    Perm.TRUST_MANAGE: "change this trust's bodies and partners",
    Perm.REPRESENTATION_VIEW: "see the representation check",
    Perm.SEAT_MANAGE: "appoint people to seats or end their terms",
    Perm.SEAT_REPORT_BACK: "record a report-back for this seat",
    Perm.PAPER_VIEW: "read this body's papers",
    Perm.PAPER_VIEW_CONFIDENTIAL: "read confidential papers",
    Perm.ORGANISATION_VIEW: "see organisations",
    Perm.ORGANISATION_VIEW_PRIVATE: "see this organisation's private details",
    Perm.ORGANISATION_CREATE: "add organisations",
    Perm.ORGANISATION_EDIT: "change this organisation's details",
    Perm.AUDIT_VIEW: "see the history of records",
    Perm.USER_MANAGE: "manage people's accounts",
    Perm.API_TOKEN_MANAGE: "create API tokens",
    Perm.JOB_VIEW: "see this background job",
    Perm.DIRECTORY_EDIT: "propose changes to an organisation's directory entry",
    Perm.DIRECTORY_REVIEW: "approve or turn down changes to the directory",
    Perm.DIRECTORY_CHANGES_VIEW: "see proposed changes and past versions of directory entries",
    Perm.CONSULTATION_MANAGE: "run consultations",
    Perm.CONSULTATION_VIEW_RESULTS: "see consultation results",
    Perm.RESOURCES_VIEW: "see budgets, funds and spend",
    Perm.RESOURCES_MANAGE: "record budgets, funds and spend",
    Perm.PROFILE_VIEW: "see this trust's area profile and indicator pages",
    Perm.ASSESSMENT_VIEW: "see the needs assessment, its evidence, report cards and priorities",
    Perm.ASSESSMENT_MANAGE: "write the needs assessment, accept evidence and propose priorities",
    Perm.PRIORITY_APPROVE: "record the board's approval of a priority",
    Perm.EVIDENCE_SUBMIT: "contribute evidence to the needs assessment",
    Perm.INDICATOR_IMPORT: "import indicator data files",
    Perm.INDICATOR_EDIT: "change how an indicator is described and read",
    Perm.NEIGHBOURS_MANAGE: "change this authority's statistical neighbours",
    Perm.PLANS_VIEW: "see draft commissioning intentions and make-or-buy appraisals",
    Perm.PLANS_MANAGE: "write commissioning intentions and make-or-buy appraisals",
    Perm.MAP_VIEW: "see the service map, its gaps and overlaps, and efficacy judgements",
    Perm.MAP_MANAGE: "map services to priorities and record efficacy judgements",
    Perm.MARKET_VIEW: "see the market analysis",
    Perm.CAPACITY_MANAGE: "run capacity-building offers and events",
    Perm.SUPPORT_NEEDS_VIEW: "see the support needs organisations report",
    Perm.SUPPORT_NEEDS_REPORT: "report this organisation's support needs",
    Perm.PARTNERS_FIND: "find partners for consortia and sub-contracting",
    Perm.PROCUREMENT_VIEW: "see draft opportunities and the progress of procurements",
    Perm.PROCUREMENT_MANAGE: "create, publish and run opportunities",
    Perm.AWARD_DECIDE: "record an award decision",
    Perm.BID_SUBMIT: "make bids for this organisation",
    Perm.EVALUATION_TAKE_PART: "score bids as a member of an evaluation panel",
    Perm.PASSPORT_EDIT: "keep this organisation's supplier passport",
    Perm.PASSPORT_CHECK: "check and score supplier passports",
    Perm.GRANTS_MANAGE: "run grant programmes and record grant decisions",
    Perm.GRANT_APPLY: "apply for grants for this organisation",
    Perm.CONTRACTS_VIEW: "see contracts, their payments and their monitoring",
    Perm.CONTRACTS_MANAGE: "create and manage contracts, reviews and decommissioning",
    Perm.CONTRACT_APPROVE: "approve contract variations, extensions and decommissioning",
    Perm.PAYMENTS_MANAGE: "approve, dispute and pay invoices",
    Perm.INVOICE_SUBMIT: "send invoices for this organisation's contracts",
    Perm.RETURN_SUBMIT: "complete monitoring returns for this organisation",
    Perm.RETURNS_REVIEW: "review and rate monitoring returns",
    Perm.PLACEMENTS_MANAGE: "commission individual placements and keep individual budgets",
    Perm.PLACEMENT_OFFER: "offer placements for this organisation",
}

# Area profiles show published statistics, so every member of the trust may read them (scoped by trust).
_EVERYONE_SIGNED_IN = {Perm.ORGANISATION_VIEW, Perm.JOB_VIEW, Perm.PROFILE_VIEW}
_PARTNERSHIP_READER = _EVERYONE_SIGNED_IN | {Perm.TRUST_VIEW, Perm.PAPER_VIEW, Perm.API_TOKEN_MANAGE}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.COMMISSIONER: frozenset(
        _PARTNERSHIP_READER
        | {
            Perm.RESOURCES_VIEW,
            Perm.RESOURCES_MANAGE,
            Perm.DIRECTORY_REVIEW,
            Perm.DIRECTORY_CHANGES_VIEW,
            Perm.TRUST_MANAGE,
            Perm.REPRESENTATION_VIEW,
            Perm.SEAT_MANAGE,
            Perm.SEAT_REPORT_BACK,
            Perm.PAPER_VIEW_CONFIDENTIAL,
            Perm.ORGANISATION_VIEW_PRIVATE,
            Perm.ORGANISATION_CREATE,
            Perm.ORGANISATION_EDIT,
            Perm.AUDIT_VIEW,
            Perm.CONSULTATION_MANAGE,
            Perm.CONSULTATION_VIEW_RESULTS,
            Perm.ASSESSMENT_VIEW,
            Perm.ASSESSMENT_MANAGE,
            Perm.PRIORITY_APPROVE,
            Perm.EVIDENCE_SUBMIT,
            Perm.INDICATOR_IMPORT,
            Perm.INDICATOR_EDIT,
            Perm.NEIGHBOURS_MANAGE,
            Perm.PLANS_VIEW,
            Perm.PLANS_MANAGE,
            Perm.MAP_VIEW,
            Perm.MAP_MANAGE,
            Perm.MARKET_VIEW,
            Perm.CAPACITY_MANAGE,
            Perm.SUPPORT_NEEDS_VIEW,
            # On an organisation's behalf, say from what it said at a provider forum (its partner trusts only).
            Perm.SUPPORT_NEEDS_REPORT,
            Perm.PARTNERS_FIND,
            Perm.PROCUREMENT_VIEW,
            Perm.PROCUREMENT_MANAGE,
            Perm.PASSPORT_CHECK,
            Perm.GRANTS_MANAGE,
            Perm.CONTRACTS_VIEW,
            Perm.CONTRACTS_MANAGE,
            Perm.PAYMENTS_MANAGE,
            Perm.RETURNS_REVIEW,
            Perm.PLACEMENTS_MANAGE,
        }
    ),
    Role.PERFORMANCE_ANALYST: frozenset(
        _PARTNERSHIP_READER
        | {
            Perm.RESOURCES_VIEW,
            Perm.DIRECTORY_CHANGES_VIEW,
            Perm.REPRESENTATION_VIEW,
            Perm.PAPER_VIEW_CONFIDENTIAL,
            Perm.AUDIT_VIEW,
            Perm.CONSULTATION_MANAGE,
            Perm.CONSULTATION_VIEW_RESULTS,
            Perm.ASSESSMENT_VIEW,
            Perm.ASSESSMENT_MANAGE,
            Perm.EVIDENCE_SUBMIT,
            Perm.INDICATOR_IMPORT,
            Perm.INDICATOR_EDIT,
            Perm.NEIGHBOURS_MANAGE,
            Perm.PLANS_VIEW,
            Perm.MAP_VIEW,
            Perm.MAP_MANAGE,
            Perm.MARKET_VIEW,
            Perm.SUPPORT_NEEDS_VIEW,
            Perm.PROCUREMENT_VIEW,
            Perm.CONTRACTS_VIEW,
            Perm.RETURNS_REVIEW,
        }
    ),
    Role.BOARD_MEMBER: frozenset(
        _PARTNERSHIP_READER
        | {
            Perm.RESOURCES_VIEW,
            Perm.REPRESENTATION_VIEW,
            Perm.SEAT_REPORT_BACK,
            Perm.PAPER_VIEW_CONFIDENTIAL,
            Perm.CONSULTATION_VIEW_RESULTS,
            # Board members see the assessment and may record their board's approval (decision 0004).
            Perm.ASSESSMENT_VIEW,
            Perm.PRIORITY_APPROVE,
            Perm.PLANS_VIEW,
            Perm.MAP_VIEW,
            Perm.MARKET_VIEW,
            # The board (or whoever it delegates to) decides awards; the officers who ran the procurement propose.
            Perm.PROCUREMENT_VIEW,
            Perm.AWARD_DECIDE,
            # Senior sign-off: variations beyond the officers' limits, extensions, decommissioning.
            Perm.CONTRACTS_VIEW,
            Perm.CONTRACT_APPROVE,
        }
    ),
    Role.PROVIDER_USER: frozenset(
        _PARTNERSHIP_READER
        | {
            Perm.SEAT_REPORT_BACK,
            Perm.ORGANISATION_VIEW_PRIVATE,
            Perm.ORGANISATION_EDIT,
            Perm.DIRECTORY_EDIT,
            Perm.DIRECTORY_CHANGES_VIEW,
            Perm.EVIDENCE_SUBMIT,
            Perm.SUPPORT_NEEDS_REPORT,
            Perm.PARTNERS_FIND,
            Perm.BID_SUBMIT,
            Perm.PASSPORT_EDIT,
            Perm.GRANT_APPLY,
            # A provider's own contracts only (contracts/rules.py): the parties' people.
            Perm.CONTRACTS_VIEW,
            Perm.INVOICE_SUBMIT,
            Perm.RETURN_SUBMIT,
            Perm.PLACEMENT_OFFER,
        }
    ),
    # Evaluators judge what works, so they see the map's efficacy judgements.
    Role.EVALUATOR: frozenset(_PARTNERSHIP_READER | {Perm.ASSESSMENT_VIEW, Perm.MAP_VIEW}),
    Role.PARTICIPANT: frozenset(_EVERYONE_SIGNED_IN | {Perm.TRUST_VIEW}),
    Role.REGIONAL_LEAD: frozenset(
        _PARTNERSHIP_READER
        | {
            Perm.RESOURCES_VIEW,
            Perm.REPRESENTATION_VIEW,
            Perm.PAPER_VIEW_CONFIDENTIAL,
            Perm.AUDIT_VIEW,
            Perm.CONSULTATION_VIEW_RESULTS,
            Perm.DIRECTORY_CHANGES_VIEW,
            Perm.ASSESSMENT_VIEW,
            Perm.PLANS_VIEW,
            Perm.MAP_VIEW,
            Perm.MARKET_VIEW,
            Perm.SUPPORT_NEEDS_VIEW,
            Perm.PARTNERS_FIND,
            Perm.PROCUREMENT_VIEW,
            Perm.CONTRACTS_VIEW,
        }
    ),
    Role.ADMINISTRATOR: frozenset(Perm),
}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    # False when the person may not even know the object exists: answer 404.
    visible: bool = True

    def __bool__(self):
        return self.allowed


NOT_FOUND = Decision(False, "Not found.", visible=False)


# --- Per-object assignments: what each kind grants or bars on its object ---
#
# A role says what a person may do in their trusts; an assignment says what
# they may do on one object, whatever their role: a provider user can sit on
# one tender's evaluation panel and be a bidder elsewhere. A grant allows the
# permission on the object (and on everything that names it as a parent) even
# when the role lacks it. A bar refuses every permission on the object, to
# everyone, administrators included, and wins over every grant: a declared
# conflict of interest is enforced, not just recorded (decision 0002).

KIND_GRANTS: dict[str, frozenset[Perm]] = {
    Assignment.Kind.SEAT_HOLDER: frozenset({Perm.SEAT_REPORT_BACK}),
    # A panel place, on an opportunity or a grant programme, lets its holder score there, whatever their role.
    Assignment.Kind.PANEL_MEMBER: frozenset({Perm.EVALUATION_TAKE_PART}),
    # The lead professional holds one child's individual budget and commissions for that child alone.
    Assignment.Kind.LEAD_PROFESSIONAL: frozenset({Perm.PLACEMENTS_MANAGE}),
    Assignment.Kind.CONFLICT: frozenset(),
}
BARRING_KINDS: frozenset[str] = frozenset({Assignment.Kind.CONFLICT})
BAR_REASONS = {
    Assignment.Kind.CONFLICT: "You have declared a conflict of interest in this, so you cannot see it or take part in it.",
}


def assignments_of(user) -> dict[tuple[int, str], frozenset[str]]:
    """The person's live assignments, {(content type id, object id): kinds}, loaded once per user object."""
    cached = getattr(user, "_jointly_assignments", None)
    if cached is not None:
        return cached
    held: dict[tuple[int, str], set[str]] = {}
    rows = Assignment.objects.filter(person_id=user.pk, ended_at__isnull=True).values_list("content_type_id", "object_id", "kind")
    for content_type_id, object_id, kind in rows:
        held.setdefault((content_type_id, object_id), set()).add(kind)
    user._jointly_assignments = {key: frozenset(kinds) for key, kinds in held.items()}
    return user._jointly_assignments


def forget_assignments(user) -> None:
    """Drop the cached assignments, after granting or ending one for this person object."""
    if user is not None and hasattr(user, "_jointly_assignments"):
        del user._jointly_assignments


def _assignment_keys(obj) -> list[tuple[int, str]]:
    """The object and its parents (`assignment_parents()`, to any depth) as (content type id, object id).

    A parent is an instance or a (model, pk) pair, so a child can name its
    parent from a foreign key id without a query.
    """
    keys, seen, todo = [], set(), [obj]
    while todo and len(keys) < 20:
        item = todo.pop()
        if isinstance(item, tuple):
            model, pk = item
            instance = None
        else:
            model, pk, instance = type(item), item.pk, item
        if pk is None:
            continue
        key = (ContentType.objects.get_for_model(model).pk, str(pk))
        if key in seen:
            continue
        seen.add(key)
        keys.append(key)
        if instance is not None and hasattr(instance, "assignment_parents"):
            todo.extend(instance.assignment_parents())
    return keys


def assignment_kinds_on(user, obj) -> frozenset[str]:
    """Every kind of live assignment the person holds on the object or on one of its parents."""
    if not getattr(obj, "assignable", False) and not hasattr(obj, "assignment_parents"):
        return frozenset()  # No assignment can name it: spare the query.
    held = assignments_of(user)
    if not held:
        return frozenset()
    kinds: set[str] = set()
    for key in _assignment_keys(obj):
        kinds |= held.get(key, frozenset())
    return frozenset(kinds)


# --- Object rules, registered by the apps that own the objects ---------------

_RULES: dict[Perm, Callable] = {}


def rule(*perms: Perm):
    """Register the object rule for these permissions. A permission has at most one rule."""

    def register(function):
        for perm in perms:
            if perm in _RULES:
                existing = _RULES[perm]
                raise ImproperlyConfigured(
                    f"{perm} already has an object rule ({existing.__module__}.{existing.__qualname__}); "
                    f"{function.__module__}.{function.__qualname__} cannot be a second one."
                )
            _RULES[perm] = function
        return function

    return register


def object_rules() -> dict[Perm, Callable]:
    return dict(_RULES)


# --- Deciding ----------------------------------------------------------------


def has_perm(user, perm: Perm) -> bool:
    """Does the person's role carry this permission at all (before any object)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return perm in ROLE_PERMISSIONS.get(user.role, frozenset())


def decide(user, perm: Perm, obj=None) -> Decision:
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    if obj is not None:
        kinds = assignment_kinds_on(user, obj)
        for kind in sorted(kinds & BARRING_KINDS):
            return Decision(False, BAR_REASONS[kind])
        if any(perm in KIND_GRANTS.get(kind, ()) for kind in kinds):
            return Decision(True)
        if not can_see(user, obj):
            return NOT_FOUND
    if not has_perm(user, perm):
        return Decision(False, f"Your role ({user.get_role_display().lower()}) cannot {DESCRIPTIONS[perm]}.")
    object_rule = _RULES.get(perm)
    if obj is not None and object_rule is not None:
        return object_rule(user, obj)
    return Decision(True)


def require(user, perm: Perm, obj=None) -> Decision:
    """Like `decide`, but raises: Http404 when the object is not the person's to see, PermissionDenied with the reason when they may not act."""
    decision = decide(user, perm, obj)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return decision


def get_object_for(user, perm: Perm, queryset, **lookup):
    """Fetch an object for a view: 404 if it is not the person's to see, 403 if not theirs to act on."""
    obj = get_object_or_404(queryset, **lookup)
    require(user, perm, obj)
    return obj


# --- Scope: which trusts and organisations a person's work covers ---------


def trust_ids_for(user) -> set[int] | None:
    """The ids of the trusts a person works in; None means every trust."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_jointly_trust_ids", False)
    if cached is not False:
        return cached
    # The same query gives the slug of the trust the person's pages open on (`first_trust_slug`):
    # their first membership's, or the first of their region's by name.
    if user.role == Role.ADMINISTRATOR:
        ids, rows = None, []
    elif user.role == Role.REGIONAL_LEAD:
        # The trust model is reached through the membership's relation, so accounts names no domain app.
        trusts = Membership._meta.get_field("trust").related_model
        rows = list(trusts.objects.filter(region_id=user.region_id).order_by("name").values_list("id", "slug"))
        ids = {pk for pk, _ in rows}
    else:
        rows = list(user.memberships.order_by("id").values_list("trust_id", "trust__slug"))
        ids = {pk for pk, _ in rows}
    user._jointly_trust_ids = ids
    user._jointly_first_trust_slug = rows[0][1] if rows else None
    return ids


def first_trust_slug(user) -> str | None:
    """The slug of the trust a person's pages open on, from the scope query; None for administrators (every trust) and the trustless."""
    if not user.is_authenticated:
        return None
    trust_ids_for(user)
    return user._jointly_first_trust_slug


def in_trust(user, trust_id: int | None) -> bool:
    ids = trust_ids_for(user)
    return ids is None or trust_id in ids


def can_see(user, obj) -> bool:
    """May the person know this object exists? Trust records stay inside their trust."""
    if getattr(obj, "public_record", False):
        return True  # Public registers (regions, organisations): names and sectors are not secret.
    trust_id = obj.audit_trust_id() if hasattr(obj, "audit_trust_id") else None
    if trust_id is not None:
        return in_trust(user, trust_id)
    if hasattr(obj, "created_by_id"):
        # A person's own record of no trust (a background job): theirs alone. One
        # the system made, with nobody behind it, is for administrators.
        owner_id = obj.created_by_id
        return user.role == Role.ADMINISTRATOR or (owner_id is not None and owner_id == user.pk)
    return True
