"""StreamField blocks of a guide chapter.

A chapter composes the portal's shared blocks (heading, text, callout, quote, image, FAQ) with the
blocks that only the guides need: checklist, numbered steps, download, video and a teaser of
partners from the directory. Each block has an icon, a template, a description and a preview
value, so that editors see what it does in the block picker.
"""

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from portal.core.blocks import (
    INLINE_FEATURES,
    CalloutBlock,
    CaptionedImageBlock,
    FAQBlock,
    HeadingBlock,
    ParagraphBlock,
    QuoteBlock,
)

# Hosts whose videos the video block links to; never embedded (see VideoBlock).
VIDEO_PLATFORMS = {
    "youtube.com": "YouTube",
    "www.youtube.com": "YouTube",
    "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "www.youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
    "www.vimeo.com": "Vimeo",
    "player.vimeo.com": "Vimeo",
}


def video_platform(url):
    """'YouTube' or 'Vimeo' for a link to a video there, else None."""
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https"):
        return None
    return VIDEO_PLATFORMS.get((parsed.hostname or "").lower())


class GuideImageBlock(CaptionedImageBlock):
    """The portal's captioned image; its preview shows the newest image of the library."""

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        if image is None:
            return None
        return self.to_python(
            {
                "image": {"image": image.pk, "decorative": False, "alt_text": image.title},
                "caption": _("Een afbeelding met een onderschrift."),
            }
        )

    class Meta:
        preview_template = "guides/blocks/preview_or_empty.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld 'Voor de eerste stagedag'."),
    )
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Punt"), max_length=300),
        label=_("Punten"),
        min_num=1,
        help_text=_("Eén punt per regel: iets wat de lezer kan afvinken."),
    )

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "guides/blocks/checklist_block.html"
        description = _("Een lijst om af te vinken, ook op papier.")
        preview_value = {
            "title": "Voor de eerste stagedag",
            "items": [
                "De stageovereenkomst is ondertekend.",
                "De mentor kent de leerdoelen.",
                "De leerling weet waar en wanneer hij verwacht wordt.",
            ],
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Stap"), max_length=160)
    text = blocks.RichTextBlock(label=_("Uitleg"), features=INLINE_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=120,
        required=False,
        help_text=_("Bijvoorbeeld 'Zo start u in vijf stappen'."),
    )
    steps = blocks.ListBlock(StepBlock(), label=_("Stappen"), min_num=2)

    class Meta:
        icon = "list-ol"
        label = _("Stappenplan")
        template = "guides/blocks/steps_block.html"
        description = _("Genummerde stappen in een vaste volgorde, elk met een korte uitleg.")
        preview_value = {
            "title": "Een stage voorbereiden",
            "steps": [
                {"title": "Maak kennis met de werkplek", "text": "<p>Bezoek het bedrijf.</p>"},
                {"title": "Leg de afspraken vast", "text": "<p>In de stageovereenkomst.</p>"},
            ],
        }


class DownloadStructValue(blocks.StructValue):
    def label(self):
        document = self.get("document")
        return self.get("title") or (document.title if document else "")

    def file_type(self):
        document = self.get("document")
        return document.file_extension.upper() if document else ""

    def size(self):
        """Size in bytes; read from the file when the document was not uploaded in the admin."""
        document = self.get("document")
        if document is None:
            return None
        if document.file_size is not None:
            return document.file_size
        try:
            return document.file.size
        except OSError:
            return None


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(
        label=_("Document"), help_text=_("Bijvoorbeeld een modelovereenkomst of een formulier.")
    )
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=160,
        required=False,
        help_text=_("Laat leeg om de titel van het document te tonen."),
    )
    description = blocks.TextBlock(
        label=_("Beschrijving"),
        required=False,
        help_text=_("Eén of twee zinnen: wat staat erin en waarvoor dient het?"),
    )

    class Meta:
        icon = "download"
        label = _("Download")
        template = "guides/blocks/download_block.html"
        preview_template = "guides/blocks/preview_or_empty.html"
        value_class = DownloadStructValue
        description = _("Een document om te downloaden, met bestandstype en grootte.")

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("-created_at").first()
        if document is None:
            return None
        return self.to_python(
            {"document": document.pk, "title": "", "description": "Een voorbeelddocument."}
        )


class VideoStructValue(blocks.StructValue):
    def platform(self):
        return video_platform(self.get("url"))


class VideoBlock(blocks.StructBlock):
    """A video as a link to where it is hosted, with its transcript.

    Deliberately no embedded player: a YouTube or Vimeo iframe sets cookies and loads hundreds of
    kilobytes from another party on every page view, before the visitor asked for anything. The
    block shows a facade (title, caption, a link to watch the video there) and the transcript,
    which is also what a visitor who cannot watch or hear the video needs.
    """

    title = blocks.CharBlock(label=_("Titel"), max_length=160)
    url = blocks.URLBlock(
        label=_("Link naar de video"),
        required=False,
        help_text=_(
            "Een link naar YouTube of Vimeo. Staat de video (nog) niet online, gebruik dan geen "
            "videoblok maar een tekstblok met de uitgeschreven tekst."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Onderschrift"),
        max_length=300,
        required=False,
        help_text=_("Wat toont de video, en hoe lang duurt hij?"),
    )
    transcript = blocks.RichTextBlock(
        label=_("Uitgeschreven tekst"),
        features=INLINE_FEATURES,
        required=False,
        help_text=_("De tekst van de video voor wie hem niet kan bekijken of horen."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "guides/blocks/video_block.html"
        value_class = VideoStructValue
        description = _(
            "Een video op YouTube of Vimeo als link, met uitgeschreven tekst; "
            "er wordt niets van YouTube of Vimeo geladen."
        )
        preview_value = {
            "title": "Een reflectiegesprek na een stageweek",
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "caption": "Een stagebegeleider toont hoe een reflectiegesprek verloopt (4 minuten).",
            "transcript": "<p>De stagebegeleider opent met een open vraag.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("url") and not video_platform(value["url"]):
            errors["url"] = ValidationError(_("Geef een link naar een video op YouTube of Vimeo."))
        if not value.get("url"):
            # A video block without a video is an empty block under a video title.
            errors["url"] = ValidationError(
                _(
                    "Geef een link naar de video. Zonder video: gebruik een tekstblok voor de "
                    "uitgeschreven tekst."
                )
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


def workplace_learning_kinds():
    """The partners block's choices: the directory's kinds of workplace learning, read from the
    database each time the form is built (editors change the taxonomy in the admin), through
    partners.directory.teasers; none when the directory is not installed."""
    try:
        from partners.directory.teasers import workplace_learning_kinds as kinds
    except ImportError:
        return []
    return kinds()


def partners_for_kind(kind_slug, limit):
    """Partners offering `kind_slug`, or None when the directory is not available.

    The only way the guides reach the directory: partners.directory.teasers.partners_offering
    (the guides import no partners model).
    """
    try:
        from partners.directory.teasers import partners_offering
    except ImportError:
        return None
    return list(partners_offering(kind_slug, limit))


class WorkplaceLearningKindBlock(blocks.ChoiceBlock):
    """A kind of workplace learning, stored as its slug. The choices (the taxonomy) are read when
    the editor's form is built; a stored value is taken as it is, so rendering a chapter reads
    no taxonomy (ChoiceBlock.to_python would read the choices for every block)."""

    def to_python(self, value):
        return value


class PartnersBlock(blocks.StructBlock):
    """A few partners from the directory that offer one kind of workplace learning."""

    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=160,
        help_text=_("Bijvoorbeeld 'Bedrijven die leerlingenstages aanbieden'."),
    )
    kind = WorkplaceLearningKindBlock(
        label=_("Vorm van werkplekleren"),
        choices=workplace_learning_kinds,
        help_text=_("Het blok toont gepubliceerde partners die deze vorm aanbieden."),
    )
    limit = blocks.IntegerBlock(
        label=_("Aantal"),
        default=3,
        min_value=1,
        max_value=12,
        help_text=_("Hoeveel partners hoogstens getoond worden (1 tot 12)."),
    )

    class Meta:
        icon = "group"
        label = _("Partners uit de partnergids")
        template = "guides/blocks/partners_block.html"
        description = _(
            "Enkele partners uit de partnergids die een gekozen vorm van werkplekleren aanbieden."
        )
        preview_value = {
            "title": "Bedrijven die leerlingenstages aanbieden",
            "kind": "leerlingenstage",
            "limit": 3,
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        partners = partners_for_kind(value["kind"], value["limit"])
        request = (parent_context or {}).get("request")
        user = getattr(request, "user", None)
        context["partners"] = partners or []
        context["directory_available"] = partners is not None
        # Visitors never see an empty block; editors and previews are told why it is empty.
        context["show_editor_notice"] = bool(
            getattr(request, "is_preview", False) or (user and user.is_authenticated)
        )
        if not partners and context["show_editor_notice"]:
            # Only the editor's notice names the kind: visitors' pages make no query for it.
            context["kind_label"] = dict(workplace_learning_kinds()).get(
                value["kind"], value["kind"]
            )
        return context


class ChapterStreamBlock(blocks.StreamBlock):
    """The body of a guide chapter. Sections are heading blocks (they make the contents list)."""

    heading = HeadingBlock()
    text = ParagraphBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    steps = StepsBlock()
    faq = FAQBlock()
    quote = QuoteBlock()
    image = GuideImageBlock()
    download = DownloadBlock()
    video = VideoBlock()
    partners = PartnersBlock()

    class Meta:
        block_counts = {}


class SourceBlock(blocks.StructBlock):
    """A source a chapter rests on: a section of the vision text or an official page."""

    label = blocks.CharBlock(
        label=_("Bron"),
        max_length=300,
        help_text=_(
            "Bijvoorbeeld 'Visietekst van het GO! over werkplekleren en duaal leren, deel 1.6' of "
            "de titel van een pagina van de Vlaamse of federale overheid."
        ),
    )
    url = blocks.CharBlock(
        label=_("Link"),
        max_length=500,
        required=False,
        help_text=_(
            "De officiële pagina (https://...) of een pagina van dit portaal (/...). Leeg voor de "
            "visietekst, die niet online staat."
        ),
    )

    class Meta:
        icon = "link"
        label = _("Bron")

    def clean(self, value):
        value = super().clean(value)
        url = value.get("url") or ""
        if url and not (url.startswith("https://") or url.startswith("/")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(
                        _("Een link begint met https:// of met / (een pagina van dit portaal).")
                    )
                }
            )
        return value


class SourcesBlock(blocks.StreamBlock):
    source = SourceBlock()

    class Meta:
        min_num = 1


class TemplatesStreamBlock(blocks.StreamBlock):
    """The body of the templates page: headings, short texts and the documents to download."""

    heading = HeadingBlock()
    text = ParagraphBlock()
    download = DownloadBlock()
