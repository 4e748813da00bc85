"""Who may propose, decide on and read changes to the provider directory."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import NOT_FOUND, Decision, Perm, rule, trust_ids_for

from .models import (
    Accreditation,
    DirectoryService,
    OpeningTime,
    ProfileGroup,
    ProviderProfile,
    Revision,
    ServiceGroup,
    ServiceLocation,
    ServiceOutcome,
)
from .selectors import directory_scope


@rule(Perm.DIRECTORY_EDIT)
def directory_edit(user, record) -> Decision:
    organisation_id, _ = directory_scope(record)
    if user.role == Role.ADMINISTRATOR or (organisation_id is not None and user.organisation_id == organisation_id):
        return Decision(True)
    return Decision(False, "You can propose changes only to your own organisation's directory entry.")


@rule(Perm.DIRECTORY_REVIEW, Perm.DIRECTORY_CHANGES_VIEW)
def directory_trust(user, record) -> Decision:
    """Directory changes are seen and decided by the trusts the organisation works with, and by its own people."""
    organisation_id, trusts = directory_scope(record)
    if user.role == Role.PROVIDER_USER:
        allowed = organisation_id is not None and user.organisation_id == organisation_id
    else:
        ids = trust_ids_for(user)
        allowed = ids is None or bool(ids & trusts)
    return Decision(True) if allowed else NOT_FOUND


# --- Disclosure (decision 0013) ---------------------------------------------
# A directory record's history holds its unpublished states and who proposed what, so it is read
# by those who read its proposed changes: the organisation's own people and the trusts deciding on it.
for _model in (ProviderProfile, DirectoryService, Revision):
    disclose(_model, see=Perm.DIRECTORY_CHANGES_VIEW)
for _model in (ProfileGroup, Accreditation):
    disclose(_model, parent=lambda row: row.profile)
for _model in (ServiceOutcome, ServiceGroup, ServiceLocation, OpeningTime):
    disclose(_model, parent=lambda row: row.service)
