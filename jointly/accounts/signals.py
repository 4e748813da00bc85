"""What accounts tells other apps, so it never has to import them."""

from django.dispatch import Signal

# Sent inside person_deactivate's transaction with user=, by= and reason=.
# partnerships/rules.py vacates the person's seats.
person_deactivated = Signal()
