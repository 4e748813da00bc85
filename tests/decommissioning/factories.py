"""A decommissioning ready for each gate, built through the services step by step."""

import datetime

from jointly.contracts.models import Contract
from jointly.decommissioning.models import Decommissioning, SignOff
from jointly.decommissioning.services import decommissionings as services

from ..contracts.factories import ContractFactory


def running_contract(trust, supplier=None, **extra) -> Contract:
    fields = {"trust": trust, "status": Contract.Status.ACTIVE, "notice_period_days": 90, **extra}
    if supplier is not None:
        fields["supplier"] = supplier
    return ContractFactory(**fields)


def prepared(contract, by, *, users=2, reason=Decommissioning.Reason.NEED_CHANGED) -> Decommissioning:
    """Every step before sign-off done: the case, the impact assessment, TUPE and an exit plan for every service user."""
    case = services.decommissioning_start(contract=contract, by=by, reason=reason, rationale="The need has moved.", evidence="The review.")
    services.decommissioning_update(
        decommissioning=case,
        by=by,
        users_affected=users,
        equality_impact="None lose access.",
        risks="A gap in the summer, managed.",
        provider_impact="A small charity: 20% of its income.",
        tupe_applies=False,
    )
    for number in range(users):
        services.exit_entry_add(
            decommissioning=case, by=by, reference=f"YC-{number + 1:04d}", destination="Holiday programme", move_by=datetime.date(2028, 6, 1)
        )
    return Decommissioning.objects.get(pk=case.pk)


def signed_off(case, senior, board) -> Decommissioning:
    services.decommissioning_submit(decommissioning=case, by=case.proposed_by)
    services.decommissioning_sign_off(decommissioning=case, by=senior, kind=SignOff.Kind.SENIOR)
    return services.decommissioning_sign_off(decommissioning=case, by=board, kind=SignOff.Kind.BOARD)
