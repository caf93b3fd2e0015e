"""Reading a report file into checkable text: UTF-8 text or Markdown as is; a DOCX's
paragraphs with its real footnotes as Markdown ``[^n]`` references and definitions."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from defusedxml import ElementTree as safe_xml

from dxmon.errors import DxmonError, Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_DOCX_XML = 32 * 1024 * 1024  # a 30-page report's document.xml is well under 1 MB


def read_bytes(data: bytes, filename: str) -> str:
    if filename.lower().endswith(".docx"):
        return docx_text(data, filename)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DxmonError(Problem(
            code="CHECK_NOT_UTF8", where=filename,
            message_vi=f"Tệp không phải văn bản UTF-8 (byte {error.start}).",
            message_en=f"The file is not UTF-8 text (byte {error.start}).")) from error


def _xml(archive: zipfile.ZipFile, member: str) -> ElementTree.Element:
    """A member's XML, refused before it is inflated when it declares more than the limit
    (a deflate bomb), and refused when it holds a DTD or entities (defusedxml)."""
    if archive.getinfo(member).file_size > MAX_DOCX_XML:
        raise ValueError(f"{member} unpacks to more than {MAX_DOCX_XML} bytes")
    root: ElementTree.Element = safe_xml.fromstring(archive.read(member))
    return root


def docx_text(data: bytes, filename: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = _xml(archive, "word/document.xml")
            names = set(archive.namelist())
            notes = _xml(archive, "word/footnotes.xml") if "word/footnotes.xml" in names \
                else None
    except (zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError) as error:
        raise DxmonError(Problem(
            code="CHECK_BAD_DOCX", where=filename,
            message_vi="Tệp DOCX hỏng hoặc không phải DOCX.",
            message_en="The DOCX file is damaged or not a DOCX.")) from error
    lines = [_paragraph_text(p) for p in body.iter(f"{W}p")]
    if notes is not None:
        for note in notes.iter(f"{W}footnote"):
            key = note.get(f"{W}id", "")
            if key.lstrip("-").isdigit() and int(key) > 0:
                text = " ".join(_paragraph_text(p) for p in note.iter(f"{W}p")).strip()
                lines.append(f"[^{key}]: {text}")
    return "\n".join(lines)


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    pieces: list[str] = []
    for element in paragraph.iter():
        if element.tag == f"{W}t" and element.text:
            pieces.append(element.text)
        elif element.tag == f"{W}tab":
            pieces.append("\t")
        elif element.tag == f"{W}footnoteReference":
            pieces.append(f"[^{element.get(f'{W}id')}]")
    return "".join(pieces)
