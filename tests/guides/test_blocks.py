"""Every guide block renders what a reader needs, and every preview value renders for editors."""

import sys

import pytest

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file

from guides.blocks import (
    ChapterStreamBlock,
    ChecklistBlock,
    DownloadBlock,
    GuideImageBlock,
    PartnersBlock,
    StepsBlock,
    VideoBlock,
)
from tests.guides.factories import publish
from tests.support.otp import sign_in


def render(block, raw, context=None):
    value = block.to_python(raw)
    return block.render(value, context=context or {})


@pytest.fixture
def image(db, media_root):
    from wagtail.images.models import Image

    return Image.objects.create(
        title="Een week in duaal leren",
        description="Weekschema van maandag tot vrijdag.",
        file=get_test_image_file(),
    )


@pytest.fixture
def document(db, media_root):
    from django.core.files.base import ContentFile

    document = Document(title="Model van stageovereenkomst")
    document.file.save("model-stageovereenkomst.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2000))
    return document


def test_checklist_renders_items_under_its_title():
    html = render(ChecklistBlock(), {"title": "Voor de start", "items": ["Overeenkomst", "Mentor"]})
    assert '<h3 class="checklist__title" id="checklist-title">Voor de start</h3>' in html
    assert "<li>Overeenkomst</li><li>Mentor</li>" in html


def test_steps_render_as_an_ordered_list():
    html = render(
        StepsBlock(),
        {
            "title": "In drie stappen",
            "steps": [
                {"title": "Kennismaken", "text": "<p>Bezoek het bedrijf.</p>"},
                {"title": "Afspreken", "text": ""},
            ],
        },
    )
    assert '<ol class="steps__list">' in html
    assert html.index("Kennismaken") < html.index("Afspreken")
    assert "<p>Bezoek het bedrijf.</p>" in html


@pytest.mark.django_db
def test_download_shows_title_type_and_size(document):
    html = render(
        DownloadBlock(), {"document": document.pk, "title": "", "description": "Om in te vullen."}
    )
    assert f'href="{document.url}"' in html
    assert "Model van stageovereenkomst" in html
    assert "PDF-bestand, 2,0" in html
    assert "Om in te vullen." in html


@pytest.mark.django_db
def test_image_has_alt_text_and_caption(image):
    html = render(
        GuideImageBlock(),
        {
            "image": {"image": image.pk, "decorative": False, "alt_text": "Een weekschema"},
            "caption": "Een mogelijke week.",
        },
    )
    assert 'alt="Een weekschema"' in html
    assert "<figcaption>Een mogelijke week.</figcaption>" in html


class TestVideoBlock:
    def test_youtube_link_is_a_facade_without_third_party_requests(self):
        html = render(
            VideoBlock(),
            {
                "title": "Een reflectiegesprek",
                "url": "https://www.youtube.com/watch?v=abc",
                "caption": "Vier minuten.",
                "transcript": "<p>De begeleider vraagt door.</p>",
            },
        )
        assert "Bekijk de video op YouTube" in html
        assert 'href="https://www.youtube.com/watch?v=abc"' in html
        # Nothing is loaded from the platform: no iframe, no script, no image from elsewhere.
        assert "<iframe" not in html and "<script" not in html and "<img" not in html
        assert "<details" in html and "De begeleider vraagt door." in html

    def test_vimeo_is_named(self):
        html = render(
            VideoBlock(), {"title": "T", "url": "https://vimeo.com/123", "transcript": ""}
        )
        assert "Bekijk de video op Vimeo" in html

    def test_without_url_the_transcript_still_renders(self):
        # Kept for blocks saved before a link became required: the text is not lost.
        html = render(
            VideoBlock(), {"title": "T", "url": "", "transcript": "<p>Alleen de tekst.</p>"}
        )
        assert "Bekijk de video" not in html
        assert '<details class="video__transcript" open>' in html
        assert "Alleen de tekst." in html

    @pytest.mark.parametrize(
        "url", ["https://example.com/video.mp4", "javascript:alert(1)", "ftp://youtube.com/x"]
    )
    def test_other_links_are_refused(self, url):
        block = VideoBlock()
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(block.to_python({"title": "T", "url": url, "transcript": "<p>x</p>"}))
        assert "url" in error.value.block_errors

    @pytest.mark.parametrize("transcript", ["", "<p>Alleen de tekst.</p>"])
    def test_a_video_block_needs_a_video(self, transcript):
        # Without a video the block is a transcript under a video title: an empty block.
        block = VideoBlock()
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(block.to_python({"title": "T", "url": "", "transcript": transcript}))
        assert "url" in error.value.block_errors

    def test_youtube_short_links_are_accepted(self):
        block = VideoBlock()
        value = block.clean(block.to_python({"title": "T", "url": "https://youtu.be/abc"}))
        assert value.platform() == "YouTube"


def request_for(user=None, preview=False):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    if preview:
        request.is_preview = True
    return request


class TestPartnersBlock:
    raw = {"title": "Bedrijven met leerlingenstages", "kind": "leerlingenstage", "limit": 2}

    def test_without_the_directory_visitors_see_nothing(self, monkeypatch):
        # An interpreter that cannot import partners.directory.teasers (the directory not installed).
        monkeypatch.setitem(sys.modules, "partners.directory.teasers", None)
        html = render(PartnersBlock(), self.raw, {"request": request_for()})
        assert html.strip() == ""

    def test_without_the_directory_a_preview_explains_why(self, monkeypatch):
        monkeypatch.setitem(sys.modules, "partners.directory.teasers", None)
        html = render(PartnersBlock(), self.raw, {"request": request_for(preview=True)})
        assert "De partnergids is nog niet beschikbaar" in html

    @pytest.mark.django_db
    def test_with_the_directory_it_lists_published_partners_of_that_kind(self, site_tree):
        from tests.partners.factories import PartnerFactory, published_partner

        published_partner(name="Bakkerij De Korrel (fictief)", kinds=["leerlingenstage"])
        published_partner(name="Garage Snel (fictief)", kinds=["snuffelstage"])
        PartnerFactory(name="Nog niet gepubliceerd (fictief)", kinds=["leerlingenstage"])
        html = render(PartnersBlock(), self.raw, {"request": request_for()})
        assert "Bedrijven met leerlingenstages" in html
        assert "Bakkerij De Korrel (fictief)" in html
        assert "Gent (Oost-Vlaanderen)" in html
        assert "Garage Snel" not in html
        assert "Nog niet gepubliceerd" not in html

    @pytest.mark.django_db
    def test_limit_is_respected(self, site_tree):
        from tests.partners.factories import published_partner

        for number in range(4):
            published_partner(name=f"Partner {number} (fictief)", kinds=["leerlingenstage"])
        html = render(PartnersBlock(), self.raw, {"request": request_for()})
        assert html.count('class="partner-teaser__item"') == 2

    @pytest.mark.django_db
    def test_no_partners_yet_is_hidden_from_visitors_and_explained_to_editors(
        self, site_tree, django_user_model
    ):
        assert render(PartnersBlock(), self.raw, {"request": request_for()}).strip() == ""
        editor = django_user_model.objects.create_user("redacteur", password="x")
        html = render(PartnersBlock(), self.raw, {"request": request_for(editor)})
        assert "nog geen gepubliceerde partners" in html


PREVIEW_TEXT = {
    "heading": "Wat is werkplekleren?",
    "text": "Leren in een echte werksituatie",
    "callout": "Spreek de leerdoelen vooraf af",
    "checklist": "De mentor kent de leerdoelen.",
    "steps": "Maak kennis met de werkplek",
    "faq": "Wie begeleidt de leerling op de werkplek?",
    "quote": "Een mentor in de bouwsector",
    "image": "Een afbeelding met een onderschrift.",
    "download": "Een voorbeelddocument.",
    "video": "Bekijk de video op YouTube",
    "partners": "De partnergids",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PREVIEW_TEXT))
def test_every_block_has_icon_description_and_a_preview_that_renders(
    name, image, document, client, admin_user, site_tree, monkeypatch
):
    from django.urls import reverse

    from guides.models import GuideChapterPage

    if name == "partners":
        monkeypatch.setitem(sys.modules, "partners.directory.teasers", None)
    block = GuideChapterPage.body.field.stream_block.child_blocks[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert str(block.meta.description)
    assert block.meta.template
    assert block.is_previewable
    # The admin's block preview, as an editor sees it in the block picker.
    sign_in(client, admin_user)
    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert PREVIEW_TEXT[name] in html
    assert "portal/css/portal.css" in html
    assert "guides/css/guides.css" in html


def test_the_chapter_offers_every_guide_block():
    assert set(ChapterStreamBlock.base_blocks) == set(PREVIEW_TEXT)


@pytest.mark.django_db
def test_image_and_download_previews_wait_for_the_library(media_root):
    assert GuideImageBlock().get_preview_value() is None
    assert DownloadBlock().get_preview_value() is None


@pytest.mark.django_db
def test_a_chapter_with_every_block_renders_for_a_visitor(client, site_tree, image, document):
    from tests.guides.factories import GuideChapterPageFactory, GuidePageFactory

    guide = GuidePageFactory(parent=site_tree["guides"])
    body = []
    stream_block = ChapterStreamBlock()
    for name, block in stream_block.child_blocks.items():
        value = block.get_preview_value()
        body.append({"type": name, "value": block.get_prep_value(value)})
    chapter = publish(GuideChapterPageFactory(parent=guide, body=body))
    response = client.get(chapter.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Wat is werkplekleren?",
        "Voor de eerste stagedag",
        "Een stage voorbereiden",
        "Veelgestelde vragen",
        "Bekijk de video op YouTube",
        "Een voorbeelddocument.",
    ]:
        assert text in html, text


@pytest.mark.django_db
def test_partners_block_offers_the_kinds_editors_keep_in_the_admin():
    """The block's choices are the taxonomy's rows, read when the form is built: a kind an
    editor adds or renames in the admin is offered at once, without a code change."""
    from guides.blocks import PartnersBlock
    from partners.models import WorkplaceLearningKind

    WorkplaceLearningKind.objects.create(
        slug="werkplekbezoek-test", name="Werkplekbezoek", sort_order=99
    )
    WorkplaceLearningKind.objects.filter(slug="gastles").update(name="Gastles door een vakman")
    choices = dict(PartnersBlock().child_blocks["kind"].field.choices)
    assert choices["werkplekbezoek-test"] == "Werkplekbezoek"
    assert choices["gastles"] == "Gastles door een vakman"
    assert "leerlingenstage" in choices
