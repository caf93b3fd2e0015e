"""DOCX in the layout of Vietnamese administrative documents (Decree 30/2020/NĐ-CP).

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman 14 pt body; the
issuing body and document number on the left and the national title and motto (quốc hiệu,
tiêu ngữ) on the right; real Word footnotes; headings in bold.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from markdown_it.token import Token

from dxmon.report.context import MISSING, PLACEHOLDER, ReportMeta
from dxmon.report.render.footnotes_docx import Footnotes
from dxmon.report.render.markdown_tokens import ParsedMarkdown, parse
from dxmon.report.render.numbering_docx import ListNumbering

FONT = "Times New Roman"
BODY_PT = 14
# issuer 8 cm, national title 9,4 cm: each fits on one line at 12 pt bold ("BỘ THÔNG TIN VÀ
# TRUYỀN THÔNG" ≈ 7,8 cm); centred, 0,45 cm into each margin
HEADER_WIDTHS = (Cm(8.0), Cm(9.4))
HEADING_ALIGN = {1: WD_ALIGN_PARAGRAPH.CENTER, 2: WD_ALIGN_PARAGRAPH.LEFT,
                 3: WD_ALIGN_PARAGRAPH.LEFT}


def _setup_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    r_fonts = normal.element.get_or_add_rPr()
    r_fonts.append(parse_xml(
        f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" '
        f'w:eastAsia="{FONT}"/>'))
    paragraph_format = normal.paragraph_format
    paragraph_format.space_after = Pt(6)
    paragraph_format.line_spacing = 1.15


def _line(cell: _Cell | Document, text: str, *, bold: bool = False, italic: bool = False,
          size: int = 13, align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> Paragraph:
    paragraph = cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _national_header(document: Document, meta: ReportMeta) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    for column, cell, width in zip(table.columns, (left, right), HEADER_WIDTHS, strict=True):
        column.width = cell.width = width  # the grid and the cells: Word and LibreOffice
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    issuer = left.paragraphs[0].add_run(meta.issuer.upper())
    issuer.bold, issuer.font.size = True, Pt(12)
    _line(left, "———", size=10)
    _line(left, meta.number_line, size=13)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    heading.bold, heading.font.size = True, Pt(12)
    _line(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _line(right, "———————————", size=10)
    _line(right, meta.place_date_line, italic=True, size=13)
    document.add_paragraph()


MARKED = re.compile(f"({re.escape(MISSING)}|{re.escape(PLACEHOLDER)})")


def _add_text(paragraph: Paragraph, text: str, *, bold: bool, italic: bool) -> None:
    """Runs of text; a missing figure or an unwritten block is highlighted."""
    for part in MARKED.split(text):
        if not part:
            continue
        run = paragraph.add_run(part)
        run.bold, run.italic = bold or None, italic or None
        if MARKED.fullmatch(part):
            run.italic = True
            run.font.highlight_color = (WD_COLOR_INDEX.YELLOW if part == MISSING
                                        else WD_COLOR_INDEX.TURQUOISE)


def _add_inline(paragraph: Paragraph, children: list[Token], parsed: ParsedMarkdown,
                footnotes: Footnotes) -> None:
    bold = italic = False
    for token in children:
        if token.type == "strong_open":
            bold = True
        elif token.type == "strong_close":
            bold = False
        elif token.type == "em_open":
            italic = True
        elif token.type == "em_close":
            italic = False
        elif token.type in ("text", "code_inline"):
            _add_text(paragraph, token.content, bold=bold, italic=italic)
        elif token.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" ")
        elif token.type == "footnote_ref":
            footnotes.reference(paragraph, parsed.footnotes.get(int(token.meta["id"]), ""))


def _images(children: list[Token]) -> Iterator[str]:
    for token in children:
        if token.type == "image":
            yield str(token.attrs.get("src", ""))


def _write_body(document: Document, parsed: ParsedMarkdown, footnotes: Footnotes,
                images: dict[str, bytes]) -> None:
    heading_level = 0
    lists: list[int] = []  # the numbering instance of each open list, outermost first
    numbering = ListNumbering(document)
    tokens = parsed.tokens
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "bullet_list_open":
            lists.append(numbering.bullets)
        elif token.type == "ordered_list_open":
            lists.append(numbering.ordered(int(token.attrs.get("start", 1) or 1)))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()

        elif token.type == "inline":
            children = token.children or []
            pictures = [src for src in _images(children) if src in images]
            if pictures:
                for src in pictures:
                    document.add_picture(io.BytesIO(images[src]), width=Cm(15))
                    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                continue
            paragraph = document.add_paragraph()
            if heading_level:
                paragraph.alignment = HEADING_ALIGN.get(heading_level, WD_ALIGN_PARAGRAPH.LEFT)
                paragraph.paragraph_format.keep_with_next = True
                paragraph.paragraph_format.space_before = Pt(6)
            else:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                paragraph.paragraph_format.first_line_indent = Cm(1)
                if lists and tokens[index - 2].type == "list_item_open":
                    numbering.apply(paragraph, lists[-1], len(lists) - 1)
            _add_inline(paragraph, children, parsed, footnotes)
            if heading_level:
                for run in paragraph.runs:
                    run.bold = True


def _signature(document: Document, meta: ReportMeta) -> None:
    """Recipients ("Nơi nhận:") on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    recipients, signer = table.rows[0].cells
    if meta.recipients:
        heading = recipients.paragraphs[0].add_run("Nơi nhận:")
        heading.bold, heading.italic, heading.font.size = True, True, Pt(12)
        for line in meta.recipients:
            _line(recipients, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in meta.signature_lines:
        _line(signer, line, bold=True, size=14)


def _page_numbers(document: Document) -> None:
    """Page numbers top centre, from page 2 (Decree 30/2020: none on the first page)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:rPr><w:sz w:val="26"/></w:rPr>'
        '<w:t>2</w:t></w:r></w:fldSimple>'))


def render_docx(markdown_text: str, meta: ReportMeta, images: dict[str, bytes]) -> bytes:
    document = new_document()
    _setup_page(document)
    _page_numbers(document)
    _national_header(document, meta)
    footnotes = Footnotes(FONT)
    _write_body(document, parse(markdown_text), footnotes, images)
    _signature(document, meta)
    footnotes.attach(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
