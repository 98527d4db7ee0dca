"""POST /api/registrations/: same validation as the form, JSON errors, idempotency, limits."""

import json

import pytest

from django.core import mail

from partners.models import PartnerRegistration, RegistrationSource, RegistrationStatus
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db

URL = "/api/registrations/"


def post(client, body, **headers):
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    return client.post(URL, body, content_type="application/json", headers=headers)


@pytest.fixture
def committed(site_tree):
    """A transactional test: e-mails go out when the transaction commits, as in production."""
    helpers.restore_migration_data()
    return site_tree["directory"]


@pytest.mark.django_db(transaction=True)
def test_valid_registration_answers_201_and_mails_the_link(client, committed):
    response = post(client, helpers.api_data())
    assert response.status_code == 201, response.content
    body = response.json()
    registration = PartnerRegistration.objects.get()
    assert body["id"] == str(registration.public_id)
    assert body["status"] == "unverified"
    assert body["email_sent"] is True and body["duplicate"] is False
    assert registration.source == RegistrationSource.API
    assert registration.data["enterprise_number"] == "0353456320"
    assert registration.data["municipality"] == "Antwerpen"
    [message] = mail.outbox
    link = helpers.link_in_mail(message, "/bevestigen/")
    assert client.get(helpers.path_of(link)).status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("enterprise_number", "0353.456.321", "het controlegetal is fout"),
        ("postcode", "1999", "Postcode 1999 bestaat niet in België."),
        ("kinds", [], "Kies minstens één vorm van werkplekleren."),
        ("sector", "bestaat-niet", "Kies een sector uit de lijst."),
        ("consent_privacy", False, "Ga akkoord met de privacyverklaring"),
        ("places_per_year", 501, "Vul hoogstens 500 in."),
        ("contact_email", "karel@", "Vul een geldig e-mailadres in"),
    ],
)
def test_the_forms_rules_and_dutch_messages_apply(client, directory, field, value, message):
    response = post(client, helpers.api_data(**{field: value}))
    assert response.status_code == 400
    body = response.json()
    assert any(message in text for text in body["errors"][field])
    assert not PartnerRegistration.objects.exists()


def test_missing_fields_are_listed(client, directory):
    response = post(client, {"name": "Alleen een naam"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    for field in ("enterprise_number", "street", "postcode", "sector", "contact_email", "kinds"):
        assert field in errors


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", 12, "Verwacht tekst."),
        ("kinds", "leerlingenstage", "Verwacht een lijst"),
        ("kinds", [1, 2], "Verwacht een lijst"),
        ("places_per_year", "3", "Verwacht een geheel getal."),
        ("places_per_year", True, "Verwacht een geheel getal."),
        ("places_per_year", 2.5, "Verwacht een geheel getal."),
        ("mentor_available", "ja", "Verwacht true of false."),
        ("consent_publication", 1, "Verwacht true of false."),
        ("favourite_colour", "blauw", "Onbekend veld."),
    ],
)
def test_wrong_types_are_field_errors_not_crashes(client, directory, field, value, message):
    response = post(client, helpers.api_data(**{field: value}))
    assert response.status_code == 400
    assert any(message in text for text in response.json()["errors"][field])


@pytest.mark.parametrize("body", ["{kapot", "", "[1, 2]", '"tekst"', "null", b"\xff\xfe"])
def test_broken_json_is_a_400(client, directory, body):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["message"]


def test_idempotency_key_replays_and_conflicts(
    client, directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, helpers.api_data(), **{"Idempotency-Key": "abc-123"})
        again = post(client, helpers.api_data(), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert again.json()["duplicate"] is True
    assert PartnerRegistration.objects.count() == 1
    assert len(mail.outbox) == 1

    other = post(client, helpers.api_data(places_per_year=9), **{"Idempotency-Key": "abc-123"})
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["errors"]
    bad_key = post(client, helpers.api_data(), **{"Idempotency-Key": "met spatie"})
    assert bad_key.status_code == 400


def test_same_body_without_key_is_recognised(client, directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, helpers.api_data())
        second = post(client, helpers.api_data())
    assert second.status_code == 201 and second.json()["duplicate"] is True
    assert PartnerRegistration.objects.count() == 1


def test_rate_limited_like_the_form(client, directory, settings):
    settings.REGISTRATION_RATE_LIMITS = {"submit": (1, 3600)}
    post(client, {"name": ""})
    response = post(client, helpers.api_data())
    assert response.status_code == 429
    assert "Te veel aanvragen" in response.json()["message"]


@pytest.mark.django_db(transaction=True)
def test_failed_mail_is_reported_not_a_500(client, committed, settings):
    helpers.failing_mailers(settings)
    response = post(client, helpers.api_data())
    assert response.status_code == 201
    assert response.json()["email_sent"] is False
    assert PartnerRegistration.objects.get().status == RegistrationStatus.UNVERIFIED


def test_openapi_documents_request_and_responses(client):
    schema = client.get("/api/openapi.json").json()
    operation = schema["paths"]["/api/registrations/"]["post"]
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    for field in ("name", "enterprise_number", "kinds", "consent_privacy"):
        assert field in request_schema["properties"]
    assert {"201", "400", "422", "429"} <= set(operation["responses"])
    assert any(p["name"] == "Idempotency-Key" for p in operation["parameters"])
