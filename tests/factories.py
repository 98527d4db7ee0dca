"""Factories for the portal's pages and settings (factory_boy and wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from wagtail.models import Locale, Page, Site

from guides.models import GuideIndexPage
from partners.models import PartnerDirectoryPage
from portal.core.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from search.models import SearchPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Werkplekportaal"
    slug = "start"
    hero_title = "Samen leren op de werkplek"
    hero_text = "<p>Gidsen en partners voor werkplekleren.</p>"

    class Meta:
        model = HomePage


class ContentPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inhoudspagina {n}")
    intro = "Een korte inleiding."

    class Meta:
        model = ContentPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nieuws"
    slug = "nieuws"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    intro = "Een kort bericht."

    class Meta:
        model = NewsPage


class GuideIndexPageFactory(wagtail_factories.PageFactory):
    title = "Gidsen"
    slug = "gidsen"

    class Meta:
        model = GuideIndexPage


class PartnerDirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Partners zoeken"
    slug = "partners"

    class Meta:
        model = PartnerDirectoryPage


class SearchPageFactory(wagtail_factories.PageFactory):
    title = "Zoeken"
    slug = "zoeken"

    class Meta:
        model = SearchPage


def root_page():
    """The tree's root, recreated after a transactional test flushed the tables."""
    Locale.objects.get_or_create(language_code="nl-be")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    return root


def make_site_tree():
    root = root_page()
    home = HomePage.objects.first() or HomePageFactory(parent=root)
    Site.objects.exclude(root_page=home).delete()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Werkplekportaal",
        },
    )
    return {
        "home": home,
        "guides": GuideIndexPage.objects.first() or GuideIndexPageFactory(parent=home),
        "directory": PartnerDirectoryPage.objects.first()
        or PartnerDirectoryPageFactory(parent=home),
        "search": SearchPage.objects.first() or SearchPageFactory(parent=home),
    }
