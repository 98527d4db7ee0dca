"""What every public page shows around its content: the menu, the search box and the footer.

Resolved from the site settings into plain strings once per request; templates read it as
`chrome` (portal.context_processors). It is not cached here: whole pages are cached at the edge
(Varnish or a CDN, deploy/varnish/), and saving a setting bans every page of the site there
(portal.signal_handlers).
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

from wagtail.models import Site
from wagtail.templatetags.wagtailcore_tags import richtext


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
    """The chrome of the site `request` is for."""
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
