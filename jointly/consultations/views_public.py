"""Public pages: anyone can answer a consultation, with no account.

Made to be safe for a twelve-year-old: plain words, no tracking, nothing
stored but the answers, an age band and who they are answering as. The form
is one short page, so nothing is held anywhere — not even in the session —
until the person presses "Send my answers", and nothing is left behind on a
shared computer if they walk away.

Repeat sending is slowed by a counter in the browser session, not by network
address: keeping addresses (even hashed) would be personal data about
children, which we promise not to collect. A session counter is easy to reset
by closing the browser, so it is only a light brake on accidental double
sending and casual repetition; staff can spot unusual bursts in the results.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from jointly.core.errors import save_form

from . import selectors, services
from .forms import ResponseForm
from .models import Channel, Consultation
from .services.responses import max_answer_chars

SESSION_SENT_AT = "consultations.sent_at"
SESSION_SENT_TO = "consultations.sent_to"


def _public_consultation(slug: str) -> Consultation:
    consultation = selectors.public_consultation(slug=slug)
    if consultation is None:
        raise Http404("No consultation here.")
    return consultation


def _recent_sends(session) -> list[float]:
    window = settings.JOINTLY_CONSULTATION_SESSION_WINDOW_MINUTES * 60
    now = time.time()
    return [sent for sent in session.get(SESSION_SENT_AT, []) if now - sent < window]


def _too_many(session) -> bool:
    return len(_recent_sends(session)) >= settings.JOINTLY_CONSULTATION_SESSION_LIMIT


def _remember_send(session, consultation: Consultation) -> None:
    session[SESSION_SENT_AT] = [*_recent_sends(session), time.time()]
    session[SESSION_SENT_TO] = sorted({*session.get(SESSION_SENT_TO, []), consultation.pk})


def consultation_index(request):
    consultations = list(selectors.public_consultations())
    today = timezone.localdate()
    return render(
        request,
        "consultations/public/index.html",
        {
            "open_now": [c for c in consultations if c.accepts_online_responses(today)],
            "reported": [c for c in consultations if c.status == Consultation.Status.REPORTED],
            "page_title": "Have your say",
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, slug):
    consultation = _public_consultation(slug)
    today = timezone.localdate()
    context = {"consultation": consultation, "page_title": consultation.title, "max_chars": max_answer_chars()}
    if not consultation.accepts_online_responses(today):
        context["not_yet"] = consultation.status == Consultation.Status.OPEN and today < consultation.opens_on
        return render(request, "consultations/public/closed.html", context)
    if request.method == "POST" and _too_many(request.session):
        context["page_title"] = "You have sent answers a lot of times"
        context["limit"] = settings.JOINTLY_CONSULTATION_SESSION_LIMIT
        context["window"] = settings.JOINTLY_CONSULTATION_SESSION_WINDOW_MINUTES
        return render(request, "consultations/public/too_many.html", context, status=429)

    questions = selectors.questions_of(consultation=consultation)
    form = ResponseForm(request.POST or None, consultation=consultation, questions=questions)
    # Every problem is shown at once, against its question; nothing is kept until the answers are stored.
    stored = save_form(
        request,
        form,
        lambda data: services.response_submit(
            consultation=consultation,
            channel=Channel.ONLINE,
            age_band=data["age_band"],
            audience=form.audience(),
            answers=form.answers(),
            today=today,
        ),
    )
    if stored:
        _remember_send(request.session, consultation)
        return redirect("consultations:sent", slug=consultation.slug)
    context.update({"form": form, "question_count": len(questions)})
    return render(request, "consultations/public/respond.html", context)


@never_cache
def sent(request, slug):
    consultation = _public_consultation(slug)
    if consultation.pk not in request.session.get(SESSION_SENT_TO, []):
        return redirect(consultation.get_public_url())
    return render(
        request,
        "consultations/public/sent.html",
        {"consultation": consultation, "page_title": "Your answers have been sent"},
    )


def you_said_we_did(request, slug):
    consultation = _public_consultation(slug)
    return render(
        request,
        "consultations/public/you_said_we_did.html",
        {
            "consultation": consultation,
            "items": selectors.published_you_said_we_did(consultation=consultation),
            "page_title": f"You said, we did: {consultation.title}",
        },
    )
