"""Review in Wagtail's workflow: moderators see, approve or reject; the company hears of it."""

import pytest

from django.core import mail
from django.urls import reverse

from wagtail.models import ModelLogEntry, Revision, WorkflowState

from partners.models import Partner, PartnerAccessKey, RegistrationStatus
from tests.partners.factories import published_partner
from tests.partners.registration import helpers
from tests.support.otp import sign_in

pytestmark = pytest.mark.django_db


def actions(obj):
    return list(
        ModelLogEntry.objects.filter(
            content_type__model=obj._meta.model_name, object_id=str(obj.pk)
        )
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def test_verified_registration_waits_on_the_moderators_dashboard(
    client, directory, moderator, admin_user, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    sign_in(client, moderator)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert "Bakkerij De Korenaar" in dashboard.content.decode()
    # The moderators' queue: registrations waiting for review.
    queue = client.get(
        reverse("wagtailsnippets_partners_partnerregistration:list"), {"status": "in_review"}
    )
    assert queue.status_code == 200
    assert "Bakkerij De Korenaar" in queue.content.decode()
    # Wagtail's own notification reached the moderator (group member with an address).
    assert helpers.outbox_to("moderator@werkplekportaal.example")
    assert registration.status == RegistrationStatus.IN_REVIEW
    # Editors with page permissions also find it in Reports > Workflows.
    sign_in(client, admin_user)
    report = client.get(reverse("wagtailadmin_reports:workflow"))
    assert "Bakkerij De Korenaar" in report.content.decode()


def test_editors_mailbox_is_told_when_no_moderator_has_an_address(
    directory, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_EDITORS_EMAIL = "redactie@test.example"
    helpers.in_review(django_capture_on_commit_callbacks)
    to_editors = helpers.outbox_to("redactie@test.example")
    assert len(to_editors) == 1
    assert "Bakkerij De Korenaar" in to_editors[0].subject
    assert "/admin/snippets/partners/partnerregistration/inspect/" in to_editors[0].body


def test_approval_in_the_admin_publishes_and_mails_a_management_link(
    client, directory, moderator, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    sign_in(client, moderator)
    # As the dashboard's "Approve" button does it: in the background, then to the dashboard.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            helpers.workflow_action_url(registration, "approve"),
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    assert response.status_code == 200 and response.json()["step"] == "success"
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "‘Bakkerij De Korenaar’ is goedgekeurd." in dashboard

    registration.refresh_from_db()
    partner = registration.partner
    assert registration.status == RegistrationStatus.APPROVED
    assert partner.live
    assert Partner.objects.published().filter(pk=partner.pk).exists()
    assert partner.last_confirmed is not None
    assert PartnerAccessKey.objects.get(partner=partner).is_active

    [message] = helpers.outbox_to("an@korenaar.example")
    assert message.subject == "Uw organisatie staat in de partnergids"
    manage_link = helpers.link_in_mail(message, "/beheer/")
    assert client.get(helpers.path_of(manage_link)).status_code == 200
    html = message.alternatives[0].content
    assert manage_link in html
    # The public page answers now, and shows no contact data.
    page = client.get(partner.url)
    assert page.status_code == 200
    assert "an@korenaar.example" not in page.content.decode()

    assert actions(registration) == [
        "partners.registration.submitted",
        "partners.registration.mail_sent",
        "partners.registration.verified",
        "partners.registration.in_review",
        "partners.registration.mail_sent",
        "partners.registration.approved",
        "partners.registration.mail_sent",
    ]
    partner_actions = actions(partner)
    for action in (
        "partners.partner.registered",
        "wagtail.workflow.start",
        "wagtail.workflow.approve",
        "wagtail.publish",
    ):
        assert action in partner_actions


def test_rejection_mails_the_moderators_reason(
    client, directory, moderator, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    sign_in(client, moderator)
    reason = "Het ondernemingsnummer hoort bij een ander bedrijf."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            helpers.workflow_action_url(registration, "reject"), {"comment": reason}
        )
    assert response.status_code == 302
    landing = client.get(response["Location"]).content.decode()
    assert "‘Bakkerij De Korenaar’ is teruggestuurd voor aanpassingen." in landing
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.decision_comment == reason
    assert not registration.partner.live
    [message] = helpers.outbox_to("an@korenaar.example")
    assert message.subject == "Uw registratie werd niet goedgekeurd"
    assert reason in message.body
    assert reason in message.alternatives[0].content
    assert "partners.registration.rejected" in actions(registration)


def test_registration_of_a_known_enterprise_number_is_a_new_revision_of_that_partner(
    directory, django_capture_on_commit_callbacks
):
    existing = published_partner(name="Bakkerij Oud", enterprise_number="0566988259")
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    assert registration.partner_id == existing.pk
    assert not registration.created_partner
    existing.refresh_from_db()
    assert existing.live and existing.name == "Bakkerij Oud", "the live version stays"
    assert existing.has_unpublished_changes
    assert existing.get_latest_revision_as_object().name == "Bakkerij De Korenaar"
    assert Partner.objects.count() == 1


def test_a_newer_submission_replaces_the_one_in_review(
    directory, django_capture_on_commit_callbacks
):
    first = helpers.in_review(django_capture_on_commit_callbacks)
    second = helpers.in_review(
        django_capture_on_commit_callbacks, description="Nu ook met broodjes.", token="b" * 32
    )
    first.refresh_from_db()
    assert first.status == RegistrationStatus.SUPERSEDED
    assert second.status == RegistrationStatus.IN_REVIEW
    assert second.partner_id == first.partner_id
    states = WorkflowState.objects.filter(object_id=str(first.partner_id))
    assert sorted(states.values_list("status", flat=True)) == ["cancelled", "in_progress"]


def test_registrations_are_read_only_in_the_admin(
    client, directory, moderator, admin_user, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    for user in (moderator, admin_user):
        sign_in(client, user)
        listing = client.get(reverse("wagtailsnippets_partners_partnerregistration:list"))
        assert listing.status_code == 200
        assert "Bakkerij De Korenaar" in listing.content.decode()
        inspect = client.get(
            reverse("wagtailsnippets_partners_partnerregistration:inspect", args=[registration.pk])
        )
        assert inspect.status_code == 200
        html = inspect.content.decode()
        assert (
            reverse("wagtailsnippets_partners_partner:edit", args=[registration.partner_id]) in html
        )
        assert "Ambachtelijke bakkerij." in html
        edit = client.get(
            reverse("wagtailsnippets_partners_partnerregistration:edit", args=[registration.pk])
        )
        assert edit.status_code in (302, 403)
        add = client.get(reverse("wagtailsnippets_partners_partnerregistration:add"))
        assert add.status_code in (302, 403)
    # From the partner list back to its registrations.
    partners = client.get(reverse("wagtailsnippets_partners_partner:list"))
    assert f"?partner={registration.partner_id}" in partners.content.decode()
    filtered = client.get(
        reverse("wagtailsnippets_partners_partnerregistration:list"),
        {"partner": registration.partner_id, "status": "in_review"},
    )
    assert "Bakkerij De Korenaar" in filtered.content.decode()


def test_moderator_compares_the_revisions_of_an_update(
    client, directory, moderator, django_capture_on_commit_callbacks
):
    existing = published_partner(name="Bakkerij Oud", enterprise_number="0566988259")
    helpers.in_review(django_capture_on_commit_callbacks)
    revisions = Revision.objects.filter(object_id=str(existing.pk)).order_by("created_at")
    assert revisions.count() == 2
    sign_in(client, moderator)
    compare = client.get(
        reverse(
            "wagtailsnippets_partners_partner:revisions_compare",
            args=[existing.pk, revisions[0].pk, revisions[1].pk],
        )
    )
    assert compare.status_code == 200
    html = compare.content.decode()
    assert "Korenaar" in html and "Oud" in html


def test_approval_comment_reaches_the_company(
    directory, moderator, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    mail.outbox.clear()
    helpers.approve(
        registration, moderator, django_capture_on_commit_callbacks, comment="Welkom in de gids!"
    )
    [message] = helpers.outbox_to("an@korenaar.example")
    assert "Welkom in de gids!" in message.body


def test_changes_requested_then_approved_after_all_still_tells_the_company(
    directory, moderator, django_capture_on_commit_callbacks
):
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    state = WorkflowState.objects.get(pk=registration.workflow_state_id)
    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.specific.reject(user=moderator, comment="Typfout in de naam.")
    mail.outbox.clear()
    state.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        state.resume(user=moderator)
    state.refresh_from_db()
    helpers.approve(registration, moderator, django_capture_on_commit_callbacks)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert registration.partner.live
    [message] = helpers.outbox_to("an@korenaar.example")
    assert "/beheer/" in message.body


def test_preview_tells_that_the_enterprise_number_is_already_listed(client, directory):
    published_partner(name="Bakkerij Oud", enterprise_number="0566988259")
    html = helpers.preview(client, directory, helpers.form_data()).content.decode()
    assert "Er staat al een organisatie met dit ondernemingsnummer" in html
    assert "Bakkerij Oud" in html
