"""The demo loader: two Plymouth consultations, built through the services, the same every time."""

from jointly.consultations import demo, selectors
from jointly.consultations.models import Coding, Consultation, Response, YouSaidWeDid
from jointly.partnerships import demo as partnerships_demo


def test_the_demo_loads_an_open_and_a_reported_consultation_once(db):
    partnerships_demo.load()
    demo.load()
    open_now = Consultation.objects.get(title=demo.OPEN_TITLE)
    earlier = Consultation.objects.get(title=demo.CLOSED_TITLE)
    assert (open_now.trust.slug, open_now.status) == ("plymouth", "open")
    assert earlier.status == "reported"
    assert earlier.responses.count() == 60
    assert set(earlier.responses.values_list("channel", flat=True)) == {"online", "workshop", "paper"}
    assert not earlier.responses.filter(channel="online", entered_by__isnull=False).exists()
    assert not earlier.responses.exclude(channel="online").filter(entered_by__isnull=True).exists()
    assert Coding.objects.filter(theme__consultation=earlier).count() > 20
    assert YouSaidWeDid.objects.filter(consultation=earlier, published_on__isnull=False).count() == 3
    results = selectors.consultation_results(consultation=earlier)
    assert results.total.text == "60"
    assert any(f.hidden for _, f in results.by_age_band.rows)  # the demo shows suppression at work

    fingerprint = list(Response.objects.order_by("pk").values_list("age_band", "audience", "channel"))
    demo.load()
    assert Consultation.objects.count() == 2
    assert list(Response.objects.order_by("pk").values_list("age_band", "audience", "channel")) == fingerprint


def test_without_the_partnerships_demo_it_says_so_and_does_nothing(db):
    class Out:
        lines = []

        def write(self, line):
            self.lines.append(line)

    out = Out()
    demo.load(stdout=out)
    assert not Consultation.objects.exists()
    assert "load the partnerships demo first" in out.lines[0]
