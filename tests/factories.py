"""factory_boy factories for every model the tests make."""

import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_totp.models import TOTPDevice

from jointly.accounts.models import Assignment, Membership, Role, User
from jointly.partnerships.models import (
    Body,
    LegalForm,
    Organisation,
    Paper,
    Region,
    Seat,
    Sector,
    SizeBand,
    Trust,
    TrustPartner,
)
from jointly.places.models import Area


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    code = factory.Sequence(lambda n: f"E06{n:06d}")
    name = factory.Sequence(lambda n: f"Area {n}")
    kind = Area.Kind.UPPER_TIER
    boundary_year = 2023


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class TrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trust

    name = factory.Sequence(lambda n: f"Trust {n}")
    slug = factory.Sequence(lambda n: f"trust-{n}")
    area = factory.SubFactory(AreaFactory)
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    sector = Sector.VCS
    # The usual form for the sector, so a private firm is a company (a private-sector charity is in the third sector).
    legal_form = factory.LazyAttribute(
        lambda o: {Sector.PRIVATE: LegalForm.COMPANY, Sector.SOCIAL_ENTERPRISE: LegalForm.CIC, Sector.VCS: LegalForm.CIO}.get(
            o.sector, LegalForm.STATUTORY_BODY
        )
    )
    size_band = SizeBand.SMALL
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.org")
    contact_phone = "01752 000000"


class TrustPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrustPartner

    trust = factory.SubFactory(TrustFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.COMMISSIONER
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def trusts(self, create, extracted, **kwargs):
        for trust in extracted or ():
            Membership.objects.create(user=self, trust=trust)


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Authenticator app"
    confirmed = True


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    trust = factory.SubFactory(TrustFactory)
    name = factory.Sequence(lambda n: f"Body {n}")
    slug = factory.Sequence(lambda n: f"body-{n}")
    kind = Body.Kind.COMMISSIONING_GROUP


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Seat {n}")
    sector = Sector.VCS
    seat_type = Seat.SeatType.VCS_FORUM_REPRESENTATIVE


class FilledSeatFactory(SeatFactory):
    class Meta:
        skip_postgeneration_save = True

    status = Seat.Status.FILLED
    holder = factory.SubFactory(UserFactory, role=Role.PROVIDER_USER)
    term_start = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=100))
    term_end = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=300))

    @factory.post_generation
    def holder_assignment(self, create, extracted, **kwargs):
        # As seat_appoint does: the assignment is what lets the holder report back.
        if create and self.holder_id:
            Assignment.objects.get_or_create(
                person_id=self.holder_id,
                kind=Assignment.Kind.SEAT_HOLDER,
                content_type=ContentType.objects.get_for_model(Seat),
                object_id=str(self.pk),
                ended_at=None,
            )


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    meeting_date = factory.LazyFunction(datetime.date.today)
    content = "The paper's text."
    confidential = False
