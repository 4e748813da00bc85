"""The provider's rating of each commissioning trust of its return (360-degree monitoring)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from jointly.core.errors import FieldErrors

from ..models import CommissionerRating, MonitoringReturn


def trusts_of_return(monitoring_return: MonitoringReturn):
    """The trusts whose contracts the return covers, by name."""
    seen = {}
    for part in monitoring_return.parts.select_related("contract__trust"):
        seen[part.contract.trust_id] = part.contract.trust
    return sorted(seen.values(), key=lambda trust: trust.name)


def rating_problems(monitoring_return: MonitoringReturn, trust, scores: dict) -> dict[str, str]:
    problems = {}
    if monitoring_return.status == MonitoringReturn.Status.DRAFT:
        problems["__all__"] = "You can rate the commissioners once you have submitted the return"
    if trust.pk not in {item.pk for item in trusts_of_return(monitoring_return)}:
        problems["__all__"] = f"This return covers no contract of {trust}"
    for name, label in CommissionerRating.ASPECTS:
        value = scores.get(name)
        if not isinstance(value, int) or not 1 <= value <= 5:
            problems[name] = f"Select a rating from 1 to 5 for {label.lower()}"
    return problems


def commissioner_rate(*, monitoring_return: MonitoringReturn, trust, by, clarity, payment, partnership, comment: str = "") -> CommissionerRating:
    """One rating of the trust per return, by the provider's people."""
    scores = {"clarity": clarity, "payment": payment, "partnership": partnership}
    problems = rating_problems(monitoring_return, trust, scores)
    if problems:
        raise FieldErrors(problems)
    try:
        with transaction.atomic():
            return CommissionerRating.objects.create(
                monitoring_return=monitoring_return,
                trust=trust,
                organisation=monitoring_return.organisation,
                comment=comment.strip(),
                rated_by=by,
                **scores,
            )
    except IntegrityError:
        raise FieldErrors({"__all__": f"Your organisation has already rated {trust} for this return"}) from None
