"""The handbooks, their chapters, topics and the glossary.

The tree is Home -> GuideIndexPage (/gidsen/) -> GuidePage (one handbook, for schools, companies
or both) -> GuideChapterPage. A GlossaryPage lists the `Term` snippets from A to Z; chapters link
the terms they use to it. `Topic` snippets tag chapters so that a chapter can point to related
chapters in either guide.
"""

import io
import math
from dataclasses import dataclass
from datetime import date, timedelta

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from guides.blocks import ChapterStreamBlock, SourcesBlock, TemplatesStreamBlock
from guides.glossary import (
    ENTRIES_KEY,
    USAGE_KEY,
    Entry,
    Matcher,
    TermLinker,
    Usage,
    glossary_version,
    terms_used,
)
from guides.pdf import guide_pdf, print_context
from guides.rendering import render_chapter
from portal.core.models import BasePage, in_private_section

WORDS_PER_MINUTE = 200


class Audience(models.TextChoices):
    SCHOOL = "school", _("Voor scholen")
    COMPANY = "company", _("Voor bedrijven")
    BOTH = "both", _("Voor scholen en bedrijven")


class Topic(models.Model):
    """A theme that chapters are tagged with (werkplekleren, stage, mentoring...).

    Shown as tags on a chapter and used to suggest related chapters. Created with their real values
    by a data migration; editors manage them under Snippets.
    """

    name = models.CharField(
        _("Naam"), max_length=80, unique=True, help_text=_("Zoals lezers het zien.")
    )
    slug = models.SlugField(
        _("Korte naam"),
        max_length=80,
        unique=True,
        help_text=_("Wordt gebruikt in links; verander dit liever niet."),
    )
    description = models.TextField(
        _("Uitleg"), blank=True, help_text=_("Eén zin die zegt waarover het onderwerp gaat.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("Onderwerp")
        verbose_name_plural = _("Onderwerpen")

    def __str__(self):
        return self.name


class TermQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def starting_with(self, letter):
        return self.filter(term__istartswith=letter)


class Term(index.Indexed, models.Model):
    """An entry of the glossary (woordenlijst).

    Shown on the GlossaryPage and linked, with its definition as a tooltip, where a chapter first
    uses the term or its abbreviation (guides/glossary.py). Found by the site search.
    """

    term = models.CharField(
        _("Term"),
        max_length=120,
        unique=True,
        help_text=_(
            "Zoals hij in de tekst staat, bijvoorbeeld 'leerlingenstage'. Hij wordt herkend als "
            "heel woord, in hoofd- of kleine letters, niet in samenstellingen of meervouden."
        ),
    )
    slug = models.SlugField(
        _("Anker"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Het anker op de woordenlijst; laat leeg om het uit de term af te leiden."),
    )
    abbreviation = models.CharField(
        _("Afkorting"),
        max_length=20,
        blank=True,
        help_text=_("Bijvoorbeeld 'DBSO'. Wordt herkend met precies deze hoofdletters."),
    )
    definition = models.TextField(
        _("Omschrijving"),
        help_text=_("Eén tot drie zinnen in gewone taal; verschijnt ook als uitleg bij de term."),
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("Verwante termen"),
        blank=True,
        symmetrical=False,
        related_name="related_from",
        help_text=_("Termen die lezers ook best kennen; ze verschijnen als links bij de term."),
    )
    url = models.URLField(
        _("Meer informatie"),
        blank=True,
        help_text=_("Een link naar een betrouwbare bron, bijvoorbeeld de officiële website."),
    )

    objects = TermQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("term"), FieldPanel("abbreviation")]),
        FieldPanel("definition"),
        FieldPanel("related"),
        FieldPanel("url"),
        FieldPanel("slug"),
    ]
    search_fields = [
        index.SearchField("term", boost=5),
        index.AutocompleteField("term"),
        index.SearchField("abbreviation", boost=3),
        index.SearchField("definition"),
        index.FilterField("term"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = _("Term")
        verbose_name_plural = _("Termen")

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)[:120]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.slug = self.slug or slugify(self.term)
        clash = Term.objects.exclude(pk=self.pk).filter(slug=self.slug)
        if self.slug and clash.exists():
            raise ValidationError({"slug": _("Een andere term heeft al dit anker.")})

    @property
    def letter(self):
        """The A-Z letter the term is listed under ('#' for a digit or sign)."""
        first = slugify(self.term[:1]).upper()
        return first if first.isalpha() else "#"

    def get_url(self, request=None):
        glossary = GlossaryPage.objects.live().first()
        return f"{glossary.get_url(request)}#{self.slug}" if glossary else None


class GuideIndexPage(RoutablePageMixin, BasePage):
    """The overview of the guides (/gidsen/): one card per guide, and the glossary.

    Also serves the list of chapters with one topic (onderwerp/<slug>/), which the topic badges
    on chapters link to: a route like the tag pages of bakerydemo's blog index.
    """

    intro = models.TextField(
        _("Inleiding"), blank=True, help_text=_("Tekst boven het overzicht van de gidsen.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["guides.GuidePage", "guides.GlossaryPage", "guides.TemplatesPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Gidsenoverzicht")
        verbose_name_plural = _("Gidsenoverzichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            GuidePage.objects.child_of(self).live().exclude(in_private_section()).order_by("path")
        )
        context["glossary"] = GlossaryPage.objects.live().exclude(in_private_section()).first()
        return context

    @classmethod
    def topic_subpath(cls, slug):
        """The topic list's path below the overview's URL ("onderwerp/<slug>/")."""
        return cls.get_resolver().reverse("topic", slug)

    def get_cached_paths(self):
        # Purged with the overview (a chapter published or a topic changed): the topic lists.
        slugs = Topic.objects.values_list("slug", flat=True)
        return ["/", *(self.topic_subpath(slug) for slug in slugs)]

    @path("onderwerp/<slug:slug>/", name="topic")
    def topic(self, request, slug):
        """Every live chapter with this topic, in the order of the guides."""
        topic = get_object_or_404(Topic, slug=slug)
        chapters = list(
            GuideChapterPage.objects.live().public().filter(topics=topic).order_by("path")
        )
        guides = {
            guide.path: guide
            for guide in GuidePage.objects.filter(
                path__in={chapter.path[: -Page.steplen] for chapter in chapters}
            ).only("title", "path")
        }
        for chapter in chapters:
            chapter.guide_title = getattr(guides.get(chapter.path[: -Page.steplen]), "title", "")
        return self.render(
            request,
            template="guides/topic_page.html",
            context_overrides={"topic": topic, "chapters": chapters},
        )


class ReviewedPageQuerySet(PageQuerySet):
    """Pages with a `last_reviewed` date: guides and their chapters."""

    def stale(self, today=None, months=12):
        """Pages whose content was last reviewed more than `months` months ago."""
        today = today or timezone.localdate()
        return self.filter(last_reviewed__lt=months_before(today, months))


def months_before(day, months):
    year, month = divmod(day.month - 1 - months, 12)
    year += day.year
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return day - timedelta(days=30 * months)


class GuidePage(RoutablePageMixin, BasePage):
    """One handbook (for schools, for companies, or both): an introduction and its chapters.

    Serves the guide itself, a print view of the whole guide (afdrukken/) and the same content as
    a PDF (pdf/). Listed as a card on the GuideIndexPage and the home page.
    """

    audience = models.CharField(
        _("Doelgroep"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.BOTH,
        help_text=_("Voor wie de gids geschreven is; verschijnt als label bij de gids."),
    )
    introduction = RichTextField(
        _("Inleiding"),
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Voor wie de gids is en wat de lezer erin vindt, in één of twee alinea's."),
    )
    last_reviewed = models.DateField(
        _("Laatst nagekeken op"),
        default=date.today,
        help_text=_(
            "Wanneer de inhoud het laatst op juistheid werd nagekeken. Na twaalf maanden "
            "verschijnt de gids in het rapport 'Gidsen na te kijken'."
        ),
    )
    content_owner = models.CharField(
        _("Eigenaar"),
        max_length=120,
        help_text=_("Wie de gids inhoudelijk opvolgt, bijvoorbeeld 'Redactie Werkplekportaal'."),
    )

    objects = PageManager.from_queryset(ReviewedPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("content_owner"), FieldPanel("last_reviewed")],
            heading=_("Over deze gids"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction", boost=2),
        index.FilterField("audience"),
    ]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = ["guides.GuideChapterPage"]

    summary_field = "introduction"

    class Meta:
        verbose_name = _("Gids")
        verbose_name_plural = _("Gidsen")

    @property
    def audience_label(self):
        return self.get_audience_display()

    def chapters(self):
        return (
            GuideChapterPage.objects.child_of(self)
            .live()
            .exclude(in_private_section())
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chapters = list(self.chapters())
        context["chapters"] = chapters
        context["reading_minutes"] = sum(chapter.reading_minutes for chapter in chapters)
        context["templates_url"] = templates_page_url(request)
        return context

    def get_cached_paths(self):
        # Purged with the guide (wagtail.contrib.frontend_cache): its print view and PDF.
        return ["/", "afdrukken/", "pdf/"]

    @path("afdrukken/", name="print")
    def print_view(self, request):
        return TemplateResponse(
            request, "guides/guide_print.html", print_context(self, request, for_pdf=False)
        )

    @path("pdf/", name="pdf")
    def pdf(self, request):
        content = guide_pdf(self, request)
        # A streaming response: the site's page cache keeps only ordinary ones, and the PDF has
        # its own cache (guides.pdf). Downloaded, not opened inline, under the guide's name.
        return FileResponse(
            io.BytesIO(content),
            content_type="application/pdf",
            filename=f"{self.slug}.pdf",
            as_attachment=True,
        )

    def publication_stamp(self):
        """What changes whenever the guide or one of its chapters is published again."""
        rows = self.chapters().values_list("pk", "last_published_at")
        stamp = [(self.pk, self.last_published_at)]
        stamp.extend(rows)
        return stamp


def templates_page_url(request):
    """The URL of the live page "Sjablonen en checklists", or None."""
    page = TemplatesPage.objects.live().exclude(in_private_section()).first()
    return page.get_url(request) if page else None


# The query parameter of a chapter's glossary links: the chapter the reader comes from.
FROM_CHAPTER = "hoofdstuk"


def reference_page_urls(request):
    """The URLs of the live glossary and of "Sjablonen en checklists" (or None), in one query."""
    first = {}
    pages = Page.objects.live().exclude(in_private_section()).type(GlossaryPage, TemplatesPage)
    for page in pages.order_by("path"):
        first.setdefault(page.specific_class, page)
    return tuple(
        first[model].get_url(request) if model in first else None
        for model in (GlossaryPage, TemplatesPage)
    )


@dataclass(frozen=True)
class ChapterLink:
    """A chapter as the chapter page links to it (chapter list, pager, related chapters)."""

    pk: int
    title: str
    href: str
    guide_title: str = ""


class GuideChapterPage(BasePage):
    """A chapter of a guide: an introduction and a body of blocks; sections are heading blocks.

    Shown with its contents list, the list of chapters of its guide, previous/next links and
    related chapters (by topic); glossary terms are linked where it first uses them.
    """

    intro = models.TextField(
        _("Inleiding"),
        blank=True,
        help_text=_("Eén of twee zinnen over wat de lezer in dit hoofdstuk leert."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("Onderwerpen"),
        blank=True,
        related_name="chapters",
        help_text=_("Hoofdstukken met dezelfde onderwerpen verschijnen als 'Lees ook'."),
    )
    body = StreamField(
        ChapterStreamBlock(),
        verbose_name=_("Inhoud"),
        blank=True,
        help_text=_(
            "Begin elk deel met een tussentitel: de tussentitels vormen de inhoudstafel van het "
            "hoofdstuk."
        ),
    )
    reading_minutes = models.PositiveSmallIntegerField(
        _("Leestijd in minuten"), default=1, editable=False
    )
    sources = StreamField(
        SourcesBlock(),
        verbose_name=_("Bronnen"),
        blank=True,
        help_text=_(
            "Waarop het hoofdstuk steunt: het deel van de visietekst, en voor elke regel of elk "
            "cijfer dat niet in de visietekst staat de officiële pagina. Verschijnt onder "
            "'Bronnen' op de pagina."
        ),
    )
    last_reviewed = models.DateField(
        _("Laatst nagekeken op"),
        default=date.today,
        help_text=_(
            "Wanneer dit hoofdstuk het laatst nagekeken werd tegen zijn bronnen. Na twaalf "
            "maanden verschijnt het in het rapport 'Hoofdstukken na te kijken'."
        ),
    )

    objects = PageManager.from_queryset(ReviewedPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("sources"), FieldPanel("last_reviewed")],
            heading=_("Bronnen en nazicht"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]

    parent_page_types = ["guides.GuidePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Hoofdstuk")
        verbose_name_plural = _("Hoofdstukken")

    def count_words(self):
        texts = [self.title, self.intro, *self.body.stream_block.get_searchable_content(self.body)]
        return sum(len(strip_tags(str(text)).split()) for text in texts)

    def save(self, *args, **kwargs):
        # Derived from the body each time it is saved (also when a revision is published).
        self.reading_minutes = max(1, math.ceil(self.count_words() / WORDS_PER_MINUTE))
        super().save(*args, **kwargs)

    @cached_property
    def guide(self):
        return GuidePage.objects.parent_of(self).first()

    def related_chapters(self, topics=None, limit=3):
        """Other live chapters sharing the most topics with this one."""
        topic_ids = [topic.pk for topic in (self.topics.all() if topics is None else topics)]
        if not topic_ids:
            return []
        # Each with the title of its guide (the parent: the path minus its last step).
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        return list(
            GuideChapterPage.objects.live()
            .exclude(in_private_section())
            .exclude(pk=self.pk)
            .filter(topics__in=topic_ids)
            .annotate(
                shared=Count("pk"),
                guide_title=Subquery(Page.objects.filter(path=parent_path).values("title")[:1]),
            )
            .order_by("-shared", "path")[:limit]
        )

    def reading_context(self, request):
        """The guide, its chapters, this chapter's neighbours, topics and related chapters."""
        # Plain links with their URLs resolved here: cheaper to keep, fetch and render than
        # page objects that the template would ask for their URLs again on every view.
        guide = self.guide
        guide.href = guide.get_url(request)
        siblings = [
            ChapterLink(chapter.pk, chapter.title, chapter.get_url(request))
            for chapter in guide.chapters().only("title", "path", "url_path")
        ]
        position = next(
            (number for number, chapter in enumerate(siblings) if chapter.pk == self.pk), None
        )
        found = {"guide": guide, "chapters": siblings}
        if position is not None:
            found["chapter_number"] = position + 1
            found["previous_chapter"] = siblings[position - 1] if position > 0 else None
            found["next_chapter"] = siblings[position + 1] if position + 1 < len(siblings) else None
        found["glossary_url"], found["templates_url"] = reference_page_urls(request)
        # The term links carry this chapter, so that the glossary can link back to it.
        found["glossary_link_url"] = (
            f"{found['glossary_url']}?{FROM_CHAPTER}={self.pk}" if found["glossary_url"] else None
        )
        found["topics"] = topics = list(self.topics.all())
        # The overview is the guide's parent: its URL is the guide's without the guide's slug.
        guides_url = guide.href.removesuffix(f"{guide.slug}/")
        for topic in topics:
            topic.href = guides_url + GuideIndexPage.topic_subpath(topic.slug)
        found["related_chapters"] = [
            ChapterLink(chapter.pk, chapter.title, chapter.get_url(request), chapter.guide_title)
            for chapter in self.related_chapters(topics)
        ]
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chapter_content"] = ChapterContent(self, request, context)
        return context


class ChapterContent:
    """A chapter page's content (reading context and body), computed when the template first
    reads it: a view that the page's fragment serves (portal.core.fragments) computes none of it.
    """

    def __init__(self, page, request, context):
        self.page = page
        self.request = request
        self.context = context

    @cached_property
    def values(self):
        found = self.page.reading_context(self.request)
        linker = None
        if found["glossary_link_url"]:
            linker = TermLinker(Matcher(glossary_entries()), found["glossary_link_url"])
        html, toc, linked_terms = render_chapter(
            self.page, {**self.context, **found}, linker=linker
        )
        # Wagtail's block templates made this HTML; the rewriting escapes every text it touches.
        found["body_html"] = mark_safe(html)  # noqa: S308  # nosec B308 B703 - reviewed: guides/html.py escapes every text
        found["toc"] = toc
        found["linked_terms"] = linked_terms
        return found

    def __getitem__(self, name):
        return self.values[name]


def glossary_entries():
    """Every term, as plain data, cached until the glossary changes (guides.glossary)."""
    key = ENTRIES_KEY.format(version=glossary_version())
    entries = cache.get(key)
    if entries is None:
        entries = [
            Entry(term.term, term.slug, term.abbreviation, term.definition)
            for term in Term.objects.order_by("term")
        ]
        cache.set(key, entries, timeout=24 * 3600)
    return entries


def term_usage(request=None):
    """{term slug: [Usage, ...]}: the live chapters whose body uses each term, in guide order.

    Found with the same Matcher that links the terms in the chapters, over the body's text (so
    a term used only in a heading counts too). Cached per glossary version; a page published,
    unpublished, moved or deleted, or a view restriction changed, forgets it
    (guides.signal_handlers, next to the edge purge of the glossary page).
    """
    chapters = GuideChapterPage.objects.live().public()
    key = USAGE_KEY.format(version=glossary_version())
    usage = cache.get(key)
    if usage is not None:
        return usage
    matcher = Matcher(glossary_entries())
    # The guide (the parent) of each chapter in the same query.
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    guide_title = GuidePage.objects.filter(path=parent_path).values("title")[:1]
    chapters = list(chapters.annotate(guide_title=Subquery(guide_title)).order_by("path"))
    usage = {}
    for chapter in chapters:
        text = " ".join(
            str(part) for part in chapter.body.stream_block.get_searchable_content(chapter.body)
        )
        link = Usage(chapter.title, chapter.get_url(request), chapter.guide_title or "")
        for slug in terms_used(matcher, text):
            usage.setdefault(slug, []).append(link)
    cache.set(key, usage, timeout=24 * 3600)
    return usage


class GlossaryPage(BasePage):
    """The glossary (woordenlijst): every Term from A to Z, with letter anchors.

    Chapters link the terms they use to their entry here.
    """

    intro = models.TextField(
        _("Inleiding"), blank=True, help_text=_("Tekst boven de woordenlijst.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Woordenlijst")
        verbose_name_plural = _("Woordenlijsten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        terms = list(Term.objects.prefetch_related("related").order_by("term"))
        groups = {}
        for term in terms:
            groups.setdefault(term.letter, []).append(term)
        letters = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
        if "#" in groups:
            letters = ["#", *letters]
        context["letters"] = [(letter, letter in groups) for letter in letters]
        context["groups"] = sorted(groups.items(), key=lambda item: (item[0] != "#", item[0]))
        context["term_count"] = len(terms)
        usage = term_usage(request)
        for term in terms:
            term.used_in = usage.get(term.slug, [])
        context["back_chapter"] = self.chapter_came_from(request)
        return context

    def chapter_came_from(self, request):
        """The chapter whose glossary link the reader followed (?hoofdstuk=<id>), or None.

        Set by the chapters' own term links (GuideChapterPage.reading_context); only the id of
        a live, public chapter is accepted, never a URL (and never the Referer).
        """
        value = request.GET.get(FROM_CHAPTER, "")
        if not value.isdecimal() or len(value) > 10:
            return None
        chapter = (
            GuideChapterPage.objects.live()
            .public()
            .filter(pk=int(value))
            .only("title", "path", "url_path")
            .first()
        )
        if chapter is None:
            return None
        return ChapterLink(chapter.pk, chapter.title, chapter.get_url(request))


class TemplatesPage(BasePage):
    """Sjablonen en checklists: every document the guides recommend, as PDF and as Word file.

    The documents themselves are Wagtail documents (guides/demo renders them from HTML); this page
    lists them so that both guides can link to one place and the site search finds them.
    """

    intro = models.TextField(
        _("Inleiding"),
        blank=True,
        help_text=_("Eén of twee zinnen over wat de lezer hier vindt."),
    )
    body = StreamField(TemplatesStreamBlock(), verbose_name=_("Inhoud"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["guides.GuideIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Sjablonenpagina")
        verbose_name_plural = _("Sjablonenpagina's")
