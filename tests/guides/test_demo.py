"""The guides' demo content loads completely, validly and only once."""

import json
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command

from wagtail.documents.models import Document
from wagtail.images.models import Image

from guides.models import GlossaryPage, GuideChapterPage, GuidePage, Term

DEMO = Path(__file__).resolve().parents[2] / "guides" / "demo"


@pytest.mark.django_db
def test_demo_files_refer_to_what_exists():
    guides = json.loads((DEMO / "guides.json").read_text())["guides"]
    terms = json.loads((DEMO / "glossary.json").read_text())["terms"]
    names = {term["term"] for term in terms}
    for term in terms:
        assert set(term["related"]) <= names, term["term"]
    images = {path.stem for path in (DEMO / "images").glob("*.png")}
    documents = {path.stem for path in (DEMO / "documents").glob("*.html")}
    from guides.blocks import workplace_learning_kinds

    # The partners block offers the taxonomy the data migration filled.
    kinds = {slug for slug, _label in workplace_learning_kinds()}
    for guide in guides:
        for chapter in guide["chapters"]:
            for block in chapter["body"]:
                if block["type"] == "image":
                    assert block["image"] in images
                elif block["type"] == "download":
                    assert block["document"] in documents
                elif block["type"] == "partners":
                    assert block["kind"] in kinds


@pytest.mark.django_db
def test_load_demo_builds_the_guides(client, media_root):
    call_command("load_demo", "--no-admin", stdout=StringIO())
    counts = (
        GuidePage.objects.count(),
        GuideChapterPage.objects.count(),
        Term.objects.count(),
        Image.objects.count(),
        Document.objects.count(),
    )
    assert counts == (2, 18, 62, 5, 18)
    assert GlossaryPage.objects.live().count() == 1
    assert Term.objects.get(term="stage").related.count() == 4
    image = Image.objects.get(title="Een week in duaal leren")
    assert image.description.startswith("Weekschema van maandag tot vrijdag")
    document = Document.objects.get(title="Model van stageovereenkomst voor een leerlingenstage")
    with document.open_file() as handle:
        assert handle.read(5) == b"%PDF-"

    # Every chapter's body is valid for the editor's form and renders for a visitor.
    for chapter in GuideChapterPage.objects.live():
        chapter.body.stream_block.clean(chapter.body)
        assert chapter.topics.exists(), chapter.slug
        response = client.get(chapter.url)
        assert response.status_code == 200, chapter.url
    html = client.get("/gidsen/gids-voor-scholen/wat-is-werkplekleren/").content.decode()
    assert "Bedrijven die leerlingenstages aanbieden" in html  # demo partners are there
    assert 'class="term__link"' in html

    # A second run changes nothing.
    call_command("load_demo", "--no-admin", stdout=StringIO())
    assert (
        GuidePage.objects.count(),
        GuideChapterPage.objects.count(),
        Term.objects.count(),
        Image.objects.count(),
        Document.objects.count(),
    ) == counts
