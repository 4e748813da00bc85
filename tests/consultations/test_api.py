"""The consultations API: public reading without an account; results with the same permissions as the page."""

from jointly.consultations import services
from jointly.consultations.models import Consultation

from ..conftest import signed_in_client
from .conftest import make_consultation, shared_areas


class TestPublic:
    def test_opened_consultations_are_listed_without_an_account(self, anonymous_client, open_consultation, trust, commissioner):
        make_consultation(trust, commissioner, title="A secret draft")
        response = anonymous_client.get("/api/v1/consultations")
        assert response.status_code == 200
        items = response.json()["items"]
        assert [item["slug"] for item in items] == [open_consultation.slug]
        assert items[0]["trust"] == trust.slug
        assert items[0]["url"] == open_consultation.get_public_url()

    def test_a_consultation_and_its_questions(self, anonymous_client, open_consultation):
        body = anonymous_client.get(f"/api/v1/consultations/{open_consultation.slug}").json()
        assert [q["kind"] for q in body["questions"]] == ["single", "multiple", "scale", "text"]
        assert body["questions"][0]["choices"] == ["Yes", "No", "Sometimes"]

    def test_outcome_areas_come_with_their_slugs_and_names(self, anonymous_client, trust, commissioner, django_assert_max_num_queries):
        consultation = make_consultation(
            trust, commissioner, title="Parks", outcome_areas=shared_areas("stay-safe", "be-healthy"), other_themes="Transport"
        )
        services.consultation_open(consultation=consultation, by=commissioner)
        body = anonymous_client.get(f"/api/v1/consultations/{consultation.slug}").json()
        expected = [{"slug": "be-healthy", "name": "Be healthy"}, {"slug": "stay-safe", "name": "Stay safe"}]
        assert (body["outcome_areas"], body["other_themes"]) == (expected, "Transport")
        make_consultation(trust, commissioner, title="Another", outcome_areas=shared_areas("stay-safe"))
        services.consultation_open(consultation=Consultation.objects.get(title="Another"), by=commissioner)
        with django_assert_max_num_queries(5):  # a savepoint and its release, the count, the page, its outcome areas
            items = anonymous_client.get("/api/v1/consultations").json()["items"]
        assert [item["outcome_areas"] for item in items if item["slug"] == consultation.slug] == [expected]

    def test_a_draft_is_not_found(self, anonymous_client, draft_consultation):
        response = anonymous_client.get(f"/api/v1/consultations/{draft_consultation.slug}")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"

    def test_you_said_we_did_only_once_published(self, anonymous_client, closed_consultation, commissioner):
        url = f"/api/v1/consultations/{closed_consultation.slug}/you-said-we-did"
        services.you_said_we_did_add(consultation=closed_consultation, you_said="Too dear", we_did="Cheaper", by=commissioner)
        assert anonymous_client.get(url).json() == []
        services.consultation_publish_response(consultation=closed_consultation, by=commissioner)
        [item] = anonymous_client.get(url).json()
        assert (item["you_said"], item["we_did"]) == ("Too dear", "Cheaper")

    def test_no_responses_or_answers_are_public(self, anonymous_client, closed_consultation):
        body = anonymous_client.get(f"/api/v1/consultations/{closed_consultation.slug}").content.decode()
        assert "More football please" not in body


class TestResults:
    def url(self, consultation):
        return f"/api/v1/consultations/{consultation.slug}/results"

    def test_the_trusts_staff_get_suppressed_aggregates(self, commissioner_client, closed_consultation):
        response = commissioner_client.get(self.url(closed_consultation))
        assert response.status_code == 200
        body = response.json()
        assert body["suppressed_below"] == 5
        assert body["total"] == {"label": "Responses", "count": None, "hidden": "small"}  # three responses
        single = body["questions"][0]
        assert single["breakdown"]["rows"][0] == {"label": "Yes", "count": None, "hidden": "small"}
        assert all(row["count"] in (None, 0) for row in body["by_age_band"]["rows"])

    def test_another_trusts_user_finds_nothing(self, other_commissioner_client, closed_consultation):
        response = other_commissioner_client.get(self.url(closed_consultation))
        assert response.status_code == 404

    def test_a_provider_is_forbidden(self, provider_client, closed_consultation):
        response = provider_client.get(self.url(closed_consultation))
        assert response.status_code == 403
        assert "cannot see consultation results" in response.json()["detail"]

    def test_nobody_signed_in_gets_401(self, anonymous_client, closed_consultation):
        assert anonymous_client.get(self.url(closed_consultation)).status_code == 401

    def test_a_board_member_may_read_results(self, board_member, closed_consultation):
        assert signed_in_client(board_member).get(self.url(closed_consultation)).status_code == 200

    def test_the_schema_lists_the_endpoints(self, db, anonymous_client):
        paths = anonymous_client.get("/api/v1/openapi.json").json()["paths"]
        assert "/api/v1/consultations/{slug}/results" in paths
        assert "/api/v1/consultations/{slug}/you-said-we-did" in paths
