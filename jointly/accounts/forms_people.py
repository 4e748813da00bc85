"""Forms for adding and changing people, and for setting a password."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import MinimumLengthValidator, get_default_password_validators

from jointly.core.forms import GovukForm, set_hint

from .models import Membership, Role, User
from .services import person_problems

# The choices come through the person's own relations, so accounts names no domain app.
Organisation = User._meta.get_field("organisation").related_model
Region = User._meta.get_field("region").related_model
Trust = Membership._meta.get_field("trust").related_model

EMAIL_ERRORS = {
    "required": "Enter an email address",
    "invalid": "Enter an email address in the correct format, like name@example.org",
}


class PersonDetailsForm(GovukForm):
    role = forms.ChoiceField(
        label="What is their role?",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their role"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        help_text="Needed for provider users: the organisation they work for",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        error_messages={"invalid_choice": "Select an organisation from the list"},
    )
    region = forms.ModelChoiceField(
        label="Region",
        help_text="Needed for regional leads: the region whose trusts they can see",
        queryset=Region.objects.order_by("name"),
        required=False,
        error_messages={"invalid_choice": "Select a region from the list"},
    )
    trusts = forms.ModelMultipleChoiceField(
        label="Which trusts do they work in?",
        help_text="They see only these trusts' records. Regional leads and administrators see more without being added.",
        queryset=Trust.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select trusts from the list", "invalid_pk_value": "Select trusts from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = "No organisation"
        self.fields["region"].empty_label = "No region"

    def clean(self):
        data = super().clean()
        if data.get("role"):
            problems = person_problems(role=data["role"], organisation=data.get("organisation"), region=data.get("region"))
            for field, message in problems.items():
                self.add_error(field, message)
        return data

    @classmethod
    def initial_for(cls, user) -> dict:
        return {
            "role": user.role,
            "organisation": user.organisation_id,
            "region": user.region_id,
            "trusts": [trust.pk for trust in user.trusts.all()],
        }


class PersonInviteForm(PersonDetailsForm):
    email = forms.EmailField(
        label="Email address",
        help_text="We will send the invitation to this address",
        error_messages=EMAIL_ERRORS,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={"required": "Enter their full name", "max_length": "The name must be 200 characters or fewer"},
    )

    field_order = ["email", "full_name", "role", "organisation", "region", "trusts"]


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The reason must be 500 characters or fewer"},
    )

    def __init__(self, *args, label: str, required_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].error_messages["required"] = required_message


class ForgottenPasswordForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        help_text="The address you use to sign in",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


def _minimum_length() -> int | None:
    for validator in get_default_password_validators():
        if isinstance(validator, MinimumLengthValidator):
            return validator.min_length
    return None


def _for_people(error: forms.ValidationError) -> str:
    """Django's password validator messages, reworded in the GOV.UK way."""
    params = error.params or {}
    match error.code:
        case "password_too_short":
            return f"Your password must be at least {params.get('min_length')} characters"
        case "password_too_common":
            return "Choose a password that is harder to guess. This one is too common"
        case "password_too_similar":
            return f"Your password is too like your {params.get('verbose_name', 'details')}. Choose a different one"
        case "password_entirely_numeric":
            return "Your password must include letters or symbols, not just numbers"
    return " ".join(error.messages)


class SetPasswordForm(GovukForm):
    password = forms.CharField(
        label="Create a password",
        strip=False,
        error_messages={"required": "Enter a password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="Confirm your password",
        strip=False,
        error_messages={"required": "Enter your password again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        minimum = _minimum_length()
        hint = "Avoid common passwords, and your name or email address"
        if minimum:
            hint = f"Use at least {minimum} characters. {hint}"
        set_hint(self, "password", hint)

    def clean_password(self):
        password = self.cleaned_data["password"]
        try:
            password_validation.validate_password(password, self.user)
        except forms.ValidationError as errors:
            raise forms.ValidationError([_for_people(error) for error in errors.error_list]) from None
        return password

    def clean(self):
        data = super().clean()
        first, second = data.get("password"), data.get("password_again")
        if first and second and first != second:
            self.add_error("password_again", "The passwords do not match. Enter the same password twice")
        return data
