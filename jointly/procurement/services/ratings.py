"""Bidders rate the process of an opportunity once it has closed: one rating per organisation, 1 to 5."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from jointly.core.errors import NON_FIELD, FieldErrors

from ..bidders import rating_refusal
from ..models import ProcessRating


@transaction.atomic
def rating_record(*, opportunity, organisation, by, rating, comment: str = "") -> ProcessRating:
    if refusal := rating_refusal(opportunity, organisation):
        raise FieldErrors({NON_FIELD: refusal})
    problems = {}
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = None
    if rating is None or not 1 <= rating <= 5:
        problems["rating"] = "Select a rating from 1 (very poor) to 5 (very good)"
    comment = (comment or "").strip()
    if len(comment) > 2000:
        problems["comment"] = f"Keep the comment to 2,000 characters or fewer (it has {len(comment):,})"
    if problems:
        raise FieldErrors(problems)
    try:
        with transaction.atomic():
            return ProcessRating.objects.create(opportunity=opportunity, organisation=organisation, rating=rating, comment=comment, rated_by=by)
    except IntegrityError:  # Someone else at the organisation rated it a moment ago.
        raise FieldErrors({NON_FIELD: "Your organisation has already rated this process"}) from None
