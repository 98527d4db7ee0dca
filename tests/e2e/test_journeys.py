"""What visitors do, in Debian's chromium: a school finds a partner through the filters, a reader
goes from the home page to a chapter and uses its table of contents, and someone without a
mouse works the directory filters with Tab, Space and Enter."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.content import TOC_HEADINGS, build_site

pytestmark = pytest.mark.browser
# Longer than expect()'s 5 s default: on a loaded 2-core machine a suggestion request or a
# page load can take longer; a passing run does not wait for it.
WAIT = 20_000


@pytest.fixture
def site(live_site):
    return build_site(live_site)


def count(page):
    return page.locator("[data-directory-count]")


def is_focused(locator):
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, key="Tab", limit=150):
    """Press Tab (or Shift+Tab) until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press(key)
        if is_focused(locator):
            return
    raise AssertionError(f"{locator} never got the focus after {limit} presses of {key}")


def test_school_on_a_phone_finds_a_partner_through_filters(live_server, site, new_page):
    page = new_page(**PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Partners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners zoeken")
    expect(count(page)).to_have_text("5 partners gevonden")

    # On a small screen the filters are their own view, opened by a button above the results.
    stem = page.get_by_role("checkbox", name=re.compile(r"^Voeding en horeca"))
    expect(stem).to_be_hidden()
    page.locator("[data-filters-open]").click()
    stem.check()
    expect(count(page)).to_have_text("2 partners gevonden")
    expect(page).to_have_url(re.compile(r"\?domein=voeding-en-horeca$"))
    page.get_by_role("checkbox", name=re.compile(r"^West-Vlaanderen")).check()
    expect(count(page)).to_have_text("1 partner gevonden")
    expect(page).to_have_url(re.compile(r"\?domein=voeding-en-horeca&provincie=west-vlaanderen$"))
    page.get_by_role("button", name="Toon 1 resultaat").click()
    results = page.locator(".partner-list")
    expect(results).to_contain_text("Hotel Duinhoek (fictief)")
    expect(results).not_to_contain_text("Bakkerij Korenbloem")

    results.get_by_role("link", name="Hotel Duinhoek (fictief)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hotel Duinhoek (fictief)")
    expect(page.locator("main")).to_contain_text("8000 Brugge")
    expect(page.locator("main")).to_contain_text("Voeding en horeca")
    # The way back keeps the filters.
    page.go_back()
    expect(count(page)).to_have_text("1 partner gevonden")
    assert errors == []


def test_reader_goes_from_home_to_a_chapter_and_uses_the_table_of_contents(live_server, site, page):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gidsen").click()
    page.get_by_role("link", name="Gids voor scholen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gids voor scholen")
    page.locator("main").get_by_role("link", name="Wat is werkplekleren?").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is werkplekleren?")

    toc = page.get_by_role("navigation", name="Inhoud van dit hoofdstuk")
    expect(toc.get_by_role("link")).to_have_text(TOC_HEADINGS)
    target = page.get_by_role("heading", name="De rol van de mentor", level=2)
    expect(target).not_to_be_in_viewport()

    toc.get_by_role("link", name="De rol van de mentor").click()
    anchor = target.get_attribute("id")
    assert anchor, "a heading in the table of contents has an id to link to"
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => el.matches(':target')")
    # Keyboard users go on from the section they jumped to, not from the table of contents.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "id => { const h = document.getElementById(id); const a = document.activeElement;"
        " return a !== document.body && !!(h.compareDocumentPosition(a)"
        " & Node.DOCUMENT_POSITION_FOLLOWING); }",
        anchor,
    ), "the next Tab lands after the heading"

    # The address can be shared: opening it lands on the same section.
    page.goto(live_server.url + site["chapter"].url + f"#{anchor}")
    expect(target).to_be_in_viewport()
    # And on to the next chapter.
    page.get_by_role("link", name=re.compile("Volgend hoofdstuk")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Een stage voorbereiden")


def test_directory_filters_work_with_the_keyboard_alone(live_server, site, page):
    page.goto(live_server.url + site["directory"].url)
    expect(count(page)).to_have_text("5 partners gevonden")

    stem = page.locator("#f-domein-stem")
    tab_to(page, stem)
    page.keyboard.press("Space")
    expect(count(page)).to_have_text("2 partners gevonden")
    expect(stem).to_be_checked()
    expect(stem).to_be_focused()  # the results changed; the focus stayed put

    antwerp = page.locator("#f-provincie-antwerpen")
    tab_to(page, antwerp)
    page.keyboard.press("Space")
    expect(count(page)).to_have_text("1 partner gevonden")
    expect(page).to_have_url(re.compile(r"\?domein=stem&provincie=antwerpen$"))

    # Remove a filter from the chips with Enter.
    chip = page.get_by_role("link", name=re.compile("Antwerpen.*filter verwijderen"))
    tab_to(page, chip)
    page.keyboard.press("Enter")
    expect(count(page)).to_have_text("2 partners gevonden")
    expect(count(page)).to_be_focused()

    # Free text, sent with Enter: the field keeps the focus, the live region says how many.
    query = page.locator("#directory-q")
    tab_to(page, query, key="Shift+Tab")
    page.keyboard.type("garage")
    page.keyboard.press("Enter")
    expect(count(page)).to_have_text("1 partner gevonden")
    expect(query).to_be_focused()
    expect(page.locator("[data-directory-status]")).to_have_text("1 partner gevonden")

    # From the results to the partner, Tab and Enter.
    link = page.locator(".partner-list").get_by_role("link", name="Garage Kouterhof (fictief)")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Garage Kouterhof (fictief)")


def test_the_filter_view_on_a_phone_works_with_the_keyboard(live_server, site, new_page):
    page = new_page(**PHONE)
    page.goto(live_server.url + site["directory"].url)
    opener = page.locator("[data-filters-open]")
    checkbox = page.locator("#f-domein-stem")
    expect(checkbox).to_be_hidden()
    tab_to(page, opener)
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(opener).to_have_attribute("aria-controls", "directory-filters-panel")
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog", name="Filters")).to_be_visible()
    expect(opener).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#directory-filters-title")).to_be_focused()
    expect(checkbox).to_be_visible()
    tab_to(page, checkbox)
    page.keyboard.press("Space")
    expect(count(page)).to_have_text("2 partners gevonden")
    # The panel stays open while the results change under it; the count is announced.
    expect(checkbox).to_be_visible()
    expect(checkbox).to_be_focused()
    expect(page.locator("[data-directory-status]")).to_have_text("2 partners gevonden")
    expect(page.get_by_role("button", name="Toon 2 resultaten")).to_be_visible()
    # Tab stays inside the dialog, Escape closes it and gives the focus back to the button.
    for _ in range(40):
        page.keyboard.press("Tab")
        assert page.evaluate(
            "() => document.getElementById('directory-filters-panel')"
            ".contains(document.activeElement)"
        ), "the focus left the filter dialog"
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(checkbox).to_be_hidden()
    expect(opener).to_be_focused()
    expect(opener).to_have_attribute("aria-expanded", "false")
    expect(opener).to_have_text(re.compile(r"Filters\s+\(1 actief\)"))


def test_search_suggestions_work_with_the_keyboard(live_server, site, page):
    # Robust on a busy machine: every step waits for its condition (up to WAIT), never a
    # fixed sleep; typing starts only once the script (loaded when the box gets focus) has
    # made the box a combobox.
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-q")
    tab_to(page, box)
    expect(box).to_have_attribute("role", "combobox", timeout=WAIT)
    page.keyboard.type("Kouterh")
    expect(box).to_have_value("Kouterh")
    option = page.get_by_role("option", name=re.compile("Garage Kouterhof"))
    expect(option).to_be_visible(timeout=WAIT)
    expect(box).to_have_attribute("aria-expanded", "true", timeout=WAIT)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("option", selected=True)).to_have_count(1, timeout=WAIT)
    expect(box).to_have_attribute("aria-activedescendant", re.compile(".+"), timeout=WAIT)
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false", timeout=WAIT)
    page.keyboard.press("ArrowDown")
    selected = page.get_by_role("option", selected=True)
    expect(selected).to_contain_text("Garage Kouterhof", timeout=WAIT)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Garage Kouterhof (fictief)", timeout=WAIT
    )
