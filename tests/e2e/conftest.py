"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live_server.

Playwright's own browser download does not work on these machines; the system chromium is
launched instead (CHROMIUM_PATH, or `chromium` on PATH). Without it a browser test is skipped
with the reason, or fails when WPP_REQUIRE_BROWSER=1 (CI). Live-server tests are transactional:
their tables are flushed afterwards, so `live_site` rebuilds the site tree and the rows of the
data migrations for each test.
"""

import os
import shutil

import pytest

from tests.conftest import require, restore_migration_data

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        require(
            "WPP_REQUIRE_BROWSER", "Debian's chromium is not installed (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require("WPP_REQUIRE_BROWSER", "Playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """A factory of pages, each in its own browser context (own cookies): new_page(**PHONE)."""
    contexts = []

    def make(**options):
        context = browser.new_context(locale="nl-BE", **{**DESKTOP, **options})
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def live_site(live_server, settings, transactional_db):
    """The site tree and the data migrations' rows, served by live_server."""
    from tests.factories import make_site_tree

    restore_migration_data()
    tree = make_site_tree()
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return tree
