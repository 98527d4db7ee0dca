"""What every public page shows around its content: the menu, the search box and the footer.

Resolved from the site settings into plain strings; templates read it as `chrome`
(portal.core.context_processors). Kept in the cache per site and language
(portal.core.fragments): saving a setting, or publishing a page the menu or footer links to, bans
every page of the site at the edge (portal.signal_handlers), and the same ban forgets it.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.templatetags.wagtailcore_tags import richtext

from portal.core.blocks import navigation_label
from portal.core.fragments import FRAGMENT_SECONDS, chrome_key


@dataclass(frozen=True)
class Link:
    href: str
    label: str


@dataclass(frozen=True)
class Chrome:
    organisation: str = "Werkplekportaal"
    email: str = ""
    phone: str = ""
    address_lines: tuple = ()
    primary_links: tuple = ()
    footer_links: tuple = ()
    about_html: str = ""
    search_url: str = ""

    @property
    def about(self):
        # The footer text as Wagtail's |richtext filter rendered it (and marked it safe).
        return mark_safe(self.about_html)  # noqa: S308  # nosec B308 B703 - reviewed: output of |richtext


def chrome_for_request(request):
    """The chrome of the site `request` is for, from the cache or read with `read_chrome`."""
    site = Site.find_for_request(request)
    if site is None:
        return Chrome()
    key = chrome_key(site.pk, get_language())
    chrome = cache.get(key)
    if chrome is None:
        chrome = read_chrome(site, request)
        cache.set(key, chrome, FRAGMENT_SECONDS)
    return chrome


def read_chrome(site, request):
    """The chrome of `site`, in two queries.

    One for the three settings (joined to the site), one for the search page and every page the
    menu and the footer link to; Wagtail's stream values would fetch the pages of each stream
    in a query of their own.
    """
    from portal.core.models import ContactSettings, FooterSettings, NavigationSettings

    contact, navigation, footer = site_settings(
        site, [ContactSettings, NavigationSettings, FooterSettings]
    )
    pages = linked_pages(site, [navigation.primary_links, footer.links])
    search_page = pages.get("search")
    return Chrome(
        organisation=contact.organisation or "Werkplekportaal",
        email=contact.email,
        phone=contact.phone,
        address_lines=tuple(contact.address_lines),
        primary_links=links(navigation.primary_links, pages, request),
        footer_links=links(footer.links, pages, request),
        about_html=str(richtext(footer.about_text)) if footer.about_text else "",
        search_url=search_page.get_url(request) if search_page else "",
    )


def site_settings(site, models):
    """The site's row of each settings model, read together with the site in one query."""
    names = [model._meta.model_name for model in models]
    joined = Site.objects.select_related(*names).get(pk=site.pk)
    found = []
    for model, name in zip(models, names, strict=True):
        try:
            found.append(getattr(joined, name))
        except model.DoesNotExist:
            found.append(model.for_site(site))  # created with its defaults, as Wagtail does
    return found


def site_search_pages(site):
    """The site's live search pages, from the app that provides the search (hook
    "register_site_search_pages", which search/wagtail_hooks.py registers); None without one.
    The core imports no domain app: the search box learns its page this way."""
    for hook in hooks.get_hooks("register_site_search_pages"):
        return hook(site)
    return None


def linked_pages(site, streams):
    """{page id: live page} of the pages the streams link to, and "search": the search page."""
    ids = {
        block["value"].get("page")
        for stream in streams
        for block in stream.raw_data
        if block["value"].get("page")
    }
    searches = site_search_pages(site)
    pages = Page.objects.live()
    if searches is not None:
        pages = pages.annotate(is_search=Exists(searches.filter(pk=OuterRef("pk"))))
        pages = pages.filter(Q(pk__in=ids) | Q(is_search=True))
    else:
        pages = pages.filter(pk__in=ids)
    pages = pages.only("id", "title", "path", "url_path", "live").order_by("path")
    found = {page.pk: page for page in pages}
    found["search"] = next(
        (page for page in found.values() if getattr(page, "is_search", False)), None
    )
    return found


def links(stream, pages, request):
    found = []
    for block in stream.raw_data:
        value = block["value"]
        page_id = value.get("page")
        if page_id:
            page = pages.get(page_id)
            if page is None:
                continue  # an unpublished page would be a link to a 404
            href, fallback = page.get_url(request) or "", page.title
        else:
            href = fallback = value.get("url") or ""
        label = navigation_label(value.get("text"), value.get("text_en"), fallback)
        if href:
            found.append(Link(href=href, label=str(label)))
    return tuple(found)
