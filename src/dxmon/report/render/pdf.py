"""PDF from the print HTML through WeasyPrint, with embedded fonts carrying every Vietnamese
diacritic (Liberation Serif, metric-compatible with Times New Roman, then DejaVu Serif)."""

from __future__ import annotations

from dxmon.report.context import ReportMeta
from dxmon.report.render.html import render_print_html


def render_pdf(markdown_text: str, meta: ReportMeta, images: dict[str, bytes]) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    document = HTML(string=render_print_html(markdown_text, meta, images))
    pdf: bytes = document.write_pdf()
    return pdf
