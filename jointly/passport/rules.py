"""Who may keep, read and score a supplier passport.

The passport is the organisation's, so its own people keep it (PASSPORT_EDIT). It is reused across
the region, so a checker (PASSPORT_CHECK) of any trust in a region where the organisation is a
partner reads and scores it. Anyone else is not told it exists (404).
"""

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import Decision, Perm, decide, in_trust, rule, trust_ids_for
from jointly.partnerships.models import Trust

from .models import Check, Item, Passport, ValidityRule

HIDDEN = Decision(False, "Not found.", visible=False)


def _organisation(obj):
    """The organisation a rule is asked about: itself, or the owner of a passport, item or check."""
    if isinstance(obj, (Item, Check)):
        obj = obj.passport
    return obj.organisation if isinstance(obj, Passport) else obj


@rule(Perm.PASSPORT_EDIT)
def keep_passport(user, obj) -> Decision:
    if isinstance(obj, Trust):
        return Decision(False, "A passport is kept by its organisation's own people.")
    organisation = _organisation(obj)
    if user.role == Role.ADMINISTRATOR or user.organisation_id == organisation.pk:
        return Decision(True)
    return HIDDEN


def checker_trusts(user, organisation):
    """The checker's trusts in a region where the organisation is a partner (every such trust for administrators)."""
    regions = Trust.objects.filter(partners__organisation=organisation).values("region_id")
    trusts = Trust.objects.filter(region_id__in=regions)
    ids = trust_ids_for(user)
    return trusts if ids is None else trusts.filter(id__in=ids)


@rule(Perm.PASSPORT_CHECK)
def check_passport(user, obj) -> Decision:
    if isinstance(obj, Trust):  # Asked of a trust (its page's links): its own staff check passports.
        return Decision(True) if in_trust(user, obj.pk) else HIDDEN
    organisation = _organisation(obj)
    if user.role == Role.ADMINISTRATOR or checker_trusts(user, organisation).exists():
        return Decision(True)
    return HIDDEN


def read_passport(user, obj) -> Decision:
    """The organisation's own people and the region's checkers; a 403 for signed-in staff of the region
    who cannot check, a 404 for everyone else."""
    organisation = _organisation(obj)
    keep = decide(user, Perm.PASSPORT_EDIT, organisation)
    if keep.allowed:
        return keep
    check = decide(user, Perm.PASSPORT_CHECK, organisation)
    if check.allowed or user.organisation_id is not None:
        # A provider of another organisation must not learn what another's passport holds, or that it has one.
        return check if check.allowed else HIDDEN
    if check.visible and checker_trusts(user, organisation).exists():
        return check
    return HIDDEN


for _model in (Passport, Item, Check):
    disclose(_model, see=read_passport)
disclose(ValidityRule)
