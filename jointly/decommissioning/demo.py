"""Demo decommissionings: Plymouth's "Play in the parks" (PLY-C0005) ended early after its review found
the need had moved to holiday activities in community centres: the impact assessment, sign-off by a
senior officer and the board, 90 days' notice given months ago, an exit plan for each of its children
and a record of completion, so the contract is terminated. Plymouth's youth diversion sessions for young
carers (PLY-C0003) lost their police prevention funding: signed off, notice given three weeks ago, so the
contract is in notice while its young people move on (two moved, three still planned). In Essex, the
family mediation consortium (ESX-C0002) is being re-commissioned and waits for sign-off; detached youth
work in Basildon (ESX-C0006) ended early when its funding closed, completed with its exit plan; and the
play rangers (ESX-C0007) are in notice, their work moving to the new holiday programme. So each region
shows a contract in every state. Through the services; loading twice adds nothing; dates relative to
the day of loading."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import Membership, Role, User
from jointly.consultations.models import Consultation
from jointly.contracts.models import Contract
from jointly.reviews.models import Review
from jointly.reviews.services import reviews as review_services

from .models import Decommissioning, ExitPlanEntry, SignOff
from .services import decommissionings as services

DAY = datetime.timedelta(days=1)
# A senior officer who signs off contract decisions; not a sign-in persona of the demo.
SENIOR = ("Ruth Adeyemi", "ruth.adeyemi@staff.jointly.example")
# Essex's board member for contract decisions (the demo's Essex people have none); not a sign-in persona.
ESSEX_BOARD = ("Daniel Okafor", "daniel.okafor@staff.jointly.example")
PLAY_DESTINATIONS = (
    "Holiday activities and food programme, Devonport community centre",
    "Holiday activities and food programme, Whitleigh community hub",
    "Youth club evening sessions, Plymouth Youth Clubs Network",
    "No further support needed: joined the school's sports club",
)


def _senior_officer(trust, who=SENIOR) -> User:
    name, email = who
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(email, None, full_name=name, role=Role.BOARD_MEMBER)
        person.set_unusable_password()
        person.save(update_fields=["password"])
    Membership.objects.get_or_create(user=person, trust=trust)
    return person


def _signed_off_and_noticed(case: Decommissioning, by, *, senior_on, board_on, board_note: str, given_on) -> Decommissioning:
    """Sent for sign-off, signed by the senior officer and a board member (neither the proposer), then notice
    given, all through the service; without a board member in the demo it stays waiting for sign-off."""
    trust = case.contract.trust
    board = User.objects.filter(memberships__trust=trust, role=Role.BOARD_MEMBER).exclude(email=SENIOR[1]).order_by("pk").first()
    case = services.decommissioning_submit(decommissioning=case, by=by)
    services.decommissioning_sign_off(decommissioning=case, by=_senior_officer(trust), kind=SignOff.Kind.SENIOR, today=senior_on, note="Agreed.")
    if board is None:
        return case
    case = services.decommissioning_sign_off(decommissioning=case, by=board, kind=SignOff.Kind.BOARD, today=board_on, note=board_note)
    return services.decommissioning_give_notice(decommissioning=case, by=by, given_on=given_on)


def _everyone_moved_on_and_completed(case: Decommissioning, by, *, days_after_end: int, note: str) -> Decommissioning:
    """Once notice is given: every service user moved on (or needing nothing more), then the record of completion."""
    if case.status != Decommissioning.Status.IN_NOTICE:
        return case
    for entry in case.exit_plan.all():
        services.exit_entry_update(
            entry=entry,
            by=by,
            status=ExitPlanEntry.Status.CLOSED if entry.destination.startswith("No further") else ExitPlanEntry.Status.TRANSFERRED,
        )
    return services.decommissioning_complete(decommissioning=case, by=by, today=case.ends_on + days_after_end * DAY, note=note)


def load(stdout=None) -> None:
    today = timezone.localdate()
    made = 0
    with transaction.atomic():
        play = Contract.objects.filter(trust__slug="plymouth", reference="PLY-C0005", status=Contract.Status.ACTIVE).first()
        if play and not play.decommissionings.exists():
            _play_in_the_parks(play, today)
            made += 1
        diversion = Contract.objects.filter(trust__slug="plymouth", reference="PLY-C0003", status=Contract.Status.ACTIVE).first()
        if diversion and not diversion.decommissionings.exists():
            _diversion(diversion, today)
            made += 1
        mediation = Contract.objects.filter(trust__slug="essex", reference="ESX-C0002", status=Contract.Status.ACTIVE).first()
        if mediation and not mediation.decommissionings.exists():
            _mediation(mediation, today)
            made += 1
        for reference, make in (("ESX-C0006", _detached_youth_work), ("ESX-C0007", _play_rangers)):
            contract = Contract.objects.filter(trust__slug="essex", reference=reference, status=Contract.Status.ACTIVE).first()
            if contract and not contract.decommissionings.exists():
                _senior_officer(contract.trust, ESSEX_BOARD)
                make(contract, today)
                made += 1
    if stdout and made:
        stdout.write(
            f"  decommissioning: {made} decommissionings (in each region one completed with its exit plan and one in notice; one waiting for sign-off)\n"
        )


def _play_in_the_parks(contract: Contract, today: datetime.date) -> Decommissioning:
    trust = contract.trust
    by = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    started = today - 200 * DAY
    consultation = Consultation.objects.filter(trust=trust, status__in=review_services.CONSULTED).order_by("-closes_on").first()
    review = review_services.review_create(contract=contract, by=by, due_on=started, kind=Review.Kind.OTHER)
    review_services.review_record(
        review=review,
        by=by,
        outcomes_finding="Play sessions held: 61 in the year against 150; most sessions were rained off or had fewer than five children.",
        need_finding="Children's activity levels are a priority still, but the families asked want holiday activities with food, indoors, near home.",
        consultation=consultation,
        no_consultation_reason="" if consultation else "The after-school and holiday activities consultation had not closed.",
        families_said="Children and parents asked for activities in community centres in the holidays, with a meal, and said parks felt unsafe after dark.",
        finding="The service no longer fits what children and families need; the money is better spent on the holiday activities programme.",
        decision=Review.Decision.DECOMMISSION,
        decision_evidence="The session counts, the consultation's results and the holiday activities programme's waiting lists.",
    )
    review = review_services.review_complete(review=review, by=by, today=started)
    case = services.decommissioning_start(
        contract=contract,
        by=by,
        reason=Decommissioning.Reason.NEED_CHANGED,
        rationale="Children and families want holiday activities with food in community centres; outdoor play sessions in parks are little used.",
        evidence="The review of the contract, the consultation's results and the session counts for the last four quarters.",
    )
    services.decommissioning_update(
        decommissioning=case,
        by=by,
        today=started + 5 * DAY,
        review=review,
        users_affected=len(PLAY_DESTINATIONS) + 2,
        equality_impact=(
            "Younger children from the two most deprived wards used the sessions most; the holiday programme runs in both wards and is free to "
            "children on free school meals. Two disabled children attended with a parent; both places in the new programme are checked for access."
        ),
        risks="A gap over the summer: the last sessions run until the holiday programme's summer term opens; families are told in writing.",
        provider_impact=(
            "A small community play association with this as its largest contract: the trust has offered support to bid for the holiday "
            "programme's lots and capacity-building help, and the notice runs past the end of its lease."
        ),
        provider_income_share=38,
        tupe_applies=False,
        tupe_note="Sessional play workers only; none works wholly on this contract.",
    )
    for number in range(len(PLAY_DESTINATIONS) + 2):
        services.exit_entry_add(
            decommissioning=case,
            by=by,
            reference=f"PIP-{number + 101:04d}",
            destination=PLAY_DESTINATIONS[number % len(PLAY_DESTINATIONS)],
            move_by=started + (95 + number) * DAY,
        )
    case = _signed_off_and_noticed(
        case,
        by,
        senior_on=started + 12 * DAY,
        board_on=started + 19 * DAY,
        board_note="Approved by the board's meeting.",
        given_on=started + 21 * DAY,
    )
    return _everyone_moved_on_and_completed(
        case,
        by,
        days_after_end=7,
        note="Every child moved on before the last session; the association won a holiday programme lot. Lesson: consult before the second year.",
    )


DIVERSION_DESTINATIONS = (
    "Youth Clubs Network evening sessions, Devonport",
    "Young carers' evening group (PLY-C0001)",
    "School-based mentoring, Plymouth Youth Justice Service",
)


def _diversion(contract: Contract, today: datetime.date) -> Decommissioning:
    """Funding ended: signed off and notice given, so the contract is in notice (only this service gives it)."""
    trust = contract.trust
    by = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    started = today - 45 * DAY
    case = services.decommissioning_start(
        contract=contract,
        by=by,
        reason=Decommissioning.Reason.FUNDING,
        rationale="The police and crime commissioner's prevention fund, which pays for the sessions, closes at the end of this financial year.",
        evidence="The commissioner's letter closing the fund, and the partnership's budget for next year with no other source for the sessions.",
    )
    services.decommissioning_update(
        decommissioning=case,
        by=by,
        today=started + 3 * DAY,
        users_affected=5,
        equality_impact="The young people are young carers, most from the two most deprived wards; each keeps a place in a free group nearby.",
        risks="Young people at risk of offending lose a trusted worker: each has a named worker in the new group before the last session.",
        provider_impact="A small charity: the sessions are a minor part of its income, and its main young carers' contract continues.",
        tupe_applies=False,
        tupe_note="The sessions are run by the provider's existing youth workers, who stay with it.",
    )
    for number in range(5):
        services.exit_entry_add(
            decommissioning=case,
            by=by,
            reference=f"YD-{number + 301:04d}",
            destination=DIVERSION_DESTINATIONS[number % len(DIVERSION_DESTINATIONS)],
            move_by=today + (30 + 7 * number) * DAY,
        )
    case = _signed_off_and_noticed(
        case, by, senior_on=started + 8 * DAY, board_on=started + 15 * DAY, board_note="Approved: the funding has ended.", given_on=today - 21 * DAY
    )
    if case.status != Decommissioning.Status.IN_NOTICE:
        return case
    for entry in case.exit_plan.order_by("reference")[:2]:
        services.exit_entry_update(entry=entry, by=by, status=ExitPlanEntry.Status.TRANSFERRED, note="Settled into the new group.")
    return case


def _mediation(contract: Contract, today: datetime.date) -> Decommissioning:
    trust = contract.trust
    by = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    case = services.decommissioning_start(
        contract=contract,
        by=by,
        reason=Decommissioning.Reason.RECOMMISSIONING,
        rationale="Family mediation joins the new integrated early help service from April, commissioned across the three partners.",
        evidence="The board's decision on the early help model and the needs assessment's findings on family conflict.",
    )
    services.decommissioning_update(
        decommissioning=case,
        by=by,
        users_affected=3,
        equality_impact="Families in mediation keep their worker where the new service's provider agrees; no group loses access.",
        risks="Families mid-way through mediation: each has a named transition and the new service starts before notice ends.",
        provider_impact="The consortium's members are small charities: the new service's lots are sized so they can bid, alone or together.",
        tupe_applies=True,
        tupe_note="Two mediators may transfer to the new provider; the lead shares their information 28 days before transfer.",
    )
    for number, destination in enumerate(
        ("Integrated early help service, Basildon", "Integrated early help service, Colchester", "Integrated early help service, Chelmsford")
    ):
        services.exit_entry_add(
            decommissioning=case, by=by, reference=f"FM-{number + 2201}", destination=destination, move_by=today + (120 + number) * DAY
        )
    return services.decommissioning_submit(decommissioning=case, by=by)


def _prepared(contract: Contract, by, *, started, reason, rationale, evidence, destinations, prefix, move_by, **impact) -> Decommissioning:
    """A case started, its impact and staff flags recorded, and an exit plan entry for every service user."""
    case = services.decommissioning_start(contract=contract, by=by, reason=reason, rationale=rationale, evidence=evidence)
    services.decommissioning_update(decommissioning=case, by=by, today=started + 3 * DAY, users_affected=len(destinations), **impact)
    for number, destination in enumerate(destinations):
        services.exit_entry_add(
            decommissioning=case, by=by, reference=f"{prefix}-{number + 101:04d}", destination=destination, move_by=move_by + number * DAY
        )
    return case


DETACHED_DESTINATIONS = (
    "Youth club evening sessions, Basildon town centre",
    "Youth club evening sessions, Pitsea",
    "Targeted youth support, Essex County Council",
    "No further support needed: started an apprenticeship",
)


def _detached_youth_work(contract: Contract, today: datetime.date) -> Decommissioning:
    """Its funding closed: notice given months ago, every young person moved on, completed; the contract ended early."""
    by = User.objects.filter(memberships__trust=contract.trust, role=Role.COMMISSIONER).order_by("pk").first()
    started = today - 180 * DAY
    case = _prepared(
        contract,
        by,
        started=started,
        reason=Decommissioning.Reason.FUNDING,
        rationale="The government's youth investment fund, which paid for the detached work, closed this year with nothing to replace it.",
        evidence="The fund's closure letter and the council's budget for next year, which has no line for detached youth work.",
        destinations=DETACHED_DESTINATIONS,
        prefix="DYW",
        move_by=started + 90 * DAY,
        equality_impact="Older teenagers in two deprived estates used the service; each was offered a youth club place or targeted support nearby.",
        risks="Young people who meet no other service: the workers introduced each to a named youth worker before the last session.",
        provider_impact="A medium youth charity: the contract was a fifth of its income; the notice ran to the end of its staff's fixed terms.",
        provider_income_share=20,
        tupe_applies=False,
        tupe_note="The detached workers were on fixed-term contracts that end with the service.",
    )
    case = _signed_off_and_noticed(
        case, by, senior_on=started + 10 * DAY, board_on=started + 17 * DAY, board_note="Approved: the fund has closed.", given_on=started + 20 * DAY
    )
    return _everyone_moved_on_and_completed(
        case,
        by,
        days_after_end=5,
        note="Every young person was introduced to a youth club or targeted support before the last session; three still attend.",
    )


def _play_rangers(contract: Contract, today: datetime.date) -> Decommissioning:
    """Re-commissioned into the holiday programme: signed off and notice given a fortnight ago, so the contract is in notice."""
    by = User.objects.filter(memberships__trust=contract.trust, role=Role.COMMISSIONER).order_by("pk").first()
    started = today - 40 * DAY
    case = _prepared(
        contract,
        by,
        started=started,
        reason=Decommissioning.Reason.RECOMMISSIONING,
        rationale="Play in the parks joins the holiday activities and food programme from the summer, commissioned as one service.",
        evidence="The board's decision on the holiday programme and the play sufficiency assessment's findings.",
        destinations=("Holiday activities and food programme, Harlow", "Holiday activities and food programme, Chelmsford"),
        prefix="PR",
        move_by=today + 60 * DAY,
        equality_impact="Families on low incomes used the sessions most; the holiday programme is free to children on free school meals.",
        risks="A gap between the last session and the programme's start: the dates are set so the programme starts first.",
        provider_impact="A small play association: the programme's lots are sized so it can bid, and it has been offered help to do so.",
        provider_income_share=30,
        tupe_applies=False,
        tupe_note="Sessional play workers only; none works wholly on this contract.",
    )
    return _signed_off_and_noticed(
        case,
        by,
        senior_on=started + 8 * DAY,
        board_on=started + 15 * DAY,
        board_note="Approved with the holiday programme.",
        given_on=today - 14 * DAY,
    )
