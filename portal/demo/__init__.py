"""Demo content: the site tree, the portal's own pages and its settings.

Everything here is idempotent: a page that exists (by slug under its parent) is left as it is, so
that running `manage.py load_demo` again never duplicates content nor overwrites an editor's work.
The apps add their own demo content in guides/demo and partners/demo.
"""

import secrets
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import GroupApprovalTask, Page, Site

from portal.core.demo import ensure_child, load_json, stream
from portal.core.models import (
    ContactSettings,
    ContentPage,
    FooterSettings,
    HomePage,
    NavigationSettings,
    NewsIndexPage,
    NewsPage,
)

DATA_DIR = Path(__file__).resolve().parent
DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def ensure_home(base_url=None):
    """The HomePage as root of the default site, replacing Wagtail's welcome page.

    The default site gets the host and port the demo is served on (`base_url`, which `make run`
    passes from its HOST and PORT), so that canonical and sitemap URLs and the links in e-mails
    sent without a request (approval, rejection) lead there. Without `base_url` a site an
    operator configured is left alone and Wagtail's initial localhost:80 site gets
    127.0.0.1:8000.
    """
    home = HomePage.objects.first()
    data = load_json(DATA_DIR / "pages.json")["home"]
    if home is None:
        root = Page.get_first_root_node()
        for welcome in root.get_children().filter(slug="home"):
            if welcome.specific_class is Page and not welcome.get_children().exists():
                Site.objects.filter(root_page=welcome).update(root_page=root)
                welcome.delete()
        home = HomePage(
            title=data["title"],
            seo_title=data.get("seo_title", ""),
            slug="home",
            hero_title=data["hero_title"],
            hero_text=data["hero_text"],
            search_description=data.get("search_description", ""),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    parsed = urlparse(base_url or DEFAULT_BASE_URL)
    host, port = (
        parsed.hostname or "localhost",
        parsed.port or (443 if parsed.scheme == "https" else 80),
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname=host, port=port)
    elif base_url or (site.hostname == "localhost" and site.port == 80):
        # Asked for, or Wagtail's initial site: point it at where the demo is served.
        site.hostname, site.port = host, port
    site.root_page = home
    site.site_name = "Werkplekportaal"
    site.save()
    return home


def load_site(base_url=None):
    """Home, the section pages, content pages and news. Returns the pages by role."""
    data = load_json(DATA_DIR / "pages.json")
    home = ensure_home(base_url)

    from guides.models import GuideIndexPage
    from partners.models import PartnerDirectoryPage
    from search.models import SearchPage

    pages = {"home": home}
    pages["guides"], _ = ensure_child(
        home,
        GuideIndexPage,
        "gidsen",
        title="Gidsen",
        intro="Twee handboeken voor samenwerken en werkplekleren: één voor scholen, één voor bedrijven.",
        search_description="De gidsen voor scholen en bedrijven over werkplekleren en duaal leren.",
    )
    pages["directory"], _ = ensure_child(
        home,
        PartnerDirectoryPage,
        "partners",
        title="Partners zoeken",
        intro="Zoek bedrijven, scholen en organisaties die werkplekleren aanbieden, "
        "per studiedomein, onderwijsvorm, vorm van werkplekleren en regio.",
        search_description="Vind partners voor stages, duaal leren en andere vormen van werkplekleren in Vlaanderen.",
    )
    pages["search"], _ = ensure_child(home, SearchPage, "zoeken", title="Zoeken")

    for item in data["pages"]:
        pages[item["slug"]], _ = ensure_child(
            home,
            ContentPage,
            item["slug"],
            title=item["title"],
            intro=item.get("intro", ""),
            search_description=item.get("search_description", ""),
            body=stream(item.get("body", [])),
        )

    pages["news"], _ = ensure_child(
        home,
        NewsIndexPage,
        "nieuws",
        title="Nieuws",
        intro="Nieuws over werkplekleren, duaal leren en dit portaal.",
    )
    for item in data["news"]:
        ensure_child(
            pages["news"],
            NewsPage,
            item["slug"],
            title=item["title"],
            date=date.fromisoformat(item["date"]),
            intro=item["intro"],
            search_description=item.get("search_description", ""),
            body=stream(item.get("body", [])),
        )
    return pages


def link(page, text="", text_en=""):
    return {"type": "link", "value": {"text": text, "page": page.pk, "url": "", "text_en": text_en}}


def configure_settings(site, pages):
    """Navigation, footer and contact settings, filled only when still empty."""
    navigation = NavigationSettings.for_site(site)
    if not navigation.primary_links:
        navigation.primary_links = [
            link(pages["guides"], text_en="Guides"),
            link(pages["directory"], "Partners", "Partners"),
            link(pages["news"], text_en="News"),
            link(pages["over-ons"], "Over ons", "About us"),
        ]
        navigation.save()
    footer = FooterSettings.for_site(site)
    if not footer.links:
        footer.about_text = (
            "<p>Werkplekportaal brengt scholen en bedrijven samen rond werkplekleren en duaal leren "
            "in Vlaanderen.</p>"
        )
        footer.links = [
            link(pages[slug], text_en=english)
            for slug, english in (
                ("over-ons", "About us"),
                ("privacy", "Privacy"),
                ("toegankelijkheid", "Accessibility"),
            )
            if slug in pages
        ]
        footer.save()
    contact = ContactSettings.for_site(site)
    if not contact.email:
        contact.organisation = "Werkplekportaal"
        contact.email = "redactie@werkplekportaal.example"
        contact.address = "Werkplekportaal (demo)\nVoorbeeldstraat 1\n1000 Brussel"
        contact.save()


def reset_admin(username="admin"):
    """The demo administrator, with a freshly generated password (returned, never stored).

    A member of every reviewing group (Moderators, Partnerbeheerders): Wagtail's workflow
    notifications go to those groups only (WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS is off,
    so nobody gets two mails per submission).
    """
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=username, defaults={"email": "admin@werkplekportaal.example"}
    )
    user.is_staff = True
    user.is_superuser = True
    user.is_active = True
    user.set_password(password)
    user.save()
    user.groups.add(
        *Group.objects.filter(
            pk__in=GroupApprovalTask.objects.filter(active=True).values("groups")
        ).distinct()
    )
    return username, password


@transaction.atomic
def load(base_url=None):
    pages = load_site(base_url)
    site = Site.objects.get(is_default_site=True)
    configure_settings(site, pages)

    from guides import demo as guides_demo

    guides_demo.load(pages)

    from partners import demo as partners_demo

    partners_demo.load(pages)
    fill_home(pages)
    return pages


def fill_home(pages):
    """Cards under the hero that lead to the guides, the glossary and the directory; only
    when the home page has no body yet, so an editor's home page is never overwritten."""
    home = HomePage.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    featured = [
        pages[slug].pk
        for slug in ("gids-voor-scholen", "gids-voor-bedrijven", "directory", "glossary")
        if slug in pages
    ]
    if home.body or not featured:
        return
    home.body = [
        # No title: the block's own "Begin hier", which the English interface translates.
        {"type": "featured_pages", "value": {"title": "", "pages": featured}},
    ]
    home.save_revision().publish()
