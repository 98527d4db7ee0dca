"""Purges of the edge cache (Varnish or a CDN) beyond a published page's own URLs.

wagtail.contrib.frontend_cache purges a page's own URLs (Page.get_cached_paths) when it is
published or unpublished. A change also shows elsewhere: in its parent's list, in the chapter
navigation of its guide, in the home page, in the menu, in the sitemap. portal.signal_handlers
decides what a change touches; this module sends the purges, through the same backends
(settings.WAGTAILFRONTENDCACHE).

Two kinds of request reach the edge:

- PURGE <url>: Wagtail's HTTP backend (or a CDN's API). deploy/varnish/default.vcl drops the
  path with every query string (the directory's filters, the news list's pages).
- BAN with X-Ban-Prefix: every stored page of a host under a path prefix ("/" for the whole
  site), for changes that touch a page and all below it (a view restriction, a move) or every
  page (the menu and footer). Only Varnish understands it; for other backends (a CDN) the
  live pages under the prefix are purged one by one instead.

Each purge also forgets the purged pages' fragments in the Django cache (portal.core.fragments),
with or without an edge: the fragments go stale exactly when the edge's copies do.
"""

import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

from wagtail.contrib.frontend_cache.utils import PurgeBatch

from portal.core import fragments

logger = logging.getLogger(__name__)

HTTP_BACKEND = "wagtail.contrib.frontend_cache.backends.HTTPBackend"
# False while a purge runs before the commit: it forgets the fragments, the edge is told later.
SENDING = ContextVar("edge_sending", default=True)
SAFE_PREFIX = re.compile(r"^/[A-Za-z0-9/_.-]*$")
# The purges asked for inside one_purge_per_change(), in the order first asked; None outside.
BATCH = ContextVar("edge_batch", default=None)


class BanRequest(Request):
    def get_method(self):
        return "BAN"


def http_locations():
    return [
        conf["LOCATION"]
        for conf in settings.WAGTAILFRONTENDCACHE.values()
        if conf.get("BACKEND") == HTTP_BACKEND
    ]


def other_backends():
    return [
        name
        for name, conf in settings.WAGTAILFRONTENDCACHE.items()
        if conf.get("BACKEND") != HTTP_BACKEND
    ]


def enabled():
    return bool(settings.WAGTAILFRONTENDCACHE)


def sending():
    return enabled() and SENDING.get()


@contextmanager
def one_purge_per_change():
    """Within this block each purge is asked for once, at its end, however often it is asked.

    A bulk change (a CSV import of hundreds of partners) saves many objects, and each save asks
    for the same purge (the directory, every chapter's teasers); this sends it once. Put the
    block inside the change's transaction: the purges then wait for its commit, as one change's
    do. If the block raises, nothing is asked for (the transaction is rolled back). Nested
    blocks belong to the outermost one.
    """
    if BATCH.get() is not None:
        yield
        return
    asked = {}
    token = BATCH.set(asked)
    try:
        yield
    finally:
        BATCH.reset(token)
    if transaction.get_connection().in_atomic_block and transaction.get_rollback():
        return  # a dry run: the change is rolled back, nothing to purge
    for function in asked:
        after_commit(function)


def after_commit(function):
    """Run the purge `function` once the change is committed (the edge must not fetch the old
    version). Inside a transaction, also run it now for the fragments alone: a view in between,
    which still reads the old version, may have stored it again. Outside one, on_commit runs it
    at once, and once is enough. Inside one_purge_per_change(), it is asked for at the block's
    end, once."""
    asked = BATCH.get()
    if asked is not None:
        asked[function] = None
        return
    if transaction.get_connection().in_atomic_block:
        token = SENDING.set(False)
        try:
            with transaction.atomic():  # a failing query must not abort the change's transaction
                function()
        except Exception:  # as robust as the purge on commit: a change is never refused for it
            logger.exception("could not forget the fragments of a change")
        finally:
            SENDING.reset(token)
    transaction.on_commit(function, robust=True)


def purge_urls(urls):
    urls = {url for url in urls if url}
    if urls:
        PurgeBatch(urls).purge()


def purge_pages(pages, extra_urls=()):
    pages = list(pages)
    fragments.forget_pages(pages)
    if not sending():
        return
    batch = PurgeBatch()
    for page in pages:
        batch.add_page(page)
    batch.add_urls(url for url in extra_urls if url)
    if batch.urls:
        batch.purge()


def ban(site, prefix="/"):
    """Drop every page of `site` whose path starts with `prefix` from the edge."""
    if not SAFE_PREFIX.match(prefix):
        prefix = "/"
    forget_fragments(site, prefix)
    if not sending():
        return
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    for location in http_locations():
        parts = urlsplit(location)
        request = BanRequest(
            f"{parts.scheme}://{parts.netloc}/",
            headers={"Host": host, "X-Ban-Prefix": prefix},
        )
        try:
            urlopen(request, timeout=5)  # noqa: S310  # nosec B310 - the operator's own Varnish
        except (URLError, OSError) as error:
            logger.error("could not ban %s%s at %s: %s", host, prefix, location, error)
    if other_backends():
        from wagtail.models import Page

        root = site.root_page
        pages = Page.objects.live().descendant_of(root, inclusive=True).specific(defer=True)
        batch = PurgeBatch()
        for page in pages:
            url = page.get_url()
            if url and urlsplit(url).path.startswith(prefix):
                batch.add_page(page)
        batch.purge(backends=other_backends())


def forget_fragments(site, prefix):
    """Forget the fragments of `site`'s pages under `prefix` (and its chrome for "/")."""
    from wagtail.models import Page

    root = site.root_page
    below = Page.objects.descendant_of(root, inclusive=True)
    if prefix != "/":
        below = below.filter(url_path__startswith=root.url_path + prefix.lstrip("/"))
    else:
        fragments.forget_chrome([site.pk])
    fragments.forget_pages(below.only("id", "url_path", "last_published_at"))


def ban_page(page):
    """Drop `page` and every page below it (print views, subpages, query strings)."""
    from wagtail.models import Site

    parts = page.get_url_parts()
    if parts is None:
        return
    site_id, _root_url, path = parts
    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        ban(site, path or "/")


def ban_everything():
    """Every page of every site (the menu, the footer, a page moved or deleted)."""
    from wagtail.models import Site

    for site in Site.objects.all():
        ban(site, "/")
