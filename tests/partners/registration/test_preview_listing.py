"""The registration's "controleer" step shows exactly what the listing shows once approved.

The preview and the published page's contact form (`<partner>/contact/`) render the same include
(partners/includes/partner_listing.html); this compares them field by field after a real approval, so a field
that one of them words differently (places "not confirmed", "not contactable", a language the
form never asked) shows up here.
"""

import re
from html import unescape

import pytest

from partners.models import Partner
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db


def text(html):
    """What a reader sees: tags become spaces (list items are separate words)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def listing(html):
    """The listing's fields as a visitor reads them."""
    article = re.search(r'<article class="container partner">(.*?)</article>', html, re.S)
    assert article, "no partner listing on the page"
    article = article.group(1)
    aside = re.search(r'<aside class="partner__contact".*?</aside>', article, re.S).group(0)
    return {
        "name": text(re.search(r'class="partner__title">(.*?)</h[12]>', article, re.S).group(1)),
        "lead": text(re.search(r'<p class="lead">(.*?)</p>', article, re.S).group(1)),
        "description": text(re.search(r'<div class="prose">(.*?)</div>', article, re.S).group(1)),
        "facts": [
            (text(dt), text(dd))
            for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", article, re.S)
        ],
        "address": text(
            re.search(r'<address class="partner__address">(.*?)</address>', article, re.S).group(1)
        ),
        "confirmed": text(
            re.search(r'<p class="partner__confirmed">(.*?)</p>', article, re.S).group(1)
        ),
        "links": re.findall(r'<a href="([^"]+)"', article.replace(aside, "")),
        "contact": text(re.sub(r"<form.*?</form>", "", aside, flags=re.S)),
        "contact_fields": re.findall(r'<label[^>]*for="([^"]+)"', aside),
    }


def test_preview_shows_what_the_published_listing_shows(
    client, directory, moderator, django_capture_on_commit_callbacks
):
    data = helpers.form_data(education_forms=["arbeidsmarkt"], places_per_year="2")
    preview = helpers.preview(client, directory, data)
    assert preview.status_code == 200
    preview_html = preview.content.decode()
    assert len(re.findall(r"<h1\b", preview_html)) == 1, "the preview page has one h1"

    with django_capture_on_commit_callbacks(execute=True):
        helpers.submit(client, directory, data)
    [verify] = helpers.outbox_to("an@korenaar.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(helpers.path_of(helpers.link_in_mail(verify, "/bevestigen/")))
    registration = Partner.objects.get(name="Bakkerij De Korenaar").registrations.get()
    helpers.approve(registration, moderator, django_capture_on_commit_callbacks)
    partner = Partner.objects.get(pk=registration.partner_id)
    # The listing with its contact form (the partner page itself links to it: kept at the edge).
    assert f'href="{partner.url}contact/#contact"' in client.get(partner.url).content.decode()
    published = client.get(partner.url + "contact/")
    assert published.status_code == 200

    expected, shown = listing(published.content.decode()), listing(preview_html)
    for field, value in expected.items():
        assert shown[field] == value, field

    facts = dict(expected["facts"])
    # What the form asked, as the company entered it.
    assert facts["Vormen van werkplekleren"] == "Leerlingenstage Snuffelstage"
    assert facts["Studiedomeinen"] == "Voeding en horeca"
    assert facts["Onderwijsvormen"] == "Arbeidsmarktfinaliteit"
    assert next(v for k, v in facts.items() if k.startswith("Plaatsen in schooljaar")) == (
        "2 leerlingen"
    )
    assert facts["Mentor"] == "Er is een mentor (zonder mentoropleiding)."
    # The form does not ask for languages: the listing shows none.
    assert "Begeleiding in" not in facts
    # It can be contacted through the portal: the form, not "niet te contacteren".
    assert "Stuur Bakkerij De Korenaar een bericht" in expected["contact"]
    assert expected["contact_fields"] == [
        "contact-naam",
        "contact-email",
        "contact-organisatie",
        "contact-bericht",
        "contact-uw_website",
    ]
    assert expected["name"] == "Bakkerij De Korenaar"
    assert expected["lead"] == "Bedrijf · Voeding · Gent, Oost-Vlaanderen"
