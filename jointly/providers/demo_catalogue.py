"""What the demo organisations offer: illustrative services by kind of organisation."""

from __future__ import annotations

from jointly.partnerships.models import LegalForm, Organisation, Sector, SizeBand


def _service(name, description, tier, approach, ages, outcomes, groups=(), **extra) -> dict:
    return {
        "name": name,
        "description": description,
        "tier": tier,
        "approach": approach,
        "min_age": ages[0],
        "max_age": ages[1],
        "outcome_areas": list(outcomes),
        "groups": list(groups),
        **extra,
    }


def _weekly(*days, opens="16:00", closes="18:00") -> list[dict]:
    return [{"weekday": day, "opens_at": opens, "closes_at": closes} for day in days]


SERVICES_BY_KIND: dict[str, list[dict]] = {
    "council": [
        _service("Family hub", "Drop in for help with parenting, money, health and play, for families with children up to 19 (25 with SEND).", "universal", "prevention", (0, 19), ["be-healthy", "enjoy-and-achieve", "achieve-economic-well-being"], venue="{place} Family Hub", opening_times=_weekly("MO", "TU", "WE", "TH", "FR", opens="09:00", closes="17:00")),
        _service("Early help family support", "A family worker helps the whole family when things get difficult, before problems grow.", "targeted", "prevention", (0, 18), ["stay-safe", "be-healthy"], ["children_in_need", "low_income_families"], eligibility="Families referred by a school, health visitor or GP, or who ask for help."),
        _service("Short breaks for disabled children", "Activities and overnight breaks that give disabled children new experiences and their families a rest.", "targeted", "prevention", (0, 18), ["enjoy-and-achieve", "be-healthy"], ["disabled_children", "special_educational_needs"]),
        _service("SEND information, advice and support", "Free, impartial advice for families about special educational needs and disability, including EHC plans.", "targeted", "prevention", (0, 25), ["enjoy-and-achieve"], ["special_educational_needs", "disabled_children"]),
        _service("Holiday activities and food programme", "Free holiday clubs with a healthy meal for children who get free school meals, in the Easter, summer and Christmas holidays.", "targeted", "prevention", (5, 16), ["be-healthy", "enjoy-and-achieve", "achieve-economic-well-being"], ["low_income_families"], schedule="Easter, summer and Christmas school holidays", venue="{place} Holiday Club"),
        _service("Leaving care service", "Personal advisers support care leavers with housing, money, education and work, up to 25.", "specialist", "intervention", (16, 25), ["achieve-economic-well-being", "stay-safe"], ["care_leavers"]),
    ],
    "nhs": [
        _service("Health visiting", "Health visitors support every family from pregnancy until a child starts school.", "universal", "prevention", (0, 5), ["be-healthy", "stay-safe"]),
        _service("School nursing", "School nurses offer health advice, drop-ins and checks for children at school.", "universal", "prevention", (5, 19), ["be-healthy"]),
        _service("Children and young people's mental health service (CAMHS)", "Assessment and treatment for children and young people with significant mental health needs.", "specialist", "intervention", (0, 18), ["be-healthy"], ["mental_health"], eligibility="Referral by a GP, school or other professional."),
        _service("Children's speech and language therapy", "Therapy for children with speech, language and communication needs.", "targeted", "intervention", (0, 18), ["enjoy-and-achieve", "be-healthy"], ["special_educational_needs"]),
    ],
    "police": [
        _service("Safer schools partnership", "Police officers work with schools on online safety, knife crime and exploitation.", "universal", "prevention", (11, 18), ["stay-safe", "make-a-positive-contribution"]),
        _service("Youth diversion scheme", "Young people who come to police notice are offered support instead of a criminal record.", "targeted", "prevention", (10, 17), ["stay-safe", "make-a-positive-contribution"], ["youth_justice"]),
    ],
    "youth_justice": [
        _service("Youth justice supervision", "Supervision and support for young people on court orders, to repair harm and stop reoffending.", "specialist", "intervention", (10, 17), ["stay-safe", "make-a-positive-contribution"], ["youth_justice"]),
        _service("Prevention and out-of-court support", "Early support for young people at risk of offending, with their families.", "targeted", "prevention", (8, 17), ["stay-safe", "make-a-positive-contribution"], ["youth_justice", "neet"]),
    ],
    "schools": [
        _service("Inclusion and alternative provision panel", "Schools agree places and support for pupils at risk of exclusion.", "targeted", "intervention", (5, 16), ["enjoy-and-achieve"], ["special_educational_needs"]),
    ],
    "cvs": [
        _service("Youth volunteering programme", "Young people find volunteering that builds skills and confidence, with support.", "universal", "prevention", (14, 25), ["make-a-positive-contribution", "achieve-economic-well-being"], venue="{place} Volunteer Centre"),
        _service("Support for new community groups", "Help for new children's and youth groups with safeguarding, funding and setting up.", "universal", "prevention", (None, None), ["make-a-positive-contribution"]),
    ],
    "young_carers": [
        _service("Young carers' clubs", "Weekly clubs where young carers meet, have a break and get support.", "targeted", "prevention", (8, 18), ["be-healthy", "enjoy-and-achieve"], ["young_carers"], schedule="Term time only", opening_times=_weekly("TU"), venue="{place} Young Carers Centre"),
        _service("Young carers' assessments and one-to-one support", "A worker listens, assesses what the young carer needs and helps at school and at home.", "targeted", "prevention", (5, 18), ["be-healthy", "stay-safe"], ["young_carers"]),
    ],
    "parent_carers": [
        _service("Parent carer peer support", "Coffee mornings and online groups run by parents of disabled children, for parents of disabled children.", "targeted", "prevention", (0, 25), ["be-healthy"], ["disabled_children", "special_educational_needs"], opening_times=_weekly("WE", opens="10:00", closes="12:00"), venue="{place} Community Centre"),
    ],
    "youth_clubs": [
        _service("Open-access youth clubs", "Youth clubs in every part of the area, open to all young people.", "universal", "prevention", (11, 19), ["enjoy-and-achieve", "make-a-positive-contribution"], opening_times=_weekly("MO", "TH", opens="18:00", closes="21:00"), venue="{place} Youth Centre"),
        _service("Detached youth work", "Youth workers meet young people where they spend time: parks, streets and estates.", "targeted", "prevention", (11, 19), ["stay-safe", "make-a-positive-contribution"], ["neet", "youth_justice"]),
        _service("LGBTQ+ youth group", "A safe, friendly weekly group for LGBTQ+ young people.", "targeted", "prevention", (13, 19), ["be-healthy", "make-a-positive-contribution"], ["lgbtq"], opening_times=_weekly("WE", opens="18:30", closes="20:30")),
    ],
    "mediation": [
        _service("Family mediation", "Mediators help separating parents agree arrangements for their children.", "targeted", "intervention", (0, 18), ["stay-safe", "be-healthy"], cost="fee", fee_amount="120.00", fee_description="per session; free if you get legal aid"),
        _service("Child contact centre", "A safe, neutral place where children can see a parent they do not live with.", "targeted", "intervention", (0, 16), ["stay-safe"], cost="fee", fee_amount="15.00", fee_description="per visit", venue="{place} Contact Centre", opening_times=_weekly("SA", opens="10:00", closes="16:00")),
    ],
    "play": [
        _service("Adventure playground", "Free, staffed adventure playground open after school and in the holidays.", "universal", "prevention", (5, 14), ["enjoy-and-achieve", "be-healthy"], venue="{place} Adventure Playground", opening_times=_weekly("MO", "TU", "WE", "TH", "FR", opens="15:30", closes="18:30")),
        _service("Holiday play schemes", "Play schemes in school holidays, with free places for children on free school meals.", "universal", "prevention", (5, 12), ["enjoy-and-achieve", "be-healthy"], ["low_income_families"], schedule="School holidays only"),
    ],
    "healthy": [
        _service("Cook and eat for families", "Six-week cooking courses for families on a budget.", "targeted", "prevention", (4, 16), ["be-healthy", "achieve-economic-well-being"], ["low_income_families"], cost="fee", fee_amount="2.00", fee_description="per family per session"),
        _service("Active families", "Free sport and activity sessions for families to try together.", "universal", "prevention", (4, 16), ["be-healthy"]),
    ],
    "fostering": [
        _service("Independent fostering", "Foster families for children who cannot live at home, including brothers and sisters together.", "specialist", "intervention", (0, 18), ["stay-safe", "enjoy-and-achieve"], ["looked_after_children"], cost="fee", fee_amount="950.00", fee_description="per week, paid by the placing council"),
        _service("Children's residential homes", "Small children's homes for young people with complex needs.", "specialist", "intervention", (11, 18), ["stay-safe", "be-healthy"], ["looked_after_children", "mental_health"], cost="fee", fee_amount="5200.00", fee_description="per week, paid by the placing council"),
    ],
}

ABOUT = {
    "council": "The local authority: children's services, education, early help and social care.",
    "nhs": "The NHS body that plans and pays for health services in the area.",
    "police": "The police force for the area.",
    "youth_justice": "The multi-agency youth justice service.",
    "schools": "The forum of the area's schools and academies.",
}


def _group(group, legal_form, size, about, service) -> dict:
    return {"group": group, "legal_form": legal_form, "size": size, "about": about, "service": service}


COMMUNITY_GROUPS = [
    _group("{place} Stay and Play", LegalForm.UNINCORPORATED_GROUP, SizeBand.MICRO, "Parents and carers with babies and toddlers, meeting weekly.",
           _service("Stay and play sessions", "Toys, songs and a cup of tea for parents and carers with children under five.", "universal", "prevention", (0, 5), ["enjoy-and-achieve", "be-healthy"], opening_times=_weekly("TH", opens="09:30", closes="11:30"), venue="{place} Methodist Church Hall")),
    _group("{place} Boxing Academy", LegalForm.CIC, SizeBand.SMALL, "A community boxing gym with sessions for young people.",
           _service("Youth boxing sessions", "Non-contact boxing fitness for young people, with mentoring from the coaches.", "universal", "prevention", (11, 18), ["be-healthy", "make-a-positive-contribution"], ["youth_justice"], cost="fee", fee_amount="2.00", fee_description="per session; free if you cannot pay", opening_times=_weekly("MO", "WE", opens="17:30", closes="19:00"))),
    _group("{place} Rainbow Youth", LegalForm.UNINCORPORATED_GROUP, SizeBand.MICRO, "A volunteer-led group for LGBTQ+ young people.",
           _service("Rainbow youth night", "A relaxed evening for LGBTQ+ young people and friends.", "targeted", "prevention", (13, 19), ["be-healthy", "make-a-positive-contribution"], ["lgbtq"], opening_times=_weekly("FR", opens="18:00", closes="20:00"))),
    _group("{place} Traveller Families Group", LegalForm.UNINCORPORATED_CHARITY, SizeBand.SMALL, "Support for Gypsy, Roma and Traveller families with school, health and housing.",
           _service("Education and health outreach for Traveller families", "Workers visit sites to help families with school places, health visits and forms.", "targeted", "prevention", (0, 18), ["enjoy-and-achieve", "be-healthy"], ["gypsy_roma_traveller"])),
    _group("{place} Refugee Families Welcome", LegalForm.CIO, SizeBand.SMALL, "Welcome and practical help for refugee and asylum-seeking families.",
           _service("Family welcome club", "English practice, play and advice for newly arrived families.", "targeted", "prevention", (0, 18), ["enjoy-and-achieve", "achieve-economic-well-being"], ["refugees_asylum_seekers", "minority_ethnic"], opening_times=_weekly("SA", opens="10:00", closes="13:00"))),
    _group("{place} Young Parents' Group", LegalForm.UNINCORPORATED_GROUP, SizeBand.MICRO, "Young mums and dads supporting each other.",
           _service("Young parents' drop-in", "A weekly drop-in for parents under 25, with a crèche.", "targeted", "prevention", (0, 5), ["be-healthy", "achieve-economic-well-being"], ["young_parents"], opening_times=_weekly("WE", opens="13:00", closes="15:00"))),
    _group("{place} Dads' Club", LegalForm.UNINCORPORATED_GROUP, SizeBand.MICRO, "Saturday mornings for dads and their children.",
           _service("Saturday dads' club", "Dads, granddads and male carers play with their children and meet other dads.", "universal", "prevention", (0, 11), ["enjoy-and-achieve"], opening_times=_weekly("SA", opens="09:30", closes="11:30"))),
    _group("{place} Autism Family Support", LegalForm.CIO, SizeBand.SMALL, "Run by parents of autistic children, for families before and after diagnosis.",
           _service("Autism family support group", "Monthly meetings, a helpline and sensory-friendly family days.", "targeted", "prevention", (0, 25), ["be-healthy", "enjoy-and-achieve"], ["special_educational_needs", "disabled_children"])),
    _group("{place} Girls' Football Club", LegalForm.UNINCORPORATED_GROUP, SizeBand.MICRO, "A grassroots football club for girls.",
           _service("Girls' football", "Training and matches for girls of every ability.", "universal", "prevention", (6, 16), ["be-healthy", "enjoy-and-achieve"], cost="fee", fee_amount="3.00", fee_description="per session", opening_times=_weekly("TU", opens="17:00", closes="18:30"))),
    _group("{place} Homework Club", LegalForm.UNINCORPORATED_CHARITY, SizeBand.MICRO, "Volunteers help children with homework after school.",
           _service("After-school homework club", "A quiet place with volunteers and laptops to help with homework.", "universal", "prevention", (7, 16), ["enjoy-and-achieve"], ["low_income_families"], opening_times=_weekly("MO", "WE", opens="15:30", closes="17:30"))),
    _group("{place} Young Minds Peer Support", LegalForm.CIO, SizeBand.SMALL, "Peer support for young people's mental health, led by young people.",
           _service("Peer support groups for young people's mental health", "Trained young volunteers run groups on anxiety, low mood and stress.", "targeted", "prevention", (13, 25), ["be-healthy"], ["mental_health"])),
    _group("{place} Holiday Lunch Club", LegalForm.UNINCORPORATED_CHARITY, SizeBand.MICRO, "Free meals and activities in the school holidays.",
           _service("Holiday lunch and activity club", "A free hot lunch and activities for children in the school holidays.", "targeted", "prevention", (5, 16), ["be-healthy", "enjoy-and-achieve"], ["low_income_families"], schedule="School holidays, weekdays 11am to 2pm")),
]

_NAME_KINDS = [
    ("Council for Voluntary Service", "cvs"),
    ("Young Carers", "young_carers"),
    ("Parent Carer Forum", "parent_carers"),
    ("Youth Clubs", "youth_clubs"),
    ("Family Mediation", "mediation"),
    ("Community Play", "play"),
    ("Healthy Futures", "healthy"),
    ("Fostering", "fostering"),
]
_SECTOR_KINDS = {
    Sector.LOCAL_AUTHORITY: "council",
    Sector.NHS: "nhs",
    Sector.POLICE: "police",
    Sector.YOUTH_JUSTICE: "youth_justice",
    Sector.SCHOOL: "schools",
}


def kind_of(organisation: Organisation) -> str:
    if organisation.sector in _SECTOR_KINDS:
        return _SECTOR_KINDS[organisation.sector]
    for fragment, kind in _NAME_KINDS:
        if fragment in organisation.name:
            return kind
    if any(row["group"].split("{place} ")[-1] in organisation.name for row in COMMUNITY_GROUPS):
        return "community"
    return "other"
