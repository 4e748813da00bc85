"""Who may see transparency notices: drafts are for those who run procurements; published ones for those who see procurement."""

from jointly.accounts.disclosure import disclose, draft_only_to
from jointly.accounts.permissions import Perm

from .models import Notice

disclose(Notice, see=draft_only_to(Perm.PROCUREMENT_MANAGE, Perm.PROCUREMENT_VIEW))
