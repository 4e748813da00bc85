"""Who may see evaluation and award records (their histories included).

A declared conflict is an Assignment CONFLICT on the bid: the person sees none of that bid's
scores, declarations or summary, whatever else they may see.
"""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import BAR_REASONS, BARRING_KINDS, Decision, Perm, assignment_kinds_on, decide

from .models import AssessmentSummary, Award, AwardDecision, Declaration, ModeratedScore, PanelMember, Score, SelectionActivity


def _on_panel(user, opportunity) -> bool:
    return user.is_authenticated and opportunity.panel.filter(person_id=user.pk, ended_at__isnull=True).exists()


def _panel_or_manager(user, opportunity) -> Decision:
    # The panel's own records: its members and those who run the procurement.
    if _on_panel(user, opportunity):
        return Decision(True)
    return decide(user, Perm.PROCUREMENT_MANAGE, opportunity)


def _about_bid(user, bid) -> Decision:
    barring = sorted(assignment_kinds_on(user, bid) & BARRING_KINDS)
    if barring:
        return Decision(False, BAR_REASONS[barring[0]])
    return _panel_or_manager(user, bid.opportunity)


def _summary(user, record) -> Decision:
    if user.is_authenticated and user.organisation_id == record.bid.organisation_id:
        return Decision(True)
    barring = sorted(assignment_kinds_on(user, record.bid) & BARRING_KINDS)
    if barring:
        return Decision(False, BAR_REASONS[barring[0]])
    return decide(user, Perm.PROCUREMENT_VIEW, record.decision.opportunity)


disclose(PanelMember, see=lambda user, record: _panel_or_manager(user, record.opportunity))
disclose(SelectionActivity, see=lambda user, record: _panel_or_manager(user, record.opportunity))
disclose(Declaration, see=lambda user, record: _about_bid(user, record.bid))
disclose(Score, see=lambda user, record: _about_bid(user, record.bid))
disclose(ModeratedScore, see=lambda user, record: _about_bid(user, record.bid))
disclose(AwardDecision, see=Perm.PROCUREMENT_VIEW)
disclose(Award, see=lambda user, record: decide(user, Perm.PROCUREMENT_VIEW, record.decision.opportunity))
disclose(AssessmentSummary, see=_summary)
