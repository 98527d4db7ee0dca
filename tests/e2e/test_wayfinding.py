"""Finding one's way (issue 17), in Debian's chromium: the directory's filters as their own view
on a phone, the way back from a partner to the same search, the glossary's filter box and its
way back to the chapter, and a header search box whose placeholder fits."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.audit import axe_violations, describe
from tests.e2e.conftest import PHONE
from tests.e2e.content import build_site

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_site):
    return build_site(live_site)


def count(page):
    return page.locator("[data-directory-count]")


def test_on_a_phone_toon_n_resultaten_shows_the_results(live_server, site, new_page):
    page = new_page(**PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + site["directory"].url)
    expect(count(page)).to_have_text("5 partners gevonden")

    page.get_by_role("button", name="Filters").click()
    dialog = page.get_by_role("dialog", name="Filters")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 390, 844), box
    dialog.get_by_role("checkbox", name=re.compile(r"^Voeding en horeca")).check()
    show = dialog.get_by_role("button", name=re.compile(r"^Toon \d+ resulta"))
    expect(show).to_have_text("Toon 2 resultaten")
    # Sticky: in view at the bottom of the panel, however long the list of filters.
    expect(show).to_be_in_viewport()
    violations = axe_violations(page)
    assert violations == [], f"axe on the open filter view:\n{describe(violations)}"
    shown_number = int(re.search(r"\d+", show.inner_text()).group())

    show.click()
    expect(dialog).to_be_hidden()
    expect(count(page)).to_be_focused()
    cards = page.locator(".partner-list > li")
    expect(cards.first).to_be_in_viewport()
    expect(cards).to_have_count(shown_number)
    expect(page).to_have_url(re.compile(r"\?domein=voeding-en-horeca$"))
    assert errors == []


def test_without_javascript_the_filters_are_a_plain_form_on_a_phone(live_server, site, new_page):
    page = new_page(**PHONE, java_script_enabled=False)
    page.goto(live_server.url + site["directory"].url)
    expect(page.locator("[data-filters-open]")).to_be_hidden()
    page.locator("#f-domein-stem").check()
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page).to_have_url(re.compile(r"domein=stem"))
    expect(count(page)).to_have_text("2 partners gevonden")


def test_from_a_filtered_search_to_a_partner_and_back(live_server, site, page):
    directory = live_server.url + site["directory"].url
    page.goto(directory)
    page.locator("#f-domein-voeding-en-horeca").check()
    expect(count(page)).to_have_text("2 partners gevonden")
    searched = page.url
    assert searched.endswith("?domein=voeding-en-horeca")

    for way_back in ("breadcrumb", "terug", "na het contactformulier"):
        page.goto(searched)
        page.locator(".partner-list").get_by_role("link").first.click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Partners zoeken")
        if way_back == "na het contactformulier":
            # The partner page links to its contact form (its own address, issue 14).
            page.get_by_role("link", name="Schrijf een bericht").click()
            page.get_by_label("Uw naam").fill("Leen Leerkracht")
            page.get_by_label("Uw e-mailadres").fill("leen@school.example")
            page.get_by_label("Uw bericht").fill(
                "Wij zoeken een snuffelstage voor twee leerlingen."
            )
            page.get_by_role("button", name="Bericht versturen").click()
            expect(page.locator("main")).to_contain_text("Uw bericht is verstuurd.")
        if way_back == "breadcrumb":
            crumbs = page.get_by_role("navigation", name="Kruimelpad")
            crumbs.get_by_role("link", name="Partners zoeken").click()
        else:
            page.get_by_role("link", name="Terug naar de partnergids").click()
        expect(page).to_have_url(searched)
        expect(count(page)).to_have_text("2 partners gevonden")
        expect(page.locator("#f-domein-voeding-en-horeca")).to_be_checked()


def test_from_a_chapter_to_the_glossary_filter_and_back(live_server, site, page):
    chapter = site["chapter"]
    page.goto(live_server.url + chapter.url)
    page.locator("main").locator("a.term__link", has_text="mentor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(site["glossary"].title)
    expect(page).to_have_url(re.compile(rf"\?hoofdstuk={chapter.pk}#mentor$"))
    back = page.get_by_role("link", name="Terug naar Wat is werkplekleren?")
    # The reader landed on the term, further down: the way back is still in view.
    expect(back).to_be_in_viewport()

    # The filter box narrows the list as one types and says how many terms it found.
    box = page.get_by_label("Filter de begrippen")
    status = page.locator("[data-glossary-status]")
    expect(status).to_have_text("3 begrippen")
    box.press_sequentially("snuf")
    expect(page.locator("[data-glossary-entry]:visible")).to_have_count(1)
    expect(page.locator("dt:visible")).to_have_text(["snuffelstage"])
    expect(status).to_have_text("1 begrip gevonden")
    box.fill("leren")
    expect(page.locator("dt:visible")).to_have_text(["duaal leren"])
    box.fill("xyz")
    expect(page.locator("[data-glossary-entry]:visible")).to_have_count(0)
    expect(status).to_have_text("Geen begrip gevonden. Probeer een ander woord.")
    box.fill("")
    expect(page.locator("[data-glossary-entry]:visible")).to_have_count(3)
    # Each term links to the chapters that use it.
    entry = page.locator("[data-glossary-entry]", has=page.locator("dt#mentor"))
    expect(entry.get_by_role("link", name="Wat is werkplekleren?")).to_be_visible()

    back.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is werkplekleren?")


def test_without_javascript_the_glossary_has_no_dead_filter_box(live_server, site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto(live_server.url + site["glossary"].url)
    expect(page.get_by_label("Filter de begrippen")).to_be_hidden()
    expect(page.locator("dt")).to_have_count(3)


PLACEHOLDER_FITS = """el => {
    const style = getComputedStyle(el);
    const text = getComputedStyle(el, "::placeholder");
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${text.fontStyle} ${text.fontWeight} ${text.fontSize} ${text.fontFamily}`;
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {
        text: el.placeholder,
        textWidth: context.measureText(el.placeholder).width,
        room: room,
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
    };
}"""


@pytest.mark.parametrize("device", ["laptop", "telefoon", "smal"])
def test_the_header_search_placeholder_is_not_cut_off(live_server, site, new_page, device):
    options = {
        "laptop": {},
        "telefoon": PHONE,
        "smal": {"viewport": {"width": 320, "height": 640}, "is_mobile": True},
    }[device]
    page = new_page(**options)
    page.goto(live_server.url + "/")
    box = page.locator("#site-search-q")
    expect(box).to_have_value("")
    fit = box.evaluate(PLACEHOLDER_FITS)
    assert fit["text"], "the search box has a placeholder"
    # scrollWidth does not grow with a placeholder in chromium: the text is measured as well.
    assert fit["scrollWidth"] <= fit["clientWidth"], fit
    assert fit["textWidth"] <= fit["room"], fit


def test_a_topic_badge_leads_to_its_chapters(live_server, site, page):
    from guides.models import Topic

    chapter = site["chapter"]
    topic = Topic.objects.order_by("name").first()
    chapter.topics.set([topic])
    chapter.save_revision().publish()
    page.goto(live_server.url + chapter.url)
    page.get_by_role("link", name=re.compile(f"^{re.escape(topic.name)}")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic.name)
    expect(page.locator("main")).to_contain_text("1 hoofdstuk over dit onderwerp")
    violations = axe_violations(page)
    assert violations == [], f"axe on the topic page:\n{describe(violations)}"
    page.get_by_role("link", name="Wat is werkplekleren?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat is werkplekleren?")


def test_the_english_interface_says_once_that_the_content_is_dutch(live_server, site, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="English interface").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    notice = page.locator(".language-notice")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("in Dutch only")
    expect(notice).to_be_in_viewport()
    # The menu's English labels, as the editor gave them.
    menu = page.get_by_role("navigation", name="Main menu").get_by_role("link")
    expect(menu).to_have_text(["Guides", "Partners", "About us"])
    violations = axe_violations(page)
    assert violations == [], f"axe on the English home page:\n{describe(violations)}"
