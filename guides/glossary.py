"""Linking glossary terms where a chapter first uses them.

How a term is found (a deliberate choice, documented for editors in the Term help text):

- the term itself matches case-insensitively, as a whole word: "Mentor" and "mentor" match,
  "mentoren", "mentors" and "stagementor" do not. Dutch glues words together and forms plurals
  with -en and -s; matching inside or around them would link "stage" in "stagecoördinator".
  Hyphens and a following apostrophe count as part of a word ("stage-ervaring", "stage's").
- the abbreviation matches as a whole word with its exact capitals: "ASO" but not "aso".
- several words match across any white space (also a line break or a non-breaking space).
- the longest term wins where terms overlap ("deeltijds beroepssecundair onderwijs" over
  "beroepssecundair onderwijs"), and text already inside a term is never matched again.
- only the first occurrence of a term (or its abbreviation) in a chapter is linked, never inside
  a link, a heading, an existing abbr, code, a button or a summary.

The result is a link to the term's entry on the glossary page that carries its definition in a
tooltip element referenced by aria-describedby, so that keyboard and screen-reader users get the
definition too (not only mouse users, as with a title attribute).

This module reads no model: the terms (`glossary_entries`) and the chapters that use them
(`term_usage`) are read in guides.models and handed to the Matcher here.
"""

import re
import time
from dataclasses import dataclass
from html import escape

from django.core.cache import cache

from guides.html import HTMLRewriter

VERSION_KEY = "guides:glossary:version"
ENTRIES_KEY = "guides:glossary:entries:{version}"
USAGE_KEY = "guides:glossary:usage:{version}"
# Text inside these elements is never linked.
SKIPPED_ELEMENTS = {
    "a",
    "abbr",
    "button",
    "code",
    "dfn",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "kbd",
    "label",
    "option",
    "pre",
    "samp",
    "script",
    "select",
    "style",
    "summary",
    "textarea",
}
WORD_BEFORE = r"(?<![\w\-])"
WORD_AFTER = r"(?![\w\-]|['’]\w)"


def glossary_version():
    """A number that changes whenever a term is saved or deleted (see guides.signal_handlers)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_glossary_version():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, int(time.time() * 1000), timeout=None)


@dataclass(frozen=True)
class Entry:
    term: str
    slug: str
    abbreviation: str
    definition: str


def words_pattern(text):
    return r"\s+".join(re.escape(word) for word in text.split())


def normalise(text):
    return " ".join(text.split()).casefold()


class Matcher:
    """One regular expression over the plain text of a chapter for all terms and abbreviations."""

    def __init__(self, entries):
        self.by_term = {}
        self.by_abbreviation = {}
        alternatives = []
        for entry in entries:
            if entry.term.strip():
                self.by_term[normalise(entry.term)] = entry
                alternatives.append((len(entry.term), f"(?i:{words_pattern(entry.term)})"))
            if entry.abbreviation.strip():
                self.by_abbreviation[entry.abbreviation.strip()] = entry
                alternatives.append((len(entry.abbreviation), words_pattern(entry.abbreviation)))
        alternatives.sort(key=lambda item: -item[0])
        self.regex = (
            re.compile(
                WORD_BEFORE + "(?:" + "|".join(p for _, p in alternatives) + ")" + WORD_AFTER
            )
            if alternatives
            else None
        )

    def entry_for(self, matched):
        """The entry and whether `matched` is its abbreviation."""
        if matched in self.by_abbreviation:
            return self.by_abbreviation[matched], True
        return self.by_term.get(normalise(matched)), False

    def finditer(self, text):
        return self.regex.finditer(text) if self.regex else ()


class TermLinker(HTMLRewriter):
    """Marks the first occurrence of each glossary term in the HTML it is given.

    One linker serves a whole chapter: feed it the blocks in order with `link()`, and a term
    linked in an early block is not linked again in a later one.
    """

    def __init__(self, matcher, glossary_url, id_prefix="term"):
        super().__init__()
        self.matcher = matcher
        self.glossary_url = glossary_url
        self.id_prefix = id_prefix
        self.linked = []

    def link(self, html):
        if not self.matcher.regex or not self.glossary_url:
            return html
        return self.rewrite(html)

    def text(self, data):
        if self.inside(SKIPPED_ELEMENTS):
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in self.matcher.finditer(data):
            entry, is_abbreviation = self.matcher.entry_for(match.group(0))
            if entry is None or entry.slug in self.linked:
                continue
            self.linked.append(entry.slug)
            self.out.append(escape(data[position : match.start()], quote=False))
            self.out.append(self.markup(entry, match.group(0), is_abbreviation))
            position = match.end()
        self.out.append(escape(data[position:], quote=False))

    def markup(self, entry, matched, is_abbreviation):
        tip_id = f"{self.id_prefix}-{entry.slug}"
        label = escape(matched, quote=False)
        if is_abbreviation:
            label = f"<abbr>{label}</abbr>"
        name = entry.term
        if entry.abbreviation:
            name = f"{entry.term} ({entry.abbreviation})"
        href = f"{self.glossary_url}#{entry.slug}"
        return (
            f'<span class="term">'
            f'<a class="term__link" href="{escape(href)}" aria-describedby="{tip_id}">{label}</a>'
            f'<span class="term__tip" role="tooltip" id="{tip_id}">'
            f"<strong>{escape(name)}</strong>: {escape(entry.definition)}</span>"
            f"</span>"
        )


@dataclass(frozen=True)
class Usage:
    """A chapter that uses a term, as the glossary links back to it."""

    title: str
    href: str
    guide_title: str


def terms_used(matcher, text):
    """The slugs of the terms `text` uses, in order of first use."""
    found = []
    for match in matcher.finditer(text):
        entry, _ = matcher.entry_for(match.group(0))
        if entry is not None and entry.slug not in found:
            found.append(entry.slug)
    return found


def forget_term_usage():
    """Drop the cached "Gebruikt in" lists: the chapters, their titles or URLs changed."""
    cache.delete(USAGE_KEY.format(version=glossary_version()))
