"""The whole guide printable on one page and as a PDF made on the server with WeasyPrint."""

import io

import pytest
from pypdf import PdfReader

from django.core.cache import cache

from tests.guides.factories import heading, publish, text


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def printable_guide(guide_tree, media_root):
    for number, chapter in enumerate(guide_tree["chapters"], start=1):
        chapter.body = [
            heading(f"Deel {number}"),
            text(f"<p>Inhoud van hoofdstuk {number} met een mentor.</p>"),
            {
                "type": "faq",
                "value": {
                    "title": "Vragen",
                    "items": [
                        {"question": f"Vraag {number}?", "answer": f"<p>Antwoord {number}.</p>"}
                    ],
                },
            },
        ]
        publish(chapter)
    return guide_tree


@pytest.mark.django_db
def test_print_view_has_the_whole_guide_with_one_h1(client, printable_guide):
    response = client.get("/gidsen/scholen/afdrukken/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'href="/gidsen/scholen/pdf/" type="application/pdf" download="scholen.pdf"' in html
    assert '<nav class="print-guide__toc container" aria-labelledby="inhoud">' in html
    for number, title in enumerate(
        ["Wat is werkplekleren?", "Kwaliteit", "Het wettelijk kader"], 1
    ):
        assert f'<li><a href="#hoofdstuk-{number}">{title}</a></li>' in html
    # Chapter headings move one level down under the chapter title (h2).
    assert '<h3 id="deel-1">Deel 1</h3>' in html
    assert '<h4 class="faq__title">Vragen</h4>' in html
    assert "Antwoord 3." in html


@pytest.mark.django_db
def test_pdf_is_a_pdf_with_every_chapter(client, printable_guide):
    response = client.get("/gidsen/scholen/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Downloaded under the guide's name, not opened inline (issue 17); the link says so too.
    assert response["Content-Disposition"] == 'attachment; filename="scholen.pdf"'
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    reader, pdf = pdf_text(content)
    assert reader.metadata.title == "Gids voor scholen"
    assert len(reader.pages) >= 4  # cover, contents, one page per chapter
    # Tagged, so that screen readers get headings and reading order.
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    for title in ["Gids voor scholen", "Wat is werkplekleren?", "Kwaliteit", "Het wettelijk kader"]:
        assert title in pdf
    # Closed FAQ answers are printed too; no glossary tooltips, no site navigation.
    assert "Antwoord 2." in pdf
    assert "Naar de inhoud" not in pdf


@pytest.mark.django_db
def test_pdf_is_cached_until_a_chapter_is_published_again(client, printable_guide):
    first = b"".join(client.get("/gidsen/scholen/pdf/").streaming_content)
    keys = [key for key in cache._cache if "guides:pdf:" in key]
    assert len(keys) == 1
    # Served from the cache: the same bytes, even though WeasyPrint would stamp a new date.
    assert b"".join(client.get("/gidsen/scholen/pdf/").streaming_content) == first

    # A draft changes nothing.
    chapter = printable_guide["chapters"][1]
    chapter.title = "Kwaliteit en valkuilen"
    chapter.save_revision()
    assert b"".join(client.get("/gidsen/scholen/pdf/").streaming_content) == first

    # Publishing it does.
    chapter.get_latest_revision().publish()
    second = b"".join(client.get("/gidsen/scholen/pdf/").streaming_content)
    assert second != first
    assert "Kwaliteit en valkuilen" in pdf_text(second)[1]
    assert "Kwaliteit en valkuilen" not in pdf_text(first)[1]
    assert len([key for key in cache._cache if "guides:pdf:" in key]) == 2


@pytest.mark.django_db
def test_pdf_changes_when_a_chapter_is_unpublished(client, printable_guide):
    first = b"".join(client.get("/gidsen/scholen/pdf/").streaming_content)
    printable_guide["chapters"][2].unpublish()
    second = b"".join(client.get("/gidsen/scholen/pdf/").streaming_content)
    assert "Het wettelijk kader" in pdf_text(first)[1]
    assert "Het wettelijk kader" not in pdf_text(second)[1]


@pytest.mark.django_db
def test_pdf_includes_images_from_the_media_library(client, guide_tree, media_root):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Schema", file=get_test_image_file(size=(640, 480)))
    chapter = guide_tree["chapters"][0]
    chapter.body = [
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": "Een schema"},
                "caption": "Een schema met onderschrift.",
            },
        }
    ]
    publish(chapter)
    content = b"".join(client.get("/gidsen/scholen/pdf/").streaming_content)
    reader, pdf = pdf_text(content)
    assert "Een schema met onderschrift." in pdf
    images = [image for page in reader.pages for image in page.images]
    assert images, "the image is in the PDF"
