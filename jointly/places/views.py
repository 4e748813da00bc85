"""Pages for places: an authority's statistical neighbours, and changing them.

The lists are public (DfE publishes them); changing one needs
Perm.NEIGHBOURS_MANAGE and the authority must be the person's own trust's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.errors import save_form

from . import selectors, services
from .forms import NeighbourListForm
from .models import Area


def _authority(code: str) -> Area:
    area = selectors.area_by_code(code)
    if area is None or area.kind != Area.Kind.UPPER_TIER:
        raise Http404("No such authority.")
    return area


def neighbours(request, code: str):
    authority = _authority(code)
    entries = selectors.neighbour_list(authority=authority)
    can_change = request.user.is_authenticated and decide(request.user, Perm.NEIGHBOURS_MANAGE, authority).allowed
    return render(
        request,
        "places/neighbours.html",
        {
            "authority": authority,
            "entries": entries,
            "list_date": entries[0].list_date if entries else None,
            "source": entries[0].source if entries else "",
            "can_change": can_change,
            "page_title": f"Statistical neighbours of {authority.name}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def neighbours_change(request, code: str):
    authority = get_object_for(request.user, Perm.NEIGHBOURS_MANAGE, Area.objects.defer("shape"), pk=_authority(code).pk)
    current = selectors.neighbour_list(authority=authority)
    initial = {f"rank_{entry.rank}": entry.neighbour_id for entry in current}
    if current:
        initial.update(list_date=current[0].list_date, source=current[0].source)
    form = NeighbourListForm(request.POST or None, initial=initial, authority=authority)
    saved = save_form(
        request,
        form,
        lambda data: services.neighbour_list_set(
            authority=authority,
            neighbours=form.neighbours(),
            list_date=data["list_date"],
            source=data["source"],
            by=request.user,
        ),
    )
    if saved:
        messages.success(request, f"The statistical neighbours of {authority.name} are saved.")
        return redirect(reverse("places:neighbours", args=[authority.code]))
    return render(
        request,
        "places/neighbours_form.html",
        {
            "form": form,
            "authority": authority,
            "page_title": f"Change the statistical neighbours of {authority.name}",
            "breadcrumbs": [(f"Statistical neighbours of {authority.name}", reverse("places:neighbours", args=[authority.code])), ("Change", "")],
        },
    )
