"""Defects 6 and 7 of issue 16: hostile files and values end in a clear error naming the
file (row, field), within bounded memory and time, never a 500 or a traceback."""

import io
import os
import resource
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from dxmon.collect import tabular, validation
from dxmon.errors import DxmonError

HEADER = ["indicator", "scope", "period", "value"]
MEMORY_CAP = 1536 * 1024 * 1024  # the fixed reader needs a fraction of this


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rewritten(data: bytes, member: str, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                change(target, info.filename, content)
            else:
                target.writestr(info.filename, content)
    return out.getvalue()


def dimension_bomb() -> bytes:
    """A tiny file declaring the whole sheet, A1:XFD1048576, as used, with its last cell."""
    def declare(target, name, content):  # type: ignore[no-untyped-def]
        text = content.decode()
        start = text.index("<dimension ref=\"") + len("<dimension ref=\"")
        end = text.index("\"", start)
        target.writestr(name, text[:start] + "A1:XFD1048576" + text[end:])
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active["A1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _rewritten(buffer.getvalue(), "xl/worksheets/sheet1.xml", declare)


def deflate_bomb(rows: int = 1_500_000) -> bytes:
    """Under 10 MB that inflate to ≈ 100 MB of sheet XML: 1,5 million rows."""
    def inflate(target, name, _content):  # type: ignore[no-untyped-def]
        with target.open(name, "w", force_zip64=True) as sheet:
            sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            for start in range(1, rows, 100_000):
                sheet.write("".join(
                    f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>x</t></is></c></row>'
                    for n in range(start, min(start + 100_000, rows))).encode())
            sheet.write(b"</sheetData></worksheet>")
    return _rewritten(_xlsx([HEADER]), "xl/worksheets/sheet1.xml", inflate)


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _import(path: Path, database: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DXMON_DATABASE_URL": f"sqlite:///{database}"}
    return subprocess.run([sys.executable, "-m", "dxmon.cli.app", "import", str(path),
                           "--dry-run"], env=env, capture_output=True, text=True,
                          timeout=90, check=False, preexec_fn=_cap_memory)


@pytest.mark.parametrize(("build", "code"), [(dimension_bomb, "IMPORT_XLSX_TOO_LARGE"),
                                             (deflate_bomb, "IMPORT_XLSX_TOO_LARGE")])
def test_xlsx_bombs_are_read_in_bounded_memory_and_time(tmp_path, build, code):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(build())
    try:
        run = _import(path, tmp_path / "x.db")
    except subprocess.TimeoutExpired:
        pytest.fail("the import ran for more than 90 s")
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 1 and code in run.stderr, run.stderr[-2000:]


@pytest.mark.parametrize("xml", [
    b"<worksheet><sheetData><row r='1'>",  # cut short
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]><worksheet>&e;</worksheet>',
    b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b"<worksheet>&e;</worksheet>",
])
def test_hostile_xml_inside_an_xlsx_is_a_clear_error(xml):
    data = _rewritten(_xlsx([HEADER]), "xl/worksheets/sheet1.xml",
                      lambda target, name, _content: target.writestr(name, xml))
    with pytest.raises(DxmonError) as raised:
        tabular.read_rows(data, "hostile.xlsx")
    assert raised.value.code == "IMPORT_XLSX_MALFORMED"
    assert raised.value.problems[0].where == "hostile.xlsx"


def test_a_huge_exponent_is_a_clear_problem_not_an_overflow():
    problems: list[tuple[str, str]] = []

    class Collect:
        def add(self, code: str, field_name: str, vi: str, en: str) -> None:
            problems.append((code, field_name))

    numbers = validation.check_numbers({"value": "1e999999999", "numerator": "1e-999999999",
                                        "denominator": ""}, Collect())
    assert problems == [("IMPORT_NUMBER_INVALID", "value"),
                        ("IMPORT_NUMBER_INVALID", "numerator")]
    assert numbers["value"] is None and Decimal(0) is not None


@pytest.mark.parametrize("body", [
    '[{"indicator": "x", "scope": "nation", "period": "2024", "value": ' + "9" * 5000 + "}]",
    "[" * 100_000 + "]" * 100_000,
])
def test_hostile_json_is_a_clear_error_in_the_cli(tmp_path, body):
    path = tmp_path / "hostile.json"
    path.write_text(body, encoding="utf-8")
    run = _import(path, tmp_path / "x.db")
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 1 and "IMPORT_JSON_MALFORMED" in run.stderr, run.stderr[-2000:]


def _docx(document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


@pytest.mark.parametrize("document_xml", [
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body>" + b"<w:p/>" * 6_000_000 + b"</w:body></w:document>",  # 36 MB from ~100 kB
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b"<d>&b;</d>",
])
def test_hostile_docx_given_to_the_checker_is_a_clear_error(document_xml):
    from dxmon.check.service import check_bytes

    with pytest.raises(DxmonError) as raised:
        check_bytes(_docx(document_xml), "report.docx")
    assert raised.value.code == "CHECK_BAD_DOCX"
