"""Standalone, printable HTML; the PDF variant turns footnotes into page-bottom notes."""

from __future__ import annotations

import base64
import html
from importlib import resources
from typing import Any

from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from dxmon.report.context import MISSING, PLACEHOLDER, ReportMeta
from dxmon.report.render.markdown_tokens import footnote_texts, parser

CSS_FILE = "report.css"


def _stylesheet() -> str:
    return (resources.files("dxmon.report") / "templates" / CSS_FILE).read_text("utf-8")


def _inline_images(markup: str, images: dict[str, bytes]) -> str:
    for name, data in images.items():
        encoded = base64.b64encode(data).decode("ascii")
        markup = markup.replace(f'src="{html.escape(name)}"',
                                f'src="data:image/png;base64,{encoded}"')
    return markup


def _header(meta: ReportMeta) -> str:
    return (
        '<table class="national-header"><tr>'
        f'<td class="issuer"><strong>{html.escape(meta.issuer.upper())}</strong><br>———<br>'
        f'<span class="number-line">{html.escape(meta.number_line)}</span></td>'
        '<td class="motto"><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><br>'
        '<strong>Độc lập - Tự do - Hạnh phúc</strong><br>———————————<br>'
        f'<em class="place-date">{html.escape(meta.place_date_line)}</em></td></tr></table>'
    )


def _signature(meta: ReportMeta) -> str:
    """Recipients ("Nơi nhận:") left, the signature block right (Decree 30/2020)."""
    lines = "<br>".join(html.escape(line) or "&nbsp;" for line in meta.signature_lines)
    recipients = "".join(f"<p>- {html.escape(line)}</p>" for line in meta.recipients)
    heading = "<p><strong><em>Nơi nhận:</em></strong></p>" if meta.recipients else ""
    return ('<table class="closing"><tr>'
            f'<td class="recipients">{heading}{recipients}</td>'
            f'<td><p class="signature"><strong>{lines}</strong></p></td></tr></table>')


def _highlight(markup: str) -> str:
    """Missing figures and unwritten blocks stand out on screen and on paper."""
    return (markup.replace(MISSING, f'<mark class="missing">{MISSING}</mark>')
            .replace(PLACEHOLDER, f'<mark class="placeholder">{PLACEHOLDER}</mark>'))


def _page(body: str, meta: ReportMeta, images: dict[str, bytes]) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(meta.title)}</title><style>{_stylesheet()}</style></head>"
        f'<body><main class="report">{_header(meta)}{_inline_images(_highlight(body), images)}'
        f"{_signature(meta)}</main></body></html>\n"
    )


def render_html(markdown_text: str, meta: ReportMeta, images: dict[str, bytes]) -> str:
    return _page(parser().render(markdown_text), meta, images)


def _footnote_as_float(tokens: list[Token], idx: int, _options: OptionsDict, env: EnvType,
                       ) -> str:
    text = env["dxmon_footnotes"].get(int(tokens[idx].meta["id"]), "")
    return f'<span class="footnote">{html.escape(text)}</span>'


def render_print_html(markdown_text: str, meta: ReportMeta, images: dict[str, bytes]) -> str:
    """HTML for WeasyPrint: footnotes float to the bottom of their page (CSS ``float:
    footnote``) instead of an endnote list."""
    md = parser()
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)
    rules: dict[str, Any] = renderer.rules
    rules["footnote_ref"] = _footnote_as_float
    for rule in ("footnote_block_open", "footnote_block_close", "footnote_open",
                 "footnote_close", "footnote_anchor"):
        rules[rule] = lambda *_args: ""
    env: dict[str, object] = {}
    tokens = md.parse(markdown_text, env)
    env["dxmon_footnotes"] = footnote_texts(tokens)
    kept: list[Token] = []
    inside = False
    for token in tokens:
        inside = inside or token.type == "footnote_block_open"
        if not inside:
            kept.append(token)
        inside = inside and token.type != "footnote_block_close"
    body = renderer.render(kept, md.options, env)
    return _page(body, meta, images).replace('<main class="report">',
                                             '<main class="report print">')
