"""Who may see grants' records: programmes are public once published; an application is its
applicant's, the trust's grant officers' and the panel's (less anyone with a declared conflict)."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Decision, Perm, decide, rule

from .models import GrantAnswer, GrantApplication, GrantCriterion, GrantProgramme, GrantQuestion, PanelDeclaration, PanelScore


@rule(Perm.GRANT_APPLY)
def apply_for_own_organisation(user, obj) -> Decision:
    organisation_id = getattr(obj, "organisation_id", None)
    if isinstance(obj, GrantProgramme):
        return Decision(True) if user.organisation_id else Decision(False, "Only people who work for an organisation can apply for grants.")
    if organisation_id is not None and organisation_id == user.organisation_id:
        return Decision(True)
    return Decision(False, "Only the organisation's own people can change its application.")


def _application_record(user, application) -> Decision:
    if user.organisation_id and user.organisation_id == application.organisation_id:
        return Decision(True)
    if application.status == GrantApplication.Status.DRAFT:
        return Decision(False, "A draft application is its applicant's alone.")
    for perm in (Perm.GRANTS_MANAGE, Perm.EVALUATION_TAKE_PART):
        decision = decide(user, perm, application)
        if decision.allowed:
            return decision
    return Decision(False, "Only the applicant, the trust's grant officers and the panel can see an application.")


def _programme_record(user, programme) -> Decision:
    if programme.status == GrantProgramme.Status.DRAFT:
        return decide(user, Perm.GRANTS_MANAGE, programme)
    return Decision(True)


disclose(GrantProgramme, see=_programme_record)
for _model in (GrantCriterion, GrantQuestion):
    disclose(_model, parent=lambda part: part.programme)
disclose(GrantApplication, see=_application_record)
disclose(GrantAnswer, parent=lambda answer: answer.application)
# Declarations and scores are the panel's working: the trust's grant officers see them, and each member their own.
disclose(PanelDeclaration, see=lambda user, row: Decision(True) if row.person_id == user.pk else decide(user, Perm.GRANTS_MANAGE, row.programme))
disclose(PanelScore, see=lambda user, row: Decision(True) if row.person_id == user.pk else decide(user, Perm.GRANTS_MANAGE, row.application))
