"""First loads stay light: each audited page under 150 KB on the wire and under 20 requests,
counted by Chromium itself; images are WebP renditions with srcset and sizes that load lazily.

The live server sends static files uncompressed and unhashed (no collectstatic in tests), so
these figures are an upper bound of what WhiteNoise's compressed files cost in production.
"""

import re

import pytest
import wagtail_factories
from playwright.sync_api import expect

from tests.e2e.audit import MAX_KB, MAX_REQUESTS, measure_first_load
from tests.e2e.content import PARAGRAPH, build_site, site_paths
from tests.e2e.pages import PAGE_NAMES, audited_pages
from tests.guides.factories import GuideChapterPageFactory, heading, text

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_site):
    return build_site(live_site)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_first_load_is_light(live_server, site, browser, name):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    try:
        _, path, then = next(e for e in audited_pages(site_paths(site)) if e[0] == name)
        page, load = measure_first_load(context, live_server.url + path, then)
        expect(page.locator("h1")).to_have_count(1)
        assert load.count >= 2, "the measurement saw the page and its stylesheet at least"
        assert load.kilobytes < MAX_KB, f"{name}: {load.kilobytes:.1f} KB\n{load.table()}"
        assert load.count < MAX_REQUESTS, f"{name}: {load.count} requests\n{load.table()}"
    finally:
        context.close()


@pytest.fixture
def chapter_with_image(site, media_root):
    image = wagtail_factories.ImageFactory(
        title="Leerling aan de draaibank", file__width=1600, file__height=1000
    )
    body = [heading("Lang verhaal"), *[text(PARAGRAPH) for _ in range(60)]]
    body.append(
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "Een leerling aan de draaibank",
                    "decorative": False,
                },
                "caption": "Op de werkvloer.",
            },
        }
    )
    return GuideChapterPageFactory(
        parent=site["guide"], title="Met een foto", slug="met-een-foto", body=body
    )


def test_images_are_lazy_webp_renditions_with_srcset(
    live_server, chapter_with_image, browser, media_root
):
    """The figure far below the fold (beyond Chromium's lazy-load margin of a few thousand
    pixels) costs nothing on the first load; scrolled to, it loads a WebP rendition from the
    srcset."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    # The live server does not serve media (a web server or S3 does in production): the
    # browser gets the rendition files from MEDIA_ROOT here.
    media_requests = []

    def serve_media(route):
        media_requests.append(route.request.url)
        relative = re.sub(r"^.*?/media/", "", route.request.url)
        route.fulfill(path=str(media_root / relative), content_type="image/webp")

    context.route("**/media/**", serve_media)
    try:
        page, load = measure_first_load(context, live_server.url + chapter_with_image.url)
        image = page.get_by_role("img", name="Een leerling aan de draaibank")
        assert image.get_attribute("loading") == "lazy"
        assert image.get_attribute("sizes") == "(min-width: 60rem) 46rem, 100vw"
        candidates = re.findall(r"(\S+) (\d+)w", image.get_attribute("srcset"))
        assert [width for _, width in candidates] == ["480", "800", "1200"]
        assert all(url.endswith(".webp") for url, _ in candidates)
        assert media_requests == [], "a lazy image below the fold is not fetched on first load"
        assert not any("/media/" in url for url, _ in load.requests.values())

        image.scroll_into_view_if_needed()
        expect(image).to_be_in_viewport()
        expect(image).to_have_js_property("complete", True)
        assert image.evaluate("img => img.naturalWidth") > 0, "the WebP file decoded"
        assert image.evaluate("img => img.currentSrc").endswith(".webp")
        assert len(media_requests) == 1
    finally:
        context.close()
