"""E-mail verification, new links, duplicate submits and a mailer that fails."""

import datetime
import threading
import time
from unittest import mock

import pytest

from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry, WorkflowState

from partners.models import Partner, PartnerRegistration, RegistrationStatus
from partners.registration import services, tokens
from tests.partners.registration import helpers
from tests.support.otp import sign_in


def _created(capture, **overrides):
    with capture(execute=True):
        registration, _ = services.create_registration(helpers.registration_data(**overrides))
    return registration


def _old_token(registration, hours):
    past = time.time() - hours * 3600
    with mock.patch("django.core.signing.time.time", return_value=past):
        return tokens.make_verify_token(registration)


def _verify_path(directory, token):
    return directory.url + directory.reverse_subpage("register_verify", args=[token])


@pytest.mark.django_db
class TestLinks:
    def test_link_is_valid_for_72_hours(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        response = client.get(_verify_path(directory, _old_token(registration, 71)))
        assert response.status_code == 200
        assert "Ja, bevestig mijn e-mailadres" in response.content.decode()

    def test_expired_link_gets_a_clear_page_and_a_way_to_a_new_one(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        path = _verify_path(directory, _old_token(registration, 73))
        response = client.get(path)
        assert response.status_code == 410
        html = response.content.decode()
        assert "Deze link is verlopen" in html
        assert directory.reverse_subpage("register_new_link") in html
        assert client.post(path).status_code == 410
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.UNVERIFIED

    @pytest.mark.parametrize(
        "mangle",
        [
            lambda t: t[:-4],
            lambda t: t[:10] + ("B" if t[10] != "B" else "C") + t[11:],
            lambda t: "dit-is-geen-link",
        ],
    )
    def test_tampered_link_is_refused(
        self, client, directory, mangle, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        path = _verify_path(directory, mangle(tokens.make_verify_token(registration)))
        for response in (client.get(path), client.post(path)):
            assert response.status_code == 400
            assert "Deze link werkt niet" in response.content.decode()
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.UNVERIFIED

    def test_a_link_for_another_purpose_is_refused(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        wrong_salt = tokens._for_path(tokens.make_result_token(registration))
        assert client.get(_verify_path(directory, wrong_salt)).status_code == 400

    def test_the_page_after_sending_names_the_address_for_two_hours_only(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        done = directory.url + directory.reverse_subpage("register_done")
        for hours, shown in ((1.9, True), (2.1, False)):
            past = time.time() - hours * 3600
            with mock.patch("django.core.signing.time.time", return_value=past):
                token = tokens.make_result_token(registration)
            html = client.get(done, {"r": token}).content.decode()
            assert (registration.contact_email in html) is shown, hours

    def test_following_the_link_twice_is_harmless(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        path = helpers.verify_path(registration, directory)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(path)
            second = client.post(path)
        assert "U had dit e-mailadres al bevestigd" in second.content.decode()
        assert Partner.objects.count() == 1
        assert WorkflowState.objects.count() == 1
        # Even an expired link says so once the address is confirmed.
        expired = client.get(_verify_path(directory, _old_token(registration, 100)))
        assert expired.status_code == 200
        assert "al bevestigd" in expired.content.decode()

    def test_new_link_request_answers_the_same_for_known_and_unknown_addresses(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        mail.outbox.clear()
        url = directory.url + directory.reverse_subpage("register_new_link")
        assert client.get(url).status_code == 200
        known = client.post(url, {"email": "an@KORENAAR.example"})
        unknown = client.post(url, {"email": "niemand@nergens.example"})
        assert known.status_code == unknown.status_code == 200

        def body(response):
            html = response.content.decode()
            return html[html.index("<main") :]

        assert body(known) == body(unknown)
        [message] = mail.outbox
        assert message.to == ["an@korenaar.example"]
        fresh = helpers.link_in_mail(message, "/bevestigen/")
        assert client.get(helpers.path_of(fresh)).status_code == 200
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.UNVERIFIED

    def test_new_link_is_not_sent_for_a_verified_registration(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        helpers.in_review(django_capture_on_commit_callbacks)
        mail.outbox.clear()
        url = directory.url + directory.reverse_subpage("register_new_link")
        client.post(url, {"email": "an@korenaar.example"})
        assert mail.outbox == []

    def test_new_link_form_validates_the_address(self, client, directory):
        url = directory.url + directory.reverse_subpage("register_new_link")
        response = client.post(url, {"email": "geen adres"})
        assert "Vul een geldig e-mailadres in" in response.content.decode()


@pytest.mark.django_db
class TestDuplicates:
    def test_same_one_time_token_twice_is_one_registration_and_one_mail(
        self, client, directory, form_data, django_capture_on_commit_callbacks
    ):
        preview = helpers.preview(client, directory, form_data)
        payload = helpers.payload_from(preview)
        with django_capture_on_commit_callbacks(execute=True):
            first = client.post(
                helpers.register_url(directory), {"payload": payload, "action": "submit"}
            )
            second = client.post(
                helpers.register_url(directory), {"payload": payload, "action": "submit"}
            )
        assert first.status_code == second.status_code == 302
        assert PartnerRegistration.objects.count() == 1
        assert len(mail.outbox) == 1
        assert client.get(second["Location"]).status_code == 200

    def test_same_data_with_a_new_token_is_still_one_registration(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            helpers.submit(client, directory, helpers.form_data(token="1" * 32))
            helpers.submit(client, directory, helpers.form_data(token="2" * 32))
        assert PartnerRegistration.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_changed_data_after_sending_is_a_new_registration(
        self, client, directory, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            helpers.submit(client, directory, helpers.form_data())
            helpers.submit(client, directory, helpers.form_data(places_per_year="5"))
        assert PartnerRegistration.objects.count() == 2

    def test_database_rule_refuses_a_second_pending_copy(self, django_capture_on_commit_callbacks):
        from django.db import IntegrityError, transaction

        registration = _created(django_capture_on_commit_callbacks)
        with pytest.raises(IntegrityError), transaction.atomic():
            PartnerRegistration.objects.create(
                name=registration.name,
                contact_name=registration.contact_name,
                contact_email=registration.contact_email,
                data=registration.data,
                fingerprint=registration.fingerprint,
            )


@pytest.mark.django_db
class TestMailFailure:
    def test_failed_mail_keeps_a_complete_registration_visible_to_editors_with_a_retry(
        self, client, directory, settings, admin_user, django_capture_on_commit_callbacks
    ):
        helpers.failing_mailers(settings)
        with django_capture_on_commit_callbacks(execute=True):
            response = helpers.submit(client, directory, helpers.form_data())
        assert response.status_code == 302
        registration = PartnerRegistration.objects.get()
        assert registration.status == RegistrationStatus.UNVERIFIED
        assert registration.data["name"] == "Bakkerij De Korenaar"
        assert registration.consent_privacy_at and registration.consent_publication_at
        assert registration.verification_sent_at is None
        assert registration.mail_error.startswith(("ConnectionRefusedError", "OSError", "SMTP"))
        assert ModelLogEntry.objects.filter(
            object_id=str(registration.pk), action="partners.registration.mail_failed"
        ).exists()
        page = client.get(response["Location"]).content.decode()
        assert "Uw registratie is bewaard" in page
        assert "konden u de e-mail" in page

        sign_in(client, admin_user)
        listing = client.get(
            reverse("wagtailsnippets_partners_partnerregistration:list"), {"mail_failed": "true"}
        )
        assert "Bakkerij De Korenaar" in listing.content.decode()
        resend = reverse(
            "wagtailsnippets_partners_partnerregistration:resend", args=[registration.pk]
        )
        client.post(resend)
        registration.refresh_from_db()
        assert registration.verification_sent_at is None, "still failing"

        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        client.post(resend)
        registration.refresh_from_db()
        assert registration.verification_sent_at is not None
        assert registration.mail_error == ""
        assert len(mail.outbox) == 1

    def test_failed_mail_after_verification_leaves_the_review_started(
        self, directory, settings, django_capture_on_commit_callbacks
    ):
        registration = _created(django_capture_on_commit_callbacks)
        helpers.failing_mailers(settings)
        with django_capture_on_commit_callbacks(execute=True):
            services.verify_registration(registration.public_id)
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.IN_REVIEW
        assert registration.workflow_state_id is not None
        assert registration.mail_error


def _in_threads(target, count=2):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(target())
        except Exception as error:  # noqa: BLE001 - reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestConcurrency:
    @pytest.fixture(autouse=True)
    def _data(self, site_tree):
        helpers.restore_migration_data()

    def test_two_submits_at_once_with_one_token_make_one_registration(self):
        data = helpers.registration_data()
        results, errors = _in_threads(
            lambda: services.create_registration(data, idempotency_key="form:" + "f" * 32)
        )
        assert errors == []
        assert sorted(created for _, created in results) == [False, True]
        assert PartnerRegistration.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_two_form_posts_at_once_with_one_payload_make_one_registration(self, site_tree):
        from django.test import Client

        directory = site_tree["directory"]
        preview = helpers.preview(Client(), directory, helpers.form_data())
        payload = helpers.payload_from(preview)

        def post():
            response = Client().post(
                helpers.register_url(directory), {"payload": payload, "action": "submit"}
            )
            return response.status_code

        results, errors = _in_threads(post)
        assert errors == []
        assert results == [302, 302]
        assert PartnerRegistration.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_two_submits_at_once_with_the_same_data_make_one_registration(self):
        data = helpers.registration_data()
        keys = iter(["form:" + "1" * 32, "form:" + "2" * 32])
        lock = threading.Lock()

        def submit():
            with lock:
                key = next(keys)
            return services.create_registration(data, idempotency_key=key)

        results, errors = _in_threads(submit)
        assert errors == []
        assert PartnerRegistration.objects.count() == 1
        assert len({registration.pk for registration, _ in results}) == 1

    def test_two_verifications_at_once_start_one_review(self):
        registration, _ = services.create_registration(helpers.registration_data())
        results, errors = _in_threads(lambda: services.verify_registration(registration.public_id))
        assert errors == []
        assert sorted(result.value for result, _ in results) == ["already", "verified"]
        assert Partner.objects.count() == 1
        assert WorkflowState.objects.count() == 1

    def test_two_registrations_of_one_new_organisation_verified_at_once(self):
        first, _ = services.create_registration(helpers.registration_data())
        second, _ = services.create_registration(helpers.registration_data(places_per_year="7"))
        ids = iter([first.public_id, second.public_id])
        lock = threading.Lock()

        def verify():
            with lock:
                public_id = next(ids)
            return services.verify_registration(public_id)

        results, errors = _in_threads(verify)
        assert errors == []
        assert Partner.objects.count() == 1
        statuses = sorted(PartnerRegistration.objects.values_list("status", flat=True))
        assert statuses == ["in_review", "superseded"]
        assert WorkflowState.objects.filter(status="in_progress").count() == 1


def test_verify_max_age_is_72_hours():
    assert datetime.timedelta(hours=72) == tokens.VERIFY_MAX_AGE


@pytest.mark.django_db
def test_sending_the_same_data_later_resends_a_stale_link(
    client, directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        helpers.submit(client, directory, helpers.form_data(token="1" * 32))
    eleven_minutes_ago = timezone.now() - datetime.timedelta(minutes=11)
    PartnerRegistration.objects.update(
        created_at=eleven_minutes_ago, verification_sent_at=eleven_minutes_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = helpers.submit(client, directory, helpers.form_data(token="2" * 32))
    assert PartnerRegistration.objects.count() == 1
    assert len(mail.outbox) == 2
    page = client.get(response["Location"]).content.decode()
    assert "Deze registratie had u al verstuurd" in page
