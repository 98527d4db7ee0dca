"""A partner manager fills in the partner form in Wagtail's admin, in Chromium, as a person does:
ticks languages and the directory's taxonomies as checkboxes, picks "Laatst bevestigd" in
Wagtail's date picker, saves, and finds the values back in the form.

Every admin page visited must be free of CSP violations, console errors, failed requests and
English (admin_browser).
"""

import contextlib
import datetime

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group

from partners.models import EducationForm, Partner, StudyDomain, WorkplaceLearningKind
from tests.e2e.admin_browser import (
    BrowserProblems,
    assert_no_english,
    wait_until_edits_are_watched,
)
from tests.partners.registration import helpers
from tests.support.otp import sign_in_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "Partnerbeheer-2026!"


def run_commit_callbacks(execute):
    # A live-server test commits for real: on_commit callbacks (the mails) run by themselves.
    return contextlib.nullcontext()


def fieldset(page, legend):
    """The group of checkboxes under its legend, as a screen reader announces it."""
    return page.get_by_role("group", name=legend)


def test_partner_manager_ticks_checkboxes_picks_a_date_and_saves(
    live_server, live_site, new_page, django_user_model
):
    manager = django_user_model.objects.create_user(
        username="partnerbeheer", email="beheer@werkplekportaal.example", password=PASSWORD
    )
    manager.groups.add(Group.objects.get(name="Partnerbeheerders"))
    registration = helpers.in_review(run_commit_callbacks)
    partner = registration.partner
    assert "fr" not in partner.languages
    kind = WorkplaceLearningKind.objects.exclude(partners=partner).order_by("sort_order")[0]
    domain = StudyDomain.objects.exclude(partners=partner).order_by("sort_order")[0]
    education_form = EducationForm.objects.order_by("sort_order")[0]

    page = new_page()
    problems = BrowserProblems(page)
    sign_in_in_browser(page, live_server.url, "partnerbeheer", PASSWORD, manager)
    edit_url = f"{live_server.url}/admin/snippets/partners/partner/edit/{partner.pk}/"
    page.goto(edit_url)
    wait_until_edits_are_watched(page)

    fieldset(page, "Talen").get_by_role("checkbox", name="Frans").check()
    fieldset(page, "Vormen van werkplekleren").get_by_role("checkbox", name=kind.name).check()
    fieldset(page, "Studiedomeinen").get_by_role("checkbox", name=domain.name).check()
    fieldset(page, "Onderwijsvormen").get_by_role("checkbox", name=education_form.name).check()

    # "Laatst bevestigd" through Wagtail's date picker: open it, choose the 15th of this month.
    page.get_by_label("Laatst bevestigd").click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    today = datetime.date.today()
    fifteenth = today.replace(day=15)
    expect(page.get_by_label("Laatst bevestigd")).to_have_value(fifteenth.isoformat())
    assert_no_english(page)

    page.get_by_role("button", name="Bewaar concept").click()
    expect(page.locator(".messages")).to_contain_text("Bakkerij De Korenaar")
    page.goto(edit_url)
    expect(page.get_by_role("checkbox", name="Frans")).to_be_checked()
    for name in (kind.name, domain.name, education_form.name):
        expect(page.get_by_role("checkbox", name=name, exact=True)).to_be_checked()
    expect(page.get_by_label("Laatst bevestigd")).to_have_value(fifteenth.isoformat())
    assert_no_english(page)
    problems.assert_none()

    draft = Partner.objects.get(pk=partner.pk).get_latest_revision_as_object()
    assert draft.languages == [*partner.languages, "fr"]
    assert draft.last_confirmed == fifteenth
