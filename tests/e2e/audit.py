"""axe-core and page-weight measurements, shared by the browser tests and the audit script.

axe-core comes from npm (`npm ci`, node_modules/axe-core). Its source is evaluated through the
DevTools protocol (page.evaluate), which the site's Content-Security-Policy does not govern,
so the pages are checked under their real CSP: no bypass_csp needed.
"""

from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
AXE_PATH = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Limits from issue 7: first load of a page, images that load lazily excluded.
MAX_KB = 150
MAX_REQUESTS = 20


def axe_violations(page):
    """The WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    if not AXE_PATH.exists():
        raise RuntimeError(f"{AXE_PATH} is missing: run `npm ci` first")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_PATH.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe(violations):
    """A readable report: rule, impact, and the first few elements that break it."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


@dataclass
class Load:
    """What a first load cost: bytes on the wire (headers included) per request."""

    requests: dict = field(default_factory=dict)

    @property
    def count(self):
        return len(self.requests)

    @property
    def kilobytes(self):
        return sum(size for _, size in self.requests.values()) / 1024

    def table(self):
        return "\n".join(f"{size / 1024:8.1f} KB  {url}" for url, size in self.requests.values())


def measure_first_load(context, url, then=None, settle_ms=500):
    """Open `url` in a fresh page of `context` (empty cache) and count what went over the wire.

    With `then` (say, sending a form), what that action loads is counted instead, still with
    an empty cache: the page the visitor ends up on, as a first load.

    Chromium's own figures through the DevTools protocol: Network.loadingFinished reports the
    encoded (transferred) length of each response. Requests still pending after `settle_ms`
    past the load event would count with 0 bytes; none of the pages keeps one open.
    """
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    load = Load()

    def sent(event):
        if not event["request"]["url"].startswith("data:"):
            load.requests.setdefault(event["requestId"], [event["request"]["url"], 0])

    def finished(event):
        if event["requestId"] in load.requests:
            load.requests[event["requestId"]][1] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    page.goto(url, wait_until="load")
    if then:
        page.wait_for_timeout(settle_ms)
        load.requests.clear()
        then(page)
        page.wait_for_load_state("load")
    page.wait_for_timeout(settle_ms)
    load.requests = {key: tuple(value) for key, value in load.requests.items()}
    return page, load
