"""Forms for evaluation and award. Field names match the services' error keys (bid_<id>, score_<id>…),
so each refusal shows against its own field."""

from django import forms

from jointly.accounts.models import Role, User
from jointly.core.forms import GovukDateField, GovukForm

from .models import PanelMember, SelectionActivity


def _with_fields(form, fields, *args, **kwargs):
    # Fields made per bid or criterion join before the GOV.UK set-up runs, so they get its classes and messages.
    form.base_fields = {**type(form).base_fields, **fields}
    super(type(form), form).__init__(*args, **kwargs)


YES_NO = [("yes", "Yes, I have a conflict of interest"), ("no", "No conflict of interest")]


class AppointForm(GovukForm):
    person = forms.ModelChoiceField(label="Person", queryset=User.objects.none(), empty_label="Select a person")
    capacity = forms.ChoiceField(label="Capacity they sit in", choices=PanelMember.Capacity.choices, widget=forms.RadioSelect)
    is_moderator = forms.BooleanField(label="Moderator of the panel", required=False, help_text="The moderator records the consensus scores.")

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [Role.COMMISSIONER, Role.PERFORMANCE_ANALYST, Role.BOARD_MEMBER, Role.EVALUATOR, Role.PROVIDER_USER, Role.PARTICIPANT]
        self.fields["person"].queryset = User.objects.filter(is_active=True, role__in=roles, memberships__trust=trust).order_by("full_name")
        self.fields["person"].label_from_instance = lambda user: f"{user.full_name} ({user.get_role_display()})"


class DeclarationsForm(GovukForm):
    """One question per bid: conflict or not, and what the conflict is."""

    def __init__(self, *args, bids, **kwargs):
        fields = {}
        for bid in bids:
            lot = f" (lot {bid.lot.number})" if bid.lot_id else ""
            fields[f"bid_{bid.pk}"] = forms.ChoiceField(
                label=f"Do you have a conflict of interest with {bid.organisation.name}{lot}?",
                choices=YES_NO,
                widget=forms.RadioSelect,
                required=False,
            )
            fields[f"details_{bid.pk}"] = forms.CharField(
                label=f"If yes, what is your conflict of interest with {bid.organisation.name}?",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        _with_fields(self, fields, *args, **kwargs)
        self.bids = bids

    def answers(self, data) -> dict:
        out = {}
        for bid in self.bids:
            answer = data.get(f"bid_{bid.pk}")
            out[bid.pk] = ({"yes": True, "no": False}.get(answer), data.get(f"details_{bid.pk}", ""))
        return out


class ConflictForm(GovukForm):
    # Not required here: the service names the bidder in its message.
    details = forms.CharField(label="What is your conflict of interest?", widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ScoresForm(GovukForm):
    """A score and its reason for each criterion."""

    def __init__(self, *args, criteria, scale_max, initial_scores=None, **kwargs):
        fields = {}
        initial_scores = initial_scores or {}
        choices = [(str(n), str(n)) for n in range(scale_max + 1)]
        for criterion in criteria:
            current = initial_scores.get(criterion.pk)
            fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=f"Score for {criterion.title} ({criterion.weight}%)",
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=str(current.score) if current else None,
                help_text=f"From 0 to {scale_max}.",
            )
            fields[f"reason_{criterion.pk}"] = forms.CharField(
                label=f"Reason for the score for {criterion.title}",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=current.reason if current else "",
            )
        _with_fields(self, fields, *args, **kwargs)
        self.criteria = criteria

    def scores(self, data) -> dict:
        out = {}
        for criterion in self.criteria:
            value = data.get(f"score_{criterion.pk}")
            out[criterion.pk] = (int(value) if value not in (None, "") else None, data.get(f"reason_{criterion.pk}", ""))
        return out


class ActivityForm(GovukForm):
    kind = forms.ChoiceField(label="What took place", choices=SelectionActivity.Kind.choices, widget=forms.RadioSelect)
    bid = forms.ChoiceField(label="Which bid it was about", required=False)
    held_on = GovukDateField(label="When it took place")
    who_took_part = forms.CharField(label="Who took part", help_text="For example, six young carers from the youth forum.")
    outcome = forms.CharField(label="What came of it", widget=forms.Textarea(attrs={"rows": 3}))
    votes_for = forms.IntegerField(label="Votes for (a vote only)", required=False, min_value=0)
    votes_against = forms.IntegerField(label="Votes against (a vote only)", required=False, min_value=0)

    def __init__(self, *args, bids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bid"].choices = [("", "Every bid")] + [(str(b.pk), b.organisation.name) for b in bids]
        self.bids = {str(b.pk): b for b in bids}


class DecisionForm(GovukForm):
    # Not required here: the service says what is missing, every problem at once.
    reasons = forms.CharField(label="Reasons for the decision", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    standstill_days = forms.IntegerField(label="Standstill, in working days", min_value=0, max_value=60)

    def __init__(self, *args, lots, standstill_required: bool, **kwargs):
        winner_fields = {}
        for lot, results in lots:
            label = f"Winning bid for lot {lot.number}: {lot.title}" if lot else "Winning bid"
            winner_fields[f"winner_{lot.pk if lot else 0}"] = forms.ChoiceField(
                label=label,
                choices=[(str(r.bid.pk), f"{r.bid.organisation.name}: {r.total} (ranked {r.rank})") for r in results],
                widget=forms.RadioSelect,
                required=False,
            )
        # The winners first, then the reasons.
        self.base_fields = {**winner_fields, **type(self).base_fields}
        super().__init__(*args, **kwargs)
        if standstill_required:
            self.fields["standstill_days"].initial = 8
            self.fields["standstill_days"].help_text = "At least 8 working days after the award notice is published."
        else:
            self.fields["standstill_days"].initial = 0
            self.fields["standstill_days"].required = False
            self.fields["standstill_days"].help_text = "This route has no mandatory standstill: enter 0 for none, or the days of a voluntary one."
