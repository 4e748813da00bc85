"""grants.home: what grants put on each person's home page, in a fixed number of queries."""

import pytest

from jointly.grants import home, services

from .conftest import close, make_programme, sent_application

pytestmark = pytest.mark.django_db


def _tasks(user, trust):
    return {task.text: task.count for task in home.work(user, trust)}


def test_an_applicant_sees_its_unsent_drafts(programme, provider_user, trust):
    services.application_start(programme=programme, organisation=provider_user.organisation, by=provider_user, project_title="Jam", summary="x")

    assert _tasks(provider_user, trust)["Grant applications you have not sent yet"] == 1


def test_a_grant_officer_sees_applications_waiting_for_a_decision_and_unpublished_programmes(
    programme, commissioner, provider_user, other_provider_user, trust
):
    sent_application(programme, provider_user)
    sent_application(programme, other_provider_user)
    close(programme)
    make_programme(trust, commissioner, publish=False)

    tasks = _tasks(commissioner, trust)

    assert tasks["Grant applications waiting for a decision"] == 2
    assert tasks["Grant programmes not yet published"] == 1


def test_a_panel_member_is_sent_to_the_panel_once_the_programme_closes(programme, commissioner, participant, trust):
    services.panel_add(programme=programme, person=participant, by=commissioner)
    assert not [t for t in home.work(participant, trust) if t.text.startswith("Grant panel")]

    close(programme)

    (task,) = [t for t in home.work(participant, trust) if t.text.startswith("Grant panel")]
    assert task.href == f"/grants/programmes/{programme.pk}/panel/"


def test_another_trusts_commissioner_sees_none_of_it(programme, other_commissioner, trust):
    assert "Grant applications waiting for a decision" not in _tasks(other_commissioner, trust)


def test_the_work_takes_a_fixed_number_of_queries(programme, commissioner, provider_user, other_provider_user, trust, django_assert_max_num_queries):
    sent_application(programme, provider_user)
    sent_application(programme, other_provider_user)
    close(programme)
    with django_assert_max_num_queries(6):
        home.work(commissioner, trust)
