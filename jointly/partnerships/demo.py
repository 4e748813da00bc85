"""The two illustrative demo regions from the seeds.

Area names and ONS codes are real. Organisations other than the statutory
bodies, and every person, are illustrative. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jointly.accounts.models import Membership, Role, User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.places.models import Area

from .models import Body, LegalForm, Organisation, Paper, Region, Seat, Sector, SizeBand, Trust, TrustPartner

DEMO_PASSWORD = "jointly-demo-2026"
AREA_BOUNDARY_YEAR = 2023


@dataclass(frozen=True)
class DemoArea:
    code: str
    name: str
    icb: str
    police: str


PENINSULA = [
    DemoArea("E06000026", "Plymouth", "NHS Devon Integrated Care Board", "Devon and Cornwall Police"),
    DemoArea("E06000052", "Cornwall", "NHS Cornwall and Isles of Scilly Integrated Care Board", "Devon and Cornwall Police"),
    DemoArea("E10000008", "Devon", "NHS Devon Integrated Care Board", "Devon and Cornwall Police"),
    DemoArea("E06000027", "Torbay", "NHS Devon Integrated Care Board", "Devon and Cornwall Police"),
]
EAST = [
    DemoArea("E06000055", "Bedford", "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", "Bedfordshire Police"),
    DemoArea("E06000056", "Central Bedfordshire", "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", "Bedfordshire Police"),
    DemoArea("E10000003", "Cambridgeshire", "NHS Cambridgeshire and Peterborough Integrated Care Board", "Cambridgeshire Constabulary"),
    DemoArea("E10000012", "Essex", "NHS Mid and South Essex Integrated Care Board", "Essex Police"),
    DemoArea("E10000015", "Hertfordshire", "NHS Hertfordshire and West Essex Integrated Care Board", "Hertfordshire Constabulary"),
    DemoArea("E06000032", "Luton", "NHS Bedfordshire, Luton and Milton Keynes Integrated Care Board", "Bedfordshire Police"),
    DemoArea("E10000020", "Norfolk", "NHS Norfolk and Waveney Integrated Care Board", "Norfolk Constabulary"),
    DemoArea("E06000031", "Peterborough", "NHS Cambridgeshire and Peterborough Integrated Care Board", "Cambridgeshire Constabulary"),
    DemoArea("E06000033", "Southend-on-Sea", "NHS Mid and South Essex Integrated Care Board", "Essex Police"),
    DemoArea("E10000029", "Suffolk", "NHS Suffolk and North East Essex Integrated Care Board", "Suffolk Constabulary"),
    DemoArea("E06000034", "Thurrock", "NHS Mid and South Essex Integrated Care Board", "Essex Police"),
]
COUNCIL_NAMES = {
    "Plymouth": "Plymouth City Council",
    "Southend-on-Sea": "Southend-on-Sea City Council",
    "Peterborough": "Peterborough City Council",
    "Bedford": "Bedford Borough Council",
    "Cambridgeshire": "Cambridgeshire County Council",
    "Devon": "Devon County Council",
    "Essex": "Essex County Council",
    "Hertfordshire": "Hertfordshire County Council",
    "Norfolk": "Norfolk County Council",
    "Suffolk": "Suffolk County Council",
}

# Illustrative VCS and independent providers: (name pattern, sector, legal form, size).
ILLUSTRATIVE_PROVIDERS = [
    ("{area} Council for Voluntary Service", Sector.VCS, LegalForm.CHARITABLE_COMPANY, SizeBand.MEDIUM),
    ("{area} Young Carers Project", Sector.VCS, LegalForm.CIO, SizeBand.SMALL),
    ("{area} Parent Carer Forum", Sector.VCS, LegalForm.UNINCORPORATED_GROUP, SizeBand.MICRO),
    ("{area} Youth Clubs Network", Sector.VCS, LegalForm.CIO, SizeBand.SMALL),
    ("{area} Family Mediation Trust", Sector.VCS, LegalForm.CHARITABLE_COMPANY, SizeBand.MEDIUM),
    ("{area} Community Play Association", Sector.VCS, LegalForm.UNINCORPORATED_CHARITY, SizeBand.MICRO),
    ("{area} Healthy Futures CIC", Sector.SOCIAL_ENTERPRISE, LegalForm.CIC, SizeBand.SMALL),
    ("{area} Fostering and Residential Care Ltd", Sector.PRIVATE, LegalForm.COMPANY, SizeBand.LARGE),
]

PERSONAS = [
    ("commissioner", "Amina Hassan", Role.COMMISSIONER, "Plymouth City Council", ["Plymouth", "Devon"]),
    ("analyst", "Tom Whitfield", Role.PERFORMANCE_ANALYST, "Plymouth City Council", ["Plymouth"]),
    ("board", "Grace Okafor", Role.BOARD_MEMBER, "NHS Devon Integrated Care Board", ["Plymouth"]),
    ("provider", "Priya Nair", Role.PROVIDER_USER, "Plymouth Young Carers Project", ["Plymouth"]),
    ("provider2", "Sam Pearce", Role.PROVIDER_USER, "Plymouth Youth Clubs Network", ["Plymouth"]),
    ("evaluator", "Daniel Morgan", Role.EVALUATOR, "Plymouth Parent Carer Forum", ["Plymouth"]),
    ("participant", "Jess Taylor", Role.PARTICIPANT, None, ["Plymouth"]),
    ("regional-lead", "Helen Carter", Role.REGIONAL_LEAD, None, []),
    ("admin", "Chris Bell", Role.ADMINISTRATOR, None, []),
    ("essex-commissioner", "Oliver Grant", Role.COMMISSIONER, "Essex County Council", ["Essex"]),
]


def _area(code: str, name: str, kind: str, parent: Area | None = None, year: int = AREA_BOUNDARY_YEAR) -> Area:
    area, _ = Area.objects.update_or_create(code=code, boundary_year=year, defaults={"name": name, "kind": kind, "parent": parent})
    return area


def _organisation(name: str, sector: str, legal_form: str, size_band: str = "", description: str = "") -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=slugify(name),
        defaults={
            "name": name,
            "sector": sector,
            "legal_form": legal_form,
            "size_band": size_band,
            "description": description,
            "contact_name": "Illustrative contact",
            "contact_email": f"hello@{slugify(name)}.example",
        },
    )
    return organisation


def _seat(body: Body, title: str, sector: str, seat_type: str, **extra) -> Seat:
    seat, _ = Seat.objects.get_or_create(body=body, title=title, defaults={"sector": sector, "seat_type": seat_type, **extra})
    return seat


def _fill(seat: Seat, holder: User, organisation: Organisation | None, term_end: datetime.date) -> None:
    from .services import seat_appoint

    if seat.status == Seat.Status.VACANT:
        seat_appoint(
            seat=seat,
            holder=holder,
            holder_organisation=organisation,
            term_start=term_end - datetime.timedelta(days=3 * 365),
            term_end=term_end,
            by=None,
            reason="Demo appointment",
        )


def _demo_totp_key(email: str) -> str:
    # A stable key per demo person, so their codes survive a reload of the demo.
    return hashlib.sha256(f"jointly-demo:{email}".encode()).hexdigest()[:40]


@transaction.atomic
def load(stdout=None) -> None:
    england = _area("E92000001", "England", Area.Kind.COUNTRY)
    south_west = _area("E12000009", "South West", Area.Kind.REGION, england)
    east = _area("E12000006", "East of England", Area.Kind.REGION, england)

    regions = {
        "peninsula": (
            Region.objects.get_or_create(
                slug="peninsula",
                defaults={
                    "name": "Peninsula",
                    "ons_region": south_west,
                    "description": "Plymouth, Cornwall, Devon and Torbay commission scarce placements together.",
                },
            )[0],
            PENINSULA,
            south_west,
        ),
        "east-of-england": (
            Region.objects.get_or_create(
                slug="east-of-england",
                defaults={
                    "name": "East of England",
                    "ons_region": east,
                    "description": "The eleven children's services authorities of the East of England region.",
                },
            )[0],
            EAST,
            east,
        ),
    }

    trusts: dict[str, Trust] = {}
    for region, demo_areas, ons_region in regions.values():
        for demo_area in demo_areas:
            area = _area(demo_area.code, demo_area.name, Area.kind_for_code(demo_area.code), ons_region)
            trust, _ = Trust.objects.get_or_create(
                area=area,
                defaults={"name": f"{demo_area.name} Children's Trust", "slug": slugify(demo_area.name), "region": region},
            )
            trusts[demo_area.name] = trust
            _partners_for(trust, demo_area)

    people = _people(trusts, regions["peninsula"][0])
    today = timezone.localdate()
    for index, (_name, trust) in enumerate(sorted(trusts.items())):
        _bodies_for(trust, people, index, today)
    if stdout:
        stdout.write(f"Demo regions loaded: {len(trusts)} trusts, {Organisation.objects.count()} organisations.")


def _partners_for(trust: Trust, demo_area: DemoArea) -> None:
    council = _organisation(COUNCIL_NAMES.get(demo_area.name, f"{demo_area.name} Council"), Sector.LOCAL_AUTHORITY, LegalForm.STATUTORY_BODY)
    statutory = [
        council,
        _organisation(demo_area.icb, Sector.NHS, LegalForm.STATUTORY_BODY),
        _organisation(demo_area.police, Sector.POLICE, LegalForm.STATUTORY_BODY),
        _organisation(f"{demo_area.name} Youth Justice Service", Sector.YOUTH_JUSTICE, LegalForm.STATUTORY_BODY),
        _organisation(f"{demo_area.name} Schools Forum", Sector.SCHOOL, LegalForm.STATUTORY_BODY),
    ]
    for organisation in statutory:
        TrustPartner.objects.get_or_create(trust=trust, organisation=organisation, defaults={"statutory": True})
    for pattern, sector, legal_form, size in ILLUSTRATIVE_PROVIDERS:
        organisation = _organisation(
            pattern.format(area=demo_area.name),
            sector,
            legal_form,
            size,
            description="Illustrative organisation for the demonstration.",
        )
        TrustPartner.objects.get_or_create(trust=trust, organisation=organisation, defaults={"statutory": False})


def _people(trusts: dict[str, Trust], peninsula: Region) -> dict[str, User]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    people = {}
    for handle, full_name, role, organisation_name, trust_names in PERSONAS:
        email = f"{handle}{DEMO_EMAIL_DOMAIN}"
        organisation = Organisation.objects.get(name=organisation_name) if organisation_name else None
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=full_name,
                role=role,
                organisation=organisation,
                region=peninsula if role == Role.REGIONAL_LEAD else None,
            )
        for trust_name in trust_names:
            Membership.objects.get_or_create(user=user, trust=trusts[trust_name])
        if settings.DEMO_MODE and user.needs_second_factor:
            TOTPDevice.objects.get_or_create(user=user, name="Demo authenticator", defaults={"key": _demo_totp_key(email), "confirmed": True})
        people[handle] = user
    return people


def _bodies_for(trust: Trust, people: dict[str, User], index: int, today: datetime.date) -> None:
    area = trust.area.name

    def body(name, kind, remit, reports_to=None):
        found, _ = Body.objects.get_or_create(
            trust=trust, slug=slugify(name), defaults={"name": name, "kind": kind, "remit": remit, "reports_to": reports_to}
        )
        return found

    board = body(
        f"{area} Children's Trust Board",
        Body.Kind.BOARD,
        "Agrees the Children and Young People's Plan and holds partners to account for it.",
    )
    forum = body(
        f"{area} VCS Children and Young People's Forum",
        Body.Kind.VCS_FORUM,
        "Elects the voluntary and community sector's representatives and hears their report-backs.",
        board,
    )
    executive = body(f"{area} Children's Trust Executive", Body.Kind.EXECUTIVE, "Runs the trust's work between board meetings.", board)
    commissioning = body(
        f"{area} Joint Commissioning Group",
        Body.Kind.COMMISSIONING_GROUP,
        "Plans and commissions services from the partners' pooled and aligned budgets.",
        executive,
    )
    early_help = body(f"{area} Early Help Task Group", Body.Kind.TASK_GROUP, "Shifts services towards prevention and early help.", commissioning)
    body(
        f"{area} Youth Shadow Board", Body.Kind.SHADOW_BOARD, "Young people's own board: scrutinises the plan and takes part in commissioning.", board
    )

    vcs_kwargs = {"represents": f"the {area} VCS forum's members", "accountable_to": forum}
    _seat(board, "Chair", Sector.LOCAL_AUTHORITY, Seat.SeatType.STATUTORY_PARTNER)
    _seat(board, "NHS partner", Sector.NHS, Seat.SeatType.STATUTORY_PARTNER)
    _seat(board, "Police partner", Sector.POLICE, Seat.SeatType.STATUTORY_PARTNER)
    board_vcs_1 = _seat(board, "VCS forum representative (1)", Sector.VCS, Seat.SeatType.VCS_FORUM_REPRESENTATIVE, **vcs_kwargs)
    _seat(board, "VCS forum representative (2)", Sector.VCS, Seat.SeatType.VCS_FORUM_REPRESENTATIVE, **vcs_kwargs)
    _seat(board, "Young people's representative", Sector.VCS, Seat.SeatType.YOUNG_PEOPLE, represents="the Youth Shadow Board")
    _seat(executive, "Director of children's services", Sector.LOCAL_AUTHORITY, Seat.SeatType.STATUTORY_PARTNER)
    exec_vcs = _seat(executive, "VCS forum representative", Sector.VCS, Seat.SeatType.VCS_FORUM_REPRESENTATIVE, **vcs_kwargs)
    _seat(commissioning, "Local authority commissioner", Sector.LOCAL_AUTHORITY, Seat.SeatType.STATUTORY_PARTNER)
    _seat(commissioning, "ICB commissioner", Sector.NHS, Seat.SeatType.STATUTORY_PARTNER)
    commissioning_vcs = _seat(commissioning, "VCS forum representative", Sector.VCS, Seat.SeatType.VCS_FORUM_REPRESENTATIVE, **vcs_kwargs)
    _seat(commissioning, "Significant provider", Sector.VCS, Seat.SeatType.SIGNIFICANT_PROVIDER)
    _seat(early_help, "VCS forum representative", Sector.VCS, Seat.SeatType.VCS_FORUM_REPRESENTATIVE, **vcs_kwargs)
    _seat(early_help, "Schools representative", Sector.SCHOOL, Seat.SeatType.STATUTORY_PARTNER)

    if area == "Plymouth":
        provider = people["provider"]
        # One term ends within 60 days, so the representation check has something to show.
        _fill(board_vcs_1, provider, provider.organisation, today + datetime.timedelta(days=45))
        _fill(commissioning_vcs, people["provider2"], people["provider2"].organisation, today + datetime.timedelta(days=400))
        _fill(exec_vcs, people["evaluator"], people["evaluator"].organisation, today + datetime.timedelta(days=700))
        Paper.objects.get_or_create(
            body=board,
            title="Draft Children and Young People's Plan priorities",
            defaults={
                "meeting_date": today - datetime.timedelta(days=14),
                "summary": "Proposed priorities for the next plan, for discussion.",
                "content": "Illustrative paper. The board is asked to comment on five draft priorities drawn from the needs assessment.",
                "confidential": False,
            },
        )
        Paper.objects.get_or_create(
            body=commissioning,
            title="Re-commissioning of family support services: options appraisal",
            defaults={
                "meeting_date": today - datetime.timedelta(days=7),
                "summary": "Commercially confidential options appraisal.",
                "content": "Illustrative confidential paper. Options: extend, re-tender, or bring in-house.",
                "confidential": True,
            },
        )
    elif index % 3 == 0:
        # Some trusts have a VCS seat filled on the board; others show the gap.
        holder_org = Organisation.objects.get(slug=slugify(f"{area} Council for Voluntary Service"))
        holder = _area_vcs_person(area, holder_org, trust)
        _fill(board_vcs_1, holder, holder_org, today + datetime.timedelta(days=500))


def _area_vcs_person(area: str, organisation: Organisation, trust: Trust) -> User:
    email = f"vcs-{slugify(area)}{DEMO_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=f"{area} VCS representative", role=Role.PROVIDER_USER, organisation=organisation
        )
    Membership.objects.get_or_create(user=user, trust=trust)
    return user
