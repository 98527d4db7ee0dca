"""Rendering a chapter's body: anchors and contents list, glossary links, a cache.

A chapter page needs more than `{% include_block %}`: the contents list comes from its heading
blocks and from the h2/h3 inside its rich text, every heading needs a unique anchor, and glossary
terms are linked at their first occurrence. That work parses HTML, so its result is cached per
live revision of the chapter and version of the glossary. The partners block shows live data from
the directory and depends on who is looking (editors get a notice), so it is rendered at every
request and kept out of the cache and of the glossary linking.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils.text import slugify

from guides.glossary import Matcher, TermLinker, glossary_entries, glossary_version
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


def glossary_linker(glossary_url):
    if not glossary_url:
        return None
    return TermLinker(Matcher(glossary_entries()), glossary_url)


def build_body(page, context, *, glossary_url=None, used_ids=None, print_mode=False):
    used_ids = set(RESERVED_IDS) if used_ids is None else used_ids
    anchors = HeadingAnchors(used_ids)
    linker = None if print_mode else glossary_linker(glossary_url)
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


def cache_key(page, glossary_url):
    """Per live revision and glossary version; None when there is nothing stable to key on."""
    revision_id = getattr(page, "live_revision_id", None)
    if not revision_id or not page.live:
        return None
    return f"guides:chapter:{page.pk}:{revision_id}:{glossary_version()}:{glossary_url or ''}"


def render_chapter(page, context, *, glossary_url=None, use_cache=True):
    """(html, toc entries, linked term slugs) for a chapter page."""
    key = cache_key(page, glossary_url) if use_cache else None
    body = cache.get(key) if key else None
    if body is None:
        body = build_body(page, context, glossary_url=glossary_url)
        if key:
            cache.set(key, body, CACHE_SECONDS)
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
