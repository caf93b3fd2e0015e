"""Every period prints from whatever data exists: missing figures are marked, never zero,
never fatal, and listed in the data-status annex; wording and frame follow the period."""

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from dxmon.cli.app import app
from dxmon.errors import DxmonError
from dxmon.periods import Period
from dxmon.report import narratives, service
from dxmon.report.annex import TITLE
from dxmon.report.context import MISSING, PLACEHOLDER
from dxmon.store.db import make_engine, transaction
from dxmon.store.tables import NarrativeBlock

PERIODS = ([f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 13)]
           + [f"{year}Q{q}" for year in (2024, 2025) for q in range(1, 5)]
           + [f"{year}S{h}" for year in (2024, 2025) for h in (1, 2)] + ["2024", "2025"])
BROKEN = [r"\b00/\d", r"của ,", r"Tính đến hết ngày :", r"^\[\^\d+\]:\s*[.;]?\s*$",
          r"\(\s*\)", r"… "]
NARRATIVES = Path(service.templates_dir()).parents[1] / "demo_data" / "narratives"


def _body_and_annex(markdown: str) -> tuple[str, str]:
    body, _, annex = markdown.partition(f"## {TITLE}")
    return body, annex


@pytest.mark.parametrize("period", PERIODS)
def test_every_period_prints_with_missing_figures_marked_and_listed(demo_session, period):
    report = service.generate(demo_session, period=period, with_charts=False)
    body, annex = _body_and_annex(report.markdown)
    for pattern in BROKEN:
        assert not re.search(pattern, body, flags=re.M), (pattern, period)
    assert annex, "every report closes with the data-status annex"
    if report.missing:
        assert MISSING in body or report.missing_count
        for indicator, *_ in set(report.missing):
            assert indicator.split(":")[-1] in annex or "«" in annex
    listed = annex.split("### 2.")[1].split("### 3.")[0].count("\n- ")
    assert listed == max(report.missing_count, 1)


def test_wording_follows_the_period_kind(demo_session):
    year = service.generate(demo_session, period="2024", with_charts=False).markdown
    second_half = service.generate(demo_session, period="2024S2", with_charts=False).markdown
    quarter = service.generate(demo_session, period="2024Q3", with_charts=False).markdown
    assert "**Tổng kết năm 2024 về Chuyển đổi số quốc gia**" in year and "Sơ kết" not in year
    assert "06 tháng cuối năm 2024" in second_half
    assert "6 tháng đầu năm" not in _body_and_annex(second_half)[0]
    assert "quý III năm 2024" in quarter


def test_issuer_and_frame_come_from_the_registry_as_of_the_report_date(demo_session):
    before = service.generate(demo_session, period="2024-09", with_charts=False)
    after = service.generate(demo_session, period="2025-08", with_charts=False)
    assert before.meta.issuer == "Bộ Thông tin và Truyền thông"
    assert before.meta.number_line.endswith("/BC-BTTTT")
    assert after.meta.issuer == "Bộ Khoa học và Công nghệ"
    assert after.meta.number_line.endswith("/BC-BKHCN")
    assert "năm 2025" in after.meta.place_date_line
    assert "Bộ Thông tin và Truyền thông" not in after.markdown
    assert re.search(r"Địa phương: \d+/34 cơ quan", after.markdown)
    assert "Nơi nhận:" not in after.markdown  # the recipients belong to the frame
    assert any("Lưu" in line for line in after.meta.recipients)


def test_direction_words_follow_the_sign(demo_session):
    context = service.build_context(demo_session, period=Period.parse("2024-09"),
                                    template="monthly")
    assert context.change(61, 70).word == "giảm" and context.change(61, 70).abs() == "09"
    assert context.change(70, 61).word == "tăng"
    assert context.change(70, 70).word == "không đổi"
    assert context.change(None, 70).word == "" and context.change(None, 70).abs() == MISSING


def test_seed_annex_lists_figures_that_differ_from_the_published_text(demo_session):
    markdown = service.generate(demo_session, period="2024S1", with_charts=False).markdown
    _, annex = _body_and_annex(markdown)
    assert "12/22" in annex and "SEED000_FN4_STEERING_PLAN_MINISTRIES" in annex
    assert "17,3%" in annex and "17,1%" in annex
    assert "Số liệu cập nhật đến:" in annex
    august = service.generate(demo_session, period="2024-08", with_charts=False).markdown
    assert "78,45%" in _body_and_annex(august)[1]


def test_new_period_blocks_print_the_placeholder_and_a_missing_figure_the_mark(demo_url):
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        empty = service.generate(session, period="2024-09", with_charts=False).markdown
        narratives.write_block(session, report="monthly", period="2024-09", key="I.2",
                               created_by="test",
                               text="Đã kích hoạt {{ fig('eid_accounts_activated').num() }} "
                                    "tài khoản; {{ fig('nothing_here').fraction.frac }} bộ.")
        with pytest.raises(DxmonError) as refused:  # a bad block is refused when saved...
            narratives.write_block(session, report="monthly", period="2024-09",
                                   key="II.tasks", created_by="test", text="{{ no_such_call() }}")
        assert refused.value.code == "NARRATIVE_INVALID"
        # ...and one stored before blocks were checked never breaks the report
        session.add(NarrativeBlock(report="monthly", period="2024-09", key="II.tasks",
                                   text="{{ no_such_call() }}", revision=1, created_by="test"))
        written = service.generate(session, period="2024-09", with_charts=False)
        session.rollback()
    engine.dispose()
    assert empty.count(PLACEHOLDER) >= 5
    section = written.markdown.split("### 2.")[1].split("### 3.")[0]
    assert MISSING in section and PLACEHOLDER not in section
    assert [p.code for p in written.narrative_findings] == ["REPORT_NARRATIVE_BROKEN"]


def test_cli_exits_zero_with_missing_figures_and_one_when_strict(demo_url, tmp_path):
    runner = CliRunner()
    out = tmp_path / "r.md"
    arguments = ["report", "--period", "2024-09", "--out", str(out), "--database-url", demo_url]
    normal = runner.invoke(app, arguments)
    assert normal.exit_code == 0, normal.output
    assert re.search(r"missing figures: [1-9]", normal.output)
    strict = runner.invoke(app, [*arguments, "--strict"])
    assert strict.exit_code == 1
    seed = runner.invoke(app, ["report", "--period", "2024S1", "--out", str(out), "--strict",
                               "--database-url", demo_url])
    assert seed.exit_code == 0, seed.output


def test_html_and_docx_highlight_the_missing_mark(demo_session):
    import io
    import zipfile

    report = service.generate(demo_session, period="2024-09", with_charts=False)
    assert f'<mark class="missing">{MISSING}</mark>' in report.render("html").decode()
    with zipfile.ZipFile(io.BytesIO(report.render("docx"))) as archive:
        body = archive.read("word/document.xml").decode()
    assert re.search(r'<w:highlight w:val="yellow"/>.*?' + re.escape(MISSING), body, re.S)


def test_docx_keeps_list_numbers(demo_session):
    import io
    import zipfile

    report = service.generate(demo_session, period="2024S1", with_charts=False)
    with zipfile.ZipFile(io.BytesIO(report.render("docx"))) as archive:
        body = archive.read("word/document.xml").decode()
        numbering = archive.read("word/numbering.xml").decode()
    # Word numbering, not typed numbers (details: test_docx_layout.py)
    assert "<w:numPr>" in body and "1. </w:t>" not in body
    assert '<w:lvlText w:val="%1."/>' in numbering


NUMBER = re.compile(r"(?<![\w/{])\d+(?:[.,]\d+)*%?(?:\s*[-–]\s*\d+(?:[.,]\d+)*%?)?")
NOT_FIGURES = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d+(?:/\d{4})?/[A-ZĐ][\w&-]*"
    r"|\b(?:19|20)\d{2}\b|\(\d+\)|^\s*\d+\.\s|\b\d+G\b|IPv6|Đề án 06|mốc [\d/ -]+"
    r"|[Pp]hiên họp lần thứ \d+|\b\d+/\d{4}\b", re.M | re.S)


@pytest.mark.parametrize("path", sorted(NARRATIVES.glob("*.yaml")), ids=lambda p: p.name)
def test_narrative_blocks_type_no_figure_the_data_holds_ranges_included(path):
    """Ranges such as 15% - 45% come from data: both ends, not one end typed."""
    blocks = yaml.safe_load(path.read_text("utf-8"))["blocks"]
    for key, text in blocks.items():
        if key.startswith("meta."):
            continue
        words = NOT_FIGURES.sub(" ", str(text))
        ranges = [token for token in NUMBER.findall(words) if re.search(r"[-–]", token)]
        assert ranges == [], (key, ranges)


def test_a_requirement_count_says_how_many_have_not_reported(demo_url):
    """After the 2025 mergers, the 34 provinces' fee policies are known only for the units
    that kept their codes: the report says so instead of counting the others as not done."""
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        markdown = service.generate(session, period="2025-08", with_charts=False).markdown
    engine.dispose()
    assert re.search(r"\*\*\d+/34 \(\d+ chưa báo cáo\)\*\* tỉnh đã ban hành", markdown)


def test_html_typed_into_a_narrative_block_is_text_in_every_format(demo_url):
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        narratives.write_block(session, report="monthly", period="2024-09", key="I.2",
                               created_by="test", text="Ghi chú <script>alert(1)</script>.")
        report = service.generate(session, period="2024-09", with_charts=False)
        session.rollback()
    engine.dispose()
    html = report.render("html").decode("utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
