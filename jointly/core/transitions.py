"""The one mechanism for changing a record's state, and for editing a record that has one.

Each stateful model declares its moves in one table, `TRANSITIONS`:

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Publish", perm=Perm.PLANS_MANAGE),
        Move("withdraw", [Status.DRAFT, Status.PUBLISHED], Status.WITHDRAWN, "Withdraw", perm=Perm.PLANS_MANAGE),
        editable=[Status.DRAFT, Status.PUBLISHED],
    )

Named services (`intention_publish`, `seat_vacate`, …) call `transition(instance=…, move="publish", …)`:
it locks the row, checks the current state and the move's guard on the locked row, changes it,
and writes the transition to the audit trail (old state, new state, reason, who, when).
`available(instance, user)` tells a page which moves to offer. `edit(instance, …)` changes other
fields under the same lock, refuses in a state that allows no edits or when someone changed the
record since the form was loaded, and saves only the fields it changes, so an edit can never
write back a stale state.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from jointly.audit.models import AuditEntry
from jointly.audit.services import audit_record, snapshot, transition_in_progress

M = TypeVar("M", bound=models.Model)

# A guard gets the locked row and returns why the move cannot happen now, or None.
Guard = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Move:
    """One named move: from any of `sources` to `target`."""

    name: str
    sources: tuple
    target: Any
    label: str
    # The permission a person needs on the record to be offered the move (None: the service decides).
    perm: str | None = None
    guard: Guard | None = None

    def __init__(self, name: str, sources: Iterable, target, label: str = "", *, perm=None, guard: Guard | None = None):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", tuple(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "label", label or name.replace("_", " ").capitalize())
        object.__setattr__(self, "perm", perm)
        object.__setattr__(self, "guard", guard)


class Transitions:
    """A model's table of moves, the state field they change and the states in which it may be edited."""

    def __init__(self, *moves: Move, field: str = "status", editable: Iterable | None = None):
        self.field = field
        self.moves = {move.name: move for move in moves}
        if len(self.moves) != len(moves):
            raise ImproperlyConfigured("Two moves in one table share a name.")
        # None: any state may be edited.
        self.editable = None if editable is None else tuple(editable)

    def __getitem__(self, name: str) -> Move:
        try:
            return self.moves[name]
        except KeyError:
            raise ImproperlyConfigured(f"There is no move called {name!r}.") from None

    def __iter__(self) -> Iterator[Move]:
        return iter(self.moves.values())

    def from_state(self, state) -> list[Move]:
        return [move for move in self.moves.values() if state in move.sources]


class InvalidTransition(Exception):
    """The record is not in a state from which this is allowed (a 409 in the API)."""

    def __init__(self, message: str, *, current=None, target=None):
        self.current, self.target = current, target
        super().__init__(message)


class StaleEdit(InvalidTransition):
    """Someone else changed the record after the person loaded the form they sent."""


def table_for(model_or_instance) -> Transitions:
    table = getattr(model_or_instance, "TRANSITIONS", None)
    if not isinstance(table, Transitions):
        model = model_or_instance if isinstance(model_or_instance, type) else type(model_or_instance)
        raise ImproperlyConfigured(f"{model.__name__} declares no TRANSITIONS table.")
    return table


def state_label(instance, value=None, field: str | None = None) -> str:
    """A state as people read it ('withdrawn', 'waiting to start'), not its code."""
    field = field or table_for(instance).field
    if value is None:
        value = getattr(instance, field)
    label = str(dict(instance._meta.get_field(field).flatchoices).get(value, value))
    # Lower-case the first letter unless the label starts with an acronym ("VCS", "NHS").
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _either(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _refusal(instance, move: Move, current) -> str:
    noun = instance._meta.verbose_name
    sources = [state_label(instance, state) for state in move.sources]
    action = move.label[:1].lower() + move.label[1:]
    return f"This {noun} is {state_label(instance, current)}, so you cannot {action} it. You can {action} it only when it is {_either(sources)}."


def transition(
    *,
    instance: M,
    move: str,
    by,
    reason: str = "",
    changes: dict | None = None,
    check: Guard | None = None,
) -> M:
    """Make the named move on the locked row, or raise InvalidTransition; audited as one transition.

    `check` is a guard of this call's own (say, "the consultation has questions"), run on the locked
    row after the state check, like the move's guard.
    """
    table = table_for(instance)
    step = table[move]
    model = type(instance)
    with transaction.atomic():
        locked = model._base_manager.select_for_update().get(pk=instance.pk)
        current = getattr(locked, table.field)
        if current not in step.sources:
            raise InvalidTransition(_refusal(locked, step, current), current=current, target=step.target)
        for guard in (step.guard, check):
            refusal = guard(locked) if guard else None
            if refusal:
                raise InvalidTransition(refusal, current=current, target=step.target)
        before = snapshot(locked)
        setattr(locked, table.field, step.target)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        with transition_in_progress():
            locked.save()
        audit_record(
            action=AuditEntry.Action.TRANSITION,
            instance=locked,
            before=before,
            after=snapshot(locked),
            reason=reason or step.label,
            by=by,
        )
    return locked


def available(instance, user) -> list[Move]:
    """The moves a page should offer this person now: allowed from the current state, permitted, guard passing.

    Only for showing buttons: `transition()` checks everything again on the locked row.
    """
    table = table_for(instance)
    offered = []
    for move in table.from_state(getattr(instance, table.field)):
        if move.perm is not None and not user.has_perm(str(move.perm), instance):
            continue
        if move.guard is not None and move.guard(instance):
            continue
        offered.append(move)
    return offered


def can_move(instance, user, move: str) -> bool:
    return any(offered.name == move for offered in available(instance, user))


def editable(instance) -> bool:
    """May the record be edited in its current state (before any permission)?"""
    table = getattr(instance, "TRANSITIONS", None)
    if not isinstance(table, Transitions) or table.editable is None:
        return True
    return getattr(instance, table.field) in table.editable


def version_of(instance) -> str:
    """A short fingerprint of the record's stored values: the form carries it, `edit` compares it."""
    data = json.dumps(snapshot(instance), sort_keys=True, cls=DjangoJSONEncoder)
    return hashlib.sha256(data.encode()).hexdigest()[:20]


def _stale_message(instance) -> str:
    return (
        f"Someone else changed this {instance._meta.verbose_name} while you were editing it, so your changes "
        "have not been saved. Check the page as it is now and make your changes again."
    )


@contextlib.contextmanager
def edit(instance: M, *, version: str | None = None, check: Guard | None = None) -> Iterator[M]:
    """Change a record's fields on its locked row; save only the fields changed, audited as one change.

        with edit(intention, version=form_version) as row:
            row.title = title
        return row

    Refuses (InvalidTransition) when the record's state allows no edits, and (StaleEdit) when
    `version` is given and someone changed the record since it was read. The state field cannot
    be changed here: that is what moves are for.
    """
    model = type(instance)
    table = getattr(model, "TRANSITIONS", None)
    with transaction.atomic():
        locked = model._base_manager.select_for_update().get(pk=instance.pk)
        if not editable(locked):
            raise InvalidTransition(
                f"This {locked._meta.verbose_name} is {state_label(locked)}, so it can no longer be changed.",
                current=getattr(locked, table.field),
            )
        if version and version != version_of(locked):
            raise StaleEdit(_stale_message(locked))
        refusal = check(locked) if check else None
        if refusal:
            raise InvalidTransition(refusal)
        before = {field.attname: getattr(locked, field.attname) for field in model._meta.concrete_fields}
        yield locked
        changed = [
            field.name for field in model._meta.concrete_fields if not field.primary_key and getattr(locked, field.attname) != before[field.attname]
        ]
        if isinstance(table, Transitions) and table.field in changed:
            raise ImproperlyConfigured(f"edit() cannot change {table.field}: make a move instead.")
        if changed:
            # auto_now fields are set by save() only when they are among the fields saved.
            changed += [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False) and f.name not in changed]
            locked.save(update_fields=changed)


def actions(instance, user, *, edit_perm=None) -> dict:
    """What a record's page offers this person: {"moves": {name: Move}, "can_edit": bool}.

    Pages show buttons from this, so no view or template writes out which state allows what.
    """
    can_edit = editable(instance) and (edit_perm is None or user.has_perm(str(edit_perm), instance))
    return {"moves": {move.name: move for move in available(instance, user)}, "can_edit": can_edit}
