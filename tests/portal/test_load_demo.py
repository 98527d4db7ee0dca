"""`manage.py load_demo` builds the demo site and can run again without duplicating anything."""

import re
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page, Revision, Site

from partners.models import Partner
from portal.core.models import HomePage, NavigationSettings


def run_load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "partners": Partner.objects.count(),
        "revisions": Revision.objects.count(),
        "sites": Site.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_builds_the_site_tree_and_is_idempotent(client):
    output = run_load_demo()
    first = snapshot()

    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    sections = {page.slug for page in home.get_children()}
    assert {"gidsen", "partners", "zoeken", "over-ons", "privacy", "nieuws"} <= sections
    assert Partner.objects.published().count() >= 60
    assert NavigationSettings.for_site(site).primary_links

    # It says where the site is and how to log in, with a password that works.
    assert "Site:  http://127.0.0.1:8000/" in output
    assert "Admin: http://127.0.0.1:8000/admin/" in output
    username, password = re.search(r"Login: (\S+) / (\S+)", output).groups()
    assert signs_in(username, password)
    assert "Second factor: at the first sign-in the admin shows a QR code" in output

    # The home page leads on to the guides, the directory and the glossary with cards.
    home_html = client.get("/").content.decode()
    cards = re.findall(r'<h3 class="card__title"><a href="([^"]+)">', home_html)
    assert cards[:4] == [
        "/gidsen/gids-voor-scholen/",
        "/gidsen/gids-voor-bedrijven/",
        "/partners/",
        "/gidsen/woordenlijst/",
    ]

    # The registration form is one click from the home page and from the company guide's
    # registration chapter, and that chapter names what the listing publishes.
    assert 'href="/partners/registreren/"' in home_html
    chapter = next(
        page
        for page in Page.objects.live().specific()
        if page.title == "Uw bedrijf registreren op Werkplekportaal"
    )
    chapter_html = client.get(chapter.url).content.decode()
    assert 'href="/partners/registreren/">registratieformulier</a>' in chapter_html
    assert "uw adres (straat en nummer, postcode, gemeente en provincie), uw website" in (
        chapter_html
    )
    assert client.get("/partners/registreren/").status_code == 200

    # Pages render for an anonymous visitor.
    for url in ["/", "/gidsen/", "/partners/", "/over-ons/", "/privacy/", "/nieuws/"]:
        assert client.get(url).status_code == 200, url

    second_output = run_load_demo()
    assert snapshot() == first
    new_password = re.search(r"Login: \S+ / (\S+)", second_output).group(1)
    assert new_password != password
    assert signs_in(username, new_password)
    assert not signs_in(username, password)


def signs_in(username, password):
    """The admin's login page takes the password and leads the superuser to enrol a second
    factor (the QR code page)."""
    from django.test import Client

    browser = Client()
    response = browser.post("/admin/login/", {"username": username, "password": password})
    if response.status_code != 302:
        return False
    enrol = browser.get("/admin/", follow=True)
    return "Tweestapsverificatie instellen" in enrol.content.decode()


@pytest.mark.django_db
def test_load_demo_keeps_what_editors_changed():
    run_load_demo()
    about = Page.objects.get(slug="over-ons").specific
    about.title = "Over ons (door de redactie aangepast)"
    about.save_revision().publish()
    home = HomePage.objects.get()
    home.body = [{"type": "text", "value": "<p>Eigen tekst van de redactie.</p>"}]
    home.save_revision().publish()
    run_load_demo()
    assert Page.objects.get(slug="over-ons").title == "Over ons (door de redactie aangepast)"
    assert [block.block_type for block in HomePage.objects.get().body] == ["text"]
