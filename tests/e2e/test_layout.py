"""Layout that holds for everyone: no sideways scrolling at 320 px (WCAG 1.4.10 reflow),
a focus ring you can see, the filter panel beside the results on a laptop, and a print
version with content only."""

import pytest
from playwright.sync_api import expect

from tests.e2e.content import build_site, site_paths
from tests.e2e.pages import PAGE_NAMES, audited_pages, open_page

pytestmark = pytest.mark.browser

NARROW = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def site(live_site):
    return build_site(live_site)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_sideways_scrolling_at_320_pixels(live_server, site, new_page, name):
    page = new_page(**NARROW)
    _, path, then = next(e for e in audited_pages(site_paths(site)) if e[0] == name)
    open_page(page, live_server.url + path, then)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 320, f"{name}: content {widths[0]} px wide in 320 px"


def test_keyboard_focus_is_visible(live_server, site, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    style = focused.evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style[0] != "none" and float(style[1].rstrip("px")) >= 2, style


def test_filters_sit_beside_the_results_on_a_laptop(live_server, site, page):
    page.goto(live_server.url + site["directory"].url)
    filters = page.locator(".directory__filters").bounding_box()
    results = page.locator(".directory__results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"], "side by side"
    expect(page.locator("#f-domein-stem")).to_be_visible()


def test_print_shows_the_chapter_without_navigation(live_server, site, page):
    page.goto(live_server.url + site["chapter"].url)
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="De rol van de mentor")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.locator(".chapter-nav")).to_be_hidden()
    # Closed FAQ answers are printed too.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    expect(page.get_by_text("In het zesde jaar wel.")).to_be_visible()
