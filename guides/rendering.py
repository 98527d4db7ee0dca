"""Rendering a chapter's body: anchors and contents list, glossary links.

A chapter page needs more than `{% include_block %}`: the contents list comes from its heading
blocks and from the h2/h3 inside its rich text, every heading needs a unique anchor, and glossary
terms are linked at their first occurrence. That work parses HTML. On the chapter page its result
is kept with the rest of the page's content in a fragment (templates/guides/guide_chapter_page.html,
portal.core.fragments); the print view keeps the bodies of a guide's chapters per live revision
(`print_bodies`). The partners block shows live data from the directory and depends on who is
looking (editors get a notice), so the print view renders it at every request, and it is never
glossary-linked.

The glossary reaches this module as a TermLinker built by the caller (guides.models): this module
reads no model.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.text import slugify

from guides.html import HTMLRewriter, shift_headings, start_tag

# Blocks whose headings make the contents list.
TOC_BLOCKS = {"heading", "text"}
# Blocks rendered at every request, never cached nor glossary-linked.
LIVE_BLOCKS = {"partners"}
TOC_LEVELS = {"h2", "h3"}
# Ids the page templates use themselves.
RESERVED_IDS = {"main", "inhoud", "hoofdstukken", "verwant", "navigatie-hoofdstukken"}
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    text: str
    level: int


class HeadingAnchors(HTMLRewriter):
    """Gives each h2/h3 a unique id and records it for the contents list."""

    def __init__(self, used_ids):
        super().__init__()
        self.used_ids = used_ids
        self.entries = []
        self._heading = None

    def unique(self, text):
        base = slugify(text)[:60].strip("-") or "sectie"
        anchor, number = base, 2
        while anchor in self.used_ids:
            anchor, number = f"{base}-{number}", number + 1
        self.used_ids.add(anchor)
        return anchor

    def start(self, tag, attrs, raw):
        if tag in TOC_LEVELS and self._heading is None:
            self._heading = (tag, attrs, self.out, [])
            self.out = []
        else:
            super().start(tag, attrs, raw)

    def text(self, data):
        if self._heading is not None:
            self._heading[3].append(data)
        super().text(data)

    def end(self, tag):
        if self._heading is None or tag != self._heading[0]:
            super().end(tag)
            return
        tag, attrs, outer, words = self._heading
        inner = "".join(self.out)
        self.out = outer
        self._heading = None
        title = " ".join("".join(words).split())
        if not title:
            self.out.append(start_tag(tag, attrs) + inner + f"</{tag}>")
            return
        anchor = self.unique(title)
        attrs = [(name, value) for name, value in attrs if name != "id"] + [("id", anchor)]
        self.out.append(start_tag(tag, attrs) + inner + f"</{tag}>")
        self.entries.append(TocEntry(anchor, title, int(tag[1])))


@dataclass
class RenderedBody:
    """A chapter body: HTML pieces, with the index of a live block where one goes."""

    segments: list = field(default_factory=list)
    toc: list = field(default_factory=list)
    linked_terms: list = field(default_factory=list)


def build_body(page, context, *, linker=None, used_ids=None, print_mode=False):
    """The body's segments; `linker` (a guides.glossary.TermLinker) links the glossary terms."""
    used_ids = set(RESERVED_IDS) if used_ids is None else used_ids
    anchors = HeadingAnchors(used_ids)
    body = RenderedBody()
    for index, block in enumerate(page.body):
        if block.block_type in LIVE_BLOCKS:
            body.segments.append(index)
            continue
        html = block.render(context={**context, "block_id": f"blok-{page.pk}-{index + 1}"})
        if block.block_type in TOC_BLOCKS:
            html = anchors.rewrite(html)
        if linker is not None:
            html = linker.link(html)
        if print_mode:
            html = shift_headings(html, by=1)
        body.segments.append(html)
    body.toc = anchors.entries
    body.linked_terms = linker.linked if linker else []
    return body


def render_chapter(page, context, *, linker=None):
    """(html, toc entries, linked term slugs) for a chapter page."""
    body = build_body(page, context, linker=linker)
    return assemble(page, body, context), body.toc, body.linked_terms


def print_bodies(chapters, context_for, used_ids):
    """The bodies of a guide's chapters for its print view: headings one level down, no
    glossary links, anchors unique over the whole guide.

    Cached per live revision of every chapter (with their order): converting the blocks reads
    their images and documents, a few queries per chapter. `context_for(number, chapter)` gives
    a chapter's block context; it adds the chapter's own anchor to `used_ids`.
    """
    revisions = [(chapter.pk, chapter.live_revision_id) for chapter in chapters]
    key = None
    if all(revision for _pk, revision in revisions):
        digest = hashlib.sha256(repr(revisions).encode()).hexdigest()[:32]
        key = f"guides:print:{digest}"
    cached = cache.get(key) if key else None
    if cached is not None:
        for number, chapter in enumerate(chapters, start=1):
            context_for(number, chapter)
        used_ids.update(cached[1])
        return cached[0]
    bodies = [
        build_body(chapter, context_for(number, chapter), used_ids=used_ids, print_mode=True)
        for number, chapter in enumerate(chapters, start=1)
    ]
    if key:
        cache.set(key, (bodies, set(used_ids)), CACHE_SECONDS)
    return bodies


def assemble(page, body, context, print_mode=False):
    parts = []
    for segment in body.segments:
        if isinstance(segment, int):
            # Indexing converts only the blocks of this one type (iterating would convert
            # them all, with the image and document lookups of the cached ones).
            html = page.body[segment].render(
                context={**context, "block_id": f"blok-{page.pk}-{segment + 1}"}
            )
            parts.append(shift_headings(html, by=1) if print_mode else html)
        else:
            parts.append(segment)
    return "".join(parts)
