"""Pages of the service map: the trust's map, a priority's map, a service on the map, and the forms that change them.

Every page fetches its trust through `get_object_for`: another trust's pages
are "not found", a role without the permission is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, get_object_for, has_perm
from jointly.assessment.models import Priority
from jointly.core.errors import save_form
from jointly.core.forms import VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, version_of
from jointly.needs.models import Polarity
from jointly.partnerships.models import Trust
from jointly.places.models import SHAPE_ATTRIBUTION

from . import presenters, selectors, services
from .forms import EntryPrioritiesForm, JudgementForm, MapEntryForm, PriorityGroupsForm, RemoveForm
from .models import MapEntry

POLARITY = dict(Polarity.choices)


def _trust(request, slug: str, perm: Perm = Perm.MAP_VIEW) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _crumbs(trust: Trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Service map", reverse("mapping:map", args=[trust.slug])), *more]


def _entry(trust: Trust, pk: int) -> MapEntry:
    entry = selectors.entry_for(trust=trust, pk=pk)
    if entry is None:
        raise Http404("No such service on this map.")
    return entry


def _posted(request):
    # Not `request.POST or None`: a form posted with every box empty must still be checked.
    return request.POST if request.method == "POST" else None


def _priority(trust: Trust, pk: int) -> Priority:
    return get_object_or_404(selectors.current_priorities(trust=trust), pk=pk)


@login_required
def service_map(request, slug):
    trust = _trust(request, slug)
    facts = selectors.map_facts(trust=trust, year=request.GET.get("year"))
    rows = presenters.service_rows(facts)
    return render(
        request,
        "mapping/map.html",
        {
            "trust": trust,
            "facts": facts,
            "years": selectors.spend_years(trust=trust),
            "year": facts.year,
            "priority_rows": presenters.priority_rows(facts),
            "outcome_tiers": presenters.outcome_tier_table(rows, facts.outcome_names),
            "page_obj": paginate(request, rows),
            "judged": selectors.judged_counts(facts),
            "can_manage": has_perm(request.user, Perm.MAP_MANAGE),
            "page_title": f"Service map: {trust.name}",
            "breadcrumbs": _crumbs(trust)[:1] + [("Service map", "")],
        },
    )


@login_required
def priority_map(request, slug, pk):
    trust = _trust(request, slug)
    priority = _priority(trust, pk)
    facts = selectors.map_facts(trust=trust, year=request.GET.get("year"))
    result = facts.analyse(priority.pk)
    wards = presenters.ward_rows(facts, result)
    chart = presenters.ward_map(
        selectors.ward_shapes(trust=trust, ward_ids=facts.ward_ids),
        result.classes,
        {pid: facts.places[pid].name for pid in facts.ward_ids},
        label=f"Map of {trust.name}'s wards for the priority {priority.title}: each ward shaded by whether it shows need "
        f"and whether a mapped service covers it. {presenters.gap_sentence(facts, result)}. The table below gives every ward.",
    )
    priority_names = {p.pk: p.title for p in facts.priorities}
    cost = facts.cost
    entry_of = {entry.service_id: entry for entry in facts.entries}
    return render(
        request,
        "mapping/priority.html",
        {
            "trust": trust,
            "priority": priority,
            "facts": facts,
            "result": result,
            "wards": wards,
            "chart": chart,
            "years": selectors.spend_years(trust=trust),
            "year": facts.year,
            "classes": presenters.class_counts(result),
            "gap_sentence": presenters.gap_sentence(facts, result),
            "unknown_count": len(result.unknown_places),
            "place_count": len(result.need),
            "overlaps": presenters.overlap_rows(facts, result),
            "group_gaps": [presenters.GROUP_LABELS.get(g, g) for g in result.group_gaps],
            "gap_places": sorted(facts.places[pid].name for pid in result.place_gaps),
            "groups": [presenters.GROUP_LABELS.get(g, g) for g in facts.priority_facts[priority.pk].groups],
            # (service, its cost, its entry, the other priorities it is mapped under when it counts through them)
            "services": [
                (
                    s,
                    cost.get(s.id),
                    entry_of[s.id],
                    [priority_names[i] for i in sorted(s.priority_ids) if i in priority_names] if s.id in result.through_ids else [],
                )
                for s in result.services
            ],
            "spend_share": presenters.percent(result.prevention.spend_share),
            "services_share": presenters.percent(result.prevention.services_share),
            "area_name": facts.places[trust.area_id].name,
            "indicators": [(i, POLARITY.get(i.polarity, i.polarity)) for i, _ in result.need_by_indicator],
            "outcome_label": priority.outcome_area.name,
            "shape_attribution": SHAPE_ATTRIBUTION,
            "can_manage": has_perm(request.user, Perm.MAP_MANAGE),
            "page_title": f"Service map: {priority.title}",
            "breadcrumbs": _crumbs(trust, (priority.title, "")),
        },
    )


@login_required
def service_detail(request, slug, pk):
    trust = _trust(request, slug)
    entry = _entry(trust, pk)
    costs = entry.service.spend_records.filter(trust=trust).order_by("-year").values("year").annotate(total=Sum("amount"))
    judgements = list(selectors.judgements_of(entry))
    return render(
        request,
        "mapping/service.html",
        {
            "trust": trust,
            "entry": entry,
            "service": entry.service,
            "in_house": selectors.is_in_house(entry.service),
            "priorities": [row.priority for row in entry.priority_rows.all()],
            "costs": costs,
            "current": judgements[0] if judgements else None,
            "earlier": judgements[1:],
            # Changing its priorities and judging it need the entry editable; taking it off is its "remove" move.
            **actions(entry, request.user, edit_perm=Perm.MAP_MANAGE),
            "page_title": entry.service.name,
            "breadcrumbs": _crumbs(trust, (entry.service.name, "")),
        },
    )


def _form_page(request, trust, form, *, save, done, title, cancel_url, crumbs, intro="", submit="Save", template="plans/form.html", **context):
    """Show a form; on a valid post, call `save(cleaned_data)` and go on to `done(result)` -> (message, address).

    A rule the service refuses is shown against its field, as form errors are.
    """
    result = save_form(request, form, save)
    if result:
        message, address = done(result)
        messages.success(request, message)
        return redirect(address)
    return render(
        request,
        template,
        {
            "trust": trust,
            "form": form,
            "cancel_url": cancel_url,
            "intro": intro,
            "submit": submit,
            "page_title": title,
            "breadcrumbs": crumbs,
            **context,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_add(request, slug):
    trust = _trust(request, slug, Perm.MAP_MANAGE)
    form = MapEntryForm(
        _posted(request),
        services=selectors.candidate_services(trust=trust),
        priorities=selectors.current_priorities(trust=trust).order_by("title"),
    )
    return _form_page(
        request,
        trust,
        form,
        save=lambda data: services.map_entry_create(trust=trust, by=request.user, **data),
        done=lambda entry: (f"{entry.service.name} is on the map.", reverse("mapping:service", args=[trust.slug, entry.pk])),
        title="Add a service to the map",
        cancel_url=reverse("mapping:map", args=[trust.slug]),
        crumbs=_crumbs(trust, ("Add a service", "")),
        intro="Say which of the trust's priorities the service serves. In-house and contracted services are mapped the same way.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_priorities(request, slug, pk):
    trust = _trust(request, slug, Perm.MAP_MANAGE)
    entry = _entry(trust, pk)
    detail = reverse("mapping:service", args=[trust.slug, entry.pk])
    form = EntryPrioritiesForm(
        _posted(request),
        priorities=selectors.current_priorities(trust=trust).order_by("title"),
        initial={"priorities": [row.priority for row in entry.priority_rows.all()], "note": entry.note},
    )
    # Saving refuses the change if someone else changed the entry after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(entry))
    return _form_page(
        request,
        trust,
        form,
        save=lambda data: services.map_entry_set_priorities(entry=entry, by=request.user, **data),
        done=lambda _: (f"The priorities {entry.service.name} serves are changed.", detail),
        title=f"Priorities: {entry.service.name}",
        cancel_url=detail,
        crumbs=_crumbs(trust, (entry.service.name, detail), ("Priorities", "")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_groups(request, slug, pk):
    trust = _trust(request, slug, Perm.MAP_MANAGE)
    priority = _priority(trust, pk)
    detail = reverse("mapping:priority", args=[trust.slug, priority.pk])
    form = PriorityGroupsForm(_posted(request), initial={"groups": list(priority.map_groups.values_list("group", flat=True))})
    return _form_page(
        request,
        trust,
        form,
        save=lambda data: services.priority_groups_set(priority=priority, groups=data["groups"], by=request.user),
        done=lambda _: ("The groups this priority means to reach are saved.", detail),
        title=f"Groups: {priority.title}",
        cancel_url=detail,
        crumbs=_crumbs(trust, (priority.title, detail), ("Groups", "")),
    )


@login_required
@require_http_methods(["GET", "POST"])
def judgement_add(request, slug, pk):
    trust = _trust(request, slug, Perm.MAP_MANAGE)
    entry = _entry(trust, pk)
    detail = reverse("mapping:service", args=[trust.slug, entry.pk])
    form = JudgementForm(_posted(request), evidence=selectors.evidence_choices(trust=trust))
    return _form_page(
        request,
        trust,
        form,
        save=lambda data: services.judgement_record(
            entry=entry, rating=data["rating"], evidence_summary=data["evidence_summary"], evidence=data.get("evidence", []), by=request.user
        ),
        done=lambda _: ("Judgement recorded. Earlier judgements are kept below it.", detail),
        title=f"Judge whether it works: {entry.service.name}",
        cancel_url=detail,
        crumbs=_crumbs(trust, (entry.service.name, detail), ("Judge", "")),
        submit="Record the judgement",
        intro="Judge in-house services by the same standard of evidence as contracted ones.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_remove(request, slug, pk):
    """Take a service off the map: a confirmation page that asks why."""
    trust = _trust(request, slug, Perm.MAP_MANAGE)
    entry = _entry(trust, pk)
    detail = reverse("mapping:service", args=[trust.slug, entry.pk])
    name = entry.service.name
    return _form_page(
        request,
        trust,
        RemoveForm(_posted(request)),
        save=lambda data: services.map_entry_remove(entry=entry, reason=data["reason"], by=request.user),
        done=lambda _: (
            f"{name} is off the map. Its judgements are kept, and come back if it is mapped again.",
            reverse("mapping:map", args=[trust.slug]),
        ),
        title=f"Take {name} off the map?",
        cancel_url=detail,
        template="mapping/remove.html",
        crumbs=_crumbs(trust, (name, detail), ("Take off the map", "")),
        submit="Take it off the map",
        entry=entry,
        priorities=[row.priority for row in entry.priority_rows.all()],
    )
