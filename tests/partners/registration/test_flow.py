"""The whole registration flow through the web pages, without a browser."""

import pytest

from django.core import mail

from wagtail.models import WorkflowState

from partners.models import Partner, PartnerRegistration, RegistrationStatus
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db


def test_form_page_answers_with_sections_and_is_private(client, directory):
    response = client.get(helpers.register_url(directory))
    assert response.status_code == 200
    html = response.content.decode()
    for legend in ("Uw organisatie", "Contactpersoon", "Wat u aanbiedt", "Akkoord"):
        assert f"<legend>{legend}</legend>" in html
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert not PartnerRegistration.objects.exists()


def test_preview_then_submit_then_verify_puts_a_draft_partner_into_review(
    client, directory, form_data, django_capture_on_commit_callbacks
):
    response = helpers.preview(client, directory, form_data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Controleer uw gegevens" in html
    assert "Bakkerij De Korenaar" in html
    assert not PartnerRegistration.objects.exists(), "no row before the final submit"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            helpers.register_url(directory),
            {"payload": helpers.payload_from(response), "action": "submit"},
        )
    assert response.status_code == 302
    registration = PartnerRegistration.objects.get()
    assert registration.status == RegistrationStatus.UNVERIFIED
    assert registration.verification_sent_at is not None
    assert len(mail.outbox) == 1

    done = client.get(response["Location"])
    assert "an@korenaar.example" in done.content.decode()

    link = helpers.link_in_mail(mail.outbox[0], "/bevestigen/")
    page = client.get(helpers.path_of(link))
    assert page.status_code == 200
    assert "Ja, bevestig mijn e-mailadres" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.UNVERIFIED, "a GET changes nothing"

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(helpers.path_of(link))
    assert page.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.IN_REVIEW
    partner = registration.partner
    assert partner is not None and not partner.live
    assert partner.enterprise_number == "0566988259"
    state = WorkflowState.objects.get(pk=registration.workflow_state_id)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Partnerregistratie"
    assert Partner.objects.published().count() == 0
