"""The portal's pages render for an anonymous visitor with the site chrome around them."""

import pytest

from wagtail.models import Site

from portal.core.models import ContactSettings, FooterSettings, NavigationSettings
from tests.factories import ContentPageFactory, NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def pages(site_tree):
    home = site_tree["home"]
    about = ContentPageFactory(parent=home, title="Over ons", slug="over-ons", intro="Wie we zijn.")
    news = NewsIndexPageFactory(parent=home)
    item = NewsPageFactory(parent=news, title="Nieuwe gids voor bedrijven", intro="De gids is er.")
    return {**site_tree, "about": about, "news": news, "item": item}


@pytest.mark.django_db
def test_home_page_renders_with_chrome(client, pages):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl-BE"' in html
    assert '<a class="skip-link" href="#main">Naar de inhoud</a>' in html
    assert '<main id="main"' in html
    assert html.count("<h1") == 1
    assert "Samen leren op de werkplek" in html
    # The header search box points at the search page.
    assert 'action="/zoeken/"' in html


@pytest.mark.django_db
def test_navigation_and_footer_come_from_site_settings(client, pages):
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    navigation.primary_links = [
        {"type": "link", "value": {"text": "Over", "page": pages["about"].pk, "url": ""}}
    ]
    navigation.save()
    footer = FooterSettings.for_site(site)
    footer.about_text = "<p>Een portaal voor werkplekleren.</p>"
    footer.links = [{"type": "link", "value": {"text": "", "page": pages["news"].pk, "url": ""}}]
    footer.save()
    contact = ContactSettings.for_site(site)
    contact.email = "info@portaal.example"
    contact.save()

    html = client.get("/over-ons/").content.decode()
    assert '<nav class="site-nav" aria-label="Hoofdmenu">' in html
    assert '<a href="/over-ons/" aria-current="page">Over</a>' in html
    assert "Een portaal voor werkplekleren." in html
    assert '<a href="/nieuws/">Nieuws</a>' in html
    assert 'href="mailto:info@portaal.example"' in html


@pytest.mark.django_db
def test_content_page_has_breadcrumbs(client, pages):
    html = client.get("/over-ons/").content.decode()
    assert 'aria-label="Kruimelpad"' in html
    assert '<a href="/">Start</a>' in html
    assert '<span aria-current="page">Over ons</span>' in html
    assert "Wie we zijn." in html


@pytest.mark.django_db
def test_news_index_lists_items_newest_first(client, pages):
    NewsPageFactory(parent=pages["news"], title="Ouder bericht", date="2020-01-01")
    html = client.get("/nieuws/").content.decode()
    assert html.index("Nieuwe gids voor bedrijven") < html.index("Ouder bericht")
    response = client.get(pages["item"].url)
    assert response.status_code == 200
    assert "De gids is er." in response.content.decode()


@pytest.mark.django_db
def test_home_shows_latest_news(client, pages):
    html = client.get("/").content.decode()
    assert "Nieuwe gids voor bedrijven" in html


@pytest.mark.django_db
def test_unknown_url_gets_the_dutch_404_page(client, pages):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.content.decode()


@pytest.mark.django_db
def test_english_interface_by_link(client, pages):
    response = client.get("/taal/en/?next=/over-ons/")
    assert response.status_code == 302
    assert response["Location"] == "/over-ons/"
    html = client.get("/over-ons/").content.decode()
    assert '<html lang="en"' in html
    # Content stays Dutch and says so.
    assert '<main id="main" tabindex="-1" lang="nl-BE">' in html


@pytest.mark.django_db
def test_language_switch_refuses_foreign_redirects(client, pages):
    response = client.get("/taal/en/?next=https://evil.example/")
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_robots_and_sitemap(client, pages):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/over-ons/</loc>" in sitemap.content.decode()
