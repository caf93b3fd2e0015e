"""Real Word footnotes for python-docx, which has no footnote API of its own.

Adds a ``/word/footnotes.xml`` part with the two separator footnotes Word expects and one
``<w:footnote>`` per note, and puts ``<w:footnoteReference>`` runs in the body. Both marks, in
the text and in the footnote area, carry Word's FootnoteReference character style (superscript):
LibreOffice ignores direct formatting on the mark in the footnote area and honours only the
style.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
    '<w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
    '</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


REFERENCE_STYLE = "FootnoteReference"
TEXT_STYLE = "FootnoteText"


def _styles_xml(font: str, size_half_points: int) -> list[str]:
    fonts = (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
             f'<w:sz w:val="{size_half_points}"/>')
    return [
        f'<w:style {nsdecls("w")} w:type="character" w:styleId="{REFERENCE_STYLE}">'
        '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>',
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{TEXT_STYLE}">'
        '<w:name w:val="footnote text"/><w:basedOn w:val="Normal"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>'
        f'<w:ind w:firstLine="0"/></w:pPr><w:rPr>{fonts}</w:rPr></w:style>',
    ]


def _add_styles(document: Document, font: str, size_half_points: int) -> None:
    """Word's footnote styles, unless the template already has them."""
    styles = document.styles.element
    present = {style.get(qn("w:styleId")) for style in styles.iter(qn("w:style"))}
    for xml in _styles_xml(font, size_half_points):
        style = parse_xml(xml)
        if style.get(qn("w:styleId")) not in present:
            styles.append(style)


class Footnotes:
    """Collects footnotes while the body is written; ``attach`` adds the part at the end."""

    def __init__(self, font: str, size_half_points: int = 24) -> None:
        self.notes: list[str] = []
        self.font = font
        self.size = size_half_points

    def reference(self, paragraph: Paragraph, text: str) -> int:
        """Add a superscript reference to a new footnote holding ``text``; return its id."""
        self.notes.append(text)
        note_id = len(self.notes)
        run = paragraph.add_run()
        r_pr = run._r.get_or_add_rPr()
        # the style is added by ``attach``; rStyle comes first in a run's properties
        r_pr.insert(0, parse_xml(f'<w:rStyle {nsdecls("w")} w:val="{REFERENCE_STYLE}"/>'))
        r_pr.append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))
        run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{note_id}"/>'))
        return note_id

    def _note_xml(self, note_id: int, text: str) -> str:
        fonts = (f'<w:rFonts w:ascii="{self.font}" w:hAnsi="{self.font}" w:cs="{self.font}"/>'
                 f'<w:sz w:val="{self.size}"/>')
        return (
            f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="{TEXT_STYLE}"/>'
            f'<w:spacing w:after="0"/><w:jc w:val="both"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{REFERENCE_STYLE}"/>{fonts}'
            f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{fonts}</w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
            f'</w:p></w:footnote>'
        )

    def attach(self, document: Document) -> None:
        _add_styles(document, self.font, self.size)
        body = "".join(self._note_xml(i, text) for i, text in enumerate(self.notes, start=1))
        blob = f'<w:footnotes xmlns:w="{W_NS}">{SEPARATORS}{body}</w:footnotes>'.encode()
        document_part = document.part
        part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE, blob, document_part.package)
        document_part.relate_to(part, RT.FOOTNOTES)


def footnote_ids(document_xml: str) -> list[str]:
    """The ids of the footnote references in a document body (for tests and checks)."""
    tag = qn("w:footnoteReference")
    root = parse_xml(document_xml.encode())
    return [element.get(qn("w:id")) for element in root.iter(tag)]
