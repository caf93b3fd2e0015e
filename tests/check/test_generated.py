"""Reports that dxmon itself writes yield no error-severity finding."""

import pytest

from dxmon.check.service import check_bytes, check_text
from dxmon.report import service as reports


@pytest.mark.parametrize("period", ["2024S1", "2024-08"])
def test_generated_reports_have_no_error(demo_session, period: str) -> None:
    report = reports.generate(demo_session, period=period, with_charts=False)
    markdown = report.render("md").decode("utf-8")
    from_markdown = check_text(markdown, name=f"{period}.md")
    assert from_markdown.error_count == 0, from_markdown.findings
    from_docx = check_bytes(report.render("docx"), f"{period}.docx")
    assert from_docx.error_count == 0, from_docx.findings
    # the checker did read the report: its figures and footnotes are there
    assert "%" in markdown and "[^" in markdown
