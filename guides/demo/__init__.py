"""Demo content of the guides: topics, the glossary, images, documents, two guides and the glossary page.

Called by portal.demo.load() (`manage.py load_demo`). Idempotent like the rest of the demo: a page,
term, image or document that exists is left as it is, so an editor's changes survive a second run.
The content itself (Dutch) is in guides.json, glossary.json and templates.json (the page
"Sjablonen en checklists"); the documents are HTML files that are turned into PDF documents with
WeasyPrint and into editable Word files with python-docx (guides/documents.py), the images PNGs
drawn by tools/make_guide_images.py.
"""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify

from portal.core.demo import ensure_child, load_json, stream

DATA_DIR = Path(__file__).resolve().parent

IMAGE_TITLES = {
    "school-en-werkplek": "Leren op school en op de werkplek",
    "van-beginner-tot-expert": "Van beginner tot expert",
    "driehoek-leerling-leraar-mentor": "De driehoek leerling, leraar en mentor",
    "week-duaal-leren": "Een week in duaal leren",
    "voor-tijdens-na": "Voor, tijdens en na de stage",
}
DOCUMENT_STYLE = """
@page { size: A4; margin: 2cm; @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; } }
html { font-family: "DejaVu Sans", sans-serif; }
body { font-size: 10pt; line-height: 1.45; color: #1b2127; }
h1 { font-size: 18pt; color: #0c4f7c; margin: 0 0 12pt; }
h2 { font-size: 12.5pt; color: #0c4f7c; margin: 16pt 0 6pt; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; }
th, td { border: 1px solid #6b7783; padding: 4pt 6pt; text-align: left; vertical-align: top; }
th { background: #e6f0f7; }
tr { break-inside: avoid; }
"""


# The topics migration 0003 creates (the migration keeps its own copy: change both together).
TOPICS = [
    (
        "werkplekleren",
        "Werkplekleren",
        "Leren en oefenen in een echte werksituatie die ook een leersituatie is.",
    ),
    (
        "duaal-leren",
        "Duaal leren",
        "Een opleiding die leren op school en leren op een werkplek bewust combineert.",
    ),
    (
        "stage",
        "Stage",
        "Leerlingenstages, snuffelstages en observatiestages: voorbereiden, begeleiden en afronden.",
    ),
    ("mentoring", "Mentoring", "De mentor op de werkplek: rol, vaardigheden en opleiding."),
    (
        "evaluatie",
        "Evaluatie",
        "Opvolgen, feedback geven en beoordelen wat een leerling op de werkplek leert.",
    ),
    (
        "wettelijk-kader",
        "Wettelijk kader",
        "Regelgeving, overeenkomsten, verzekering, welzijn en veiligheid op het werk.",
    ),
    (
        "kwaliteit",
        "Kwaliteit",
        "Voorwaarden voor leerrijk werkplekleren en afstemming tussen school en werkplek.",
    ),
    ("valkuilen", "Valkuilen", "Wat vaak misloopt bij werkplekleren, en hoe je het voorkomt."),
    (
        "samenwerking",
        "Samenwerking",
        "Afspraken en rollen van school, werkplek, leerling en ouders.",
    ),
]


def ensure_topics():
    """The topics of migration 0003, in case an editor removed one."""
    from guides.models import Topic

    for slug, name, description in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    return {topic.slug: topic for topic in Topic.objects.all()}


def ensure_terms():
    """The glossary; related terms are linked only for terms created now."""
    from guides.models import Term

    data = load_json(DATA_DIR / "glossary.json")["terms"]
    existing = {term.term.casefold(): term for term in Term.objects.all()}
    created = []
    for item in data:
        if item["term"].casefold() in existing:
            continue
        term = Term(
            term=item["term"],
            abbreviation=item.get("abbreviation", ""),
            definition=item["definition"],
            url=item.get("url", ""),
        )
        term.full_clean()
        term.save()
        existing[term.term.casefold()] = term
        created.append((term, item.get("related", [])))
    for term, related in created:
        term.related.set(
            [existing[name.casefold()] for name in related if name.casefold() in existing]
        )
    return len(created)


def first_alt_texts(guides):
    alts = {}
    for guide in guides:
        for chapter in guide["chapters"]:
            for block in chapter["body"]:
                if block["type"] == "image":
                    alts.setdefault(block["image"], block["alt"])
    return alts


def ensure_images(alt_texts):
    """Wagtail images from images/*.png, found again by title."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    images = {}
    for path in sorted((DATA_DIR / "images").glob("*.png")):
        key = path.stem
        title = IMAGE_TITLES.get(key, key.replace("-", " ").capitalize())
        image = image_model.objects.filter(title=title).first()
        if image is None:
            with open(path, "rb") as handle:
                image = image_model(
                    title=title,
                    description=alt_texts.get(key, ""),
                    file=ImageFile(handle, name=path.name),
                )
                image.save()
        images[key] = image
    return images


def render_document(html):
    from weasyprint import CSS, HTML

    page = f'<!DOCTYPE html><html lang="nl-BE"><head><meta charset="utf-8"></head><body>{html}</body></html>'
    return HTML(string=page).write_pdf(stylesheets=[CSS(string=DOCUMENT_STYLE)])


def document_title(html, fallback):
    from guides.html import HTMLRewriter

    class FirstHeading(HTMLRewriter):
        def __init__(self):
            super().__init__()
            self.title = []

        def text(self, data):
            if self.stack and self.stack[-1] == "h1":
                self.title.append(data)

    parser = FirstHeading()
    parser.rewrite(html)
    return " ".join("".join(parser.title).split()) or fallback


WORD_SUFFIX = " (Word)"


def ensure_document(title, filename, render):
    from wagtail.documents import get_document_model

    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        content = render()
        document = document_model(title=title, file_size=len(content))
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
    return document


def ensure_documents():
    """Wagtail documents rendered from documents/*.html, found again by title.

    Returns two dicts by file stem: the PDFs, and the editable Word copies (title + " (Word)").
    """
    from guides.documents import html_to_docx

    documents, word_documents = {}, {}
    for path in sorted((DATA_DIR / "documents").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        title = document_title(html, path.stem.replace("-", " ").capitalize())
        documents[path.stem] = ensure_document(
            title, f"{path.stem}.pdf", lambda html=html: render_document(html)
        )
        word_documents[path.stem] = ensure_document(
            title + WORD_SUFFIX, f"{path.stem}.docx", lambda html=html: html_to_docx(html)
        )
    return documents, word_documents


def ensure_templates_page(index, documents, word_documents):
    """The page "Sjablonen en checklists": every template as PDF and as Word file."""
    from guides.models import TemplatesPage

    data = load_json(DATA_DIR / "templates.json")
    body = []
    for section in data["sections"]:
        body.append({"type": "heading", "value": {"text": section["heading"], "level": "h2"}})
        for item in section["documents"]:
            pdf, word = documents[item["document"]], word_documents[item["document"]]
            body.append(
                {
                    "type": "download",
                    "value": {
                        "document": pdf.pk,
                        "title": f"{pdf.title} (pdf, om af te drukken)",
                        "description": item["description"],
                    },
                }
            )
            body.append(
                {
                    "type": "download",
                    "value": {
                        "document": word.pk,
                        "title": f"{pdf.title} (Word, om zelf in te vullen en aan te passen)",
                        "description": "",
                    },
                }
            )
    page, _created = ensure_child(
        index,
        TemplatesPage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        search_description=data["search_description"],
        body=body,
    )
    return page


def guide_stream(blocks, images, documents):
    """StreamField data for a chapter: portal.core.demo.stream plus the guide blocks."""
    raw = []
    for block in blocks:
        kind = block["type"]
        if kind == "checklist":
            value = {"title": block.get("title", ""), "items": block["items"]}
        elif kind == "steps":
            value = {
                "title": block.get("title", ""),
                "steps": [
                    {"title": step["title"], "text": step["html"]} for step in block["steps"]
                ],
            }
        elif kind == "image":
            value = {
                "image": {
                    "image": images[block["image"]].pk,
                    "decorative": False,
                    "alt_text": block["alt"],
                },
                "caption": block.get("caption", ""),
            }
        elif kind == "download":
            value = {
                "document": documents[block["document"]].pk,
                "title": block.get("title", ""),
                "description": block.get("description", ""),
            }
        elif kind == "video":
            value = {
                "title": block["title"],
                "url": block.get("url", ""),
                "caption": block.get("caption", ""),
                "transcript": block.get("transcript", ""),
            }
        elif kind == "partners":
            value = {"title": block["title"], "kind": block["kind"], "limit": block.get("limit", 3)}
        else:
            raw.extend(stream([block]))
            continue
        raw.append({"type": kind, "value": value})
    return raw


def load(pages):
    from guides.models import GlossaryPage, GuideChapterPage, GuidePage

    data = load_json(DATA_DIR / "guides.json")["guides"]
    topics = ensure_topics()
    ensure_terms()
    images = ensure_images(first_alt_texts(data))
    documents, word_documents = ensure_documents()

    index = pages["guides"]
    for item in data:
        guide, _created = ensure_child(
            index,
            GuidePage,
            item["slug"],
            title=item["title"],
            audience=item["audience"],
            introduction=item["introduction"],
            content_owner=item["owner"],
            last_reviewed=datetime.date.fromisoformat(item["last_reviewed"]),
            search_description=item.get("search_description", ""),
        )
        pages[item["slug"]] = guide
        for chapter in item["chapters"]:
            ensure_child(
                guide,
                GuideChapterPage,
                chapter["slug"],
                title=chapter["title"],
                intro=chapter.get("intro", ""),
                search_description=chapter.get("search_description", ""),
                topics=[topics[slug] for slug in chapter.get("topics", [])],
                body=guide_stream(chapter["body"], images, documents),
                sources=[
                    {"type": "source", "value": {"label": source["label"], "url": source["url"]}}
                    for source in chapter["sources"]
                ],
                last_reviewed=datetime.date.fromisoformat(chapter["last_reviewed"]),
            )
    pages["glossary"], _created = ensure_child(
        index,
        GlossaryPage,
        slugify("woordenlijst"),
        title="Woordenlijst",
        intro="De begrippen uit de gidsen, van A tot Z: onderwijsvormen, soorten werkplekleren, "
        "rollen en regelgeving.",
        search_description="Woordenlijst van werkplekleren en duaal leren: begrippen en afkortingen "
        "uit het Vlaamse onderwijs, kort uitgelegd.",
    )
    pages["templates"] = ensure_templates_page(index, documents, word_documents)
    return pages
