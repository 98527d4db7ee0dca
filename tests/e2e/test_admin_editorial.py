"""An editor writes a chapter in Wagtail's admin and a moderator approves it, in Chromium.

Every admin page visited must be free of CSP violations, console errors and English
(admin_browser); each step asserts what the person sees.
"""

import re

import pytest
import wagtail_factories
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.utils import timezone

from wagtail.models import Collection

from tests.e2e.admin_browser import (
    BrowserProblems,
    assert_no_english,
    autosaves,
    serve_media,
    wait_for_autosave,
    wait_until_edits_are_watched,
    wait_until_preview_is_ready,
)
from tests.guides.factories import GuideChapterPageFactory, GuidePageFactory, publish
from tests.support.otp import sign_in_in_browser

pytestmark = pytest.mark.browser

PASSWORD = "Redactie-2026!wachtwoord"


def choose_time(page, picker, text):
    """Picks a time in the date picker's time list as a person does: the list shows a window of
    hours around the current time, so scroll it with the mouse wheel until `text` is in view."""
    window = picker.locator(".xdsoft_timepicker .xdsoft_time_box").first
    time = picker.locator(".xdsoft_time", has_text=text).first
    for _attempt in range(30):
        outer, inner = window.bounding_box(), time.bounding_box()
        if (
            outer["y"] <= inner["y"]
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
        ):
            break
        window.hover()
        page.mouse.wheel(0, -100 if inner["y"] < outer["y"] else 100)
        page.wait_for_timeout(50)
    time.click()


@pytest.fixture
def chapter(live_site):
    guide = publish(
        GuidePageFactory(parent=live_site["guides"], title="Gids voor scholen", slug="scholen")
    )
    return publish(GuideChapterPageFactory(parent=guide, title="Kwaliteit", slug="kwaliteit"))


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@werkplekportaal.example",
        password=PASSWORD,
        first_name=username.capitalize(),
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def test_editor_previews_chooses_image_schedules_submits_and_moderator_approves(
    live_server, chapter, new_page, django_user_model, media_root
):
    wagtail_factories.ImageFactory(
        title="Leerling aan de draaibank",
        collection=Collection.get_first_root_node(),
        file__width=1200,
        file__height=630,
    )
    editor = staff(django_user_model, "redacteur", "Redacteurs")
    page = new_page()
    problems = BrowserProblems(page)
    serve_media(page, media_root)
    sign_in_in_browser(page, live_server.url, "redacteur", PASSWORD, editor)
    page.goto(f"{live_server.url}/admin/pages/{chapter.pk}/edit/")

    # The live preview panel shows the edit.
    page.locator("button[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("main")).to_contain_text("Wat je in dit hoofdstuk leest.")
    wait_until_preview_is_ready(page)
    wait_until_edits_are_watched(page)
    # One change (Wagtail's form watcher compares the form every half second): a change that
    # arrives while the panel is still loading an earlier one is dropped by Wagtail's panel.
    intro = page.locator("#id_intro")
    intro.fill("Een nieuwe inleiding over kwaliteit op de werkplek.")
    intro.press("Tab")
    # Wagtail posts the form and reloads the panel half a second after it sees the change; a
    # busy machine takes its time.
    expect(frame.locator("main")).to_contain_text(
        "Een nieuwe inleiding over kwaliteit", timeout=20_000
    )
    expect(frame.locator("main")).not_to_contain_text("Wat je in dit hoofdstuk leest.")
    page.locator("button[data-side-panel-toggle='preview']").click()

    # The social image, through the image chooser on the "Eigenschappen" tab.
    page.get_by_role("tab", name="Eigenschappen").click()
    page.get_by_role("button", name="Kies een afbeelding").click()
    page.get_by_role("link", name=re.compile("Leerling aan de draaibank")).click()
    expect(page.locator("[data-chooser-title]").first).to_have_text("Leerling aan de draaibank")

    # A scheduled publication, through the date picker of the status panel's schedule dialog.
    page.locator("button[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name="Stel schema in").click()
    dialog = page.locator("#schedule-publishing-dialog")
    saved = autosaves(page)
    dialog.get_by_label("Publiceer op").click()
    picker = dialog.locator(".xdsoft_datetimepicker").first
    expect(picker).to_be_visible()
    picker.locator(".xdsoft_next").first.click()
    picker.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    choose_time(page, picker, "10:00")
    go_live = dialog.get_by_label("Publiceer op")
    expect(go_live).to_have_value(re.compile(r"^\d{4}-\d{2}-15 10:00$"))
    assert_no_english(page)
    wait_for_autosave(page, saved)
    dialog.get_by_role("button", name="Schema opslaan").click()
    expect(page.locator(".messages")).to_contain_text("Pagina 'Kwaliteit' is gewijzigd.")
    status = page.locator("[data-side-panel='status']")
    expect(status).to_contain_text(re.compile(r"Live-gang:\s*15 \w+ \d{4} 10:00"))

    # Submitted to the guides' moderation workflow.
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.get_by_role("button", name="Stuur door naar Gidsen: goedkeuring").click()
    expect(page.locator(".messages")).to_contain_text(
        "Pagina 'Kwaliteit' is ter goedkeuring ingediend."
    )
    assert_no_english(page)
    problems.assert_none()
    page.context.close()

    # The moderator approves it from the dashboard and is told so.
    moderator = staff(django_user_model, "moderator", "Moderatoren")
    admin = new_page()
    problems = BrowserProblems(admin)
    serve_media(admin, media_root)
    sign_in_in_browser(admin, live_server.url, "moderator", PASSWORD, moderator)
    row = admin.locator("tr", has_text="Kwaliteit")
    row.get_by_role("button", name=re.compile("^Acties")).click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(admin.locator(".messages")).to_contain_text("‘Kwaliteit’ is goedgekeurd.")
    expect(admin.locator("tr", has_text="Kwaliteit")).to_have_count(0)
    assert_no_english(admin)
    problems.assert_none()
    admin.context.close()

    # Approved with its schedule: the new text waits for its go-live date, the old stays online.
    chapter.refresh_from_db()
    scheduled = chapter.scheduled_revision
    go_live_at = timezone.localtime(scheduled.approved_go_live_at)
    assert (go_live_at.day, go_live_at.hour) == (15, 10)
    assert chapter.intro == "Wat je in dit hoofdstuk leest."
    approved = scheduled.as_object()
    assert approved.intro == "Een nieuwe inleiding over kwaliteit op de werkplek."
    assert approved.social_image.title == "Leerling aan de draaibank"
