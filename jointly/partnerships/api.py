"""API endpoints for regions, trusts, organisations and bodies.

Each fetches its object through the same permission helper as the pages.
"""

import datetime

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from jointly.accounts.disclosure import withheld_fields
from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm
from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.core.transitions import version_of

from . import selectors, services
from .models import Body, LegalForm, Organisation, Region, Sector, SizeBand, Trust

router = Router(tags=["partnerships"])


class AreaOut(Schema):
    code: str
    name: str
    boundary_year: int


class RegionOut(Schema):
    slug: str
    name: str
    description: str
    ons_region_code: str | None = Field(None, alias="ons_region.code")


class TrustOut(Schema):
    slug: str
    name: str
    region: str = Field(..., alias="region.slug")
    area: AreaOut


class OrganisationOut(Schema):
    slug: str
    name: str
    sector: Sector
    legal_form: LegalForm
    size_band: str
    charity_number: str
    company_number: str
    ppon: str
    description: str
    website: str


class OrganisationPrivateOut(OrganisationOut):
    contact_name: str
    contact_email: str
    contact_phone: str
    # Send it back with a change: if someone changed the organisation since, the change is refused (409).
    version: str

    @staticmethod
    def resolve_version(organisation):
        # Ninja checks a returned schema against the response again, resolving from the schema itself.
        return version_of(organisation) if isinstance(organisation, Organisation) else organisation.version


class OrganisationIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    sector: Sector
    legal_form: LegalForm
    size_band: SizeBand | None = None
    charity_number: str = ""
    company_number: str = ""
    ppon: str = ""
    description: str = ""
    website: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=300)
    sector: Sector | None = None
    legal_form: LegalForm | None = None
    size_band: SizeBand | None = None
    charity_number: str | None = None
    company_number: str | None = None
    ppon: str | None = None
    description: str | None = None
    website: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    version: str | None = Field(None, description="The version you read; a change someone made since is refused (409)")


class SeatOut(Schema):
    id: int
    title: str
    sector: str
    seat_type: str
    status: str
    holder: str | None = None
    holder_organisation: str | None = Field(None, alias="holder_organisation.slug")
    represents: str
    term_start: datetime.date | None
    term_end: datetime.date | None

    @staticmethod
    def resolve_holder(seat):
        return seat.holder.full_name if seat.holder else None


class BodyOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    remit: str
    trust: str = Field(..., alias="trust.slug")


class BodyDetailOut(BodyOut):
    seats: list[SeatOut]

    @staticmethod
    def resolve_seats(body):
        return list(selectors.body_seats(body=body))


@router.get("/regions", response=list[RegionOut])
@paginate(PageNumberPagination, page_size=50)
def list_regions(request):
    return Region.objects.select_related("ons_region").order_by("name")


@router.get("/regions/{slug}", response=RegionOut)
def get_region(request, slug: str):
    return get_object_for(request.user, Perm.ORGANISATION_VIEW, Region.objects.select_related("ons_region"), slug=slug)


@router.get("/trusts", response=list[TrustOut])
@paginate(PageNumberPagination, page_size=50)
def list_trusts(request):
    return selectors.trusts_visible_to(user=request.user).order_by("name")


@router.get("/trusts/{slug}", response=TrustOut)
def get_trust(request, slug: str):
    return get_object_for(request.user, Perm.TRUST_VIEW, Trust.objects.select_related("area", "region"), slug=slug)


@router.get("/trusts/{slug}/bodies", response=list[BodyOut])
@paginate(PageNumberPagination, page_size=50)
def list_trust_bodies(request, slug: str):
    trust = get_object_for(request.user, Perm.TRUST_VIEW, Trust.objects.all(), slug=slug)
    return trust.bodies.select_related("trust").order_by("name")


@router.get("/bodies/{body_id}", response=BodyDetailOut)
def get_body(request, body_id: int):
    return get_object_for(request.user, Perm.TRUST_VIEW, Body.objects.select_related("trust"), pk=body_id)


@router.get("/organisations", response=list[OrganisationOut])
@paginate(PageNumberPagination, page_size=50)
def list_organisations(request, q: str = "", sector: Sector | None = None):
    if not has_perm(request.user, Perm.ORGANISATION_VIEW):
        raise PermissionDenied("Your role cannot see organisations.")
    return selectors.organisations_matching(query=q, sector=sector or "")


@router.get("/organisations/{slug}", response={200: OrganisationPrivateOut | OrganisationOut})
def get_organisation(request, slug: str):
    organisation = get_object_for(request.user, Perm.ORGANISATION_VIEW, Organisation.objects.all(), slug=slug)
    # The same disclosure rule as the organisation page and its history.
    if not withheld_fields(request.user, organisation):
        return OrganisationPrivateOut.from_orm(organisation)
    return OrganisationOut.from_orm(organisation)


@router.post("/organisations", response={201: OrganisationPrivateOut})
def create_organisation(request, payload: OrganisationIn):
    if not has_perm(request.user, Perm.ORGANISATION_CREATE):
        raise PermissionDenied("Your role cannot add organisations.")
    data = payload.dict()
    data["size_band"] = data["size_band"] or ""
    try:
        organisation = services.organisation_create(**data)
    except services.DuplicateOrganisation as duplicate:
        # A duplicate is a conflict with an existing record, not a mistake in a field: 409, naming the record.
        raise HttpError(409, f"{duplicate.existing.name} ({duplicate.existing.slug}) is already registered with this {duplicate.field}.") from None
    return Status(201, organisation)


@router.patch("/organisations/{slug}", response=OrganisationPrivateOut)
def update_organisation(request, slug: str, payload: OrganisationPatch):
    organisation = get_object_for(request.user, Perm.ORGANISATION_EDIT, Organisation.objects.all(), slug=slug)
    if not decide(request.user, Perm.ORGANISATION_VIEW_PRIVATE, organisation).allowed:
        raise PermissionDenied("Only the organisation's own people and its partner trusts' staff can change it.")
    changes = payload.dict(exclude_unset=True)
    for field in ("name", "sector", "legal_form"):
        if field in changes and changes[field] is None:
            raise FieldErrors({field: f"The {field.replace('_', ' ')} cannot be removed: send a value, or leave it out"})
    # null clears an optional detail, which is kept as "" (never NULL) like the forms keep it.
    changes = {field: "" if value is None else value for field, value in changes.items()}
    try:
        return services.organisation_update(organisation=organisation, **changes)
    except services.DuplicateOrganisation as duplicate:
        raise HttpError(409, f"{duplicate.existing.name} is already registered with this {duplicate.field}.") from None
