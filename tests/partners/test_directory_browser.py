"""The directory's script in a real browser (Debian's chromium through Playwright)."""

import os
import shutil

import pytest

from tests.conftest import require
from tests.partners.factories import directory_partners

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(monkeypatch):
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not executable:
        require("WPP_REQUIRE_BROWSER", "needs chromium (set CHROMIUM_PATH)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread: Django would refuse its own teardown then.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        browser.close()
    assert errors == []


def count_text(page):
    return page.locator("[data-directory-count]").inner_text()


@pytest.fixture
def partners(site_tree):
    # Made before the browser starts: ORM calls under Playwright's running event loop would
    # open a connection that the test database's teardown does not see.
    return directory_partners()


def test_filters_update_the_results_the_url_and_the_history(partners, live_server, browser_page):
    page = browser_page
    page.goto(f"{live_server.url}/partners/")
    assert count_text(page) == "5 partners gevonden"

    page.check("#f-domein-stem")
    page.wait_for_function("location.search === '?domein=stem'")
    page.wait_for_function(
        "document.querySelector('[data-directory-status]').textContent.includes('2 partners')"
    )
    assert count_text(page) == "2 partners gevonden"
    assert page.evaluate("document.activeElement.id") == "f-domein-stem"

    page.check("#f-provincie-antwerpen")
    page.wait_for_function("location.search === '?domein=stem&provincie=antwerpen'")
    page.wait_for_function(
        "document.querySelector('[data-directory-count]').textContent.startsWith('1 ')"
    )

    page.go_back()
    page.wait_for_function("location.search === '?domein=stem'")
    page.wait_for_function(
        "document.querySelector('[data-directory-count]').textContent.startsWith('2 ')"
    )
    assert not page.is_checked("#f-provincie-antwerpen")

    page.fill("#directory-q", "bakkerij")
    page.press("#directory-q", "Enter")
    page.wait_for_function("location.search === '?q=bakkerij&domein=stem'")
    page.wait_for_function(
        "document.querySelector('[data-directory-count]').textContent.startsWith('0 ')"
    )
    assert "Zonder Studiedomein: STEM" in page.locator(".empty-state").inner_text()
    page.click("text=Zonder Studiedomein: STEM")
    page.wait_for_function("location.search === '?q=bakkerij'")
    page.wait_for_function(
        "document.querySelector('[data-directory-count]').textContent.startsWith('1 ')"
    )
    assert page.evaluate("document.activeElement.id") == "directory-count"
