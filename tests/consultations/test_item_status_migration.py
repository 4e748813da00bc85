"""Consultations migration 0006: 'you said, we did' items already published become published; the rest are drafts."""

from jointly.consultations.models import YouSaidWeDid

from ..factories import TrustFactory
from .conftest import today


def test_items_with_a_publication_date_are_published(migrator):
    old = migrator.migrate(("consultations", "0005_remove_consultation_outcome_tags"))
    trust = TrustFactory()
    consultation = old.get_model("consultations", "Consultation").objects.create(
        trust_id=trust.pk,
        title="Parks",
        slug="parks",
        purpose="Why.",
        audiences=["staff"],
        status="reported",
        opens_on=today(),
        closes_on=today(),
        report_due_on=today(),
        retention_until=today(),
    )
    items = old.get_model("consultations", "YouSaidWeDid").objects
    published = items.create(consultation_id=consultation.pk, you_said="A", we_did="B", published_on=today())
    later = items.create(consultation_id=consultation.pk, you_said="C", we_did="D")

    migrator.latest()

    assert YouSaidWeDid.objects.get(pk=published.pk).status == YouSaidWeDid.Status.PUBLISHED
    assert YouSaidWeDid.objects.get(pk=later.pk).status == YouSaidWeDid.Status.DRAFT
