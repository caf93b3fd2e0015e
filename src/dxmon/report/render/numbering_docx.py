"""Word list numbering (numbering.xml) for the report's lists, so that Word keeps and renumbers
them: ordered lists "1.", "2." with "a)", "b)" below; bullets "-" with "+" below (Decree
30/2020 style: the mark at the paragraph's first-line indent, a space after it)."""

from __future__ import annotations

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

ORDERED_ID, BULLET_ID = 90, 91  # abstractNum ids above those of python-docx's template
FIRST_LINE = 567  # 1 cm in twentieths of a point, the body's first-line indent
ORDERED_LEVELS = (("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3."))
BULLET_LEVELS = (("bullet", "-"), ("bullet", "+"), ("bullet", "+"))


def _level(index: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="space"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{FIRST_LINE}"/></w:pPr></w:lvl>')


def _abstract(number: int, levels: tuple[tuple[str, str], ...]) -> str:
    body = "".join(_level(i, fmt, text) for i, (fmt, text) in enumerate(levels))
    return (f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{body}</w:abstractNum>')


class ListNumbering:
    """The report's two list definitions, and one numbering instance per ordered list (each
    starts again at its own first number)."""

    def __init__(self, document: Document) -> None:
        self.numbering = document.part.numbering_part.element
        existing = self.numbering.findall(qn("w:abstractNum"))
        position = (self.numbering.index(existing[-1]) + 1) if existing else 0
        for offset, (number, levels) in enumerate(((ORDERED_ID, ORDERED_LEVELS),
                                                   (BULLET_ID, BULLET_LEVELS))):
            self.numbering.insert(position + offset, parse_xml(_abstract(number, levels)))
        self.bullets = self._instance(BULLET_ID)

    def _instance(self, abstract: int, start: int | None = None) -> int:
        num = self.numbering.add_num(abstract)
        if start is not None:
            num.append(parse_xml(
                f'<w:lvlOverride {nsdecls("w")} w:ilvl="0">'
                f'<w:startOverride w:val="{start}"/></w:lvlOverride>'))
        return int(num.numId)

    def ordered(self, start: int = 1) -> int:
        """A new ordered list starting at ``start``."""
        return self._instance(ORDERED_ID, start)

    @staticmethod
    def apply(paragraph: Paragraph, num_id: int, level: int) -> None:
        numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_ilvl().val = min(level, len(BULLET_LEVELS) - 1)
        numbering.get_or_add_numId().val = num_id
