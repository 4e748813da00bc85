"""Who sees commissioning intentions and make-or-buy appraisals (decision 0013).

Published intentions are on the open forward plan; their history holds the
drafts, so it is read by those who read drafts.
"""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Perm

from .models import CommissioningIntention, CostOption, MakeOrBuyAppraisal, OverheadShare, PlanChange, ProcurementThreshold

# The thresholds in force are public law.
disclose(ProcurementThreshold)
for _model in (CommissioningIntention, PlanChange, MakeOrBuyAppraisal):
    disclose(_model, see=Perm.PLANS_VIEW)
disclose(CostOption, parent=lambda option: option.appraisal)
disclose(OverheadShare, parent=lambda share: share.option)
