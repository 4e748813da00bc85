def test_trust_page_links_to_each_stage_the_person_may_use(commissioner_client, trust):
    body = commissioner_client.get(trust.get_absolute_url()).content.decode()
    assert f"/resources/{trust.slug}/" in body
    assert f"/plans/{trust.slug}/intentions/" in body
    assert f"/plans/{trust.slug}/forward-plan/" in body


def test_trust_page_hides_stages_a_participant_may_not_use(trust, participant):
    from tests.conftest import signed_in_client

    body = signed_in_client(participant).get(trust.get_absolute_url()).content.decode()
    assert f"/resources/{trust.slug}/" not in body
    assert f"/plans/{trust.slug}/forward-plan/" in body
