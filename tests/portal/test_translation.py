"""The English interface: the language switch turns the site's own text English, content stays
Dutch, and the committed translation file is complete and compiled."""

import ast
import gettext
import re

import pytest

from django.conf import settings
from django.utils import translation

from portal.errors import server_error
from tests.factories import ContentPageFactory
from tests.partners.factories import directory_partners, published_partner
from tests.partners.registration import helpers

PO_FILE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


@pytest.fixture
def english(client, site_tree):
    """A visitor who chose the English interface with the link in the footer."""
    response = client.get("/taal/en/?next=/")
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def text(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_home_page_interface_is_english_and_content_dutch(english, site_tree):
    html = text(english.get("/"))
    assert '<html lang="en"' in html
    assert ">Skip to content</a>" in html
    assert ">Search the site</label>" in html
    assert "What are you looking for?" in html
    assert "Nederlandse interface" in html  # the way back
    for dutch in (
        "Naar de inhoud",
        "Zoek op de site",
        "Waar bent u naar op zoek?",
        "English interface",
    ):
        assert dutch not in html
    assert site_tree["home"].title in html
    assert '<main id="main" tabindex="-1" lang="nl-BE">' in html


def navigation_and_featured_pages(site_tree):
    """The menu as an editor fills it in (with English labels for two of its links) and the
    home page's "featured pages" block left without a title."""
    from wagtail.models import Site

    from portal.core.models import NavigationSettings

    about = ContentPageFactory(parent=site_tree["home"], title="Over ons", slug="over-ons")
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.primary_links = [
        {"type": "link", "value": {"page": site_tree["guides"].pk, "text_en": "Guides"}},
        {"type": "link", "value": {"page": about.pk, "text": "Over ons", "text_en": "About us"}},
        {"type": "link", "value": {"page": site_tree["directory"].pk, "text": "Partners"}},
    ]
    navigation.save()
    home = site_tree["home"]
    home.body = [
        {"type": "featured_pages", "value": {"title": "", "pages": [site_tree["guides"].pk]}}
    ]
    home.save_revision().publish()


def menu(html):
    start = html.index(
        'aria-label="Main menu"' if '<html lang="en"' in html else 'aria-label="Hoofdmenu"'
    )
    return re.findall(r"<li><a [^>]*>([^<]+)</a></li>", html[start : html.index("</nav>", start)])


@pytest.mark.django_db
def test_the_menu_and_template_headings_are_english_and_the_visitor_is_told_once(
    english, client, site_tree
):
    navigation_and_featured_pages(site_tree)
    html = text(english.get("/"))
    assert menu(html) == ["Guides", "About us", "Partners"]
    assert '<h2 id="featured-start-here">Start here</h2>' in html
    notice = (
        "The guides, the news and the partner directory are available in Dutch only. "
        "The menu, the buttons and the forms are in English."
    )
    assert html.count(notice) == 1
    # On every page, once; not in the Dutch interface.
    assert text(english.get("/partners/")).count(notice) == 1
    english.get("/taal/nl-be/?next=/")
    dutch = text(english.get("/"))
    assert menu(dutch) == [site_tree["guides"].title, "Over ons", "Partners"]
    assert '<h2 id="featured-begin-hier">Begin hier</h2>' in dutch
    assert "language-notice" not in dutch
    assert "alleen in het Nederlands" not in dutch


@pytest.mark.django_db
def test_directory_interface_is_english_and_taxonomies_dutch(english):
    directory_partners()
    html = text(english.get("/partners/"))
    for english_text in ("Apply filters", "5 partners found", "Kind of workplace learning"):
        assert english_text in html
    assert "Download as CSV" in html
    for dutch in (
        "Filters toepassen",
        "partners gevonden",
        "Vorm van werkplekleren",
        "Download als CSV",
    ):
        assert dutch not in html
    # Partner names and taxonomy terms are content: they stay Dutch.
    assert "Bakkerij Korenbloem (fictief)" in html
    assert "Leerlingenstage" in html
    assert "Voeding en horeca" in html


@pytest.mark.django_db
def test_registration_form_errors_are_english(english, site_tree):
    data = helpers.form_data(name="", postcode="90", contact_email="an@")
    html = text(helpers.preview(english, site_tree["directory"], data))
    assert "There are 3 problems" in html
    assert "Enter the name of your organisation." in html
    assert "A Belgian postcode has 4 digits, for example 9000." in html
    assert "Enter a valid e-mail address, such as name@company.be." in html
    assert "Enterprise number" in html
    for dutch in (
        "Er zijn 3 problemen",
        "Vul de naam van uw organisatie in.",
        "Een Belgische postcode bestaat uit 4 cijfers",
        "Ondernemingsnummer",
    ):
        assert dutch not in html
    assert "Ambachtelijke bakkerij." in html  # what the visitor typed is kept as typed


@pytest.mark.django_db
def test_search_page_interface_is_english_and_results_dutch(english, site_tree):
    ContentPageFactory(
        parent=site_tree["home"], title="Over de mentor", intro="Wie de mentor helpt."
    )
    published_partner(
        name="Mentorhuis Oostende (fictief)",
        postcode="8400",
        municipality="Oostende",
        description="<p>Elke mentor in de bouw krijgt hier een opleiding.</p>",
    )
    html = text(english.get("/zoeken/", {"q": "mentor"}))
    assert "Search results for “mentor”" in html
    assert re.search(r"\b2 results\b", html)
    assert "Other pages" in html
    assert "Zoekresultaten voor" not in html
    assert "resultaten" not in html
    assert "Andere pagina's" not in html
    assert "Over de mentor" in html
    assert "Mentorhuis Oostende (fictief)" in html

    html = text(english.get("/zoeken/", {"q": "kernfysica"}))
    assert "Nothing found" in html
    assert "Niets gevonden" not in html


@pytest.mark.django_db
def test_contact_message_reaches_the_partner_in_dutch_and_the_copy_in_english(english, mailoutbox):
    partner = published_partner(
        name="Bakkerij Korenbloem (fictief)", contact_email="griet@korenbloem.example"
    )
    message = {
        "naam": "Leen Leerkracht",
        "email": "leen@school.example",
        "organisatie": "",
        "bericht": "Wij zoeken een snuffelstage voor twee leerlingen in maart.",
    }
    response = english.post(f"/partners/{partner.slug}/", message)
    assert response.status_code == 302
    to_partner, copy = mailoutbox
    assert to_partner.subject == "Bericht via Werkplekportaal van Leen Leerkracht"
    assert "Beste contactpersoon van Bakkerij Korenbloem (fictief)," in to_partner.body
    assert copy.subject == "Copy of your message to Bakkerij Korenbloem (fictief)"
    assert "This is a copy of your message to Bakkerij Korenbloem (fictief)." in copy.body
    assert '<html lang="en">' in copy.alternatives[0].content
    followed = text(english.get(response["Location"]))
    assert "Your message has been sent." in followed


@pytest.mark.django_db
def test_error_pages_follow_the_interface_language(english, rf):
    response = english.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "This page does not exist (any more)" in response.content.decode()

    # The 500 handler runs inside the language middleware, with the visitor's language active.
    for language, expected, html_lang in (
        ("en", "Something went wrong", "en"),
        ("nl-be", "Er ging iets mis", "nl-BE"),
    ):
        with translation.override(language):
            html = server_error(rf.get("/")).content.decode()
        assert f'<html lang="{html_lang}">' in html
        assert f"<h1>{expected}</h1>" in html


@pytest.mark.django_db
def test_switching_back_restores_dutch(english):
    english.get("/taal/nl-be/?next=/")
    html = text(english.get("/"))
    assert '<html lang="nl-BE"' in html
    assert ">Naar de inhoud</a>" in html
    assert "Skip to content" not in html


def read_po(path):
    """The entries of a .po file as dicts of msgctxt, msgid, msgid_plural, msgstr[n] and flags.

    Enough of the format for our own file: no dependency just to check it."""
    entries, entry, key = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, key = None, None
            continue
        entry = entry or {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := re.match(r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (".*")$', line):
            keyword, index, value = match.groups()
            key = (keyword, int(index or 0))
            value = ast.literal_eval(value)
            if keyword == "msgstr":
                entry["msgstr"][key[1]] = value
            else:
                entry[keyword] = value
        else:
            value = ast.literal_eval(line)
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += value
            else:
                entry[key[0]] += value
    return [entry for entry in entries if entry["msgid"]]  # without the header


def test_every_message_is_translated_and_not_fuzzy():
    entries = read_po(PO_FILE)
    assert len(entries) > 500
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, f"untranslated in {PO_FILE}: {untranslated}"
    assert not fuzzy, f"fuzzy in {PO_FILE}: {fuzzy}"
    plural = [e["msgid"] for e in entries if "msgid_plural" in e and len(e["msgstr"]) != 2]
    assert not plural, f"English needs two plural forms: {plural}"


def test_translations_keep_every_placeholder():
    wrong = []
    for entry in read_po(PO_FILE):
        sources = [entry["msgid"], entry.get("msgid_plural", entry["msgid"])]
        for index, translated in entry["msgstr"].items():
            expected = set(PLACEHOLDER.findall(sources[min(index, 1)]))
            found = set(PLACEHOLDER.findall(translated))
            # A singular may leave out the number ("the result" for one result).
            if found != expected and not (index == 0 and found < expected):
                wrong.append((entry["msgid"], translated))
    assert not wrong


def test_compiled_catalogue_matches_the_po_file():
    """The committed .mo is what Django loads: it must hold every translation in the .po."""
    with MO_FILE.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = []
    for entry in read_po(PO_FILE):
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            for count, index in ((1, 0), (2, 1)):
                if context:
                    got = catalogue.npgettext(context, entry["msgid"], entry["msgid_plural"], count)
                else:
                    got = catalogue.ngettext(entry["msgid"], entry["msgid_plural"], count)
                if got != entry["msgstr"][index]:
                    stale.append(entry["msgid"])
        else:
            if context:
                got = catalogue.pgettext(context, entry["msgid"])
            else:
                got = catalogue.gettext(entry["msgid"])
            if got != entry["msgstr"][0]:
                stale.append(entry["msgid"])
    assert not stale, f"run `make messages` to recompile {MO_FILE.name}: {stale}"
