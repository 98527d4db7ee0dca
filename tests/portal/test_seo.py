"""What search engines and link previews see: titles and descriptions that editors set per
page, canonical URLs, Open Graph tags, the sitemap (partners included) and the error pages."""

import re

import pytest
import wagtail_factories

from django.test import RequestFactory

from portal import errors
from tests.factories import ContentPageFactory
from tests.partners.factories import PartnerFactory, published_partner

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def test_title_and_description_are_the_editors_seo_fields(client, site_tree):
    page = ContentPageFactory(
        parent=site_tree["home"],
        title="Over ons",
        slug="over-ons",
        intro="Wie we zijn.",
        seo_title="Wie maakt Werkplekportaal?",
        search_description="De redactie achter de gidsen en de partnergids.",
    )
    html = client.get(page.url).content.decode()
    assert "<title>Wie maakt Werkplekportaal? | Werkplekportaal</title>" in html
    assert meta(html, "name", "description") == "De redactie achter de gidsen en de partnergids."
    assert meta(html, "property", "og:title") == "Wie maakt Werkplekportaal?"
    assert meta(html, "property", "og:description") == (
        "De redactie achter de gidsen en de partnergids."
    )
    assert '<link rel="canonical" href="http://localhost/over-ons/">' in html
    assert meta(html, "property", "og:url") == "http://localhost/over-ons/"
    assert meta(html, "property", "og:locale") == "nl_BE"
    assert "<h1>Over ons</h1>" in html, "the page keeps its own title as heading"


def test_without_seo_fields_the_title_and_intro_are_used(client, site_tree):
    page = ContentPageFactory(parent=site_tree["home"], title="Privacy", intro="Wat we bewaren.")
    html = client.get(page.url).content.decode()
    assert "<title>Privacy | Werkplekportaal</title>" in html
    assert meta(html, "name", "description") == "Wat we bewaren."
    assert meta(html, "property", "og:image") is None
    assert meta(html, "name", "twitter:card") == "summary", "no large card without an image"


def test_the_social_image_is_a_1200_by_630_rendition(client, site_tree, media_root):
    image = wagtail_factories.ImageFactory(
        title="Leerlingen op stage", file__width=2400, file__height=1600
    )
    page = ContentPageFactory(parent=site_tree["home"], title="Met beeld", social_image=image)
    html = client.get(page.url).content.decode()
    og_image = meta(html, "property", "og:image")
    assert re.fullmatch(
        r"http://testserver/media/images/.+\.fill-1200x630\.format-jpeg\.jpg", og_image
    )
    assert meta(html, "property", "og:image:alt") == "Leerlingen op stage"
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_sitemap_lists_published_partner_pages_and_no_drafts(client, site_tree):
    partner = published_partner(name="Bakkerij Korenbloem (fictief)")
    draft = PartnerFactory(name="Bakkerij Concept (fictief)")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/partners/</loc>" in sitemap
    assert f"<loc>http://localhost/partners/{partner.slug}/</loc>" in sitemap
    assert draft.slug not in sitemap
    assert "/registreren/" not in sitemap


def test_robots_txt_keeps_crawlers_out_of_admin_and_search(client, site_tree):
    robots = client.get("/robots.txt").content.decode()
    assert robots.splitlines()[:4] == [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        "Disallow: /api/",
    ]


def test_unknown_partner_gets_the_dutch_404_page(client, site_tree):
    response = client.get("/partners/bestaat-niet-fictief/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Pagina niet gevonden | Werkplekportaal</title>" in html
    assert "Deze pagina bestaat niet (meer)" in html
    assert html.count("<h1") == 1


def test_the_500_page_is_dutch_and_needs_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="nl-BE">' in html
    assert "<h1>Er ging iets mis</h1>" in html
    assert "Probeer het binnen enkele minuten opnieuw." in html
    assert '<meta name="robots" content="noindex">' in html
