"""The whole guide on one page (print view) and as a PDF made from it with WeasyPrint.

The PDF is the print view's HTML laid out by WeasyPrint with the site's own stylesheet (its print
rules) on the server. Making it takes a few seconds, so the result is kept in the Django cache
under a key that changes whenever the guide or one of its chapters is published again (or a
chapter is added, moved or unpublished). WeasyPrint never fetches anything from the network:
stylesheets, images and fonts come from the static and media files on disk.
"""

import hashlib
import logging
import mimetypes
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from guides.rendering import RESERVED_IDS, assemble, print_bodies

logger = logging.getLogger(__name__)
PDF_CACHE_SECONDS = 30 * 24 * 3600


def print_context(guide, request, for_pdf):
    chapters = list(guide.chapters())
    used_ids = set(RESERVED_IDS)

    def context_for(number, chapter):
        used_ids.add(f"hoofdstuk-{number}")
        return {"request": request, "page": chapter, "guide": guide, "printing": True}

    bodies = print_bodies(chapters, context_for, used_ids)
    sections = []
    for number, (chapter, body) in enumerate(zip(chapters, bodies, strict=True), start=1):
        context = {"request": request, "page": chapter, "guide": guide, "printing": True}
        sections.append(
            {
                "chapter": chapter,
                "number": number,
                "anchor": f"hoofdstuk-{number}",
                # Block templates' HTML, rewritten by guides.html (which escapes text).
                "html": mark_safe(assemble(chapter, body, context, print_mode=True)),  # noqa: S308  # nosec B308 B703
            }
        )
    return {
        "page": guide,
        "self": guide,
        "guide": guide,
        "sections": sections,
        "reading_minutes": sum(chapter.reading_minutes for chapter in chapters),
        "for_pdf": for_pdf,
        "generated_on": timezone.localdate(),
        "request": request,
    }


def pdf_cache_key(guide):
    raw = repr(guide.publication_stamp()).encode()
    return f"guides:pdf:{guide.pk}:{hashlib.sha256(raw).hexdigest()[:32]}"


def guide_pdf(guide, request):
    """The PDF of a whole guide, from the cache when nothing was published since it was made."""
    key = pdf_cache_key(guide)
    content = cache.get(key)
    if content is None:
        content = render_pdf(guide, request)
        cache.set(key, content, PDF_CACHE_SECONDS)
    return content


def render_pdf(guide, request):
    from weasyprint import HTML

    html = render_to_string(
        "guides/guide_print.html", print_context(guide, request, for_pdf=True), request=request
    )
    base_url = request.build_absolute_uri("/")
    document = HTML(string=html, base_url=base_url, url_fetcher=LocalFilesFetcher(base_url))
    return document.write_pdf(
        pdf_identifier=f"werkplekportaal-gids-{guide.pk}".encode(),
        # A tagged PDF: headings, lists and reading order for screen readers.
        pdf_tags=True,
    )


def LocalFilesFetcher(base_url):  # noqa: N802 (a factory that reads like the class it makes)
    """A WeasyPrint URL fetcher for the site's own static and media files only."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    site = urlparse(base_url)

    class Fetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme in ("http", "https") and parsed.netloc == site.netloc:
                body = read_site_file(parsed.path)
                if body is not None:
                    content_type = (
                        mimetypes.guess_type(parsed.path)[0] or "application/octet-stream"
                    )
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
            # Nothing leaves the server: other resources are left out of the PDF.
            raise ValueError(f"Not fetched for the PDF: {url}")

    return Fetcher(allowed_protocols={"http", "https", "data"})


def read_site_file(url_path):
    """The bytes of a /static/ or /media/ file of this site, or None."""
    static_url = urlparse(settings.STATIC_URL).path
    media_url = urlparse(settings.MEDIA_URL).path
    if url_path.startswith(static_url):
        name = url_path[len(static_url) :]
        path = finders.find(name)
        if path is None and staticfiles_storage.exists(name):
            with staticfiles_storage.open(name) as handle:
                return handle.read()
        if path:
            with open(path, "rb") as handle:
                return handle.read()
        return None
    if url_path.startswith(media_url):
        name = url_path[len(media_url) :]
        if default_storage.exists(name):
            with default_storage.open(name) as handle:
                return handle.read()
    return None
