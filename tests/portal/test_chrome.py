"""The menu, footer and breadcrumbs are kept per publish generation (portal/chrome.py,
BasePage.page_frame) and change on the very next request after an edit."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from portal.models import ContactSettings, NavigationSettings
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    home = site_tree["home"]
    about = ContentPageFactory(parent=home, title="Over ons", slug="over-ons")
    team = ContentPageFactory(parent=about, title="Het team", slug="team")
    site = Site.objects.get(is_default_site=True)
    navigation = NavigationSettings.for_site(site)
    navigation.primary_links = [
        {"type": "link", "value": {"text": "", "page": about.pk, "url": ""}},
        {
            "type": "link",
            "value": {"text": "Onderwijs", "page": None, "url": "https://example.org/"},
        },
    ]
    navigation.save()
    return {"site": site, "about": about, "team": team}


def test_menu_marks_the_current_section_and_is_read_once(client, pages):
    html = client.get("/over-ons/team/").content.decode()
    assert '<a href="/over-ons/" aria-current="true">Over ons</a>' in html
    assert '<a href="https://example.org/">Onderwijs</a>' in html

    client.get("/over-ons/")  # its route, then: nothing of the chrome from the database
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/over-ons/").content.decode()
    assert '<a href="/over-ons/" aria-current="page">Over ons</a>' in html
    tables = " ".join(query["sql"] for query in queries)
    assert "portal_navigationsettings" not in tables
    assert "portal_footersettings" not in tables
    assert '"wagtailcore_site"' not in tables


def test_a_renamed_page_shows_its_new_title_in_the_menu_and_breadcrumbs(client, pages):
    assert "Over ons" in client.get("/over-ons/team/").content.decode()

    about = pages["about"]
    about.title = "Wie we zijn"
    about.save_revision().publish()

    html = client.get("/over-ons/team/").content.decode()
    assert '<a href="/over-ons/" aria-current="true">Wie we zijn</a>' in html
    assert '<li><a href="/over-ons/">Wie we zijn</a></li>' in html  # breadcrumbs
    assert "Over ons" not in html


def test_a_settings_change_shows_on_the_next_request(client, pages):
    assert "mailto:" not in client.get("/over-ons/").content.decode()

    contact = ContactSettings.for_site(pages["site"])
    contact.organisation = "Onderwijsnetwerk Vlaanderen"
    contact.email = "redactie@portaal.example"
    contact.save()
    navigation = NavigationSettings.for_site(pages["site"])
    navigation.primary_links = []
    navigation.save()

    html = client.get("/over-ons/").content.decode()
    assert "<title>Over ons | Onderwijsnetwerk Vlaanderen</title>" in html
    assert 'href="mailto:redactie@portaal.example"' in html
    assert 'class="site-nav"' not in html


def test_an_unpublished_menu_page_drops_out_of_the_menu(client, pages):
    assert 'aria-current="page">Over ons</a>' in client.get("/over-ons/").content.decode()
    pages["team"].unpublish()
    pages["about"].unpublish()
    html = client.get("/").content.decode()
    assert 'href="/over-ons/"' not in html
