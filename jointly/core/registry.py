"""What each app plugs into the site, declared as plain data on its AppConfig and read here.

An app's `apps.py` may declare any of:

- `navigation`: `NavItem`s for the service navigation;
- `cycle_links`: `CycleLink`s, the trust page's links to this app's stage of the cycle;
- `home_work`: the dotted path of a callable `(user, trust) -> list[Task]`, the work this app
  has for the person, shown on their home page (`trust` is their primary trust, or None);
- `priority_links`: the dotted path of a callable `(priority, user) -> list[(text, href)]`,
  where a priority's page leads in this app (its map, its spend, the intentions serving it);
- `api_router`: the dotted path of its django-ninja router;
- `demo_loader`: a `DemoLoader`, its part of `jointly load_demo`;
- `url_modules`: the dotted paths of its URL modules, included at the site root.

Core reads them: the navigation context processor, the trust page, `jointly/urls.py`,
`jointly/api/urls.py` and `load_demo` name no app. A new app needs only its own folder
and its line in INSTALLED_APPS. URL modules and routers are taken in INSTALLED_APPS
order; navigation, cycle links and demo loaders by their `order`, ties in INSTALLED_APPS order.

This module is imported by every `apps.py`, before models are loaded, so it imports
no models at module level. Permissions are named by their value (`"plans.view"`),
checked against the catalogue when the registry is first read.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from enum import IntEnum

from django.core.exceptions import ImproperlyConfigured


class Stage(IntEnum):
    """The stages of the commissioning cycle (docs/architecture.md), for grouping what apps plug in."""

    SERVICE = 0  # not a stage: home, your account, signing in and out
    BEFORE_BEGINNING = 1
    ASSESS_NEED = 2
    RESOURCES_AND_PROVIDERS = 3
    MAP_AND_MARKET = 4
    PLAN = 5
    PROCURE = 6
    CONTRACT = 7
    REVIEW = 8


# Who sees a navigation entry, when it is not a permission's value.
EVERYONE = "everyone"
SIGNED_IN = "signed in"
SIGNED_OUT = "signed out"
AUDIENCES = (EVERYONE, SIGNED_IN, SIGNED_OUT)

# How a cycle link's URL takes the trust.
TRUST_IN_PATH = "path"  # reverse(url_name, args=[trust.slug])
TRUST_IN_QUERY = "query"  # reverse(url_name) + "?trust=<slug>"
TRUST_NOT_TAKEN = "none"  # reverse(url_name)
TRUST_PLACES = (TRUST_IN_PATH, TRUST_IN_QUERY, TRUST_NOT_TAKEN)


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    order: int
    stage: Stage
    shown_to: str = EVERYONE  # EVERYONE, SIGNED_IN, SIGNED_OUT, or a permission the person's role must carry
    # Permissions that hide the entry: the public page gives way to the staff page of the same stage.
    unless: tuple[str, ...] = ()
    # TRUST_IN_PATH or TRUST_IN_QUERY: the URL takes the person's primary trust (no trust, no entry).
    trust_in: str = TRUST_NOT_TAKEN


@dataclass(frozen=True)
class Task:
    """One piece of work on a person's home page: what it is, how many, and where to do it."""

    text: str
    href: str
    stage: Stage
    count: int | None = None  # None: a link with nothing to count
    hint: str = ""


@dataclass(frozen=True)
class CycleLink:
    label: str
    url_name: str
    order: int
    stage: Stage
    description: str
    permission: str | None = None  # checked against the trust; None: anyone who can see the trust page
    trust_in: str = TRUST_IN_PATH


@dataclass(frozen=True)
class DemoLoader:
    loader: str  # dotted path of a callable taking stdout=
    order: int
    after: tuple[str, ...] = ()  # labels of the apps whose demo this one builds on


@dataclass(frozen=True)
class Registry:
    navigation: tuple[NavItem, ...]
    cycle_links: tuple[CycleLink, ...]
    api_routers: tuple[str, ...]
    demo_loaders: tuple[DemoLoader, ...]
    url_modules: tuple[str, ...]
    home_work: tuple[str, ...] = ()
    priority_links: tuple[str, ...] = ()


def build(app_configs) -> Registry:
    """Collect and check what the given apps declare (tests pass their own list)."""
    from jointly.accounts.permissions import Perm

    permissions = {perm.value for perm in Perm}
    navigation, cycle_links, api_routers, loaders, url_modules, home_work, priority_links = [], [], [], [], [], [], []
    for config in app_configs:
        for item in getattr(config, "navigation", ()):
            if item.shown_to not in AUDIENCES and item.shown_to not in permissions:
                raise ImproperlyConfigured(
                    f"{config.label}: navigation entry {item.text!r} is shown to {item.shown_to!r}, which is neither an audience nor a permission."
                )
            if unknown := [perm for perm in item.unless if perm not in permissions]:
                raise ImproperlyConfigured(f"{config.label}: navigation entry {item.text!r} is hidden by {unknown}, which are not permissions.")
            if item.trust_in not in TRUST_PLACES:
                raise ImproperlyConfigured(
                    f"{config.label}: navigation entry {item.text!r} takes the trust in {item.trust_in!r}, not one of {TRUST_PLACES}."
                )
            navigation.append(item)
        for link in getattr(config, "cycle_links", ()):
            if link.permission is not None and link.permission not in permissions:
                raise ImproperlyConfigured(f"{config.label}: cycle link {link.label!r} needs {link.permission!r}, which is not a permission.")
            if link.trust_in not in TRUST_PLACES:
                raise ImproperlyConfigured(
                    f"{config.label}: cycle link {link.label!r} takes the trust in {link.trust_in!r}, not one of {TRUST_PLACES}."
                )
            cycle_links.append(link)
        if router := getattr(config, "api_router", None):
            api_routers.append(router)
        if loader := getattr(config, "demo_loader", None):
            loaders.append((config.label, loader))
        url_modules.extend(getattr(config, "url_modules", ()))
        if work := getattr(config, "home_work", None):
            home_work.append(work)
        if links := getattr(config, "priority_links", None):
            priority_links.append(links)
    # sorted() is stable, so equal orders keep INSTALLED_APPS order.
    loaders.sort(key=lambda pair: pair[1].order)
    loaded: set[str] = set()
    every_loader = {label for label, _ in loaders}
    for label, loader in loaders:
        missing = [needed for needed in loader.after if needed not in loaded]
        if missing:
            where = "has no demo loader" if any(needed not in every_loader for needed in missing) else "loads later"
            raise ImproperlyConfigured(f"{label}: the demo loader needs {', '.join(missing)} loaded first, but that {where}; change its order.")
        loaded.add(label)
    return Registry(
        navigation=tuple(sorted(navigation, key=lambda item: item.order)),
        cycle_links=tuple(sorted(cycle_links, key=lambda link: link.order)),
        api_routers=tuple(api_routers),
        demo_loaders=tuple(loader for _, loader in loaders),
        url_modules=tuple(url_modules),
        home_work=tuple(home_work),
        priority_links=tuple(priority_links),
    )


@functools.cache
def registry() -> Registry:
    """The installed apps' registry, built once, on first use (after the apps are loaded)."""
    from django.apps import apps

    return build(apps.get_app_configs())
