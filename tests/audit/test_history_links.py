"""No page offers a history or "earlier versions" link that does not open for the person it is shown to.

Crawled over the whole demo for a commissioner, another region's commissioner, a provider user and an anonymous visitor:
every page of the kinds that carry such links, every such link followed (issue 9 found 22
that answered 404 for a commissioner and 96 for a provider).
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db

HISTORY_LINK = re.compile(r'href="(/(?:history/[^"]+|directory/(?:services|organisations)/[^"]+/versions/))"')


def spread(values, most=30) -> list:
    """At most `most` of the values, spaced evenly through them (so both regions' records are among them)."""
    values = list(values)
    return values[:: max(1, len(values) // most)]


def pages_with_history_links() -> list[str]:
    from jointly.assessment.models import EvidenceItem, Priority
    from jointly.capacity.models import Offer
    from jointly.consultations.models import Consultation
    from jointly.partnerships.models import Body, Organisation, Trust
    from jointly.plans.models import CommissioningIntention
    from jointly.providers.models import DirectoryService, ProviderProfile

    paths = [reverse("providers:service", args=[uuid]) for uuid in spread(DirectoryService.objects.order_by("pk").values_list("uuid", flat=True))]
    paths += [
        reverse("providers:organisation", args=[slug])
        for slug in spread(ProviderProfile.objects.order_by("pk").values_list("organisation__slug", flat=True))
    ]
    paths += [
        reverse("partnerships:organisation-detail", args=[slug])
        for slug in spread(Organisation.objects.order_by("pk").values_list("slug", flat=True))
    ]
    # And every page of the organisations people work for, whose own links matter most to them.
    kept = Organisation.objects.filter(people__isnull=False)
    paths += [
        reverse("providers:service", args=[uuid]) for uuid in DirectoryService.objects.filter(organisation__in=kept).values_list("uuid", flat=True)
    ]
    paths += [
        reverse("providers:organisation", args=[slug])
        for slug in ProviderProfile.objects.filter(organisation__in=kept).values_list("organisation__slug", flat=True)
    ]
    paths += [trust.get_absolute_url() for trust in Trust.objects.all()]
    paths += [body.get_absolute_url() for body in Body.objects.select_related("trust")]
    paths += [priority.get_absolute_url() for priority in Priority.objects.all()]
    paths += [reverse("assessment:evidence-detail", args=[pk]) for pk in EvidenceItem.objects.values_list("pk", flat=True)]
    paths += [reverse("consultations:detail", args=[slug]) for slug in Consultation.objects.values_list("slug", flat=True)]
    paths += [reverse("plans:intention-manage", args=[i.trust.slug, i.pk]) for i in CommissioningIntention.objects.select_related("trust")]
    paths += [reverse("capacity:offer-manage", args=[o.trust.slug, o.pk]) for o in Offer.objects.select_related("trust")]
    return paths


@pytest.fixture
def whole_demo(settings):
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())
    from jointly.accounts.models import User

    return {user.email.split("@")[0]: user for user in User.objects.filter(email__endswith="@demo.jointly.example")}


def test_every_history_link_shown_opens(whole_demo):
    # One test for the four people, so the demo is loaded once.
    paths = pages_with_history_links()
    seen = {}
    for who in ("commissioner", "essex-commissioner", "provider", "anonymous"):
        client = Client() if who == "anonymous" else signed_in_client(whole_demo[who])
        links: dict[str, str] = {}
        for path in paths:
            response = client.get(path)
            if response.status_code != 200:
                continue  # a page the person may not open shows them no links
            for link in HISTORY_LINK.findall(response.content.decode()):
                links.setdefault(link, path)
        answers = {link: (client.get(link).status_code, shown_on) for link, shown_on in links.items()}
        broken = {link: answer for link, answer in answers.items() if answer[0] != 200}
        assert not broken, f"{len(broken)} history links answer other than 200 for the {who}: {broken}"
        seen[who] = len(links)
    assert seen["commissioner"] > 20 and seen["essex-commissioner"] > 0 and seen["provider"] > 0, seen  # there were links to follow
    assert seen["anonymous"] == 0
