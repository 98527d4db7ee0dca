"""Rewriting rendered HTML with Python's HTML parser (never with regular expressions over markup).

`HTMLRewriter` re-emits what it reads, unchanged unless a subclass says otherwise, and knows which
elements are open. The chapter renderer uses it to give headings unique anchors and collect the
contents list, the glossary linker to mark terms in text, and the print view to shift headings
one level down.
"""

from html import escape
from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def start_tag(tag, attrs, self_closing=False):
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if self_closing else ">")


class HTMLRewriter(HTMLParser):
    """Reads HTML and writes it back; subclasses override `start`, `end` and `text`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.stack = []

    def rewrite(self, html):
        self.reset()
        self.out = []
        self.stack = []
        self.feed(html)
        self.close()
        return "".join(self.out)

    def inside(self, tags):
        return any(tag in tags for tag in self.stack)

    # What subclasses override.

    def start(self, tag, attrs, raw):
        self.out.append(raw)

    def end(self, tag):
        self.out.append(f"</{tag}>")

    def text(self, data):
        self.out.append(escape(data, quote=False))

    # The parser's callbacks.

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, self.get_starttag_text())
        if tag not in VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in self.stack:
            # Close everything opened after it too (the browser does the same).
            while self.stack:
                if self.stack.pop() == tag:
                    break
        if tag not in VOID_ELEMENTS:
            self.end(tag)

    def handle_data(self, data):
        self.text(data)

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


class HeadingShifter(HTMLRewriter):
    """Moves every heading `by` levels down (h2 -> h3), for a chapter inside the whole guide."""

    def __init__(self, by=1):
        super().__init__()
        self.by = by

    def shifted(self, tag):
        return f"h{min(6, int(tag[1]) + self.by)}"

    def start(self, tag, attrs, raw):
        if tag in HEADINGS:
            self.out.append(start_tag(self.shifted(tag), attrs))
        else:
            self.out.append(raw)

    def end(self, tag):
        self.out.append(f"</{self.shifted(tag)}>" if tag in HEADINGS else f"</{tag}>")


def shift_headings(html, by=1):
    return HeadingShifter(by).rewrite(html)
