"""The guides' templates as editable Word files, generated from the same HTML as their PDFs.

Each template (guides/demo/documents/*.html) is written once, in a small subset of HTML: h1, h2,
p, ul/li and table/tr/th/td. WeasyPrint lays it out as a PDF (guides/demo); `html_to_docx` turns
the same HTML into a .docx with python-docx, so that a school or a company can fill it in and
adapt it in a word processor. python-docx writes real Word structures (headings, list
paragraphs, tables with a header row) that LibreOffice and Word open as editable documents;
writing the Office Open XML by hand would mean maintaining that format ourselves.
"""

import io
from html.parser import HTMLParser

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _TemplateReader(HTMLParser):
    """Collects the blocks of a template: headings, paragraphs, list items and tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.text = None
        self.table = None
        self.row = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "p", "li"):
            self.text = []
        elif tag == "table":
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.text = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3", "p", "li") and self.text is not None:
            self.blocks.append((tag, " ".join("".join(self.text).split())))
            self.text = None
        elif tag in ("th", "td") and self.row is not None and self.text is not None:
            self.row.append((tag, " ".join("".join(self.text).split())))
            self.text = None
        elif tag == "tr" and self.table is not None and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            self.blocks.append(("table", self.table))
            self.table = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def template_blocks(html):
    reader = _TemplateReader()
    reader.feed(html)
    reader.close()
    return reader.blocks


def html_to_docx(html):
    """The bytes of a .docx with the template's headings, paragraphs, checklists and tables."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.language = "nl-BE"
    document.styles["Normal"].font.size = Pt(10)
    for kind, content in template_blocks(html):
        if kind == "h1":
            document.add_heading(content, level=0)
            document.core_properties.title = content
        elif kind in ("h2", "h3"):
            document.add_heading(content, level=int(kind[1]) - 1)
        elif kind == "p":
            document.add_paragraph(content)
        elif kind == "li":
            document.add_paragraph(content, style="List Bullet")
        elif kind == "table":
            columns = max(len(row) for row in content)
            table = document.add_table(rows=0, cols=columns)
            table.style = "Table Grid"
            for row in content:
                cells = table.add_row().cells
                for index, (cell_tag, text) in enumerate(row):
                    cells[index].text = text
                    if cell_tag == "th":
                        for run in cells[index].paragraphs[0].runs:
                            run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
