"""The standard return: made once for a trust or a region, versioned, adopted by the partners who buy."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import edit, transition
from jointly.partnerships.models import TrustPartner

from ..models import Adoption, ReturnTemplate, TemplateQuestion, TemplateVersion


def template_create(*, by, name: str, trust=None, region=None, description: str = "") -> ReturnTemplate:
    """A new standard return with its first version, a draft to add questions to."""
    problems = {}
    if not name.strip():
        problems["name"] = "Enter the name of the return"
    if (trust is None) == (region is None):
        problems["scope"] = "Choose whether the return is the trust's or the whole region's"
    if problems:
        raise FieldErrors(problems)
    template = ReturnTemplate.objects.create(trust=trust, region=region, name=name.strip(), description=description, made_by=by)
    TemplateVersion.objects.create(template=template, number=1)
    return template


def current_version(template: ReturnTemplate) -> TemplateVersion | None:
    """The published version in force (new returns answer its questions)."""
    return template.versions.filter(status=TemplateVersion.Status.PUBLISHED).order_by("-number").first()


def draft_version(template: ReturnTemplate) -> TemplateVersion | None:
    return template.versions.filter(status=TemplateVersion.Status.DRAFT).first()


def question_add(
    *,
    version: TemplateVersion,
    by,
    text: str,
    section: str = TemplateQuestion.Section.NARRATIVE,
    guidance: str = "",
    required: bool = True,
    asks_date: bool = False,
) -> TemplateQuestion:
    if not text.strip():
        raise FieldErrors({"text": "Enter the question"})
    if section not in TemplateQuestion.Section.values:
        raise FieldErrors({"section": "Select the section the question belongs to"})
    # The lock and the state check of edit(): a published version is fixed.
    with edit(version) as row:
        order = row.questions.count() + 1
        return TemplateQuestion.objects.create(
            version=row, section=section, text=text.strip(), guidance=guidance, required=required, asks_date=asks_date, order=order
        )


def version_publish(*, version: TemplateVersion, by, now=None) -> TemplateVersion:
    """Publish a draft version; the version it replaces is marked replaced (returns already opened keep theirs)."""
    now = now or timezone.now()
    with transaction.atomic():
        previous = current_version(version.template)
        published = transition(instance=version, move="publish", by=by, changes={"published_at": now})
        if previous is not None and previous.pk != version.pk:
            transition(instance=previous, move="supersede", by=by, reason=f"Replaced by version {version.number}")
    return published


def version_new(*, template: ReturnTemplate, by) -> TemplateVersion:
    """The next version, a draft starting from the published one's questions. One draft at a time."""
    existing = draft_version(template)
    if existing is not None:
        raise FieldErrors({"__all__": f"Version {existing.number} is still a draft: change that one."})
    source = current_version(template)
    number = (template.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = TemplateVersion.objects.create(template=template, number=number)
    for question in source.questions.all() if source else ():
        TemplateQuestion.objects.create(
            version=version,
            section=question.section,
            text=question.text,
            guidance=question.guidance,
            required=question.required,
            asks_date=question.asks_date,
            order=question.order,
        )
    return version


def buyers_who_may_adopt(template: ReturnTemplate):
    """The partner organisations of the template's trust, or of every trust of its region."""
    partners = TrustPartner.objects.filter(trust=template.trust) if template.trust_id else TrustPartner.objects.filter(trust__region=template.region)
    return partners.select_related("organisation").order_by("organisation__name", "organisation_id")


def adoption_record(*, template: ReturnTemplate, organisation, by, adopted_on: datetime.date | None = None) -> Adoption:
    """A buying partner adopts the return: its running contracts are covered by it from now on."""
    if not buyers_who_may_adopt(template).filter(organisation=organisation).exists():
        raise FieldErrors({"organisation": f"{organisation} is not a partner of {template.scope_name}, so it cannot adopt this return"})
    other = Adoption.objects.filter(organisation=organisation).exclude(template=template).select_related("template").first()
    if other is not None:
        raise FieldErrors({"organisation": f"{organisation} already uses {other.template}: a partner adopts one standard return"})
    try:
        with transaction.atomic():
            return Adoption.objects.create(
                template=template, organisation=organisation, adopted_on=adopted_on or timezone.localdate(), recorded_by=by
            )
    except IntegrityError:
        raise FieldErrors({"organisation": f"{organisation} has already adopted this return"}) from None
