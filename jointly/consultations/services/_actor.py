"""Attribute the audit entries a service writes to the person it was given as `by`.

Inside a web request the middleware already does this; the demo loader, the
scheduler and the tests call services directly, and their changes should
still say who made them.
"""

from __future__ import annotations

import functools

from jointly.audit.services import acting_as


def acting_as_by(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        by = kwargs.get("by")
        if by is None:
            return func(*args, **kwargs)
        with acting_as(by):
            return func(*args, **kwargs)

    return wrapper
