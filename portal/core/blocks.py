"""StreamField blocks shared by every page type.

Content pages, news and the home page use these directly; the guides compose them with their
own blocks in guides/blocks.py. Each block has an icon, a template, a description and a
preview value so that editors see what it does in the block picker.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock as WagtailImageBlock
from wagtail.models import Page

# Rich text features editors get in body text. Headings inside rich text are h2/h3 so that
# the table of contents can pick them up; h1 is reserved for the page title.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
INLINE_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class LinkStructValue(blocks.StructValue):
    """A link to a page or an external URL; the page wins when both are given."""

    # Not named url/text: a StructValue's own keys win over methods in templates.
    def href(self):
        page = self.get("page")
        if page:
            return page.url
        return self.get("url") or ""

    def label(self):
        if self.get("text"):
            return self.get("text")
        page = self.get("page")
        return page.title if page else self.get("url")


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        label=_("Tekst"),
        required=False,
        max_length=80,
        help_text=_("Laat leeg om de titel van de gekozen pagina te tonen."),
    )
    page = blocks.PageChooserBlock(label=_("Pagina"), required=False)
    url = blocks.URLBlock(label=_("Externe link"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue
        description = _("Een link naar een pagina van de site of naar een andere website.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Kies een pagina of vul een externe link in, niet beide.")
                    )
                }
            )
        return value


def navigation_label(text, text_en, fallback):
    """A menu or footer link's label: the editor's English text in the English interface, else
    the editor's text, else `fallback` (the page's title or the URL)."""
    if text_en and (get_language() or "").startswith("en"):
        return text_en
    return text or fallback


class NavigationLinkStructValue(LinkStructValue):
    """A menu or footer link whose label has an English version for the English interface."""

    def label(self):
        page = self.get("page")
        fallback = page.title if page else self.get("url")
        return navigation_label(self.get("text"), self.get("text_en"), fallback)


class NavigationLinkBlock(LinkBlock):
    """A link in the menu or the footer (site settings): the interface around the content, so
    it has an English label for visitors who chose the English interface."""

    text_en = blocks.CharBlock(
        label=_("Tekst in het Engels"),
        required=False,
        max_length=80,
        help_text=_(
            "Wat bezoekers met de Engelse interface zien, bijvoorbeeld 'Guides' voor 'Gidsen'. "
            "Laat leeg om de Nederlandse tekst te tonen."
        ),
    )

    class Meta:
        value_class = NavigationLinkStructValue


class HeadingBlock(blocks.StructBlock):
    """A section heading; the table of contents and anchors are built from these."""

    text = blocks.CharBlock(label=_("Titel"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Niveau"),
        choices=[("h2", _("Hoofdstuk (h2)")), ("h3", _("Deel (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Tussentitel")
        template = "components/streamfield/heading_block.html"
        description = _("Een tussentitel; verschijnt in de inhoudstafel met een eigen anker.")
        preview_value = {"text": "Wat is werkplekleren?", "level": "h2"}

    def anchor(self, value):
        return slugify(value["text"])


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "components/streamfield/paragraph_block.html"
        description = _("Lopende tekst met tussentitels, lijsten en links.")
        preview_value = (
            "<h2>Leren in een echte werksituatie</h2><p>Op de werkplek oefent een leerling wat "
            "hij op school leerde, met echte klanten en echt materiaal.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    KINDS = [
        ("tip", _("Tip")),
        ("valkuil", _("Valkuil")),
        ("wettelijk", _("Wettelijk kader")),
        ("voorbeeld", _("Voorbeeld")),
    ]

    kind = blocks.ChoiceBlock(label=_("Soort"), choices=KINDS, default="tip")
    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Tekst"), features=INLINE_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Kader")
        template = "components/streamfield/callout_block.html"
        description = _(
            "Een opvallend kader voor een tip, een valkuil, een wettelijke noot of een voorbeeld."
        )
        preview_value = {
            "kind": "tip",
            "title": "Spreek de leerdoelen vooraf af",
            "text": "<p>Leg samen met de mentor vast wat de leerling op de werkplek moet leren.</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["kind_label"] = dict(self.KINDS).get(value["kind"], "")
        return context


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citaat"))
    source = blocks.CharBlock(label=_("Bron"), max_length=200)
    role = blocks.CharBlock(
        label=_("Functie of context"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld de functie van de persoon of de titel van de publicatie."),
    )

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "components/streamfield/quote_block.html"
        description = _("Een citaat met zijn bron.")
        preview_value = {
            "text": "Een leerling leert het vak het best waar het vak elke dag gebeurt.",
            "source": "Een mentor in de bouwsector",
            "role": "",
        }


class CaptionedImageBlock(blocks.StructBlock):
    image = WagtailImageBlock(label=_("Afbeelding"))
    caption = blocks.CharBlock(label=_("Onderschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "components/streamfield/image_block.html"
        description = _("Een afbeelding met onderschrift; de alternatieve tekst is verplicht.")


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Antwoord"), features=INLINE_FEATURES)


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, default="Veelgestelde vragen")
    items = blocks.ListBlock(FAQItemBlock(), label=_("Vragen"), min_num=1)

    class Meta:
        icon = "help"
        label = _("Veelgestelde vragen")
        template = "components/streamfield/faq_block.html"
        description = _("Vragen en antwoorden die openklappen, ook zonder JavaScript.")
        preview_value = {
            "title": "Veelgestelde vragen",
            "items": [
                {
                    "question": "Wie begeleidt de leerling op de werkplek?",
                    "answer": "<p>Een mentor van het bedrijf, samen met een leraar van de school.</p>",
                }
            ],
        }


class ContentStreamBlock(blocks.StreamBlock):
    """Body of content pages and news items."""

    heading = HeadingBlock()
    text = ParagraphBlock()
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    faq = FAQBlock()


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Tekst"), required=False)
    link = LinkBlock(label=_("Knop"))

    class Meta:
        icon = "pick"
        label = _("Oproep tot actie")
        template = "components/streamfield/cta_block.html"
        description = _("Een blok met een korte tekst en één duidelijke knop.")


class FeaturedPagesBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=120,
        required=False,
        help_text=_(
            "Laat leeg voor 'Begin hier' (in het Engels 'Start here' voor bezoekers met de "
            "Engelse interface)."
        ),
    )
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pagina's"), min_num=1, max_num=6)

    class Meta:
        icon = "doc-full"
        label = _("Uitgelichte pagina's")
        template = "components/streamfield/featured_pages_block.html"
        description = _("Kaarten die naar gekozen pagina's leiden, bijvoorbeeld de gidsen.")

    def get_context(self, value, parent_context=None):
        # The chosen pages as their specific types in one query per type (the cards show
        # fields of the specific page), not one query per card; unpublished ones left out.
        context = super().get_context(value, parent_context=parent_context)
        chosen = [page.pk for page in value["pages"] if page]
        found = {page.pk: page for page in Page.objects.live().filter(pk__in=chosen).specific()}
        context["cards"] = [found[pk] for pk in chosen if pk in found]
        return context


class HomeStreamBlock(blocks.StreamBlock):
    featured_pages = FeaturedPagesBlock()
    call_to_action = CallToActionBlock()
    text = ParagraphBlock()
    callout = CalloutBlock()


class NavigationStreamBlock(blocks.StreamBlock):
    link = NavigationLinkBlock()
