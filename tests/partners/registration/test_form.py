"""The registration form: every field's Dutch message, accessibility, honeypot, rate limit."""

import re

import pytest

from partners.models import PartnerRegistration
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db

INVALID = [
    ("kind", "fabriek", "Kies wat voor organisatie het is."),
    ("name", "", "Vul de naam van uw organisatie in."),
    ("name", "x" * 201, "Gebruik hoogstens 200 tekens (nu 201)."),
    ("enterprise_number", "", "Vul het ondernemingsnummer in."),
    ("enterprise_number", "0566.988.258", "het controlegetal is fout"),
    ("enterprise_number", "2.147.812.701", "Dit lijkt een vestigingsnummer."),
    ("enterprise_number", "12345", "Een ondernemingsnummer bestaat uit 10 cijfers"),
    ("website", "niet zomaar tekst", "Dit is geen geldig webadres."),
    ("street", "", "Vul de straat en het huisnummer in."),
    ("postcode", "", "Vul de postcode in."),
    ("postcode", "90", "Een Belgische postcode bestaat uit 4 cijfers"),
    ("postcode", "1999", "Postcode 1999 bestaat niet in België."),
    ("municipality", "Brugge", "Brugge hoort niet bij postcode 9000."),
    ("sector", "", "Kies de sector van uw organisatie."),
    ("sector", "bestaat-niet", "Kies een sector uit de lijst."),
    ("description", "x" * 1501, "Gebruik hoogstens 1500 tekens (nu 1501)."),
    ("contact_name", "", "Vul de naam van de contactpersoon in."),
    ("contact_role", "x" * 121, "Gebruik hoogstens 120 tekens (nu 121)."),
    ("contact_email", "", "Vul het e-mailadres van de contactpersoon in."),
    ("contact_email", "an@", "Vul een geldig e-mailadres in, zoals naam@bedrijf.be."),
    ("contact_phone", "bel me", "Een telefoonnummer bevat alleen cijfers"),
    ("contact_phone", "09 234 56", "Dit Belgische nummer heeft niet het juiste aantal cijfers"),
    ("kinds", [], "Kies minstens één vorm van werkplekleren."),
    ("kinds", ["stage-op-de-maan"], "stage-op-de-maan staat niet in de lijst"),
    ("study_domains", [], "Kies minstens één studiedomein."),
    ("education_forms", ["onbekend"], "onbekend staat niet in de lijst"),
    ("places_per_year", "", "Vul een aantal in (0 als u nu geen plaats hebt)."),
    ("places_per_year", "twee", "Vul een getal in, bijvoorbeeld 2."),
    ("places_per_year", "-1", "Het aantal kan niet kleiner zijn dan 0."),
    ("places_per_year", "501", "Vul hoogstens 500 in."),
    ("mentor_available", "", "Kies ja of nee: is er een vaste mentor?"),
    ("mentor_available", "misschien", "Kies ja of nee: is er een vaste mentor?"),
    ("mentor_trained", "", "Kies ja of nee: volgde de mentor een mentoropleiding?"),
    ("consent_privacy", None, "Ga akkoord met de privacyverklaring om u te registreren."),
    ("consent_publication", None, "Zonder dit akkoord kunnen we uw organisatie niet"),
]


@pytest.mark.parametrize(("field", "value", "message"), INVALID)
def test_every_invalid_field_has_its_dutch_message_next_to_it(
    client, directory, field, value, message
):
    data = helpers.form_data(**{field: value})
    response = helpers.preview(client, directory, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    # Next to the field, referenced by the field (or its fieldset) and in the summary.
    error_id = f"id_{field}_error"
    assert f'id="{error_id}"' in html
    assert re.search(rf'aria-describedby="[^"]*{error_id}', html)
    assert 'class="error-summary"' in html
    assert re.search(rf'href="#id_{field}(_0)?"', html)
    assert not PartnerRegistration.objects.exists()


def test_cross_field_rule_on_the_mentor(client, directory):
    data = helpers.form_data(mentor_available="nee", mentor_trained="ja")
    html = helpers.preview(client, directory, data).content.decode()
    assert "Zonder vaste mentor kan er geen opgeleide mentor zijn." in html


def test_the_form_keeps_what_was_typed(client, directory):
    data = helpers.form_data(postcode="12", kinds=["snuffelstage"], mentor_available="ja")
    html = helpers.preview(client, directory, data).content.decode()
    assert 'value="Bakkerij De Korenaar"' in html
    assert 'value="Veldstraat 12"' in html
    assert 'value="12"' in html
    assert re.search(r'<input[^>]*value="snuffelstage"[^>]*checked', html)
    assert 'aria-invalid="true"' in html
    # The summary takes the focus when the page loads.
    assert re.search(r'class="error-summary"[^>]*autofocus', html)


def test_error_page_title_says_there_is_an_error(client, directory):
    html = helpers.preview(client, directory, helpers.form_data(name="")).content.decode()
    assert "<title>Fout: Registreer uw organisatie" in html


def test_preview_shows_the_public_listing_and_the_private_data_apart(client, directory):
    html = helpers.preview(client, directory, helpers.form_data()).content.decode()
    listing, _, private = html.partition('id="registration-private-title"')
    assert "Bakkerij De Korenaar" in listing
    assert "an@korenaar.example" not in listing
    assert "an@korenaar.example" in private
    assert "Bevestigen en versturen" in private and "Aanpassen" in private


def test_aanpassen_brings_the_form_back_filled_in(client, directory):
    preview = helpers.preview(client, directory, helpers.form_data())
    response = client.post(
        helpers.register_url(directory),
        {"payload": helpers.payload_from(preview), "action": "edit"},
    )
    html = response.content.decode()
    assert "<h1>Registreer uw organisatie</h1>" in html
    assert 'value="Bakkerij De Korenaar"' in html
    assert 'class="error-summary"' not in html
    assert not PartnerRegistration.objects.exists()


def test_a_tampered_payload_is_refused_without_saving(client, directory):
    preview = helpers.preview(client, directory, helpers.form_data())
    payload = helpers.payload_from(preview)
    response = client.post(
        helpers.register_url(directory), {"payload": payload[:-2] + "xx", "action": "submit"}
    )
    assert response.status_code == 400
    assert "We konden uw gegevens niet teruglezen" in response.content.decode()
    assert not PartnerRegistration.objects.exists()


def test_honeypot_answers_like_success_but_stores_nothing(client, directory, mailoutbox):
    response = helpers.preview(client, directory, helpers.form_data(fax="spam"))
    assert response.status_code == 200
    assert "Bijna klaar" in response.content.decode()
    assert not PartnerRegistration.objects.exists()
    assert not mailoutbox


def test_rate_limit_per_address_with_a_dutch_message(client, directory, settings):
    settings.REGISTRATION_RATE_LIMITS = {"preview": (2, 3600)}
    for _ in range(2):
        assert helpers.preview(client, directory, helpers.form_data(name="")).status_code == 200
    response = helpers.preview(client, directory, helpers.form_data(name=""))
    assert response.status_code == 429
    assert "te veel aanvragen" in response.content.decode()
    # Another address is not affected.
    other = client.post(
        helpers.register_url(directory),
        {**helpers.form_data(name=""), "action": "preview"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert other.status_code == 200


def test_privacy_link_in_the_consent(client, directory, home):
    from portal.core.models import ContentPage

    privacy = ContentPage(title="Privacyverklaring", slug="privacy")
    home.add_child(instance=privacy)
    privacy.save_revision().publish()
    html = client.get(helpers.register_url(directory)).content.decode()
    assert f'href="{privacy.url}"' in html
