"""Every resources page against every kind of person, and query bounds on the report pages."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from jointly.core.jobs import run_job
from jointly.core.models import Job
from jointly.partnerships.models import Sector
from jointly.resources.models import Budget, PooledFund, Purpose, SpendRecord
from jointly.resources.services import contribution_add, pooled_fund_create

from ..conftest import signed_in_client
from ..downloads import FORMULA, NEUTRALISED, csv_cells
from ..factories import OrganisationFactory, TrustFactory, TrustPartnerFactory
from .factories import SpendRecordFactory, partner_of


@pytest.fixture
def fund(trust, council, icb):
    fund = pooled_fund_create(
        trust=trust,
        name="Children's mental health",
        kind=PooledFund.Kind.POOLED,
        host=icb,
        year="2026-27",
        legal_basis=PooledFund.LegalBasis.NHS_ACT_S75,
    )
    contribution_add(fund=fund, organisation=council, amount=300)
    contribution_add(fund=fund, organisation=icb, amount=700)
    return fund


@pytest.fixture
def spend(trust, council, charity):
    for amount in (100, 200, 300):
        SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=amount)


def _read_urls(trust, fund):
    return [
        reverse("resources:overview", args=[trust.slug]),
        reverse("resources:vcs", args=[trust.slug]),
        reverse("resources:report", args=[trust.slug, "by-partner"]),
        reverse("resources:report", args=[trust.slug, "by-outcome"]),
        reverse("resources:report", args=[trust.slug, "prevention"]),
        reverse("resources:report", args=[trust.slug, "by-sector"]),
        reverse("resources:budgets", args=[trust.slug]),
        reverse("resources:funds", args=[trust.slug]),
        reverse("resources:fund", args=[trust.slug, fund.pk]),
        reverse("resources:spend", args=[trust.slug]),
    ]


def _manage_urls(trust, fund=None):
    return [
        *([reverse("resources:contribution-add", args=[trust.slug, fund.pk])] if fund else []),
        reverse("resources:funding-stream-add", args=[trust.slug]),
        reverse("resources:fund-add", args=[trust.slug]),
        reverse("resources:budget-add", args=[trust.slug]),
        reverse("resources:spend-add", args=[trust.slug]),
        reverse("resources:spend-upload", args=[trust.slug]),
    ]


@pytest.mark.parametrize("person", ["commissioner", "analyst", "board_member", "regional_lead", "administrator"])
def test_people_who_may_see_resources_can_read_every_page(request, person, trust, fund, spend):
    client = signed_in_client(request.getfixturevalue(person))
    for url in _read_urls(trust, fund):
        assert client.get(url).status_code == 200, url


def test_another_trusts_commissioner_gets_not_found(other_commissioner_client, trust, fund):
    for url in _read_urls(trust, fund) + _manage_urls(trust, fund):
        assert other_commissioner_client.get(url).status_code == 404, url


@pytest.mark.parametrize("person", ["provider_user", "evaluator", "participant"])
def test_providers_and_others_without_the_permission_are_forbidden_with_the_reason(request, person, trust, fund):
    client = signed_in_client(request.getfixturevalue(person))
    for url in _read_urls(trust, fund):
        response = client.get(url)
        assert response.status_code == 403, url
    assert "cannot see budgets, funds and spend" in response.content.decode()


def test_anonymous_people_are_sent_to_sign_in(anonymous_client, trust, fund):
    for url in _read_urls(trust, fund) + _manage_urls(trust):
        response = anonymous_client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(resolve_url(settings.LOGIN_URL)), url


@pytest.mark.parametrize("person", ["analyst", "board_member", "regional_lead"])
def test_readers_cannot_record(request, person, trust, fund):
    client = signed_in_client(request.getfixturevalue(person))
    for url in _manage_urls(trust, fund):
        assert client.get(url).status_code == 403, url


def test_a_fund_of_another_trust_is_not_found_under_this_trust(commissioner_client, trust, other_trust, icb):
    theirs = PooledFund.objects.create(trust=other_trust, name="Theirs", kind="aligned", host=icb, year="2026-27")
    assert commissioner_client.get(reverse("resources:fund", args=[trust.slug, theirs.pk])).status_code == 404


def test_the_report_page_has_a_labelled_chart_a_captioned_table_and_csv(commissioner_client, trust, spend):
    response = commissioner_client.get(reverse("resources:report", args=[trust.slug, "by-sector"]))
    html = response.content.decode()
    assert '<svg role="img" aria-label="Bar chart: Spend by sector of the provider' in html
    assert "<figcaption" in html and "<caption" in html
    assert "Voluntary and community sector" in html and "£600" in html
    csv = commissioner_client.get(reverse("resources:report", args=[trust.slug, "by-sector"]), {"year": "2026-27", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[1] == "Voluntary and community sector,600.00,100.0"


def test_every_resources_csv_neutralises_a_name_a_spreadsheet_would_run(regional_lead, trust, region, council, charity):
    schemer = partner_of(trust, name=FORMULA, slug="schemer", sector=Sector.VCS)
    SpendRecordFactory(trust=trust, partner=schemer, provider=charity, amount=50, year="2026-27")
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=250, year="2026-27")
    fund = pooled_fund_create(trust=trust, name="Early help", kind=PooledFund.Kind.ALIGNED, host=council, year="2026-27")
    contribution_add(fund=fund, organisation=schemer, amount=300)
    their_trust = TrustFactory(name="-5 Children's Trust", region=region)
    SpendRecordFactory(trust=their_trust, amount=10)
    client = signed_in_client(regional_lead)
    by_partner = csv_cells(client.get(reverse("resources:report", args=[trust.slug, "by-partner"]), {"year": "2026-27", "format": "csv"}))
    assert by_partner[1:] == [["Plymouth City Council", "250.00", "83.3"], [NEUTRALISED, "50.00", "16.7"]]
    contributions = csv_cells(client.get(reverse("resources:fund", args=[trust.slug, fund.pk]), {"format": "csv"}))
    assert contributions[1] == [NEUTRALISED, "no", "300.00", "100.0"]
    region_vcs = csv_cells(client.get(reverse("resources:region-vcs", args=[region.slug]), {"format": "csv"}))
    assert [row[0] for row in region_vcs[1:]] == ["'-5 Children's Trust", "Plymouth Children's Trust"]
    trust_vcs = csv_cells(client.get(reverse("resources:vcs", args=[their_trust.slug]), {"format": "csv"}))
    assert trust_vcs[1][0] == "'-5 Children's Trust"


def test_vcs_investment_is_one_click_from_the_overview(commissioner_client, trust, spend):
    overview = commissioner_client.get(reverse("resources:overview", args=[trust.slug])).content.decode()
    assert reverse("resources:vcs", args=[trust.slug]) in overview
    assert "£600" in overview  # The headline table is on the overview itself.


def test_every_vcse_figure_states_what_the_vcse_is(commissioner_client, trust, spend):
    definition = "charities, community groups, social enterprises, co-operatives and mutuals"
    for name in ("resources:overview", "resources:vcs"):
        page = commissioner_client.get(reverse(name, args=[trust.slug])).content.decode()
        assert definition in page, name


def test_the_regional_view_shows_the_leads_trusts_only(regional_lead, trust, region, spend):
    neighbour = TrustFactory(name="Torbay Children's Trust", region=region)
    elsewhere = TrustFactory(name="Far Away Children's Trust")
    for other in (neighbour, elsewhere):
        SpendRecordFactory(trust=other)
    client = signed_in_client(regional_lead)
    html = client.get(reverse("resources:region-vcs", args=[region.slug])).content.decode()
    assert "Torbay Children" in html and "Plymouth Children" in html and "Far Away" not in html


def test_the_regional_view_is_not_found_for_someone_with_no_trust_there(other_commissioner_client, region):
    assert other_commissioner_client.get(reverse("resources:region-vcs", args=[region.slug])).status_code == 404


def test_the_regional_view_forbids_a_provider(provider_client, region):
    assert provider_client.get(reverse("resources:region-vcs", args=[region.slug])).status_code == 403


@pytest.mark.parametrize("name", ["overview", "by-partner", "vcs", "spend", "funds"])
def test_report_pages_make_a_bounded_number_of_queries(name, commissioner_client, trust, council, django_assert_max_num_queries):
    providers = [OrganisationFactory(sector=sector) for sector in (Sector.VCS, Sector.PRIVATE, Sector.NHS)]
    for index in range(30):
        SpendRecordFactory(trust=trust, partner=council, provider=providers[index % 3], amount=index, purpose=Purpose.INTERVENTION)
    url = {
        "overview": reverse("resources:overview", args=[trust.slug]),
        "by-partner": reverse("resources:report", args=[trust.slug, "by-partner"]),
        "vcs": reverse("resources:vcs", args=[trust.slug]),
        "spend": reverse("resources:spend", args=[trust.slug]),
        "funds": reverse("resources:funds", args=[trust.slug]),
    }[name]
    # Sign-in and session take about 8; the page's own reads are a handful, however many records (30 here).
    with django_assert_max_num_queries(16):
        assert commissioner_client.get(url).status_code == 200


def test_a_commissioner_records_spend(commissioner_client, trust, council, charity):
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]),
        {
            "year": "2026-27",
            "partner": council.pk,
            "provider": charity.pk,
            "kind": "grant",
            "service_name": "Play days",
            "tier": "universal",
            "purpose": "prevention",
            "amount": "4500",
        },
    )
    assert response.status_code == 302
    assert SpendRecord.objects.get().service_name == "Play days"


def test_a_negative_amount_is_shown_against_its_field(commissioner_client, trust, council, charity):
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]),
        {
            "year": "2026-27",
            "partner": council.pk,
            "provider": charity.pk,
            "kind": "grant",
            "service_name": "Play days",
            "tier": "universal",
            "purpose": "prevention",
            "amount": "-4500",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html and "£0 or more" in html
    assert not SpendRecord.objects.exists()


def test_a_commissioner_adds_a_budget(commissioner_client, trust, council):
    response = commissioner_client.post(
        reverse("resources:budget-add", args=[trust.slug]), {"organisation": council.pk, "year": "2026-27", "amount": "1000000"}
    )
    assert response.status_code == 302 and Budget.objects.get().amount == 1000000


def test_an_uploaded_file_runs_as_a_job_with_progress(commissioner_client, commissioner, trust, council, charity, django_capture_on_commit_callbacks):
    text = (
        "year,partner,provider,kind,service,tier,purpose,amount\n2026-27,plymouth-city-council,harbour-families,grant,Play,universal,prevention,10\n"
    )
    with django_capture_on_commit_callbacks(execute=False):
        response = commissioner_client.post(
            reverse("resources:spend-upload", args=[trust.slug]), {"file": SimpleUploadedFile("spend.csv", text.encode())}
        )
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("core:job-detail", args=[job.pk])
    run_job.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and "Imported 1 spend record" in job.message
    assert SpendRecord.objects.count() == 1


def test_a_broken_upload_says_why_on_the_job_page_and_stores_nothing(commissioner_client, trust, council, django_capture_on_commit_callbacks):
    text = "year,partner,provider,kind,service,tier,purpose,amount\n2026-27,plymouth-city-council,nobody,grant,Play,universal,prevention,10\n"
    with django_capture_on_commit_callbacks(execute=False):
        commissioner_client.post(reverse("resources:spend-upload", args=[trust.slug]), {"file": SimpleUploadedFile("spend.csv", text.encode())})
    job = Job.objects.get()
    run_job.call(str(job.pk))
    page = commissioner_client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Row 2: unknown organisation &#x27;nobody&#x27; in the provider column" in page
    assert not SpendRecord.objects.exists()


def test_every_form_page_opens_for_a_commissioner(commissioner_client, trust, fund):
    for url in _manage_urls(trust, fund):
        assert commissioner_client.get(url).status_code == 200, url


def test_a_pooled_fund_without_its_legal_basis_is_refused_on_the_page(commissioner_client, trust, council):
    response = commissioner_client.post(
        reverse("resources:fund-add", args=[trust.slug]),
        {"name": "CAMHS", "kind": "pooled", "host": council.pk, "year": "2026-27"},
    )
    assert response.status_code == 200
    assert "section 75 of the NHS Act 2006" in response.content.decode()
    assert not PooledFund.objects.filter(name="CAMHS").exists()


def test_a_commissioner_adds_a_fund_and_a_contribution(commissioner_client, trust, council, icb):
    response = commissioner_client.post(
        reverse("resources:fund-add", args=[trust.slug]),
        {"name": "CAMHS", "kind": "pooled", "legal_basis": "children_act_2004_s10", "host": icb.pk, "year": "2026-27"},
    )
    fund = PooledFund.objects.get(name="CAMHS")
    assert response.url == reverse("resources:fund", args=[trust.slug, fund.pk])
    commissioner_client.post(reverse("resources:contribution-add", args=[trust.slug, fund.pk]), {"organisation": council.pk, "amount": "2500"})
    assert fund.contributions.get().amount == 2500


def test_a_funding_stream_ending_before_it_starts_is_refused_on_the_page(commissioner_client, trust, council):
    response = commissioner_client.post(
        reverse("resources:funding-stream-add", args=[trust.slug]),
        {
            "name": "Hubs",
            "funder": council.pk,
            "amount": "100",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2026",
            "ends_on_0": "1",
            "ends_on_1": "3",
            "ends_on_2": "2026",
        },
    )
    assert response.status_code == 200
    assert "The end date must be the same as or after the start date" in response.content.decode()


def _spend_form(charity, council, **extra):
    return {
        "year": "2026-27",
        "partner": council.pk,
        "provider": charity.pk,
        "kind": "grant",
        "service_name": "Play days",
        "tier": "universal",
        "purpose": "prevention",
        "amount": "4500",
        **extra,
    }


def test_the_spend_form_offers_the_partners_directory_services_grouped_by_organisation(commissioner_client, trust, council, charity, charity_service):
    TrustPartnerFactory(trust=trust, organisation=charity)
    html = commissioner_client.get(reverse("resources:spend-add", args=[trust.slug])).content.decode()
    assert '<optgroup label="Harbour Families">' in html
    assert f'<option value="{charity_service.uuid}">Harbour family support</option>' in html


def test_a_commissioner_records_spend_against_a_directory_service_and_the_list_links_to_it(
    commissioner_client, trust, council, charity, charity_service
):
    TrustPartnerFactory(trust=trust, organisation=charity)
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]), _spend_form(charity, council, service=str(charity_service.uuid))
    )
    assert response.status_code == 302
    assert SpendRecord.objects.get().service == charity_service
    html = commissioner_client.get(reverse("resources:spend", args=[trust.slug])).content.decode()
    assert f'href="{charity_service.get_absolute_url()}">Harbour family support in the directory</a>' in html


def test_a_service_of_another_provider_is_refused_on_the_page_when_sent(
    commissioner_client, trust, council, charity, care_company, care_company_service
):
    TrustPartnerFactory(trust=trust, organisation=care_company)
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]), _spend_form(charity, council, service=str(care_company_service.uuid))
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Moorview children&#x27;s homes is run by Moorview Care Ltd, not by Harbour Families" in html
    assert not SpendRecord.objects.exists()


def test_a_service_outside_the_partnership_is_not_a_choice(commissioner_client, trust, council, charity, care_company_service):
    response = commissioner_client.post(
        reverse("resources:spend-add", args=[trust.slug]), _spend_form(charity, council, service=str(care_company_service.uuid))
    )
    assert "Select one of the services listed" in response.content.decode()
    assert not SpendRecord.objects.exists()


def test_the_spend_list_with_linked_services_makes_a_bounded_number_of_queries(
    commissioner_client, trust, council, charity, charity_service, care_company, care_company_service, django_assert_max_num_queries
):
    for index in range(30):
        provider, service = [(charity, charity_service), (care_company, care_company_service)][index % 2]
        SpendRecordFactory(trust=trust, partner=council, provider=provider, service=service, amount=index)
    with django_assert_max_num_queries(16):
        html = commissioner_client.get(reverse("resources:spend", args=[trust.slug])).content.decode()
    assert html.count("in the directory</a>") == 25  # a page of 25, every one linked


def test_the_budget_form_shows_every_problem_at_once(commissioner_client, trust, council):
    response = commissioner_client.post(
        reverse("resources:budget-add", args=[trust.slug]), {"organisation": council.pk, "year": "2026-28", "amount": "-5"}
    )
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert set(response.context["form"].errors) == {"year", "amount"}
    assert not Budget.objects.exists()
