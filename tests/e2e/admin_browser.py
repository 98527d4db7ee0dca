"""What the admin's browser tests share: a watch on everything the browser complains about.

A test of the admin fails on any Content-Security-Policy violation, console error or uncaught
exception on the pages it visits, in the page or in a frame (the live preview). Chromium
reports a blocked resource as a console error; the `securitypolicyviolation` event is listened to
as well, so that a violation is reported with its directive even where the console is quiet
(report-only policies, violations in frames).
"""

import mimetypes
import re

from playwright.sync_api import expect

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(
        `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` on ${document.location.pathname}`
    );
});
"""


WATCH_EDITS = """
// Wagtail's unsaved-changes controller takes a reference copy of the edit form two seconds after
// it connects; a change made before that is part of the reference and is not seen as a change.
// A page's edit form also starts with a w-init controller: when that one removes itself from the
// form, Stimulus reconnects the form's other controllers, and a reference not yet taken is
// scheduled a second time, to be taken again two seconds later. The edits are watched once the
// last reference copy has been taken.
let wppReferencesExpected = 1;
let wppReferencesTaken = 0;
const wppMarkEditsWatched = () => {
    if (wppReferencesTaken >= wppReferencesExpected) {
        document.documentElement.dataset.wppEditsWatched = "true";
    }
};
document.addEventListener("DOMContentLoaded", () => {
    if (document.querySelector("form[data-edit-form][data-controller~='w-init']")) {
        wppReferencesExpected = 2;
    }
});
document.addEventListener("w-init:ready", (event) => {
    const form = event.target instanceof Element && event.target.matches("form[data-edit-form]");
    if (form && wppReferencesTaken > 0) {
        wppReferencesExpected = wppReferencesTaken;  // taken before the reconnect: not again
        wppMarkEditsWatched();
    }
});
document.addEventListener("w-unsaved:watch-edits", () => {
    wppReferencesTaken += 1;
    wppMarkEditsWatched();
});
// The live preview panel is "ready" once its first page has loaded. Before that, Wagtail's
// panel drops a change (it marks itself stale and waits for a change of that mark that never
// comes), so a test waits for it as a person waits for the panel.
document.addEventListener("w-preview:ready", () => {
    document.documentElement.dataset.wppPreviewReady = "true";
});
document.addEventListener("w-autosave:save", () => {
    document.documentElement.dataset.wppAutosaving = "true";
});
document.addEventListener("w-autosave:success", () => {
    const html = document.documentElement;
    delete html.dataset.wppAutosaving;
    html.dataset.wppAutosaves = String(Number(html.dataset.wppAutosaves || 0) + 1);
});
"""


def wait_until_preview_is_ready(page):
    """The live preview panel has loaded its first page and takes changes from now on."""
    page.locator("html[data-wpp-preview-ready]").wait_for(state="attached", timeout=20_000)


def autosaves(page):
    return page.locator("html").get_attribute("data-wpp-autosaves") or "0"


def wait_for_autosave(page, count_before):
    """Wagtail 8 saves the edit form by itself a moment after a change. A save of one's own
    made while that runs is refused as a conflict (400): a person waits for "Opgeslagen",
    so the test waits for the autosave of its change to have finished."""
    html = page.locator("html")
    more = re.compile(rf"^(?!{count_before}$)\d+$")
    expect(html).to_have_attribute("data-wpp-autosaves", more, timeout=20_000)
    expect(html).not_to_have_attribute("data-wpp-autosaving", "true")


def wait_until_edits_are_watched(page):
    """Wagtail's edit form takes its reference copy of the form a moment after loading (the
    unsaved-changes controller's initial delay), on a page's edit form twice (WATCH_EDITS says
    why); a change made before the last copy is not seen as a change, so neither the preview
    nor the autosave would follow it. Wait for the controller's own events."""
    # A selector, not wait_for_function: the admin's CSP forbids the eval that one needs.
    page.locator("html[data-wpp-edits-watched]").wait_for(state="attached")


class BrowserProblems:
    """Console errors, uncaught exceptions and CSP violations seen by one page, with its URL."""

    def __init__(self, page):
        self.page = page
        self.seen = []
        page.add_init_script(REPORT_VIOLATIONS + WATCH_EDITS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.seen.append(f"{page.url}: {error}"))
        page.on("response", self._response)

    def _console(self, message):
        if message.type == "error":
            self.seen.append(f"{self.page.url}: {message.text}")

    def _response(self, response):
        # Which request failed, with what answer: the console only says "Failed to load".
        if response.status >= 400:
            try:
                body = response.text()[:300]
            except Exception:  # noqa: BLE001 - a body that cannot be read is no reason to fail here
                body = ""
            self.seen.append(f"{response.request.method} {response.url}: {response.status} {body}")

    def assert_none(self, answered_with=None):
        """No problem seen; `answered_with` (e.g. 429) is a status the page itself is meant to
        have, which Chromium reports as a failed resource."""
        seen = self.seen
        if answered_with is not None:
            seen = [line for line in seen if f"{answered_with}" not in line]
        assert not seen, "\n".join(seen)


# Phrases of Wagtail's and Django's English interface; in the Dutch admin none may show.
ENGLISH = re.compile(
    r"\b(ago|seconds?|minutes?|hours?|Save draft|Choose an? |Submit to|Approve|Reject|"
    r"Awaiting|Preview|Schedule|Go-live|Expiry|Edit|Actions|This field is required|"
    r"Enter a valid)\b"
)


def assert_no_english(page):
    """The visible text of the page has none of the admin's English phrases."""
    text = page.locator("body").inner_text()
    found = sorted({match.group(0) for match in ENGLISH.finditer(text)})
    assert not found, f"English in the Dutch admin on {page.url}: {found}"


def serve_media(page, media_root):
    """The live server does not serve media (a web server or S3 does in production): the
    browser gets uploaded images and their renditions from MEDIA_ROOT here."""

    def fulfill(route):
        relative = re.sub(r"^.*?/media/", "", route.request.url.split("?")[0])
        path = media_root / relative
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(path=str(path), content_type=content_type)

    page.route(re.compile(r".*/media/.*"), fulfill)
