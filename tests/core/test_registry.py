"""The app registry: each app plugs in its navigation, cycle links, API router, demo loader and URLs from its own apps.py."""

import importlib.util
import re
import sys
import types
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

import jointly
from jointly import urls as root_urls
from jointly.core import registry as registry_module
from jointly.core.registry import DemoLoader, NavItem, Registry, Stage, build, registry
from jointly.partnerships.selectors import cycle_links_for
from tests.conftest import signed_in_client

EXAMPLE_APP = "tests.core.registry_example"
JOINTLY = Path(jointly.__file__).parent


def jointly_apps():
    return [config for config in apps.get_app_configs() if config.name.startswith("jointly.")]


def navigation_texts(client, path="/"):
    return [(item["text"], item["href"]) for item in client.get(path).context["service_navigation"]]


# Today's site, as each app declares it.


def test_navigation_keeps_its_order_and_each_entry_its_stage():
    assert [(item.text, item.url_name, item.shown_to, item.unless, item.stage) for item in registry().navigation] == [
        ("Partnership", "partnerships:trust-detail", "trust.view", (), Stage.BEFORE_BEGINNING),
        ("Needs assessment", "assessment:home", "assessment.view", (), Stage.ASSESS_NEED),
        ("Needs assessments", "assessment:published-list", "everyone", ("assessment.view",), Stage.ASSESS_NEED),
        ("Consultations", "consultations:list", "consultation.view_results", (), Stage.ASSESS_NEED),
        ("Consultations", "consultations:index", "everyone", ("consultation.view_results",), Stage.ASSESS_NEED),
        ("Directory", "providers:directory", "everyone", (), Stage.RESOURCES_AND_PROVIDERS),
        ("Service map", "mapping:map", "map.view", (), Stage.MAP_AND_MARKET),
        ("Support", "capacity:home", "signed in", (), Stage.MAP_AND_MARKET),
        ("Support offers", "capacity:offers", "signed out", (), Stage.MAP_AND_MARKET),
        ("Plans", "plans:intentions", "plans.view", (), Stage.PLAN),
        ("Forward plans", "plans:forward-plans", "everyone", ("plans.view", "directory.edit"), Stage.PLAN),
        ("Opportunities", "procurement:public-opportunities", "directory.edit", ("plans.view",), Stage.PROCURE),
        ("People", "accounts:user-list", "user.manage", (), Stage.SERVICE),
        ("Your account", "accounts:account", "signed in", (), Stage.SERVICE),
        ("Sign out", "accounts:sign-out", "signed in", (), Stage.SERVICE),
        ("Sign in", "accounts:sign-in", "signed out", (), Stage.SERVICE),
    ]
    # In the order of the cycle: a stage never comes back after a later one.
    stages = [item.stage for item in registry().navigation if item.stage != Stage.SERVICE]
    assert stages == sorted(stages)


def account_texts(client, path="/"):
    return [(item["text"], item["href"]) for item in client.get(path).context["account_navigation"]]


@pytest.mark.django_db
def test_each_person_sees_the_navigation_for_what_they_may_use(
    anonymous_client, participant, provider_user, commissioner, administrator, trust, other_trust
):
    assert navigation_texts(anonymous_client) == [
        ("Needs assessments", "/needs-assessments/"),
        ("Consultations", "/consult/"),
        ("Directory", "/directory/"),
        ("Support offers", "/capacity/offers/"),
        ("Forward plans", "/plans/"),
    ]
    assert account_texts(anonymous_client) == [("Sign in", "/sign-in/")]
    public_signed_in = [
        ("Needs assessments", "/needs-assessments/"),
        ("Consultations", "/consult/"),
        ("Directory", "/directory/"),
        ("Support", "/capacity/"),
    ]
    assert navigation_texts(signed_in_client(participant)) == [
        ("Partnership", "/partnerships/trusts/plymouth/"),
        *public_signed_in,
        ("Forward plans", "/plans/"),
    ]
    assert navigation_texts(signed_in_client(provider_user)) == [
        ("Partnership", "/partnerships/trusts/plymouth/"),
        *public_signed_in,
        # Open tenders with the forward plans' coming ones, and the way to grants.
        ("Opportunities", "/opportunities/"),
    ]
    staff = [
        ("Partnership", "/partnerships/trusts/plymouth/"),
        ("Needs assessment", "/assessment/?trust=plymouth"),
        ("Consultations", "/consultations/"),
        ("Directory", "/directory/"),
        ("Service map", "/map/plymouth/"),
        ("Support", "/capacity/"),
        ("Plans", "/plans/plymouth/intentions/"),
    ]
    assert navigation_texts(signed_in_client(commissioner)) == staff
    account = [("Your account", "/account/"), ("Sign out", "/sign-out/")]
    assert account_texts(signed_in_client(commissioner)) == account
    # An administrator holds no membership: their pages open on the first trust by name (Essex, before Plymouth).
    assert navigation_texts(signed_in_client(administrator)) == [(text, href.replace("plymouth", "essex")) for text, href in staff]
    assert account_texts(signed_in_client(administrator)) == [("People", "/people/"), *account]


@pytest.mark.django_db
def test_trust_entries_open_the_person_s_first_trust_not_the_first_by_name(commissioner, trust, other_trust):
    # Plymouth's commissioner also works with Essex (first in the alphabet): their pages still open on Plymouth.
    from jointly.accounts.models import Membership

    Membership.objects.create(user=commissioner, trust=other_trust)
    client = signed_in_client(commissioner)
    hrefs = dict(navigation_texts(client))
    assert hrefs["Needs assessment"] == "/assessment/?trust=plymouth"
    assert hrefs["Plans"] == "/plans/plymouth/intentions/"
    for path in ("/assessment/", "/assessment/priorities/", "/assessment/evidence/"):
        assert client.get(path).context["trust"] == trust, path
    # The switch still opens the other.
    assert client.get("/assessment/priorities/?trust=essex").context["trust"] == other_trust


@pytest.mark.django_db
def test_a_person_with_no_trust_sees_no_entry_about_one(db):
    from jointly.accounts.models import Role
    from tests.factories import UserFactory

    texts = [text for text, _ in navigation_texts(signed_in_client(UserFactory(role=Role.PARTICIPANT, trusts=[])))]
    assert "Partnership" not in texts and "Directory" in texts


@pytest.mark.django_db
def test_the_current_section_is_marked_active(commissioner_client):
    active = [item["text"] for item in commissioner_client.get("/directory/").context["service_navigation"] if item["active"]]
    assert active == ["Directory"]
    active = [item["text"] for item in commissioner_client.get("/assessment/priorities/").context["service_navigation"] if item["active"]]
    assert active == ["Needs assessment"]


@pytest.mark.django_db
def test_the_trust_page_links_to_every_stage_in_the_order_of_the_cycle(commissioner, trust):
    links = cycle_links_for(trust=trust, user=commissioner)
    assert [link["href"] for link in links] == [
        "/assessment/?trust=plymouth",
        "/consultations/",
        "/resources/plymouth/",
        "/map/plymouth/",
        "/markets/plymouth/",
        "/capacity/plymouth/support-needs/",
        "/capacity/plymouth/offers/",
        "/plans/plymouth/intentions/",
        "/plans/plymouth/make-or-buy/",
        "/plans/plymouth/forward-plan/",
        "/capacity/offers/?trust=plymouth",
        "/passport/",
        "/procurement/plymouth/opportunities/",
        "/opportunities/?trust=plymouth",
        "/procurement/plymouth/notices/",
        "/bidders/trusts/plymouth/ratings/",
        "/grants/plymouth/programmes/",
        "/contracts/trust/plymouth/",
        "/payments/plymouth/invoices/",
        "/payments/plymouth/statistics/",
        "/placements/trust/plymouth/",
        "/monitoring/plymouth/returns/",
        "/monitoring/plymouth/standard-returns/",
        "/monitoring/plymouth/ratings/",
        "/reviews/trusts/plymouth/",
        "/decommissioning/trusts/plymouth/",
    ]
    assert all(link["description"] for link in links)
    page = signed_in_client(commissioner).get(reverse("partnerships:trust-detail", args=[trust.slug])).content.decode()
    assert "What each partner puts in, and what the money is spent on." in page


def test_demo_loaders_run_in_the_order_of_the_cycle():
    assert [loader.loader for loader in registry().demo_loaders] == [
        f"jointly.{label}.demo.load"
        for label in (
            "partnerships",
            "needs",
            "consultations",
            "assessment",
            "providers",
            "resources",
            "mapping",
            "markets",
            "capacity",
            "plans",
            "passport",
            "procurement",
            "grants",
            "contracts",
            "monitoring",
            "placements",
            "reviews",
            "decommissioning",
        )
    ]


def test_every_api_router_and_url_module_is_plugged_in():
    from jointly.api.urls import api

    assert sorted(registry().api_routers) == sorted(
        f"jointly.{label}.api.router"
        for label in (
            "partnerships",
            "needs",
            "consultations",
            "providers",
            "assessment",
            "resources",
            "plans",
            "mapping",
            "markets",
            "capacity",
            "audit",
            "passport",
            "procurement",
            "grants",
            "contracts",
            "monitoring",
            "reviews",
            "decommissioning",
            "placements",
        )
    )
    attached = {id(router) for prefix, router in api._routers if prefix == "/"}
    assert attached == {id(import_string(router)) for router in registry().api_routers}
    included = [entry.urlconf_name.__name__ for entry in root_urls.urlpatterns if isinstance(getattr(entry, "urlconf_name", None), types.ModuleType)]
    assert included == list(registry().url_modules)


def test_every_app_declares_the_modules_it_has():
    # The API app hosts the routers; its urls.py is mounted by jointly/urls.py, not included.
    for config in jointly_apps():
        folder = Path(config.path)
        url_files = sorted(f"{config.name}.{path.stem}" for path in folder.glob("urls*.py"))
        if config.label != "api":
            assert sorted(getattr(config, "url_modules", ())) == url_files, config.label
        if (folder / "api.py").exists():
            assert getattr(config, "api_router", None) == f"{config.name}.api.router", config.label
        if (folder / "demo.py").exists():
            assert getattr(config, "demo_loader", None) is not None, config.label
            assert config.demo_loader.loader == f"{config.name}.demo.load", config.label


def test_no_module_outside_an_app_names_its_urls_router_or_demo():
    hosts = [
        JOINTLY / "urls.py",
        JOINTLY / "settings.py",
        JOINTLY / "api" / "urls.py",
        JOINTLY / "core" / "context_processors.py",
        JOINTLY / "core" / "management" / "commands" / "load_demo.py",
    ]
    labels = {config.label for config in jointly_apps()} - {"api"}
    named = re.compile(r"jointly\.(\w+)\.(urls\w*|api|demo)\b")
    for host in hosts:
        assert not [m.group(0) for m in named.finditer(host.read_text()) if m.group(1) in labels], host
    url_name = re.compile(r"""["'](\w+):[\w-]+["']""")
    assert not [m.group(0) for m in url_name.finditer((JOINTLY / "core" / "context_processors.py").read_text()) if m.group(1) in labels]


def test_no_app_s_page_is_answered_by_another_app():
    # URL modules are included in INSTALLED_APPS order, so an app's paths must not overlap another's.
    from django.urls import resolve

    from tests.routes import site_routes

    for name, example in site_routes():
        assert resolve(example).namespace == name.split(":")[0], (name, example)


# What the registry refuses.


def fake_app(label, **declared):
    return types.SimpleNamespace(label=label, **declared)


def test_a_loader_that_runs_before_what_it_builds_on_is_refused():
    early = fake_app("early", demo_loader=DemoLoader("x.load", order=5, after=("late",)))
    late = fake_app("late", demo_loader=DemoLoader("y.load", order=10))
    with pytest.raises(ImproperlyConfigured, match="early: the demo loader needs late loaded first, but that loads later"):
        build([early, late])
    with pytest.raises(ImproperlyConfigured, match="has no demo loader"):
        build([early])
    assert [
        loader.loader for loader in build([late, fake_app("early", demo_loader=DemoLoader("x.load", order=15, after=("late",)))]).demo_loaders
    ] == ["y.load", "x.load"]


def test_a_navigation_entry_for_no_one_known_is_refused():
    with pytest.raises(ImproperlyConfigured, match="neither an audience nor a permission"):
        build([fake_app("typo", navigation=(NavItem("Typo", "core:home", order=1, stage=Stage.SERVICE, shown_to="plans.veiw"),))])
    with pytest.raises(ImproperlyConfigured, match="hidden by"):
        build([fake_app("typo", navigation=(NavItem("Typo", "core:home", order=1, stage=Stage.SERVICE, unless=("plans.veiw",)),))])
    with pytest.raises(ImproperlyConfigured, match="takes the trust in"):
        build([fake_app("typo", navigation=(NavItem("Typo", "core:home", order=1, stage=Stage.SERVICE, trust_in="cookie"),))])


def test_equal_orders_keep_the_order_of_installed_apps():
    first = fake_app("first", navigation=(NavItem("First", "core:home", order=1, stage=Stage.SERVICE),))
    second = fake_app("second", navigation=(NavItem("Second", "core:home", order=1, stage=Stage.SERVICE),))
    assert [item.text for item in build([first, second]).navigation] == ["First", "Second"]
    assert [item.text for item in build([second, first]).navigation] == ["Second", "First"]


def test_load_demo_runs_each_registered_loader_in_order(monkeypatch):
    from tests.core.registry_example import demo

    monkeypatch.setattr(demo, "LOADED", [])
    fake = Registry(
        navigation=(),
        cycle_links=(),
        api_routers=(),
        url_modules=(),
        demo_loaders=(
            DemoLoader(f"{EXAMPLE_APP}.demo.load", order=1),
            DemoLoader("tests.core.test_registry.second_loader", order=2),
        ),
    )
    monkeypatch.setattr("jointly.core.management.commands.load_demo.registry", lambda: fake)
    call_command("load_demo")
    assert demo.LOADED == ["registry_example", "second"]


def second_loader(stdout=None):
    from tests.core.registry_example import demo

    demo.LOADED.append("second")


# A new app needs only its folder and its INSTALLED_APPS line.


def fresh_module(name):
    """The module run again from its file, as at start-up, without replacing the loaded one."""
    spec = importlib.util.find_spec(name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def example_app_installed(monkeypatch):
    """The site as it is built with the example app installed: INSTALLED_APPS gains one line, nothing else changes."""
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, EXAMPLE_APP]):
        registry_module.registry.cache_clear()
        monkeypatch.setitem(sys.modules, "jointly.api.urls", fresh_module("jointly.api.urls"))
        root = fresh_module("jointly.urls")
        with override_settings(ROOT_URLCONF=root):
            yield
    registry_module.registry.cache_clear()


@pytest.mark.django_db
def test_a_new_app_plugs_in_from_its_own_folder(example_app_installed, commissioner, participant, trust, client):
    commissioner_client = signed_in_client(commissioner)
    texts = [text for text, _ in navigation_texts(commissioner_client)]
    assert texts.index("Procurement") == texts.index("Plans") + 1
    assert ("Procurement", "/registry-example/") not in navigation_texts(signed_in_client(participant))
    assert commissioner_client.get("/registry-example/").content == b"Procurement home"

    links = [link["href"] for link in cycle_links_for(trust=trust, user=commissioner)]
    assert links.index("/registry-example/plymouth/") == links.index("/plans/plymouth/forward-plan/") + 1
    assert "/registry-example/plymouth/" not in [link["href"] for link in cycle_links_for(trust=trust, user=participant)]
    assert 'href="/registry-example/plymouth/"' in commissioner_client.get(f"/partnerships/trusts/{trust.slug}/").content.decode()

    response = client.get("/api/v1/registry-example/ping")
    assert (response.status_code, response.json()) == (200, {"answer": "pong"})
    assert "/api/v1/registry-example/ping" in client.get("/api/v1/openapi.json").json()["paths"]

    assert registry().demo_loaders[-1].loader == f"{EXAMPLE_APP}.demo.load"


def test_without_the_line_in_installed_apps_the_app_is_not_plugged_in():
    # After the test above, too: taking the line out takes the app out.
    assert EXAMPLE_APP not in settings.INSTALLED_APPS
    assert "Procurement" not in [item.text for item in registry().navigation]
    assert not any(module.startswith("tests.") for module in registry().url_modules)
