"""Partnership services: organisations, seats and report-backs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.partnerships import services
from jointly.partnerships.models import LegalForm, Organisation, ReportBack, Seat, Sector
from tests.factories import BodyFactory, FilledSeatFactory, OrganisationFactory, SeatFactory

JAN_1 = datetime.date(2026, 1, 1)
DEC_31 = datetime.date(2026, 12, 31)


def create(**details):
    details.setdefault("name", "Plymouth Young Carers")
    details.setdefault("sector", Sector.VCS)
    details.setdefault("legal_form", LegalForm.CIO)
    return services.organisation_create(**details)


# --- organisation_create / organisation_update ------------------------------


def test_organisation_create_saves_and_makes_a_slug(db):
    organisation = create(name="  Plymouth Young Carers ", charity_number="1123456", ppon="pabc-1234-defg")
    organisation.refresh_from_db()
    assert organisation.name == "Plymouth Young Carers"
    assert organisation.slug == "plymouth-young-carers"
    assert organisation.charity_number == "1123456"
    assert organisation.ppon == "PABC-1234-DEFG"


def test_same_name_gets_a_different_slug(db):
    assert create().slug == "plymouth-young-carers"
    assert create().slug == "plymouth-young-carers-2"


@pytest.mark.parametrize(
    ("field", "value", "typed", "label"),
    [
        ("charity_number", "1123456", "1123456", "charity number"),
        ("company_number", "SC123456", " sc123456 ", "company number"),
        ("ppon", "PABC-1234-DEFG", "pabc-1234-defg", "PPON"),
    ],
)
def test_organisation_create_refuses_a_duplicate_identifier(db, field, value, typed, label):
    existing = OrganisationFactory(name="Already Here", **{field: value})
    with pytest.raises(services.DuplicateOrganisation) as duplicate:
        create(**{field: typed})
    assert duplicate.value.existing == existing
    assert duplicate.value.field == label
    # An error on the identifier's own field, as every form and the API show it.
    assert duplicate.value.errors == {field: f"Already Here is already registered with this {label}. Use that record instead of adding it again."}
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "typed"),
    [("charity_number", "SC012345", "sc012345"), ("company_number", "01234567", "01234567"), ("ppon", "PABC-1234-DEFG", "pabc-1234-defg")],
)
def test_organisation_update_refuses_another_organisations_identifier(db, field, value, typed):
    OrganisationFactory(**{field: value})
    organisation = OrganisationFactory()
    with pytest.raises(services.DuplicateOrganisation):
        services.organisation_update(organisation=organisation, **{field: typed})
    organisation.refresh_from_db()
    assert getattr(organisation, field) == ""


def test_organisation_update_keeps_its_own_identifier(db):
    organisation = create(charity_number="1123456")
    updated = services.organisation_update(organisation=organisation, charity_number="1123456", name="New name")
    assert updated.name == "New name"


def test_organisation_update_tidies_identifiers_like_create(db):
    organisation = create()
    services.organisation_update(organisation=organisation, company_number=" sc123456", ppon="pabc-1234-defg ")
    organisation.refresh_from_db()
    assert (organisation.company_number, organisation.ppon) == ("SC123456", "PABC-1234-DEFG")


def test_blank_identifiers_are_never_duplicates(db):
    create(name="One")
    create(name="Two")
    assert Organisation.objects.filter(charity_number="").count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("charity_number", "12345", "Enter a charity number like 1234567 or SC012345"),
        ("charity_number", "ABC1234", "Enter a charity number like 1234567 or SC012345"),
        ("company_number", "123", "Enter a company number like 01234567 or SC123456"),
        ("ppon", "P123-ABCD-1234", "Enter a public procurement organisation number (PPON) like PABC-1234-DEFG"),
        ("ppon", "PABC1234DEFG", "Enter a public procurement organisation number (PPON) like PABC-1234-DEFG"),
    ],
)
def test_bad_identifiers_are_refused_with_a_clear_message(db, field, value, message):
    with pytest.raises(ValidationError) as invalid:
        create(**{field: value})
    assert invalid.value.message_dict[field] == [message]
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("value", ["1123456", "1123456-1", "SC012345", "NIC100001", "NI100001"])
def test_real_charity_number_shapes_are_accepted(db, value):
    assert create(charity_number=value).charity_number == value


def test_bad_update_leaves_the_record_as_it_was(db):
    organisation = create()
    with pytest.raises(ValidationError):
        services.organisation_update(organisation=organisation, ppon="nonsense")
    assert Organisation.objects.get(pk=organisation.pk).ppon == ""


# --- Seats -------------------------------------------------------------------


@pytest.fixture
def vacant_seat(trust):
    return SeatFactory(body=BodyFactory(trust=trust))


def appoint(seat, holder, by, start=JAN_1, end=DEC_31):
    return services.seat_appoint(seat=seat, holder=holder, holder_organisation=holder.organisation, term_start=start, term_end=end, by=by)


def test_seat_appoint_fills_a_vacant_seat(vacant_seat, provider_user, commissioner):
    seat = appoint(vacant_seat, provider_user, commissioner)
    seat.refresh_from_db()
    assert seat.status == Seat.Status.FILLED
    assert seat.holder == provider_user
    assert seat.holder_organisation == provider_user.organisation
    assert (seat.term_start, seat.term_end) == (JAN_1, DEC_31)


def test_seat_appoint_refuses_a_filled_seat(vacant_seat, provider_user, other_provider_user, commissioner):
    appoint(vacant_seat, provider_user, commissioner)
    with pytest.raises(InvalidTransition) as refused:
        appoint(vacant_seat, other_provider_user, commissioner)
    assert str(refused.value) == ("This seat is filled, so you cannot appoint someone to it. You can appoint someone to it only when it is vacant.")
    vacant_seat.refresh_from_db()
    assert vacant_seat.holder == provider_user


def test_seat_appoint_refuses_a_term_ending_before_it_starts(vacant_seat, provider_user, commissioner):
    with pytest.raises(FieldErrors) as refused:
        appoint(vacant_seat, provider_user, commissioner, start=DEC_31, end=JAN_1)
    assert refused.value.errors == {"term_end": "The term must end after it starts"}
    vacant_seat.refresh_from_db()
    assert vacant_seat.status == Seat.Status.VACANT


def test_seat_appoint_refuses_someone_from_another_trust(vacant_seat, other_commissioner, commissioner):
    with pytest.raises(FieldErrors, match="is not an active member of Plymouth Children's Trust"):
        appoint(vacant_seat, other_commissioner, commissioner)
    vacant_seat.refresh_from_db()
    assert vacant_seat.status == Seat.Status.VACANT and vacant_seat.holder is None


def test_seat_appoint_refuses_a_deactivated_member(vacant_seat, provider_user, commissioner):
    provider_user.is_active = False
    provider_user.save()
    with pytest.raises(FieldErrors, match="is not an active member"):
        appoint(vacant_seat, provider_user, commissioner)


def test_seat_appoint_accepts_a_one_day_term(vacant_seat, provider_user, commissioner):
    assert appoint(vacant_seat, provider_user, commissioner, start=JAN_1, end=JAN_1).status == Seat.Status.FILLED


def test_seat_vacate_ends_the_term(vacant_seat, provider_user, commissioner):
    appoint(vacant_seat, provider_user, commissioner)
    seat = services.seat_vacate(seat=vacant_seat, by=commissioner, reason="Stepped down")
    seat.refresh_from_db()
    assert seat.status == Seat.Status.VACANT
    assert seat.holder is None and seat.holder_organisation is None
    assert seat.term_start is None and seat.term_end is None


def test_seat_vacate_refuses_a_vacant_seat(vacant_seat, commissioner):
    with pytest.raises(InvalidTransition) as refused:
        services.seat_vacate(seat=vacant_seat, by=commissioner, reason="Nobody there")
    assert str(refused.value) == "This seat is vacant, so you cannot vacate it. You can vacate it only when it is filled."


def test_seat_vacate_needs_a_reason(vacant_seat, provider_user, commissioner):
    appoint(vacant_seat, provider_user, commissioner)
    with pytest.raises(FieldErrors) as refused:
        services.seat_vacate(seat=vacant_seat, by=commissioner, reason="   ")
    assert refused.value.errors == {"reason": "Enter why the term is ending"}
    vacant_seat.refresh_from_db()
    assert vacant_seat.status == Seat.Status.FILLED


def test_a_stale_copy_cannot_vacate_twice(vacant_seat, provider_user, commissioner):
    appoint(vacant_seat, provider_user, commissioner)
    stale = Seat.objects.get(pk=vacant_seat.pk)
    services.seat_vacate(seat=vacant_seat, by=commissioner, reason="First")
    # The state is read again under a row lock, not taken from the stale copy.
    with pytest.raises(InvalidTransition):
        services.seat_vacate(seat=stale, by=commissioner, reason="Second")


def test_a_filled_seat_must_have_a_holder_in_the_database(vacant_seat):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Seat.objects.filter(pk=vacant_seat.pk).update(status=Seat.Status.FILLED)


# --- Report-backs ------------------------------------------------------------


def test_report_back_record_for_a_filled_seat(trust, provider_user, commissioner):
    forum = BodyFactory(trust=trust, kind="vcs_forum")
    seat = FilledSeatFactory(body=BodyFactory(trust=trust), holder=provider_user, accountable_to=forum)
    report = services.report_back_record(seat=seat, held_on=JAN_1, summary="  What we agreed.  ", by=commissioner)
    report.refresh_from_db()
    assert report.holder == provider_user
    assert report.to_body == forum
    assert report.summary == "What we agreed."
    assert report.recorded_by == commissioner


def test_report_back_record_refuses_a_vacant_seat(vacant_seat, commissioner):
    with pytest.raises(InvalidTransition, match="Only a filled seat can report back"):
        services.report_back_record(seat=vacant_seat, held_on=JAN_1, summary="Nothing", by=commissioner)
    assert not ReportBack.objects.exists()


def test_report_back_is_refused_once_the_term_has_ended_even_before_the_job_vacates_the_seat(trust, provider_user, commissioner):
    seat = FilledSeatFactory(body=BodyFactory(trust=trust), holder=provider_user, term_end=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(InvalidTransition, match="The term ended on"):
        services.report_back_record(seat=seat, held_on=JAN_1, summary="What we agreed.", by=commissioner)
    seat.refresh_from_db()
    assert seat.status == Seat.Status.FILLED  # the job has not run
    assert not ReportBack.objects.exists()


def test_report_back_record_refuses_an_empty_summary(trust, provider_user):
    seat = FilledSeatFactory(body=BodyFactory(trust=trust), holder=provider_user)
    with pytest.raises(ValidationError):
        services.report_back_record(seat=seat, held_on=JAN_1, summary="   ", by=provider_user)
    assert not ReportBack.objects.exists()
