import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from dxmon.report import service
from tests.report.seed_figures import figures

SEEDS = [("2024S1", "bao-cao-6-thang-dau-nam-2024.txt"), ("2024-08", "bao-cao-thang-8-2024.txt")]
TEMPLATES = Path(service.templates_dir())
ALLOWED_IN_TEMPLATES = {"5G", "IPv6"}


@pytest.mark.parametrize(("period", "seed"), SEEDS)
def test_generated_report_states_the_seeds_figures(demo_session, seed_text, period, seed):
    report = service.generate(demo_session, period=period, with_charts=False)
    stated = figures(seed_text(seed))
    generated = figures(report.markdown)
    missing = sorted(stated - generated)
    coverage = 1 - len(missing) / len(stated)
    print(f"{seed}: {len(stated)} figures, coverage {coverage:.1%}, missing: {missing}")
    assert report.missing == [], f"figures the data does not hold: {report.missing}"
    assert coverage >= 0.95, missing


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.md.j2")), ids=lambda p: p.name)
def test_no_template_contains_a_figure(template):
    text = template.read_text("utf-8")
    words = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    words = re.sub(r"^\s*(?:#+\s*)?\d+\.\s", " ", words, flags=re.M)  # enumerators
    for allowed in ALLOWED_IN_TEMPLATES:
        words = words.replace(allowed, " ")
    assert re.findall(r"\d+", words) == []


def test_reports_name_the_agencies_behind_each_count(demo_session):
    markdown = service.generate(demo_session, period="2024S1", with_charts=False).markdown
    # 000 footnote 5, as dxmon computes it from the per-province statuses
    assert re.search(r"\*\*51/63\*\* tỉnh, thành phố\[\^\d+\]", markdown)
    assert "Các địa phương chưa ban hành: Bình Định; Bình Dương;" in markdown
    assert "TP. Hải Phòng" in markdown
    assert "**19/21** bộ, cơ quan ngang bộ" in markdown
    assert "(đạt tỷ lệ 104,9%)" in markdown
    assert "đã hoàn thành: **16/28** nhiệm vụ (57%)" in markdown


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_every_format_renders(demo_session, fmt):
    data = service.render(demo_session, period="2024S1", fmt=fmt)
    signatures = {"md": "BỘ THÔNG TIN".encode(), "html": b"<!DOCTYPE html>", "docx": b"PK",
                  "pdf": b"%PDF"}
    assert data.startswith(signatures[fmt])


def test_docx_has_real_footnotes_and_opens_in_libreoffice(demo_session, tmp_path):
    report = service.generate(demo_session, period="2024S1")
    path = tmp_path / "report.docx"
    path.write_bytes(report.render("docx"))
    with zipfile.ZipFile(path) as archive:
        footnotes = archive.read("word/footnotes.xml").decode()
        body = archive.read("word/document.xml").decode()
    references = len(re.findall(r"<w:footnoteReference ", body))
    assert references == report.markdown.count("[^") // 2 > 5
    assert footnotes.count("<w:footnote w:id=") == references
    assert "Các địa phương chưa ban hành: Bình Định; Bình Dương" in footnotes
    assert "Times New Roman" in archive_styles(path)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (scripts/setup.sh installs it)")
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=180)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def archive_styles(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/styles.xml").decode()


def test_pdf_pages_render_and_are_not_blank(demo_session, tmp_path):
    from PIL import Image, ImageStat

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(service.render(demo_session, period="2024-08", fmt="pdf"))
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed (scripts/setup.sh installs poppler-utils)")
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True,
                           timeout=60).stdout.splitlines()[2:]
    assert fonts and all(" yes yes yes " in line for line in fonts), fonts  # embedded, Unicode
    assert any("Liberation-Serif" in line for line in fonts)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 3
    for page in pages:
        with Image.open(page) as image:
            assert ImageStat.Stat(image.convert("L")).stddev[0] > 5, page.name


def test_markdown_carries_the_frame_and_no_chart_placeholder(demo_session):
    text = service.render(demo_session, period="2024S1", fmt="md").decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Số:" in text
    assert "Nơi nhận:" in text and "chart:" not in text


def test_docx_has_page_numbers_from_page_two_recipients_and_superscript_marks(demo_session):
    data = service.render(demo_session, period="2024S1", fmt="docx")
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        headers = "".join(archive.read(n).decode() for n in names
                          if n.startswith("word/header"))
        body = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert 'w:instr="PAGE"' in headers
    assert "<w:titlePg/>" in body  # a different (number-less) first page
    assert "Nơi nhận:" in body
    assert re.search(r'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>', notes)
