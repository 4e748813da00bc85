import re

from django import forms

from jointly.core.forms import GovukForm


class SignInForm(GovukForm):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorForm(GovukForm):
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code shown in your authenticator app",
        # No length limits here: apps show the code as "123 456", and the
        # space is removed before the length is checked.
        error_messages={"required": "Enter the 6-digit security code"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-5"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not re.fullmatch(r"[0-9]{6}", code):
            raise forms.ValidationError("The security code must be 6 digits")
        return code


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label="What will use this token?",
        help_text="For example, 'Monthly data upload script'",
        max_length=100,
        error_messages={"required": "Enter what will use this token", "max_length": "Use 100 characters or fewer"},
    )
