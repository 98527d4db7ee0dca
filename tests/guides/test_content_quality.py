"""The demo content as a reader meets it: no empty blocks, every link and document resolves,
every chapter names what it rests on, house style, and the templates page.

The demo is loaded once for the module (it renders eighteen documents, which takes a while).
"""

import io
import json
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urlparse

import pytest

from django.core.exceptions import ValidationError
from django.core.management import call_command

from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page

from partners.validators import normalise_enterprise_number, normalise_postcode

ROOT = Path(__file__).resolve().parents[2]
GUIDES = json.loads((ROOT / "guides" / "demo" / "guides.json").read_text())["guides"]
TERMS = json.loads((ROOT / "guides" / "demo" / "glossary.json").read_text())["terms"]
PAGES = json.loads((ROOT / "portal" / "demo" / "pages.json").read_text())
DOCUMENTS = sorted((ROOT / "guides" / "demo" / "documents").glob("*.html"))
VISION_SECTION = re.compile(r"Visietekst .*, deel (1\.[1-7]|2(\.\d)?)\b")
OFFICIAL_HOSTS = (
    "vlaanderen.be",
    "onderwijs.vlaanderen.be",
    "werk.belgie.be",
    "syntravlaanderen.be",
    "pro.g-o.be",
)


def chapters():
    for guide in GUIDES:
        for chapter in guide["chapters"]:
            yield guide, chapter


# Without the database: the demo files themselves.


def test_every_chapter_names_the_vision_text_section_or_official_source_it_rests_on():
    for _guide, chapter in chapters():
        assert chapter["sources"], chapter["slug"]
        assert chapter["last_reviewed"], chapter["slug"]
        for source in chapter["sources"]:
            url = source["url"]
            if url.startswith("https://"):
                host = urlparse(url).hostname
                assert host.endswith(OFFICIAL_HOSTS), (chapter["slug"], url)
            elif url:
                assert url.startswith("/"), (chapter["slug"], url)
            else:
                assert VISION_SECTION.search(source["label"]), (chapter["slug"], source)


def test_the_context_of_sections_1_6_and_1_7_is_in_both_guides():
    for guide in GUIDES:
        context = [
            chapter
            for chapter in guide["chapters"]
            if {"deel 1.6", "deel 1.7"}
            <= {
                m.group(0)
                for s in chapter["sources"]
                for m in re.finditer(r"deel 1\.[67]", s["label"])
            }
        ]
        assert context, guide["slug"]
        text = json.dumps(context[0], ensure_ascii=False)
        for fact in ("Techno+", "april 2013", "VDAB", "juridisch kader", "DBSO", "Syntra"):
            assert fact in text, (guide["slug"], fact)


def test_history_is_told_as_history():
    text = json.dumps([GUIDES, PAGES, TERMS], ensure_ascii=False)
    assert "tussen twee stoelen" not in text
    assert "van start ging" not in text  # the ESF approved the project in April 2013
    assert "duaal leren (2015)" not in text  # the vision text gives no year


def test_house_style_in_content_glossary_and_documents():
    texts = [json.dumps([GUIDES, PAGES, TERMS], ensure_ascii=False)]
    texts += [path.read_text() for path in DOCUMENTS]
    for text in texts:
        assert not re.search(r"\b(ASO|TSO|KSO|BSO)\b", text)
        assert "moet op elkaar aansluiten" not in text
        assert "observatiestage in" not in text.lower()
    assert "Wat de leerling op school leert en wat hij op de werkplek doet, moeten" in texts[0]


def test_the_glossary_examples_pass_the_portals_own_validators():
    examples = 0
    for term in TERMS:
        for number in re.findall(r"\b[01]\d{3}\.\d{3}\.\d{3}\b", term["definition"]):
            normalise_enterprise_number(number)
            examples += 1
        for postcode in re.findall(r"postcode (\d{4})\b", term["definition"]):
            normalise_postcode(postcode)
            examples += 1
    assert examples >= 1


def test_the_validator_would_catch_a_wrong_example():
    with pytest.raises(ValidationError):
        normalise_enterprise_number("0123.456.789")


def test_no_video_block_without_a_video_in_the_demo_files():
    for _guide, chapter in chapters():
        for block in chapter["body"]:
            if block["type"] == "video":
                assert block.get("url"), chapter["slug"]


# With the demo loaded.


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.empty = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if not href:
                self.empty.append(attrs)
            else:
                self.hrefs.append(href)


def empty_blocks(value, where):
    """Every block in a StreamField value that has no content."""
    found = []
    if isinstance(value, StreamValue):
        for child in value:
            block_name = child.block_type
            inner = child.value
            if block_name == "video" and not inner.get("url"):
                found.append((where, "video zonder video"))
            if block_name in ("link",) and not (inner.get("page") or inner.get("url")):
                found.append((where, "link zonder bestemming"))
            if block_name == "download" and not inner.get("document"):
                found.append((where, "download zonder document"))
            if (
                block_name == "text"
                and not str(inner.source if hasattr(inner, "source") else inner).strip()
            ):
                found.append((where, "lege tekst"))
            found += empty_blocks(inner, f"{where}/{block_name}")
    elif isinstance(value, StructValue):
        for name, inner in value.items():
            found += empty_blocks(inner, f"{where}.{name}")
    elif isinstance(value, ListValue | list):
        if len(value) == 0:
            found.append((where, "lege lijst"))
        for index, inner in enumerate(value):
            found += empty_blocks(inner, f"{where}[{index}]")
    return found


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once inside a transaction that is rolled back after the module."""
    from django.conf import settings
    from django.db import transaction

    media = tmp_path_factory.mktemp("media")
    original = settings.MEDIA_ROOT
    settings.MEDIA_ROOT = str(media)
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", "--no-admin", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            settings.MEDIA_ROOT = original


def test_demo_has_no_empty_block_on_any_page(demo, db):
    found = []
    for page in Page.objects.live().specific():
        for field in page._meta.get_fields():
            if field.get_internal_type() == "StreamField":
                found += empty_blocks(getattr(page, field.name), f"{page.url_path}:{field.name}")
    assert found == []


def test_the_empty_block_check_finds_an_empty_block(db):
    from guides.blocks import ChapterStreamBlock

    value = ChapterStreamBlock().to_python(
        [
            {"type": "video", "value": {"title": "Video", "url": "", "transcript": "<p>x</p>"}},
            {"type": "checklist", "value": {"title": "Leeg", "items": []}},
        ]
    )
    problems = {problem for _where, problem in empty_blocks(value, "test")}
    assert problems == {"video zonder video", "lege lijst"}


def test_every_internal_link_and_document_resolves(demo, db, client):
    seen, queue, problems = set(), ["/"], []
    for page in Page.objects.live().specific():
        if page.url:
            queue.append(page.url)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code != 200:
            problems.append((url, response.status_code))
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        problems += [(url, "a zonder href") for _attrs in parser.empty]
        for href in parser.hrefs:
            parsed = urlparse(href)
            if parsed.scheme or parsed.netloc or not parsed.path.startswith("/"):
                continue
            path = parsed.path
            # Follow content pages and documents; the admin, search queries and partner
            # filters are other tests' concern.
            if path.startswith(("/admin", "/cms", "/django-admin", "/api")) or parsed.query:
                continue
            if path.startswith(("/gidsen", "/documenten", "/over-ons", "/nieuws", "/privacy")):
                queue.append(path)
    assert problems == []
    documents = [url for url in seen if url.startswith("/documenten/")]
    assert len(documents) == 18


def test_chapters_show_their_sources_and_review_date(demo, db, client):
    html = client.get("/gidsen/gids-voor-bedrijven/erkenning-duaal-leren/").content.decode()
    assert ">Bronnen</h2>" in html
    assert 'href="https://www.syntravlaanderen.be/erkenningsvoorwaarden-duale-werkplek"' in html
    assert "Laatst nagekeken op <time" in html
    school = client.get("/gidsen/gids-voor-scholen/").content.decode()
    assert "1 december 2026" in school  # the school guide's review date is current
    printed = client.get("/gidsen/gids-voor-bedrijven/afdrukken/").content.decode()
    assert "afdrukfunctie van uw browser" in printed
    assert "afdrukfunctie van je browser" not in printed


def test_templates_page_lists_every_tool_as_pdf_and_word(demo, db, client):
    from docx import Document as WordDocument

    html = client.get("/gidsen/sjablonen-en-checklists/").content.decode()
    for name in (
        "Werkpostfiche",
        "Risicoanalyse",
        "Logboek",
        "Begeleidingsplan op één pagina",
        "opleidingsplan in duaal leren",
        "Jaarplanning",
        "stageovereenkomst",
        "Evaluatieformulier",
        "Checklist voor de eerste werkdag",
    ):
        assert name in html, name
    parser = Links()
    parser.feed(html)
    word = [href for href in parser.hrefs if href.endswith(".docx")]
    pdf = [href for href in parser.hrefs if href.endswith(".pdf")]
    assert len(word) == 9 and len(pdf) == 9
    response = client.get(word[0], follow=True)
    document = WordDocument(io.BytesIO(b"".join(response.streaming_content)))
    assert document.core_properties.title
    assert any(table.rows for table in document.tables)

    for guide in ("gids-voor-scholen", "gids-voor-bedrijven"):
        guide_html = client.get(f"/gidsen/{guide}/").content.decode()
        assert 'href="/gidsen/sjablonen-en-checklists/"' in guide_html, guide

    results = client.get("/zoeken/", {"q": "werkpostfiche", "soort": "gidsen"}).content.decode()
    assert "Sjablonen en checklists" in results
