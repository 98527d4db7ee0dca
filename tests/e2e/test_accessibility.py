"""axe-core finds no WCAG 2.1 A or AA violation on the pages issue 7 names, on a laptop and on
a phone, in Debian's chromium under the site's real Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import require
from tests.e2e.audit import AXE_PATH, axe_violations, describe
from tests.e2e.conftest import PHONE
from tests.e2e.content import build_site, site_paths
from tests.e2e.pages import PAGE_NAMES, audited_pages, open_page

pytestmark = pytest.mark.browser

# What shows that the page is the one meant (and not, say, an empty result list).
SEEN = {
    "home": "Samen leren op de werkplek",
    "gids": "Gids voor scholen",
    "hoofdstuk": "De rol van de mentor",
    "woordenlijst": "Een korte stage om een beroep te leren kennen.",
    "partnergids met filters": "1 partner gevonden",
    "partnerpagina": "Bakkerij Korenbloem (fictief)",
    "contactformulier van een partner": "Bericht versturen",
    "registratie met fouten": "Vul de naam van uw organisatie in",
    "zoekresultaten": "Wat is werkplekleren?",
}


@pytest.fixture(autouse=True)
def axe_core():
    """axe-core comes from npm: `make test` runs `npm ci` where npm exists. Without node these
    tests skip with the reason; CI (WPP_REQUIRE_BROWSER=1) fails instead."""
    if not AXE_PATH.exists():
        require(
            "WPP_REQUIRE_BROWSER",
            f"axe-core is not installed ({AXE_PATH.relative_to(AXE_PATH.parents[2])} is "
            "missing): install Node.js and run `npm ci`",
        )


@pytest.fixture
def site(live_site):
    return build_site(live_site)


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("device", ["laptop", "telefoon"])
def test_no_axe_violations(live_server, site, new_page, name, device):
    page = new_page(**PHONE) if device == "telefoon" else new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _, path, then = next(entry for entry in audited_pages(site_paths(site)) if entry[0] == name)
    open_page(page, live_server.url + path, then)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("main")).to_contain_text(SEEN[name])
    violations = axe_violations(page)
    assert violations == [], f"axe on {name} ({device}):\n{describe(violations)}"
    assert errors == [], errors


def test_axe_sees_a_violation_when_there_is_one(live_server, site, page):
    """The check itself works: an image without alt text added to the page is reported."""
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const img = document.createElement('img'); img.src = 'data:,'; "
        "document.querySelector('main').append(img); }"
    )
    assert [violation["id"] for violation in axe_violations(page)] == ["image-alt"]


def test_registration_errors_are_tied_to_their_fields(live_server, site, page):
    """Sent empty, the form says what is wrong above it and at each field, and a screen
    reader hears the error with the field (aria-describedby)."""
    page.goto(live_server.url + site["directory"].url + "registreren/")
    page.get_by_role("button", name="Controleer uw gegevens").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    name = page.get_by_label("Naam van de organisatie")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description(re.compile("Vul de naam van uw organisatie in"))
    summary.get_by_role("link", name=re.compile("Vul de naam van uw organisatie in")).click()
    expect(name).to_be_focused()
