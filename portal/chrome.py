"""What every public page shows around its content: the menu, the search box and the footer.

Read straight from the site settings, this costs the site lookup, three settings rows, the
menu's and the footer's linked pages and the search page: seven queries and a dozen URL
computations on every page view. It changes only when a setting is saved or a page is
published, moved or deleted, all of which move the page cache's generation on (portal.cache,
portal.signal_handlers). So it is resolved once per site and generation into plain strings and
kept in the cache; templates read it as `chrome` (portal.context_processors).
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import richtext

from portal.cache import cached_for_generation

CHROME_SECONDS = 3600


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


def chrome_name(request):
    return f"chrome:{request.get_host()}"


def chrome_for_request(request):
    """The chrome of the site `request` is for, from the cache when it is there."""
    return cached_for_generation(
        chrome_name(request), lambda: build_chrome(request), CHROME_SECONDS
    )


def build_chrome(request):
    from portal.models import ContactSettings, FooterSettings, NavigationSettings
    from search.models import SearchPage

    site = Site.find_for_request(request)
    if site is None:
        return Chrome()
    contact = ContactSettings.for_site(site)
    navigation = NavigationSettings.for_site(site)
    footer = FooterSettings.for_site(site)
    search_page = SearchPage.objects.live().in_site(site).only("id", "url_path", "path").first()
    return Chrome(
        organisation=contact.organisation or "Werkplekportaal",
        email=contact.email,
        phone=contact.phone,
        address_lines=tuple(contact.address_lines),
        primary_links=links(navigation.primary_links, request),
        footer_links=links(footer.links, request),
        about_html=str(richtext(footer.about_text)) if footer.about_text else "",
        search_url=search_page.get_url(request) if search_page else "",
    )


def links(stream, request):
    found = []
    for block in stream:
        value = block.value
        page = value.get("page")
        if page is not None and not page.live:
            continue  # an unpublished page would be a link to a 404
        href = (page.get_url(request) or "") if page else (value.get("url") or "")
        if href:
            found.append(Link(href=href, label=str(value.label())))
    return tuple(found)
