"""A partner's page and its contact form."""

import json
import re

import pytest
import wagtail_factories

from django.core import mail
from django.test import Client

from tests.partners.factories import PartnerFactory, published_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(site_tree):
    return published_partner(
        name="Bakkerij Korenbloem (fictief)",
        description="<p>Ambachtelijke bakkerij.</p>",
        street="Korenmarkt 5",
        postcode="9000",
        municipality="Gent",
        kinds=["snuffelstage", "leerlingenstage"],
        study_domains=["voeding-en-horeca"],
        education_forms=["arbeidsmarkt", "dbso"],
        places_per_year=3,
        mentor_available=True,
        mentor_trained=True,
        languages=["nl", "fr"],
        website="https://korenbloem.example",
        contact_name="Griet Geheim",
        contact_email="griet.geheim@korenbloem.example",
        contact_phone="+3292345678",
    )


def url(partner):
    return f"/partners/{partner.slug}/"


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_the_page_shows_what_the_partner_offers(client, partner):
    response = client.get(url(partner))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for text in [
        "Bakkerij Korenbloem (fictief)",
        "Ambachtelijke bakkerij.",
        "Snuffelstage",
        "Leerlingenstage",
        "Voeding en horeca",
        "Arbeidsmarktfinaliteit",
        "Deeltijds beroepssecundair onderwijs (DBSO)",
        "Korenmarkt 5",
        "9000 Gent",
        "Oost-Vlaanderen",
        "3 leerlingen",
        "Er is een mentor, die een mentoropleiding volgde.",
        "Nederlands, Frans",
        "De partner bevestigde deze gegevens op",
        "https://www.openstreetmap.org/search?query=Korenmarkt+5%2C+9000+Gent%2C+Belgi%C3%AB",
        'rel="canonical" href="http://testserver/partners/bakkerij-korenbloem-fictief/"',
    ]:
        assert text in html, text
    assert "<iframe" not in html


def test_the_contact_details_are_never_on_the_page(client, partner):
    html = client.get(url(partner)).content.decode()
    for secret in ["griet.geheim", "Griet Geheim", "+3292345678", "234 56 78"]:
        assert secret not in html


def test_json_ld_is_a_valid_organization(client, partner):
    data = json_ld(client.get(url(partner)).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Bakkerij Korenbloem (fictief)"
    assert data["address"]["postalCode"] == "9000"
    assert data["address"]["addressCountry"] == "BE"
    assert data["url"].endswith(url(partner))
    assert data["sameAs"] == ["https://korenbloem.example"]
    assert "email" not in data and "telephone" not in data


def test_json_ld_cannot_close_its_script_element(client, site_tree):
    partner = published_partner(
        name="Kwaad </script><script>alert(1)</script> & co (fictief)",
        description="<p>Test &amp; <b>vet</b></p>",
    )
    html = client.get(url(partner)).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block
    assert json.loads(block)["name"] == partner.name


def test_the_logo_is_a_webp_rendition_with_srcset(client, site_tree, media_root):
    logo = wagtail_factories.ImageFactory(title="Logo", file__width=640, file__height=480)
    partner = published_partner(logo=logo)
    html = client.get(url(partner)).content.decode()
    assert re.search(r'<img[^>]+srcset="[^"]+\.webp 160w, [^"]+\.webp 320w"', html)
    assert json_ld(html)["logo"].startswith("http://testserver/")


def test_drafts_and_unknown_partners_are_404(client, site_tree):
    draft = PartnerFactory(name="Concept (fictief)")
    assert client.get(url(draft)).status_code == 404
    assert client.get("/partners/bestaat-niet/").status_code == 404


def test_a_live_partner_shows_its_live_version_not_its_draft(client, partner):
    partner.name = "Nieuwe Naam In Concept"
    partner.save_revision()
    html = client.get(url(partner)).content.decode()
    assert "Bakkerij Korenbloem (fictief)" in html
    assert "Nieuwe Naam In Concept" not in html


MESSAGE = {
    "naam": "Leen Leerkracht",
    "email": "leen@school.example",
    "organisatie": "Technisch Instituut (fictief)",
    "bericht": "Wij zoeken een snuffelstage voor twee leerlingen in maart.",
    "uw_website": "",
}


def test_the_contact_form_sends_the_message_and_a_copy(client, partner):
    response = client.post(url(partner), MESSAGE)
    assert response.status_code == 302
    assert response["Location"] == f"{url(partner)}?verzonden=1#contact"
    assert len(mail.outbox) == 2
    to_partner, copy = mail.outbox
    assert to_partner.to == ["griet.geheim@korenbloem.example"]
    assert to_partner.reply_to == ["leen@school.example"]
    assert "Leen Leerkracht" in to_partner.subject
    assert "Wij zoeken een snuffelstage" in to_partner.body
    assert "Technisch Instituut (fictief)" in to_partner.body
    html_body = to_partner.alternatives[0].content
    assert "Wij zoeken een snuffelstage" in html_body and "<blockquote" in html_body
    assert copy.to == ["leen@school.example"]
    assert "Bakkerij Korenbloem (fictief)" in copy.subject
    assert "Wij zoeken een snuffelstage" in copy.body
    # The copy never reveals the contact person's address.
    assert "griet" not in copy.body + copy.alternatives[0].content + str(copy.message())
    followed = client.get(response["Location"]).content.decode()
    assert "Uw bericht is verstuurd." in followed


def test_html_in_a_message_is_escaped_in_the_html_mail(client, partner):
    client.post(url(partner), {**MESSAGE, "bericht": "<script>alert(1)</script> lange tekst hier"})
    html_body = mail.outbox[0].alternatives[0].content
    assert "<script>" not in html_body and "&lt;script&gt;" in html_body


def test_invalid_messages_get_dutch_errors_and_send_nothing(client, partner):
    response = client.post(
        url(partner), {**MESSAGE, "email": "geen-adres", "bericht": "kort", "naam": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Controleer het formulier" in html
    assert "Vul uw naam in." in html
    assert "Vul een geldig e-mailadres in" in html
    assert "Uw bericht is te kort" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="contact-email_helptext contact-email_error"' in html
    assert 'href="#contact-naam"' in html  # the summary links to the field
    assert mail.outbox == []


def test_the_honeypot_refuses_and_sends_nothing(client, partner):
    response = client.post(url(partner), {**MESSAGE, "uw_website": "https://spam.example"})
    assert response.status_code == 400
    assert "het formulier lijkt automatisch ingevuld" in response.content.decode()
    assert mail.outbox == []


def test_the_rate_limit_per_ip_refuses_with_a_dutch_message(client, partner, settings):
    settings.PARTNERS_CONTACT_LIMIT = 2
    for _attempt in range(2):
        assert client.post(url(partner), MESSAGE).status_code == 302
    assert len(mail.outbox) == 4
    response = client.post(url(partner), MESSAGE)
    assert response.status_code == 429
    assert "te veel berichten verstuurd" in response.content.decode()
    assert len(mail.outbox) == 4
    # Another address is not limited.
    other = client.post(url(partner), MESSAGE, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_the_form_is_csrf_protected(partner):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(partner), MESSAGE).status_code == 403
    assert strict.post(url(partner) + "contact/", MESSAGE).status_code == 403
    assert mail.outbox == []
    html = strict.get(url(partner) + "contact/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in html


def test_the_page_links_to_its_form_and_may_be_kept_at_the_edge(client, partner):
    # The page has no form, so no CSRF token or cookie: it is public like any other page.
    response = client.get(url(partner))
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in html
    assert 'name="bericht"' not in html
    assert f'href="{url(partner)}contact/#contact"' in html
    assert "csrftoken" not in response.cookies
    assert "public" in response["Cache-Control"]
    # The form is on its own address, never stored.
    form = client.get(url(partner) + "contact/")
    assert form.status_code == 200
    assert 'name="bericht"' in form.content.decode()
    assert "no-store" in form["Cache-Control"] and "private" in form["Cache-Control"]
    # A message sent from there comes back to the partner page.
    sent = client.post(url(partner) + "contact/", MESSAGE)
    assert sent["Location"] == f"{url(partner)}?verzonden=1#contact"
    assert len(mail.outbox) == 2


def test_a_newline_in_the_name_cannot_inject_mail_headers(client, partner):
    response = client.post(url(partner), {**MESSAGE, "naam": "Leen\r\nBcc: iedereen@example.org"})
    assert response.status_code == 400
    assert mail.outbox == []


def test_without_a_contact_address_there_is_no_form(client, site_tree):
    partner = published_partner(contact_email="")
    html = client.get(url(partner)).content.decode()
    assert "niet via het portaal te contacteren" in html
    assert 'name="bericht"' not in html
    assert client.post(url(partner), MESSAGE).status_code == 200
    assert mail.outbox == []


def test_behind_a_proxy_the_limit_counts_the_forwarded_address(client, partner, settings):
    settings.PARTNERS_CONTACT_LIMIT = 1
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    first = {**balancer, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    second = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.post(url(partner), MESSAGE, **first).status_code == 302
    assert client.post(url(partner), MESSAGE, **second).status_code == 302
    forged = {**balancer, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}
    assert client.post(url(partner), MESSAGE, **forged).status_code == 429


def test_after_the_contact_form_the_way_back_keeps_the_search(client, partner):
    """The partner page links to its contact form with the directory search on it, the form posts
    with it, the redirect keeps it, and the breadcrumb and "Terug naar de partnergids" still lead
    back to that search."""
    search = "bij=9000&straal=20&domein=voeding-en-horeca"
    contact = f"{url(partner)}contact/?{search}"
    page = client.get(f"{url(partner)}?{search}").content.decode()
    assert f'href="{contact.replace("&", "&amp;")}#contact"' in page
    form = client.get(contact).content.decode()
    assert f'action="{contact.replace("&", "&amp;")}#contact"' in form
    response = client.post(contact, MESSAGE)
    assert response["Location"] == f"{url(partner)}?{search}&verzonden=1#contact"
    assert len(mail.outbox) == 2
    followed = client.get(response["Location"]).content.decode()
    assert "Uw bericht is verstuurd." in followed
    back = f'href="/partners/?{search.replace("&", "&amp;")}"'
    assert followed.count(back) == 2  # breadcrumb and "Terug naar de partnergids"
