"""The one catalogue of permissions, and the one helper that checks them.

A permission is named here and granted to roles here. Every view and API call
asks `decide(user, permission, obj)` and gets back whether it may go ahead and
why not. Two questions are kept apart:

* may this person know the object exists at all? If not, the answer is
  "not found" (a 404), so one trust cannot even confirm another's records;
* may they do this to it? If not, "forbidden" (a 403) with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Role


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


def has_perm(user, perm: Perm) -> bool:
    """Does the person's role carry this permission at all (before any object)?"""
    if not user.is_authenticated or not user.is_active:
        return False
    return perm in ROLE_PERMISSIONS.get(user.role, frozenset())


def decide(user, perm: Perm, obj=None) -> Decision:
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    if obj is not None and not can_see(user, obj):
        return Decision(False, "Not found.", visible=False)
    if not has_perm(user, perm):
        return Decision(False, f"Your role ({user.get_role_display().lower()}) cannot {DESCRIPTIONS[perm]}.")
    rule = _OBJECT_RULES.get(perm)
    if obj is not None and rule is not None:
        return rule(user, obj)
    return Decision(True)


def get_object_for(user, perm: Perm, queryset, **lookup):
    """Fetch an object for a view: 404 if it is not the person's to see, 403 if not theirs to act on."""
    obj = get_object_or_404(queryset, **lookup)
    decision = decide(user, perm, obj)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return obj


# --- Scope: which trusts and organisations a person's work covers ---------


def trust_ids_for(user) -> set[int] | None:
    """The ids of the trusts a person works in; None means every trust."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_jointly_trust_ids", False)
    if cached is not False:
        return cached
    from jointly.partnerships.models import Trust

    if user.role == Role.ADMINISTRATOR:
        ids = None
    elif user.role == Role.REGIONAL_LEAD:
        ids = set(Trust.objects.filter(region_id=user.region_id).values_list("id", flat=True))
    else:
        ids = set(user.memberships.values_list("trust_id", flat=True))
    user._jointly_trust_ids = ids
    return ids


def in_trust(user, trust_id: int | None) -> bool:
    ids = trust_ids_for(user)
    return ids is None or trust_id in ids


def can_see(user, obj) -> bool:
    """May the person know this object exists? Trust records stay inside their trust."""
    from jointly.partnerships.models import Organisation, Region

    if isinstance(obj, (Organisation, Region)):
        return True  # Public registers: names and sectors are not secret.
    trust_id = obj.audit_trust_id() if hasattr(obj, "audit_trust_id") else None
    if trust_id is not None:
        return in_trust(user, trust_id)
    if hasattr(obj, "created_by_id"):
        # A person's own record of no trust (a background job): theirs alone. One
        # the system made, with nobody behind it, is for administrators.
        owner_id = obj.created_by_id
        return user.role == Role.ADMINISTRATOR or (owner_id is not None and owner_id == user.pk)
    return True


def _private_organisation_rule(user, organisation) -> Decision:
    if user.role == Role.ADMINISTRATOR or user.organisation_id == organisation.pk:
        return Decision(True)
    if user.role != Role.PROVIDER_USER:
        ids = trust_ids_for(user)
        if ids and organisation.partnerships.filter(trust_id__in=ids).exists():
            return Decision(True)
    return Decision(False, "Only the organisation's own people and its partner trusts' staff can see this.")


def _edit_organisation_rule(user, organisation) -> Decision:
    if user.role == Role.PROVIDER_USER and user.organisation_id != organisation.pk:
        return Decision(False, "You can change only your own organisation's details.")
    # The change form shows the private details, so changing needs seeing them.
    if not _private_organisation_rule(user, organisation).allowed:
        return Decision(False, "Only the organisation's own people and its partner trusts' staff can change it.")
    return Decision(True)


def _report_back_rule(user, seat) -> Decision:
    if user.role in (Role.COMMISSIONER, Role.ADMINISTRATOR) or seat.holder_id == user.pk:
        return Decision(True)
    return Decision(False, "Only the seat's holder or a commissioner can record a report-back.")


def _directory_edit_rule(user, record) -> Decision:
    from jointly.providers.selectors import directory_scope

    organisation_id, _ = directory_scope(record)
    if user.role == Role.ADMINISTRATOR or (organisation_id is not None and user.organisation_id == organisation_id):
        return Decision(True)
    return Decision(False, "You can propose changes only to your own organisation's directory entry.")


def _directory_trust_rule(user, record) -> Decision:
    """Directory changes are seen and decided by the trusts the organisation works with, and by its own people."""
    from jointly.providers.selectors import directory_scope

    organisation_id, trusts = directory_scope(record)
    if user.role == Role.PROVIDER_USER:
        allowed = organisation_id is not None and user.organisation_id == organisation_id
    else:
        ids = trust_ids_for(user)
        allowed = ids is None or bool(ids & trusts)
    return Decision(True) if allowed else Decision(False, "Not found.", visible=False)


def _history_rule(user, obj) -> Decision:
    """A record's history holds every field it ever had, so it is as private as the record's most private part."""
    from jointly.partnerships.models import Organisation, Region

    if user.role == Role.ADMINISTRATOR or isinstance(obj, Region):
        return Decision(True)
    if isinstance(obj, Organisation):
        decision = _private_organisation_rule(user, obj)
        return decision if decision.allowed else Decision(False, "Only its partner trusts' staff can see this organisation's history.")
    if hasattr(obj, "audit_trust_id") and obj.audit_trust_id() is None:
        # People, tokens and other records of no trust.
        return Decision(False, "Only administrators can see the history of this record.")
    return Decision(True)


def _neighbours_rule(user, area) -> Decision:
    """An authority's neighbour list is changed by its own trust's people (or an administrator)."""
    if user.role == Role.ADMINISTRATOR:
        return Decision(True)
    from jointly.partnerships.models import Trust

    ids = trust_ids_for(user)
    if Trust.objects.filter(area_id=area.pk, id__in=ids or ()).exists():
        return Decision(True)
    return Decision(False, "You can change the statistical neighbours only of your own trust's authority.")


def _indicator_edit_rule(user, indicator) -> Decision:
    """A shared (national) indicator is read by every trust, so only an administrator changes it."""
    if indicator.trust_id is None and user.role != Role.ADMINISTRATOR:
        return Decision(False, "This indicator is shared by every trust, so only an administrator can change it.")
    return Decision(True)


_OBJECT_RULES = {
    Perm.INDICATOR_EDIT: _indicator_edit_rule,
    Perm.NEIGHBOURS_MANAGE: _neighbours_rule,
    Perm.AUDIT_VIEW: _history_rule,
    Perm.DIRECTORY_EDIT: _directory_edit_rule,
    Perm.DIRECTORY_REVIEW: _directory_trust_rule,
    Perm.DIRECTORY_CHANGES_VIEW: _directory_trust_rule,
    Perm.ORGANISATION_VIEW_PRIVATE: _private_organisation_rule,
    Perm.ORGANISATION_EDIT: _edit_organisation_rule,
    # An organisation's support needs are reported by its own people (or for it by its partner trusts' staff).
    Perm.SUPPORT_NEEDS_REPORT: _edit_organisation_rule,
    Perm.SEAT_REPORT_BACK: _report_back_rule,
}
