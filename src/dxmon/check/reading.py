"""Reading a report file into checkable text: UTF-8 text or Markdown as is; a DOCX's
paragraphs with its real footnotes as Markdown ``[^n]`` references and definitions."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from dxmon.errors import DxmonError, Problem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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


def docx_text(data: bytes, filename: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = ElementTree.fromstring(archive.read("word/document.xml"))
            names = set(archive.namelist())
            notes = (ElementTree.fromstring(archive.read("word/footnotes.xml"))
                     if "word/footnotes.xml" in names else None)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
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
