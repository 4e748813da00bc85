"""API for keeping the directory: propose changes, see them, decide on them.

Reading the published directory needs no key: that is the ORUK feed at
/api/oruk/. These endpoints are for the people who keep it, with the same
permissions as the pages.
"""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for, has_perm
from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Organisation

from . import selectors, services
from .models import DirectoryService, Revision

router = Router(tags=["directory"])


class RevisionOut(Schema):
    id: int
    reference: str
    kind: str
    status: str
    source: str
    organisation: str | None = None
    service_id: uuid.UUID | None = None
    data: dict
    created_at: datetime.datetime
    decided_at: datetime.datetime | None = None
    decision_reason: str
    version: int | None = None

    @staticmethod
    def resolve_organisation(revision):
        return revision.organisation.slug if revision.organisation_id else None

    @staticmethod
    def resolve_service_id(revision):
        return revision.service.uuid if revision.service_id else None


class OpeningTimeIn(Schema):
    id: str | None = None
    weekday: str
    opens_at: str
    closes_at: str


class LocationIn(Schema):
    id: str | None = None
    name: str = ""
    address_1: str = ""
    address_2: str = ""
    city: str = ""
    county: str = ""
    postcode: str = ""
    area_code: str = ""  # the ONS code of the place the venue is in; empty: the service's place, when it covers one
    latitude: float | None = None
    longitude: float | None = None


class ServiceIn(Schema):
    """A service as the directory keeps it. Codes: see /api/oruk/taxonomies."""

    name: str
    description: str
    status: str = "active"
    tier: str
    approach: str
    min_age: int | None = None
    max_age: int | None = None
    eligibility: str = ""
    outcome_areas: list[str]  # slugs of the shared outcome areas (/api/v1/outcome-areas); their ORUK term codes are read too
    groups: list[str] = []
    area_codes: list[str]
    schedule: str = ""
    opening_times: list[OpeningTimeIn] = []
    cost: str = "free"
    fee_amount: Decimal | None = None
    fee_description: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    locations: list[LocationIn] = []


class AccreditationIn(Schema):
    kind: str
    body: str
    rating: str
    awarded_on: datetime.date | None = None


class ProfileIn(Schema):
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    income_band: str = ""
    staff_band: str = ""
    area_codes: list[str] = []
    groups: list[str] = []
    accreditations: list[AccreditationIn] = []


class DecisionIn(Schema):
    decision: str
    reason: str = ""


def _revision_for(request, perm, revision_id):
    return get_object_for(request.user, perm, Revision.objects.select_related("organisation", "service", "author"), pk=revision_id)


@router.get("/directory/changes", response=list[RevisionOut])
@paginate(PageNumberPagination, page_size=50)
def list_changes_to_review(request):
    """Changes waiting for the person's decision."""
    if not has_perm(request.user, Perm.DIRECTORY_REVIEW):
        raise PermissionDenied("Your role cannot approve changes to the directory.")
    return selectors.revisions_to_review(user=request.user)


@router.get("/directory/changes/{revision_id}", response=RevisionOut)
def get_change(request, revision_id: int):
    return _revision_for(request, Perm.DIRECTORY_CHANGES_VIEW, revision_id)


@router.post("/directory/changes/{revision_id}/decision", response=RevisionOut)
def decide_change(request, revision_id: int, payload: DecisionIn):
    """Approve (`"decision": "approve"`) or turn down (`"reject"`, with a reason) a proposed change."""
    revision = _revision_for(request, Perm.DIRECTORY_REVIEW, revision_id)
    # Bad input is a 400 naming its field, a decision the change's state no longer allows a 409 (api/problems.py).
    decide = {"approve": services.revision_approve, "reject": services.revision_reject}.get(payload.decision)
    if decide is None:
        raise FieldErrors({"decision": "The decision must be 'approve' or 'reject'"})
    return decide(revision=revision, by=request.user, reason=payload.reason)


@router.post("/directory/organisations/{slug}/services", response={201: RevisionOut})
def propose_service(request, slug: str, payload: ServiceIn):
    """Propose a new service for the organisation. The body is the service as the directory keeps it."""
    organisation = get_object_for(request.user, Perm.DIRECTORY_EDIT, Organisation.objects.all(), slug=slug)
    revision = services.service_change_propose(organisation=organisation, data=payload.dict(), by=request.user)
    return Status(201, revision)


@router.put("/directory/organisations/{slug}/services/{service_id}", response={201: RevisionOut})
def propose_service_change(request, slug: str, service_id: uuid.UUID, payload: ServiceIn):
    """Propose a new version of one of the organisation's services (the whole record)."""
    organisation = get_object_for(request.user, Perm.DIRECTORY_EDIT, Organisation.objects.all(), slug=slug)
    service = get_object_for(request.user, Perm.DIRECTORY_EDIT, DirectoryService.objects.filter(organisation=organisation), uuid=service_id)
    revision = services.service_change_propose(organisation=organisation, service=service, data=payload.dict(), by=request.user)
    return Status(201, revision)


@router.put("/directory/organisations/{slug}/details", response={201: RevisionOut})
def propose_profile_change(request, slug: str, payload: ProfileIn):
    """Propose a new version of the organisation's directory details (the whole record)."""
    organisation = get_object_for(request.user, Perm.DIRECTORY_EDIT, Organisation.objects.all(), slug=slug)
    revision = services.profile_change_propose(organisation=organisation, data=payload.dict(), by=request.user)
    return Status(201, revision)
