"""A partner manager reviews a verified registration in Wagtail's admin, in Chromium: sets a
logo through the image chooser, approves, and the partner is listed in the public directory.

Every admin page visited must be free of CSP violations, console errors and English
(admin_browser).
"""

import contextlib
import re

import pytest
import wagtail_factories
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from wagtail.models import Collection

from partners.models import RegistrationStatus
from tests.e2e.admin_browser import (
    BrowserProblems,
    assert_no_english,
    autosaves,
    serve_media,
    wait_for_autosave,
    wait_until_edits_are_watched,
)
from tests.partners.registration import helpers
from tests.support.otp import sign_in_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "Partnerbeheer-2026!"


def run_commit_callbacks(execute):
    # A live-server test commits for real: on_commit callbacks (the mails) run by themselves.
    return contextlib.nullcontext()


def test_partner_manager_sets_a_logo_approves_and_the_partner_is_listed(
    live_server, live_site, new_page, django_user_model, media_root
):
    wagtail_factories.ImageFactory(
        title="Logo De Korenaar",
        collection=Collection.get_first_root_node(),
        file__width=640,
        file__height=480,
    )
    manager = django_user_model.objects.create_user(
        username="partnerbeheer", email="beheer@werkplekportaal.example", password=PASSWORD
    )
    manager.groups.add(Group.objects.get(name="Partnerbeheerders"))
    registration = helpers.in_review(run_commit_callbacks)
    partner = registration.partner

    page = new_page()
    problems = BrowserProblems(page)
    serve_media(page, media_root)
    sign_in_in_browser(page, live_server.url, "partnerbeheer", PASSWORD, manager)
    page.goto(f"{live_server.url}/admin/snippets/partners/partner/edit/{partner.pk}/")
    expect(page.locator("#id_name")).to_have_value("Bakkerij De Korenaar")
    wait_until_edits_are_watched(page)
    saved = autosaves(page)
    page.get_by_role("button", name="Kies een afbeelding").click()
    page.get_by_role("link", name=re.compile("Logo De Korenaar")).click()
    expect(page.locator("[data-chooser-title]").first).to_have_text("Logo De Korenaar")
    assert_no_english(page)
    # Wagtail keeps the change as a draft by itself ("Opgeslagen"); then to the dashboard.
    wait_for_autosave(page, saved)
    page.goto(f"{live_server.url}/admin/")
    row = page.locator("tr", has_text="Bakkerij De Korenaar")
    row.get_by_role("button", name=re.compile("^Acties")).click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("‘Bakkerij De Korenaar’ is goedgekeurd.")
    assert_no_english(page)
    problems.assert_none()

    registration.refresh_from_db()
    partner.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert partner.live and partner.logo.title == "Logo De Korenaar"

    # Listed in the public directory, with its logo; the partner's page shows it too.
    visitor = new_page()
    serve_media(visitor, media_root)
    visitor.goto(live_server.url + live_site["directory"].url)
    card = visitor.locator("article, li", has_text="Bakkerij De Korenaar").last
    expect(card).to_be_visible()
    card.get_by_role("link", name=re.compile("Bakkerij De Korenaar")).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Bakkerij De Korenaar")
    logo = visitor.locator("img[src*='/media/']").first
    expect(logo).to_be_visible()
    # Visible is not loaded: decode() waits for the image (and fails if it is broken).
    assert logo.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0


def test_partner_manager_approves_from_the_edit_view_and_sees_a_dutch_confirmation(
    live_server, live_site, new_page, django_user_model
):
    """The edit view's own "Goedkeuren en publiceren", right after a change: the approval is
    confirmed as such (not as a plain save), and no autosave follows it (Wagtail would refuse
    that one with a 400: it carries the revision the approval replaced)."""
    manager = django_user_model.objects.create_user(
        username="partnerbeheer", email="beheer@werkplekportaal.example", password=PASSWORD
    )
    manager.groups.add(Group.objects.get(name="Partnerbeheerders"))
    registration = helpers.in_review(run_commit_callbacks)
    partner = registration.partner

    page = new_page()
    problems = BrowserProblems(page)
    sign_in_in_browser(page, live_server.url, "partnerbeheer", PASSWORD, manager)
    page.goto(f"{live_server.url}/admin/snippets/partners/partner/edit/{partner.pk}/")
    wait_until_edits_are_watched(page)
    page.locator("#id_contact_role").fill("zaakvoerster")
    page.locator("footer [data-w-dropdown-target='toggle']").click()
    page.get_by_role("button", name="Goedkeuren en publiceren", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("‘Bakkerij De Korenaar’ is goedgekeurd.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners")
    page.wait_for_load_state("networkidle")
    assert_no_english(page)
    problems.assert_none()

    registration.refresh_from_db()
    partner.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert partner.live and partner.contact_role == "zaakvoerster"
