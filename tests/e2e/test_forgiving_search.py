"""Search that forgives, as a school's stagecoördinator uses it in chromium: part of a partner's
name in the directory, a misspelt word in the site search ("Bedoelde u ...?"), and a place
picked from the suggestions while typing in the directory's place field. No script error and
no Content Security Policy violation along the way."""

import re

import pytest
from playwright.sync_api import expect

from django.core.management import call_command

from tests.e2e.content import build_site
from tests.partners.factories import published_partner

pytestmark = pytest.mark.browser
WAIT = 20_000  # a loaded 2-core machine; a passing run does not wait for it


@pytest.fixture
def site(live_site):
    site = build_site(live_site)
    published_partner(
        name="Laswerkplaats Deinze (fictief)",
        postcode="9800",
        municipality="Deinze",
        description="<p>Metaalbewerking en lassen.</p>",
    )
    call_command("update_search_vocabulary", stdout=None)
    return site


@pytest.fixture
def watched(page):
    """The page, with every script error and CSP violation collected."""
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error"
            else None
        ),
    )
    page.problems = problems
    return page


def test_part_of_a_name_finds_the_partner_in_the_directory(live_server, site, watched):
    page = watched
    page.goto(live_server.url + "/partners/")
    box = page.get_by_label("Zoek op naam, gemeente of trefwoord")
    box.fill("laswerk")
    box.press("Enter")
    expect(page.locator("[data-directory-count]")).to_have_text("1 partner gevonden", timeout=WAIT)
    expect(page.get_by_role("link", name=re.compile("Laswerkplaats Deinze"))).to_be_visible()
    assert page.problems == []


@pytest.mark.postgres
def test_a_misspelt_search_offers_the_right_word(live_server, site, watched):
    page = watched
    page.goto(live_server.url + "/zoeken/")
    box = page.locator("#search-q")
    box.fill("werkplekleeren")
    box.press("Enter")
    suggestion = page.get_by_role("link", name="werkplekleren", exact=True)
    expect(suggestion).to_be_visible(timeout=WAIT)
    expect(page.locator(".search__did-you-mean")).to_have_text("Bedoelde u werkplekleren?")
    suggestion.click()
    expect(page).to_have_url(re.compile(r"\?q=werkplekleren$"), timeout=WAIT)
    expect(page.get_by_role("link", name="Wat is werkplekleren?").first).to_be_visible()
    expect(page.locator(".search__did-you-mean")).to_have_count(0)
    assert page.problems == []


def test_the_place_field_suggests_places_while_typing(live_server, site, watched):
    page = watched
    page.goto(live_server.url + "/partners/")
    place = page.get_by_label("In de buurt van (postcode of gemeente)")
    place.press_sequentially("Mariak", delay=50)
    # The script links the field to its list and fills it from the postcode list.
    expect(place).to_have_attribute("list", "directory-bij-places", timeout=WAIT)
    option = page.locator("#directory-bij-places option")
    expect(option).to_have_count(1, timeout=WAIT)
    expect(option).to_have_attribute("value", "9030 Mariakerke")
    # Choosing it puts it in the field (as the browser's list does); the search uses it.
    place.fill(option.get_attribute("value"))
    place.press("Enter")
    expect(page).to_have_url(re.compile(r"bij=9030\+Mariakerke"), timeout=WAIT)
    expect(page.locator("[data-directory-count]")).to_contain_text("gevonden", timeout=WAIT)
    expect(page.get_by_text("Garage Kouterhof (fictief)").first).to_be_visible()
    expect(page.locator(".field__error")).to_have_count(0)
    # A postcode being typed gets its places too.
    place.fill("")
    place.press_sequentially("903", delay=50)
    expect(page.locator("#directory-bij-places option[value='9030 Mariakerke']")).to_have_count(
        1, timeout=WAIT
    )
    assert page.problems == []
