"""The django-axes lockout page, as a person meets it in the browser after too many wrong
passwords: in Dutch, styled by the admin, without CSP violations or console errors."""

import pytest
from playwright.sync_api import expect

from django.conf import settings

from tests.e2e.admin_browser import BrowserProblems, assert_no_english

pytestmark = pytest.mark.browser


def test_the_lockout_page_shows_without_csp_violations(
    live_site, live_server, page, django_user_model
):
    django_user_model.objects.create_user("redacteur", "r@werkplekportaal.example", "Juist-2026!")
    problems = BrowserProblems(page)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(f"{live_server.url}/admin/login/")
        page.locator("#id_username").fill("redacteur")
        page.locator("#id_password").fill("verkeerd-wachtwoord")
        page.locator("form button[type=submit]").click()
        page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanmelden tijdelijk geblokkeerd")
    expect(page.locator("main")).to_contain_text(
        f"Er werd {settings.AXES_FAILURE_LIMIT} keer na elkaar een verkeerd wachtwoord gegeven."
    )
    # The admin's stylesheet applies (a blocked stylesheet would leave the page unstyled).
    assert page.locator("body").evaluate("b => getComputedStyle(b).fontFamily") != "Times New Roman"
    assert_no_english(page)
    # The lockout answers 429 Too Many Requests, as it should; nothing else may go wrong.
    assert page.evaluate("performance.getEntriesByType('navigation')[0].responseStatus") == 429
    problems.assert_none(answered_with=429)
