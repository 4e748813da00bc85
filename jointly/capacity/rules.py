"""Who may report an organisation's support needs."""

from jointly.accounts.permissions import Perm, rule
from jointly.partnerships.rules import edit_organisation

# Its own people report them, or its partner trusts' staff on its behalf: the same people who may change it.
rule(Perm.SUPPORT_NEEDS_REPORT)(edit_organisation)
