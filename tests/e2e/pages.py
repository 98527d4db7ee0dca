"""The pages issue 7 audits (and the partner's contact form, on its own address since issue 14),
as a visitor reaches them, for the tests and the scripts."""

from playwright.sync_api import expect


def send_empty_registration(page):
    """The registration form, sent empty: the error summary and the field errors are shown."""
    page.get_by_role("button", name="Controleer uw gegevens").click()
    expect(page.locator(".error-summary")).to_be_visible()


PAGE_NAMES = [
    "home",
    "gids",
    "hoofdstuk",
    "woordenlijst",
    "partnergids met filters",
    "partnerpagina",
    "contactformulier van een partner",
    "registratie met fouten",
    "zoekresultaten",
]


def audited_pages(paths):
    """(name, url path, then) for each page: `then` is what the visitor does after the page
    loaded, if anything. `paths` maps names to the site's own paths."""
    return [
        ("home", "/", None),
        ("gids", paths["guide"], None),
        ("hoofdstuk", paths["chapter"], None),
        ("woordenlijst", paths["glossary"], None),
        ("partnergids met filters", paths["directory"] + "?domein=stem&provincie=antwerpen", None),
        ("partnerpagina", paths["partner"], None),
        ("contactformulier van een partner", paths["partner"] + "contact/", None),
        (
            "registratie met fouten",
            paths["directory"] + "registreren/",
            send_empty_registration,
        ),
        ("zoekresultaten", paths["search"] + "?q=werkplekleren", None),
    ]


def open_page(page, url, then=None):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    if then:
        then(page)
