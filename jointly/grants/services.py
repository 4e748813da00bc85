"""Writes for grants. Every rule is checked here, with a message written for people.

Programmes: draft → open (publish) → panel (the clock closes it at its closing time) → decided, or
cancelled. Applications: draft → sent → awarded or not funded, or withdrawn. The closing time is
enforced here, on the write (decision 0012): the clock only moves the programme on. A panel member
declares, for every applicant, whether they have a conflict before any application opens to them;
a conflict places a CONFLICT assignment on that application, which bars them from it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jointly.accounts.models import Assignment
from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.accounts.services import assignment_grant
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition
from jointly.plans.models import CommissioningIntention, Route

from . import config
from .models import GrantAnswer, GrantApplication, GrantCriterion, GrantProgramme, GrantQuestion, PanelDeclaration, PanelScore

_WORD = re.compile(r"\S+")


def words(text: str) -> int:
    return len(_WORD.findall(text or ""))


def _money(value, *, field: str, what: str, errors: dict) -> Decimal | None:
    if value in (None, ""):
        errors[field] = f"Enter {what}"
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        errors[field] = f"Enter {what} as a number of pounds, like 5000"
        return None
    if amount <= 0:
        errors[field] = f"Enter {what} greater than £0"
        return None
    if amount != amount.quantize(Decimal("0.01")):
        errors[field] = f"Enter {what} in pounds and pence, like 5000 or 5000.50"
        return None
    return amount


def _required(data: dict, field: str, message: str, errors: dict, *, limit: int | None = None) -> str:
    value = (data.get(field) or "").strip()
    if not value:
        errors[field] = message
    elif limit and len(value) > limit:
        errors[field] = f"Keep this to {limit} characters or fewer (it has {len(value)})"
    return value


# --- Programmes -------------------------------------------------------------


def _programme_fields(data: dict, *, trust) -> dict:
    errors: dict[str, str] = {}
    clean = {
        "title": _required(data, "title", "Enter the programme's name", errors, limit=300),
        "description": _required(data, "description", "Enter what the programme funds", errors),
        "eligibility": _required(data, "eligibility", "Enter who can apply", errors),
        "conditions": _required(data, "conditions", "Enter the conditions of grant, for the grant agreement", errors),
        "funder_name": _required(data, "funder_name", "Enter the funder's name", errors, limit=300),
        "funder_org_id": _required(data, "funder_org_id", "Enter the funder's organisation identifier, like GB-LAE-PLY", errors, limit=60),
    }
    intention = data.get("intention")
    if intention is None:
        errors["intention"] = "Select the commissioning intention this programme comes from"
    elif intention.trust_id != trust.pk:
        errors["intention"] = "Select one of this trust's commissioning intentions"
    elif intention.route != Route.GRANT:
        errors["intention"] = "Select an intention whose route is a grant: change the intention's route first if it should be one"
    elif intention.status != CommissioningIntention.Status.PUBLISHED:
        errors["intention"] = "Select a published intention: the forward plan says what is coming before it is funded"
    clean["intention"] = intention
    fund = _money(data.get("fund_size"), field="fund_size", what="the total fund", errors=errors)
    largest = _money(data.get("max_award"), field="max_award", what="the largest award", errors=errors)
    opens, closes = data.get("opens_at"), data.get("closes_at")
    if opens is None:
        errors["opens_at"] = "Enter when the programme opens"
    if closes is None:
        errors["closes_at"] = "Enter when the programme closes"
    elif opens is not None and closes <= opens:
        errors["closes_at"] = "The closing time must be after the opening time"
    if largest is not None:
        limit = config.small_grant_limit((opens or timezone.now()).date())
        if largest > limit:
            errors["max_award"] = f"A small grant can be at most £{limit:,.0f}: use a procurement or a larger grant round above that"
        elif fund is not None and largest > fund:
            errors["max_award"] = "The largest award cannot be more than the total fund"
    scale = data.get("scale_max") or 4
    if not isinstance(scale, int) or not 1 <= scale <= 10:
        errors["scale_max"] = "Enter the top of the scoring scale, a whole number from 1 to 10"
    if errors:
        raise FieldErrors(errors)
    return {**clean, "fund_size": fund, "max_award": largest, "opens_at": opens, "closes_at": closes, "scale_max": scale}


@transaction.atomic
def programme_create(*, trust, by, **data) -> GrantProgramme:
    clean = _programme_fields(data, trust=trust)
    return GrantProgramme.objects.create(trust=trust, created_by=by, **clean)


@transaction.atomic
def programme_update(*, programme: GrantProgramme, by, version: str | None = None, **data) -> GrantProgramme:
    with edit(programme, version=version) as row:
        for name, value in _programme_fields(data, trust=programme.trust).items():
            setattr(row, name, value)
    return row


def _editable_programme(programme: GrantProgramme) -> None:
    # Read afresh: the page's copy may be older than a publication.
    if not GrantProgramme.objects.filter(pk=programme.pk, status=GrantProgramme.Status.DRAFT).exists():
        raise InvalidTransition("The criteria and questions were published with the programme, so they can no longer change.")


@transaction.atomic
def criterion_add(*, programme: GrantProgramme, by, title: str, description: str = "") -> GrantCriterion:
    _editable_programme(programme)
    errors: dict[str, str] = {}
    title = _required({"title": title}, "title", "Enter what applications are judged on", errors, limit=200)
    if errors:
        raise FieldErrors(errors)
    order = programme.criteria.count() + 1
    return GrantCriterion.objects.create(programme=programme, title=title, description=(description or "").strip(), order=order)


@transaction.atomic
def question_add(*, programme: GrantProgramme, by, text: str, guidance: str = "", word_limit: int | None = None) -> GrantQuestion:
    """A short question: a small grant asks few, with a short word limit (proportionate to the money)."""
    _editable_programme(programme)
    errors: dict[str, str] = {}
    text = _required({"text": text}, "text", "Enter the question", errors, limit=500)
    word_limit = word_limit or config.DEFAULT_WORD_LIMIT
    if not 25 <= word_limit <= config.DEFAULT_WORD_LIMIT * 2:
        errors["word_limit"] = f"Enter a word limit from 25 to {config.DEFAULT_WORD_LIMIT * 2}: a small grant's answers are short"
    if programme.questions.count() >= config.MAX_QUESTIONS:
        errors[NON_FIELD] = f"A small grant asks at most {config.MAX_QUESTIONS} questions"
    if errors:
        raise FieldErrors(errors)
    order = programme.questions.count() + 1
    return GrantQuestion.objects.create(programme=programme, text=text, guidance=(guidance or "").strip(), word_limit=word_limit, order=order)


def _ready_to_publish(now):
    def guard(programme: GrantProgramme) -> str | None:
        missing = []
        if not programme.criteria.exists():
            missing.append("the criteria applications are judged on")
        if not programme.questions.exists():
            missing.append("at least one question")
        if missing:
            return f"Add {' and '.join(missing)} before publishing: applicants see them from the start."
        if programme.closes_at <= now:
            return "The closing time has passed: change it before publishing."
        return None

    return guard


def programme_publish(*, programme: GrantProgramme, by, now=None) -> GrantProgramme:
    now = now or timezone.now()
    return transition(instance=programme, move="publish", by=by, check=_ready_to_publish(now), changes={"published_at": now})


def programme_close(*, programme: GrantProgramme, by=None, now=None) -> GrantProgramme:
    """Close the programme once its closing time has passed (the clock does this; the write already refused late applications)."""
    now = now or timezone.now()

    def passed(row):
        return None if row.closes_at <= now else "The programme is open until its closing time."

    return transition(instance=programme, move="close", by=by, check=passed, reason="The closing time passed")


def programmes_past_closing(*, now=None):
    return GrantProgramme.objects.filter(status=GrantProgramme.Status.OPEN, closes_at__lte=now or timezone.now()).order_by("pk")


def programme_finish(*, programme: GrantProgramme, by) -> GrantProgramme:
    def all_decided(row):
        waiting = row.applications.filter(status=GrantApplication.Status.SUBMITTED).count()
        return f"{waiting} {'application is' if waiting == 1 else 'applications are'} still to be decided." if waiting else None

    return transition(instance=programme, move="finish", by=by, check=all_decided)


def programme_cancel(*, programme: GrantProgramme, by, reason: str) -> GrantProgramme:
    reason = (reason or "").strip()
    if not reason:
        raise FieldErrors({"reason": "Enter why the programme is cancelled: applicants are told"})
    return transition(instance=programme, move="cancel", by=by, reason=reason, changes={"cancelled_reason": reason})


# --- Applications -------------------------------------------------------------


def _fresh(programme: GrantProgramme) -> GrantProgramme:
    """The programme as stored now: a page's (or an application's cached) copy may predate a move."""
    return GrantProgramme.objects.get(pk=programme.pk)


def _before_closing(programme: GrantProgramme, now) -> None:
    programme = _fresh(programme)
    if programme.status != GrantProgramme.Status.OPEN or now < programme.opens_at:
        raise InvalidTransition("This programme is not open for applications.")
    if now >= programme.closes_at:
        raise InvalidTransition(
            f"The programme closed at {timezone.localtime(programme.closes_at):%-I:%M%p on %-d %B %Y}, so applications can no longer be sent or changed."
        )


def _may_apply(user, organisation) -> None:
    if not has_perm(user, Perm.GRANT_APPLY) or user.organisation_id != organisation.pk:
        raise InvalidTransition("Only the organisation's own people can apply for it.")


def _application_fields(application_or_programme, data: dict, *, strict: bool) -> tuple[dict, dict]:
    """Clean the fields and answers. `strict` (sending): everything required; a draft keeps whatever is there, within limits."""
    programme = getattr(application_or_programme, "programme", application_or_programme)
    errors: dict[str, str] = {}
    title = (data.get("project_title") or "").strip()
    if not title:
        errors["project_title"] = "Enter a name for your project"
    elif len(title) > 200:
        errors["project_title"] = "Keep the project name to 200 characters or fewer"
    summary = (data.get("summary") or "").strip()
    if strict and not summary:
        errors["summary"] = "Enter what the money is for"
    elif words(summary) > 150:
        errors["summary"] = f"Keep this to 150 words or fewer (it has {words(summary)})"
    amount = None
    raw = data.get("amount_requested")
    if raw not in (None, "") or strict:
        amount = _money(raw, field="amount_requested", what="the amount you are asking for", errors=errors)
        if amount is not None and amount > programme.max_award:
            errors["amount_requested"] = f"You can ask for up to £{programme.max_award:,.0f} from this programme"
    answers = {}
    for question in programme.questions.all():
        key = f"answer_{question.pk}"
        text = (data.get(key) or "").strip()
        if strict and not text:
            errors[key] = f"Answer the question: {question.text}"
        elif words(text) > question.word_limit:
            errors[key] = f"Keep your answer to {question.word_limit} words or fewer (it has {words(text)})"
        answers[question] = text
    return {"project_title": title, "summary": summary, "amount_requested": amount, "errors": errors}, answers


def _save_answers(application: GrantApplication, answers: dict) -> None:
    for question, text in answers.items():
        GrantAnswer.objects.update_or_create(application=application, question=question, defaults={"text": text})


@transaction.atomic
def application_start(*, programme: GrantProgramme, organisation, by, now=None, **data) -> GrantApplication:
    now = now or timezone.now()
    _may_apply(by, organisation)
    _before_closing(programme, now)
    if GrantApplication.objects.filter(programme=programme, organisation=organisation).exclude(status="withdrawn").exists():
        raise FieldErrors({NON_FIELD: "Your organisation already has an application for this programme: carry on with that one"})
    clean, answers = _application_fields(programme, data, strict=False)
    if errors := clean.pop("errors"):
        raise FieldErrors(errors)
    application = GrantApplication.objects.create(programme=programme, organisation=organisation, created_by=by, **clean)
    _save_answers(application, answers)
    return application


@transaction.atomic
def application_save(*, application: GrantApplication, by, now=None, version: str | None = None, **data) -> GrantApplication:
    """Keep the draft (or change a sent application) until the closing time; nothing already saved is lost when refused."""
    now = now or timezone.now()
    _may_apply(by, application.organisation)
    _before_closing(application.programme, now)
    strict = application.status == GrantApplication.Status.SUBMITTED
    clean, answers = _application_fields(application, data, strict=strict)
    if errors := clean.pop("errors"):
        raise FieldErrors(errors)
    with edit(application, version=version) as row:
        for name, value in clean.items():
            setattr(row, name, value)
    _save_answers(row, answers)
    return row


def application_submit(*, application: GrantApplication, by, now=None) -> GrantApplication:
    now = now or timezone.now()
    _may_apply(by, application.organisation)
    _before_closing(application.programme, now)
    application = GrantApplication.objects.get(pk=application.pk)
    data = {"project_title": application.project_title, "summary": application.summary, "amount_requested": application.amount_requested}
    data.update({f"answer_{answer.question_id}": answer.text for answer in application.answers.all()})
    clean, _ = _application_fields(application, data, strict=True)
    if errors := clean.pop("errors"):
        raise FieldErrors(errors)
    return transition(instance=application, move="submit", by=by, changes={"submitted_at": now, "submitted_by": by})


def application_withdraw(*, application: GrantApplication, by, now=None) -> GrantApplication:
    now = now or timezone.now()
    _may_apply(by, application.organisation)
    _before_closing(application.programme, now)
    return transition(instance=application, move="withdraw", by=by)


# --- The panel ----------------------------------------------------------------


def panel_add(*, programme: GrantProgramme, person, by) -> Assignment:
    """A panel place on the programme, for an officer, a VCS representative, a young person or a parent."""
    if _fresh(programme).status in (GrantProgramme.Status.DECIDED, GrantProgramme.Status.CANCELLED):
        raise InvalidTransition("The programme is finished, so its panel can no longer change.")
    if person.organisation_id and programme.applications.filter(organisation_id=person.organisation_id).exclude(status="withdrawn").exists():
        raise FieldErrors({"person": "This person's own organisation has applied, so they cannot sit on the panel"})
    return assignment_grant(person=person, kind=Assignment.Kind.PANEL_MEMBER, obj=programme, by=by, note="Grant panel")


def panel_members(programme: GrantProgramme):
    from django.contrib.contenttypes.models import ContentType

    from jointly.accounts.models import User

    ids = Assignment.objects.filter(
        kind=Assignment.Kind.PANEL_MEMBER,
        content_type=ContentType.objects.get_for_model(GrantProgramme),
        object_id=str(programme.pk),
        ended_at__isnull=True,
    ).values("person_id")
    return User.objects.filter(pk__in=ids).order_by("full_name", "pk")


def _is_panel_member(person, programme) -> bool:
    return panel_members(programme).filter(pk=person.pk).exists()


def _decidable_applications(programme: GrantProgramme):
    return programme.applications.filter(status__in=[GrantApplication.Status.SUBMITTED, *GrantApplication.DECIDED])


@transaction.atomic
def panel_declare(*, programme: GrantProgramme, person, answers: dict[int, tuple[bool, str]]) -> list[PanelDeclaration]:
    """Record the person's declaration for every applicant at once: {application id: (conflict?, note)}.

    Asked before any application opens to them; a conflict bars them from that application for good.
    """
    programme = _fresh(programme)
    if programme.status != GrantProgramme.Status.PANEL:
        raise InvalidTransition("Declarations open when the programme closes for applications.")
    if not _is_panel_member(person, programme):
        raise InvalidTransition("Only the programme's panel members declare conflicts for it.")
    applications = list(_decidable_applications(programme).select_related("organisation"))
    errors = {}
    for application in applications:
        if application.pk not in answers:
            errors[f"conflict_{application.pk}"] = f"Say whether you have a conflict of interest with {application.organisation.name}"
        elif answers[application.pk][0] and not (answers[application.pk][1] or "").strip():
            errors[f"note_{application.pk}"] = f"Say what your conflict with {application.organisation.name} is"
    if errors:
        raise FieldErrors(errors)
    recorded = []
    for application in applications:
        conflict, note = answers[application.pk]
        existing = PanelDeclaration.objects.filter(application=application, person=person).first()
        if existing is not None:
            # A declaration stands: a conflict, once declared, is not taken back here.
            recorded.append(existing)
            continue
        recorded.append(
            PanelDeclaration.objects.create(programme=programme, application=application, person=person, conflict=conflict, note=(note or "").strip())
        )
        if conflict:
            assignment_grant(person=person, kind=Assignment.Kind.CONFLICT, obj=application, by=person, note=(note or "").strip())
            PanelScore.objects.filter(application=application, person=person).delete()
    return recorded


def has_declared(person, programme: GrantProgramme) -> bool:
    """Has the person answered for every applicant? Until then no application opens to them."""
    due = _decidable_applications(programme).count()
    return due > 0 and PanelDeclaration.objects.filter(programme=programme, person=person).count() >= due


@transaction.atomic
def panel_score(*, application: GrantApplication, person, score, reason: str) -> PanelScore:
    programme = _fresh(application.programme)
    if programme.status != GrantProgramme.Status.PANEL:
        raise InvalidTransition("Scores can be given only while the panel is deciding.")
    if not has_declared(person, programme):
        raise InvalidTransition("Declare any conflicts of interest for every applicant first.")
    decision = decide(person, Perm.EVALUATION_TAKE_PART, application)
    if not decision.allowed:
        raise InvalidTransition(decision.reason)
    if application.status != GrantApplication.Status.SUBMITTED:
        raise InvalidTransition("This application has already been decided.")
    errors = {}
    if score in (None, "") or not str(score).isdigit() or not 0 <= int(score) <= programme.scale_max:
        errors["score"] = f"Choose a score from 0 to {programme.scale_max}"
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Give the reason for your score: the applicant's feedback is built from it"
    if errors:
        raise FieldErrors(errors)
    row, _ = PanelScore.objects.update_or_create(application=application, person=person, defaults={"score": int(score), "reason": reason})
    return row


# --- Decisions ----------------------------------------------------------------


def application_decide(*, application: GrantApplication, by, award: bool, feedback: str, amount=None, now=None) -> GrantApplication:
    """Award (an amount up to what was asked, within the programme and the fund) or decline, with written feedback either way."""
    programme = _fresh(application.programme)
    if programme.status != GrantProgramme.Status.PANEL:
        raise InvalidTransition("Decisions are made once the programme has closed, while the panel is deciding.")
    errors: dict[str, str] = {}
    feedback = (feedback or "").strip()
    if not feedback:
        errors["feedback"] = "Write the feedback the applicant will get: every applicant gets feedback, funded or not"
    value = None
    if award:
        value = _money(amount, field="amount", what="the amount awarded", errors=errors)
        if value is not None:
            if application.amount_requested is not None and value > application.amount_requested:
                errors["amount"] = f"Award at most what was asked for (£{application.amount_requested:,.2f})"
            elif value > programme.max_award:
                errors["amount"] = f"Award at most the programme's largest award (£{programme.max_award:,.2f})"
            else:
                awarded = programme.applications.filter(status=GrantApplication.Status.AWARDED).aggregate(total=Sum("amount_awarded"))["total"]
                left = programme.fund_size - (awarded or Decimal("0"))
                if value > left:
                    errors["amount"] = f"Only £{left:,.2f} of the fund is left"
    if errors:
        raise FieldErrors(errors)
    changes = {"feedback": feedback, "decided_at": now or timezone.now(), "decided_by": by}
    if award:
        changes.update({"amount_awarded": value, "agreement_conditions": programme.conditions})
    return transition(instance=application, move="award" if award else "decline", by=by, changes=changes)
