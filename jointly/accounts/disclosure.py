"""One disclosure rule per model: may this person see the record, and which of its fields.

The record's own page, its API, its history (page and API), exports and
search all ask the same rule, so a value a page hides cannot be read anywhere
else. Each app declares its models' rules in its `rules.py`:

    disclose(Organisation, private=[Private(ORGANISATION_PRIVATE_FIELDS, perm=Perm.ORGANISATION_VIEW_PRIVATE)])
    disclose(Consultation, see=draft_only_to(Perm.CONSULTATION_MANAGE, Perm.CONSULTATION_VIEW_RESULTS))

A model with no rule is seen by anyone who may see its trust's records; one
of no trust (and no public register) only by administrators. See decision 0013.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from .models import Role
from .permissions import NOT_FOUND, Decision, Perm, can_see, decide

# What a history page or API shows in place of a value the person may not see.
WITHHELD = "Withheld"

Check = Callable[..., Decision]


@dataclass(frozen=True)
class Private:
    """Fields shown only to people `perm` allows on the record (or whom `test` lets see them)."""

    fields: tuple[str, ...]
    perm: Perm | None = None
    test: Callable[..., bool] | None = None
    # Private only while this holds of the record (None: always): a paper's text while it is confidential.
    when: Callable[..., bool] | None = None

    def shown_to(self, user, record) -> bool:
        if self.when is not None and not self.when(record):
            return True
        if self.test is not None:
            return bool(self.test(user, record))
        return self.perm is not None and decide(user, self.perm, record).allowed


@dataclass(frozen=True)
class Disclosure:
    # Who may see the record at all: a permission decided on the record, or a check returning a Decision.
    see: Perm | Check | None = None
    private: tuple[Private, ...] = ()
    # The record is seen only by those who may see this record too (a finding by its assessment's readers).
    parent: Callable | None = None
    attnames: dict[str, str] = field(default_factory=dict)


_RULES: dict[str, Disclosure] = {}


def disclose(model, *, see: Perm | Check | None = None, private: Iterable[Private] = (), parent=None) -> None:
    """Declare the model's disclosure rule. A model has one rule; a second is an error at start."""
    label = model._meta.label_lower
    if label in _RULES:
        raise ImproperlyConfigured(f"{label} already has a disclosure rule; a model has one.")
    private = tuple(private)
    attnames = {}
    for group in private:
        for name in group.fields:
            attnames[name] = model._meta.get_field(name).attname  # An unknown field fails here, at start.
    _RULES[label] = Disclosure(see=see, private=private, parent=parent, attnames=attnames)


def disclosure_for(model_or_record) -> Disclosure | None:
    return _RULES.get(model_or_record._meta.label_lower)


def declared_models() -> dict[str, Disclosure]:
    return dict(_RULES)


def private_fields(model) -> tuple[str, ...]:
    """Every field the model's rule names private, whoever may see it."""
    rule = disclosure_for(model)
    return tuple(name for group in rule.private for name in group.fields) if rule else ()


def record_decision(user, record) -> Decision:
    """May the person see this record at all, as its own page would show it?"""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    if not can_see(user, record):
        return NOT_FOUND
    rule = disclosure_for(record)
    if rule is None:
        return _default(user, record)
    if rule.parent is not None:
        parent = rule.parent(record)
        if parent is not None:
            decision = record_decision(user, parent)
            if not decision.allowed:
                return decision
    if rule.see is None:
        return Decision(True)
    if isinstance(rule.see, Perm):
        return decide(user, rule.see, record)
    return rule.see(user, record)


def _default(user, record) -> Decision:
    # Records of a trust are its people's; records of no trust (people, tokens) are for administrators.
    if getattr(record, "public_record", False) or user.role == Role.ADMINISTRATOR:
        return Decision(True)
    if hasattr(record, "audit_trust_id") and record.audit_trust_id() is None:
        return Decision(False, "Only administrators can see this record.")
    return Decision(True)


def withheld_fields(user, record) -> frozenset[str]:
    """The record's fields (by name and by column, as the audit trail keeps them) the person may not see."""
    rule = disclosure_for(record)
    if rule is None:
        return frozenset()
    hidden: set[str] = set()
    for group in rule.private:
        if not group.shown_to(user, record):
            for name in group.fields:
                hidden |= {name, rule.attnames[name]}
    return frozenset(hidden)


def label(user, record) -> str:
    """The record's name for a heading, unless it holds a value the person may not see (a token's prefix)."""
    text = str(record)
    for name in withheld_fields(user, record):
        value = getattr(record, name, None)
        if value not in (None, "") and str(value) in text:
            return f"{record._meta.verbose_name.capitalize()} {record.pk}"
    return text


def redact(values: dict | None, withheld: frozenset[str]) -> dict | None:
    """A copy of a snapshot with every withheld value replaced by WITHHELD."""
    if values is None:
        return None
    return {key: (WITHHELD if key in withheld else value) for key, value in values.items()}


# --- Shapes of rule several apps use ---------------------------------------


def draft_only_to(manage: Perm, read: Perm, *, status_field: str = "status", draft: str = "draft") -> Check:
    """Drafts are seen by those who write them; the rest by those who read them."""

    def check(user, record) -> Decision:
        return decide(user, manage if getattr(record, status_field) == draft else read, record)

    return check


def own_organisation(organisation_id_of: Callable) -> Check:
    """Seen by the organisation's own people and administrators only."""

    def check(user, record) -> Decision:
        organisation_id = organisation_id_of(record)
        if user.role == Role.ADMINISTRATOR or (organisation_id is not None and user.organisation_id == organisation_id):
            return Decision(True)
        return Decision(False, "Only the organisation's own people and administrators can see this.")

    return check
