"""Self-service with the management link: update (reviewed), confirm and withdraw (at once)."""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from wagtail.models import ModelLogEntry, WorkflowState

from partners.models import Partner, PartnerRegistration, RegistrationKind, RegistrationStatus
from partners.registration import tokens
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(directory, moderator, django_capture_on_commit_callbacks):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    helpers.approve(registration, moderator, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    return registration.partner


def test_manage_page_shows_the_three_actions_privately(client, approved, directory):
    response = client.get(helpers.manage_path(approved, directory))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ja, alles klopt nog" in html
    assert "Gegevens wijzigen" in html
    assert "Vermelding intrekken" in html
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_tampered_or_unknown_management_link_is_refused(client, approved, directory):
    path = helpers.manage_path(approved, directory)
    token = path.rstrip("/").rsplit("/", 1)[1]
    broken = path.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))
    response = client.get(broken)
    assert response.status_code == 404
    assert "Deze beheerlink werkt niet" in response.content.decode()


def test_update_is_reviewed_while_the_live_version_stays(
    client, approved, directory, moderator, django_capture_on_commit_callbacks
):
    update_path = helpers.manage_path(approved, directory, "manage_update")
    form = client.get(update_path)
    assert form.status_code == 200
    assert "Bakkerij De Korenaar" in form.content.decode()

    data = helpers.update_data(name="Bakkerij De Korenaar & Zonen", token="c" * 32)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(update_path, data)
    assert response.status_code == 302
    assert response["Location"].endswith("?gedaan=gewijzigd")

    partner = Partner.objects.get(pk=approved.pk)
    assert partner.live and partner.name == "Bakkerij De Korenaar", "live version unchanged"
    assert partner.get_latest_revision_as_object().name == "Bakkerij De Korenaar & Zonen"
    update = PartnerRegistration.objects.get(kind=RegistrationKind.UPDATE)
    assert update.status == RegistrationStatus.IN_REVIEW
    state = WorkflowState.objects.get(pk=update.workflow_state_id)
    assert state.status == "in_progress" and state.workflow.name == "Partnerregistratie"
    assert helpers.outbox_to("an@korenaar.example")[0].subject == "We hebben uw wijziging ontvangen"
    logged = set(
        ModelLogEntry.objects.filter(object_id=str(partner.pk)).values_list("action", flat=True)
    )
    assert {"partners.partner.change_submitted", "wagtail.workflow.start"} <= logged
    # The public page still shows the live name.
    assert "Bakkerij De Korenaar &amp; Zonen" not in client.get(partner.url).content.decode()

    # The same form sent twice (double click) is one update.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(update_path, data)
    assert PartnerRegistration.objects.filter(kind=RegistrationKind.UPDATE).count() == 1

    mail.outbox.clear()
    helpers.approve(update, moderator, django_capture_on_commit_callbacks)
    partner.refresh_from_db()
    assert partner.name == "Bakkerij De Korenaar & Zonen"
    [message] = helpers.outbox_to("an@korenaar.example")
    assert message.subject == "Uw wijziging staat online"
    # The mail's link keeps working after an approved update: it opens the management page.
    link = helpers.link_in_mail(message, "/beheer/")
    assert helpers.path_of(link) == helpers.manage_path(partner, directory)
    followed = client.get(helpers.path_of(link))
    assert followed.status_code == 200
    assert "Ja, alles klopt nog" in followed.content.decode()


def test_update_with_errors_shows_them_and_keeps_the_input(client, approved, directory):
    update_path = helpers.manage_path(approved, directory, "manage_update")
    response = client.post(update_path, helpers.update_data(postcode="99999", street=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een Belgische postcode bestaat uit 4 cijfers" in html
    assert "Vul de straat en het huisnummer in." in html
    assert 'value="99999"' in html
    assert not PartnerRegistration.objects.filter(kind=RegistrationKind.UPDATE).exists()


def test_confirm_updates_last_confirmed_at_once(client, approved, directory):
    Partner.objects.filter(pk=approved.pk).update(last_confirmed=datetime.date(2020, 1, 1))
    response = client.post(helpers.manage_path(approved, directory), {"action": "confirm"})
    assert response.status_code == 302
    approved.refresh_from_db()
    assert approved.last_confirmed == timezone.localdate()
    assert ModelLogEntry.objects.filter(
        object_id=str(approved.pk), action="partners.partner.confirmed"
    ).exists()
    page = client.get(response["Location"])
    assert "We noteerden dat uw gegevens nog kloppen" in page.content.decode()


def test_withdraw_unpublishes_at_once_and_kills_the_link(
    client, approved, directory, django_capture_on_commit_callbacks
):
    manage = helpers.manage_path(approved, directory)
    withdraw = helpers.manage_path(approved, directory, "manage_withdraw")
    assert client.get(withdraw).status_code == 200
    assert Partner.objects.get(pk=approved.pk).live, "a GET withdraws nothing"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(withdraw)
    assert response.status_code == 200
    assert "Uw vermelding is ingetrokken" in response.content.decode()
    partner = Partner.objects.get(pk=approved.pk)
    assert not partner.live
    assert client.get(partner.url).status_code == 404
    assert client.get(manage).status_code == 404
    assert client.post(manage, {"action": "confirm"}).status_code == 404
    logged = set(
        ModelLogEntry.objects.filter(object_id=str(partner.pk)).values_list("action", flat=True)
    )
    assert {"wagtail.unpublish", "partners.partner.withdrawn"} <= logged
    [message] = helpers.outbox_to("an@korenaar.example")
    assert message.subject == "Uw vermelding is uit de partnergids gehaald"


def test_withdraw_during_a_pending_update_cancels_it(
    client, approved, directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            helpers.manage_path(approved, directory, "manage_update"),
            helpers.update_data(name="Nieuwe naam", token="d" * 32),
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(helpers.manage_path(approved, directory, "manage_withdraw"))
    update = PartnerRegistration.objects.get(kind=RegistrationKind.UPDATE)
    assert update.status == RegistrationStatus.WITHDRAWN
    assert not WorkflowState.objects.filter(
        object_id=str(approved.pk), status__in=["in_progress", "needs_changes"]
    ).exists()


def test_a_new_registration_of_the_same_partner_replaces_the_link(
    client, approved, directory, moderator, django_capture_on_commit_callbacks
):
    old_manage = helpers.manage_path(approved, directory)
    again = helpers.in_review(
        django_capture_on_commit_callbacks, token="e" * 32, places_per_year="4"
    )
    assert again.partner_id == approved.pk
    helpers.approve(again, moderator, django_capture_on_commit_callbacks)
    assert client.get(old_manage).status_code == 404
    assert client.get(helpers.manage_path(approved, directory)).status_code == 200


def test_management_token_is_bound_to_its_partner():
    with pytest.raises(tokens.TokenInvalid):
        tokens.read_manage_token("not-a-token")
