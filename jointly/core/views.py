from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache

from jointly.accounts.permissions import Perm, get_object_for
from jointly.accounts.selectors import primary_trust
from jointly.api.problems import server_error

from .models import Job
from .registry import Stage, registry

# How the home page names each stage of the cycle, over the work that belongs to it.
STAGE_HEADINGS = {
    Stage.SERVICE: "Your account",
    Stage.BEFORE_BEGINNING: "The partnership",
    Stage.ASSESS_NEED: "Needs, evidence and what people say",
    Stage.RESOURCES_AND_PROVIDERS: "Providers and the directory",
    Stage.MAP_AND_MARKET: "Services, markets and support for organisations",
    Stage.PLAN: "Plans and opportunities",
    Stage.PROCURE: "Procurement",
    Stage.CONTRACT: "Contracts",
    Stage.REVIEW: "Review",
}


def home_work(user, trust) -> list[dict]:
    """Each app's work for the person in one trust (registry `home_work`), grouped by stage of the cycle.

    Each app counts with a few aggregate queries, so the page's queries do not grow with the data.
    """
    tasks = [task for dotted in registry().home_work for task in import_string(dotted)(user, trust)]
    stages = sorted({task.stage for task in tasks})
    return [{"heading": STAGE_HEADINGS[stage], "tasks": [task for task in tasks if task.stage == stage]} for stage in stages]


def home(request):
    """The public's way in, and a signed-in person's work: in their primary trust, or another of theirs by ?trust=."""
    trusts, trust = [], None
    if request.user.is_authenticated:
        from jointly.partnerships.selectors import trusts_visible_to

        trusts = list(trusts_visible_to(user=request.user).order_by("name")[:50])
        trust = primary_trust(user=request.user)
        if slug := request.GET.get("trust"):
            trust = trusts_visible_to(user=request.user).filter(slug=slug).first()
            if trust is None:
                raise Http404("Not found.")
    return render(
        request,
        "core/home.html",
        {"trusts": trusts, "trust": trust, "work": home_work(request.user, trust), "page_title": "Jointly"},
    )


def accessibility(request):
    return render(request, "core/accessibility.html", {"page_title": "Accessibility statement"})


def privacy(request):
    return render(request, "core/privacy.html", {"page_title": "Privacy notice"})


def cookies(request):
    return render(request, "core/cookies.html", {"page_title": "Cookies"})


@login_required
@never_cache
def job_detail(request, pk):
    job = get_object_for(request.user, Perm.JOB_VIEW, Job.objects.all(), pk=pk)
    if request.headers.get("Accept", "").startswith("application/json") or request.GET.get("format") == "json":
        return JsonResponse(
            {
                "status": job.status,
                "status_label": job.get_status_display(),
                "done": job.progress_done,
                "total": job.progress_total,
                "percent": job.percent,
                "message": job.message,
                "finished": job.finished,
            }
        )
    return render(request, "core/job_detail.html", {"job": job, "page_title": job.title})


def api_docs(request):
    """A readable list of the API's endpoints, from the same OpenAPI document machines read."""
    from jointly.api.urls import api

    schema = api.get_openapi_schema()
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "public": operation.get("security") is None,
                    "tag": (operation.get("tags") or ["general"])[0],
                }
            )
    endpoints.sort(key=lambda e: (e["tag"], e["path"], e["method"]))
    return render(request, "core/api_docs.html", {"endpoints": endpoints, "page_title": "Jointly API"})


def error_403(request, exception=None):
    reason = str(exception) if exception and str(exception) else "You do not have permission to do this."
    return render(request, "core/403.html", {"reason": reason, "page_title": "You cannot do this"}, status=403)


def error_404(request, exception=None):
    return render(request, "core/404.html", {"page_title": "Page not found"}, status=404)


def error_500(request):
    if request.path.startswith("/api/"):
        return server_error()  # the API's errors are JSON problem bodies, even this one
    return render(request, "core/500.html", {"page_title": "Sorry, there is a problem with the service"}, status=500)
