"""Search alerts, in Chromium: a coordinator saves a directory search, confirms it through the
link in the mail, a partner manager approves a new matching partner in the admin,
send_search_alerts runs, the digest names that partner, its link opens the partner's page, and
unsubscribing takes one button."""

import contextlib
import datetime
import re

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

from partners.alerts.models import SavedSearch
from tests.partners.registration import helpers
from tests.support.otp import sign_in_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "Partnerbeheer-2026!"


def run_commit_callbacks(execute):
    # A live-server test commits for real: on_commit callbacks (the mails) run by themselves.
    return contextlib.nullcontext()


def link_in(message, part):
    return next(url for url in re.findall(r"http://\S+", message.body) if part in url)


def test_coordinator_saves_a_search_and_hears_of_a_new_partner(
    live_server, live_site, new_page, django_user_model, tmp_path
):
    directory = live_site["directory"]
    # The run has no request: its links follow the Site that serves the directory.
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))

    # The coordinator searches the directory, saves the search, mistypes the address first.
    coordinator = new_page()
    coordinator.goto(live_server.url + directory.url + "?domein=voeding-en-horeca")
    coordinator.get_by_role("link", name=re.compile("Bewaar deze zoekopdracht")).click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Bewaar deze zoekopdracht")
    expect(coordinator.locator(".alert-search")).to_contain_text("Studiedomein: Voeding en horeca")
    coordinator.get_by_label("Uw e-mailadres").fill("stage@school")
    coordinator.get_by_label("Dagelijks").check()
    coordinator.get_by_role("button", name="Bewaar de zoekopdracht").click()
    expect(coordinator.locator(".error-summary")).to_contain_text("Vul een geldig e-mailadres in")
    expect(coordinator.get_by_label("Uw e-mailadres")).to_have_value("stage@school")
    coordinator.screenshot(path=tmp_path / "form.png", full_page=True)
    coordinator.get_by_label("Uw e-mailadres").fill("stage@school.example")
    coordinator.get_by_role("button", name="Bewaar de zoekopdracht").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Bekijk uw mailbox")
    coordinator.screenshot(path=tmp_path / "saved.png")

    # The confirmation mail's link, then the button.
    [confirmation] = mail.outbox
    assert confirmation.to == ["stage@school.example"]
    coordinator.goto(link_in(confirmation, "/zoekopdracht/bevestigen/"))
    coordinator.get_by_role("button", name="Bevestigen").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Uw zoekopdracht is bewaard")
    saved = SavedSearch.objects.get()
    assert saved.confirmed_at is not None and saved.query == "domein=voeding-en-horeca"
    # A day has passed since: the daily search is due at the next run.
    SavedSearch.objects.update(checked_at=timezone.now() - datetime.timedelta(days=1))
    mail.outbox.clear()

    # A partner manager approves a bakery's registration from the dashboard.
    manager = django_user_model.objects.create_user(
        username="partnerbeheer", email="beheer@werkplekportaal.example", password=PASSWORD
    )
    manager.groups.add(Group.objects.get(name="Partnerbeheerders"))
    registration = helpers.in_review(run_commit_callbacks)
    admin = new_page()
    sign_in_in_browser(admin, live_server.url, "partnerbeheer", PASSWORD, manager)
    admin.goto(f"{live_server.url}/admin/")
    row = admin.locator("tr", has_text="Bakkerij De Korenaar")
    row.get_by_role("button", name=re.compile("^Acties")).click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(admin.locator(".messages")).to_contain_text("‘Bakkerij De Korenaar’ is goedgekeurd.")
    registration.partner.refresh_from_db()
    assert registration.partner.live
    mail.outbox.clear()

    # The run: one digest, to the coordinator, naming the bakery.
    call_command("send_search_alerts")
    [digest] = mail.outbox
    assert digest.to == ["stage@school.example"]
    assert "Bakkerij De Korenaar" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    coordinator.goto(link_in(digest, registration.partner.slug))
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("Bakkerij De Korenaar")

    # Unsubscribing: the link in the mail, one button.
    coordinator.goto(link_in(digest, "/zoekopdracht/uitschrijven/"))
    coordinator.get_by_role("button", name="Uitschrijven").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text("U bent uitgeschreven")
    coordinator.screenshot(path=tmp_path / "unsubscribed.png")
    assert not SavedSearch.objects.exists()
    call_command("send_search_alerts")
    assert len(mail.outbox) == 1
