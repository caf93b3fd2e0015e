"""The Decree 30/2020 layout details of issue 13 point 7: real Word list numbering, the issuer
and the national title each on one line, numbered and sourced charts, dates with leading
zeros."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from dxmon.periods import Period
from dxmon.report import service
from dxmon.report.context import PeriodView

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(demo_session, period: str = "2024S1") -> bytes:
    return service.generate(demo_session, period=period).render("docx")


def test_docx_lists_are_word_numbering_definitions(demo_session):
    data = _docx(demo_session)
    document = Document(io.BytesIO(data))
    numbering = document.part.numbering_part.element
    abstracts = {int(a.get(qn("w:abstractNumId"))): a
                 for a in numbering.findall(qn("w:abstractNum"))}
    numbered = [p for p in document.paragraphs if p._p.pPr is not None
                and p._p.pPr.numPr is not None]
    assert len(numbered) >= 20  # the report's "1." items and "-" bullets
    formats = set()
    for paragraph in numbered:
        num_id = paragraph._p.pPr.numPr.numId.val
        num = next(n for n in numbering.findall(qn("w:num")) if n.numId == num_id)
        abstract = abstracts[num.abstractNumId.val]
        level = abstract.find(f"{W}lvl[@{W}ilvl='{paragraph._p.pPr.numPr.ilvl.val}']")
        formats.add((level.find(qn("w:numFmt")).get(qn("w:val")),
                     level.find(qn("w:lvlText")).get(qn("w:val"))))
    assert {("decimal", "%1."), ("bullet", "-")} <= formats
    # the numbers are Word's, not typed into the text
    assert not any(re.match(r"\d+\. |- ", p.text) for p in numbered)


def test_docx_header_columns_keep_issuer_and_national_title_on_one_line(demo_session):
    with zipfile.ZipFile(io.BytesIO(_docx(demo_session, "2025-08"))) as archive:
        xml = archive.read("word/document.xml").decode()
    grid = re.search(r"<w:tblGrid>(.*?)</w:tblGrid>", xml).group(1)
    widths = [int(w) for w in re.findall(r'w:w="(\d+)"', grid)]
    # 8 cm and 9,4 cm in twentieths of a point: "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" and
    # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" fit on one line each at 12 pt bold
    assert widths == [4535, 5329]
    assert "BỘ KHOA HỌC VÀ CÔNG NGHỆ" in xml


def test_charts_are_numbered_captioned_and_sourced_and_dates_have_leading_zeros(demo_session):
    report = service.generate(demo_session, period="2024S1")
    captions = re.findall(r"^\*Biểu đồ (\d+)\. [^*]+Nguồn: [^*]+\*$", report.markdown, re.M)
    assert captions == [str(n) for n in range(1, len(captions) + 1)] and captions
    assert "Biểu đồ" not in report.render("md").decode()  # no chart in Markdown, no caption
    assert "Biểu đồ 1." in report.render("html").decode()
    window = PeriodView(Period.parse("2024-08"))
    assert (window.window_start, window.window_end) == ("20/07/2024", "20/08/2024")
    assert "Quyết định số 06/QĐ-TTg ngày 06/01/2022" in report.markdown  # cite()


def _superscript_by_style(styles, style_id: str | None) -> bool:
    style = styles.find(f"{W}style[@{W}styleId='{style_id}']") if style_id else None
    align = None if style is None else style.find(f"{W}rPr/{W}vertAlign")
    return align is not None and align.get(qn("w:val")) == "superscript"


def test_footnote_marks_are_superscript_by_style_in_text_and_footnote_area(demo_session):
    """LibreOffice ignores direct formatting on the mark in the footnote area (it printed a
    full-size "1" there): both marks must carry a character style that is superscript."""
    data = _docx(demo_session)
    document = Document(io.BytesIO(data))
    styles = document.styles.element
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        notes = parse_xml(archive.read("word/footnotes.xml"))
    area_marks = list(notes.iter(qn("w:footnoteRef")))
    text_marks = list(document.element.body.iter(qn("w:footnoteReference")))
    assert area_marks and len(area_marks) == len(text_marks)
    for mark in area_marks + text_marks:
        run_style = mark.getparent().find(f"{W}rPr/{W}rStyle")
        assert _superscript_by_style(styles, None if run_style is None
                                     else run_style.get(qn("w:val")))
    paragraph_style = notes.find(f".//{W}footnote[@{W}id='1']//{W}pStyle")
    assert paragraph_style is not None
    assert styles.find(f"{W}style[@{W}styleId='{paragraph_style.get(qn('w:val'))}']") is not None
