"""Site-wide page types and settings.

BasePage carries what every page of the portal has (social image, meta description); the apps'
page types inherit from it. HomePage, ContentPage and the news pages live here; the guides and the
directory have their own apps. Navigation, footer and contact details are site settings, edited
under Instellingen in the admin and read by templates/base.html.
"""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import Resolver404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import ContentStreamBlock, HomeStreamBlock, NavigationStreamBlock
from .fragments import FRAGMENT_SECONDS, cacheable


def in_private_section():
    """True for a page under a view restriction (its own or an ancestor's), as one subquery.

    `queryset.exclude(in_private_section())` is Wagtail's `PageQuerySet.public()` in the same
    query; `public()` first reads every restriction in a query of its own, at each call (three or
    four times on a chapter page).
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def routes_itself(page_class, path_components):
    """Whether a page of this type takes `path_components` itself rather than pass them to a child.

    A RoutablePageMixin page does when one of its routes matches (it is asked first, as in
    Wagtail's routing); any other type with its own `route` always does.
    """
    get_resolver = getattr(page_class, "get_resolver", None)
    if get_resolver is None:
        return page_class.route is not BasePage.route
    try:
        get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Resolver404:
        return False
    return True


def breadcrumb_trail(page, request):
    """(URL, title) of each ancestor of `page` below the tree's root, home page first."""
    ancestors = page.get_ancestors().filter(depth__gt=1).specific(defer=True)
    return [(ancestor.get_url(request), ancestor.title) for ancestor in ancestors]


class SocialMetaMixin(models.Model):
    """Open Graph image and description for sharing; falls back to the site defaults."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Afbeelding voor sociale media"),
        help_text=_("Wordt getoond wanneer de pagina gedeeld wordt (1200 x 630 pixels is ideaal)."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class BasePage(SocialMetaMixin, Page):
    """Abstract base of every page type of the portal."""

    # The field whose text summarises the page: the meta description falls back to it.
    summary_field = "intro"

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("Zoekmachines en delen"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Navigatie")),
    ]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the path read in one query.

        Wagtail's `Page.route` walks the path one level at a time, two queries a level (the
        child, then its specific page): eight for a chapter. This reads the pages on the path at
        once, walks them the same way, and loads only the page it ends on. A page type with its
        own routing (RoutablePageMixin) on the way gets the rest of the path, as with Wagtail.
        """
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(1, len(path_components) + 1)
        ]
        on_path = {
            page.url_path: page
            for page in Page.objects.descendant_of(self).filter(url_path__in=prefixes)
        }
        page, remaining = self, list(path_components)
        while remaining:
            child = on_path.get(page.url_path + remaining[0] + "/")
            if child is None:
                break
            page, remaining = child, remaining[1:]
            if remaining and routes_itself(page.specific_class, remaining):
                break
        if page is self:
            return super().route(request, path_components)
        page = page.specific
        if remaining or type(page).route is not BasePage.route:
            # The page's own route (its RoutablePageMixin views, or a child) takes what is left.
            return page.route(request, remaining)
        if not page.live:
            raise Http404
        # The pages above it were read here already: the breadcrumbs need no query of their own
        # (RouteResult's kwargs reach Page.serve and get_context).
        above = [self, *(on_path[prefix] for prefix in prefixes if prefix != page.url_path)]
        ancestors = [ancestor for ancestor in above if ancestor.url_path != page.url_path]
        return RouteResult(page, kwargs={"ancestors": ancestors})

    def get_context(self, request, *args, ancestors=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # For templates that keep their content in a fragment (portal.core.fragments).
        context["fragment_cache"] = cacheable(request)
        context["fragment_seconds"] = FRAGMENT_SECONDS
        if ancestors is not None:
            context["breadcrumb_trail"] = [
                (ancestor.get_url(request), ancestor.title) for ancestor in ancestors
            ]
        return context

    def social_image_meta(self):
        """{"url", "alt"} of the page's image for link previews, or None."""
        if not self.social_image:
            return None
        rendition = self.social_image.get_rendition("fill-1200x630|format-jpeg")
        return {
            "url": rendition.full_url,
            "alt": self.social_image.default_alt_text or self.title,
        }

    @property
    def summary_text(self):
        return getattr(self, self.summary_field, "")

    def get_meta_description(self):
        """The description for search engines and link previews."""
        if self.search_description:
            return self.search_description
        summary = self.summary_text
        return Truncator(strip_tags(summary)).chars(160) if summary else ""


class HomePage(BasePage):
    """The front page: a hero with the search box, the guides and the directory."""

    hero_title = models.CharField(
        _("Titel bovenaan"),
        max_length=120,
        help_text=_("De grote titel bovenaan de startpagina."),
    )
    hero_text = RichTextField(
        _("Tekst bovenaan"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Eén of twee zinnen die zeggen waarvoor de site dient."),
    )
    body = StreamField(
        HomeStreamBlock(),
        verbose_name=_("Inhoud"),
        blank=True,
        help_text=_("De blokken onder de titel: uitgelichte pagina's, oproepen, tekst."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.ContentPage",
        "portal.NewsIndexPage",
        "guides.GuideIndexPage",
        "partners.PartnerDirectoryPage",
        "search.SearchPage",
    ]
    max_count = 1
    summary_field = "hero_text"

    class Meta:
        verbose_name = _("Startpagina")
        verbose_name_plural = _("Startpagina's")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            NewsPage.objects.live()
            .exclude(in_private_section())
            .descendant_of(self)
            .order_by("-date")[:3]
        )
        return context


class ContentPage(BasePage):
    """A plain page: about, privacy notice, accessibility statement."""

    intro = models.TextField(
        _("Inleiding"), blank=True, help_text=_("Een korte inleiding boven de tekst.")
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["portal.HomePage", "portal.ContentPage"]
    subpage_types = ["portal.ContentPage"]

    class Meta:
        verbose_name = _("Inhoudspagina")
        verbose_name_plural = _("Inhoudspagina's")


class NewsIndexPage(BasePage):
    """The list of news items, newest first, paginated."""

    intro = models.TextField(_("Inleiding"), blank=True, help_text=_("Tekst boven de lijst."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["portal.NewsPage"]
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = _("Nieuwsoverzicht")
        verbose_name_plural = _("Nieuwsoverzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = (
            NewsPage.objects.live()
            .exclude(in_private_section())
            .child_of(self)
            .order_by("-date", "-pk")
        )
        context["news_page"] = Paginator(items, self.per_page).get_page(request.GET.get("pagina"))
        return context


class NewsPage(BasePage):
    """A news item."""

    date = models.DateField(_("Datum"), help_text=_("De datum waarop het nieuws verscheen."))
    intro = models.TextField(
        _("Inleiding"), help_text=_("Eén of twee zinnen; verschijnen ook in overzichten.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optioneel; verschijnt boven het artikel."),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["portal.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Nieuwsbericht")
        verbose_name_plural = _("Nieuwsberichten")
        ordering = ["-date"]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The links in the header; read by templates/navigation/header.html."""

    primary_links = StreamField(
        NavigationStreamBlock(),
        verbose_name=_("Hoofdmenu"),
        blank=True,
        help_text=_("De links bovenaan elke pagina, in deze volgorde. Hou het bij vijf of minder."),
    )

    panels = [FieldPanel("primary_links")]

    class Meta:
        verbose_name = _("Navigatie")


@register_setting(icon="form")
class FooterSettings(BaseSiteSetting):
    """The footer of every page: a short text and links (privacy, accessibility, ...)."""

    about_text = RichTextField(
        _("Over de site"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Eén korte alinea onderaan elke pagina."),
    )
    links = StreamField(
        NavigationStreamBlock(),
        verbose_name=_("Links"),
        blank=True,
        help_text=_("Links onderaan, bijvoorbeeld naar de privacyverklaring."),
    )

    panels = [FieldPanel("about_text"), FieldPanel("links")]

    class Meta:
        verbose_name = _("Voettekst")


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Who runs the portal and how to reach them; shown in the footer and in structured data."""

    organisation = models.CharField(
        _("Organisatie"),
        max_length=200,
        default="Werkplekportaal",
        help_text=_("De naam van de organisatie die de site beheert."),
    )
    email = models.EmailField(
        _("E-mailadres"), blank=True, help_text=_("Het algemene contactadres van de redactie.")
    )
    phone = models.CharField(
        _("Telefoon"), max_length=40, blank=True, help_text=_("Bijvoorbeeld +32 2 123 45 67.")
    )
    address = models.TextField(
        _("Adres"), blank=True, help_text=_("Straat, nummer, postcode en gemeente.")
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("address"),
    ]

    class Meta:
        verbose_name = _("Contactgegevens")

    @cached_property
    def address_lines(self):
        return [line for line in self.address.splitlines() if line.strip()]
