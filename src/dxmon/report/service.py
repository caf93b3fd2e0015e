"""Generate a report: choose the template, build the context from compute, render a format."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy.orm import Session

from dxmon.compute.facts import View
from dxmon.compute.figures import Figure, FigureBook
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period, PeriodKind
from dxmon.report import annex, bulletin, finish, frame, helpers, narratives
from dxmon.report import charts as report_charts
from dxmon.report.context import MISSING, Footnotes, PeriodView, ReportContext, ReportMeta
from dxmon.report.render.docx import render_docx
from dxmon.report.render.html import render_html
from dxmon.report.render.pdf import render_pdf

TEMPLATE_SUFFIX = ".md.j2"
DRAFT_BANNER = ("**BẢN NHÁP / DRAFT** — bản xem trước có số liệu chưa công bố; không phát "
                "hành. / A preview including unpublished figures; not for release.\n\n")
DEFAULT_TEMPLATES = {PeriodKind.HALF: "half_year", PeriodKind.MONTH: "monthly",
                     PeriodKind.QUARTER: "monthly", PeriodKind.YEAR: "half_year"}


# a chart and its caption line: a Markdown viewer cannot show the chart, so neither is kept
CHART_LINE = re.compile(r"!\[[^\]]*\]\(chart:[^)]*\)(?:\n\n?\*Biểu đồ [^\n]*)?\n?")


def _markdown(markdown: str, meta: ReportMeta, _images: dict[str, bytes]) -> bytes:
    """The same header and signature text as the other formats; no chart placeholders."""
    header = (f"{meta.issuer.upper()}  \n{meta.number_line}\n\n"
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM  \nĐộc lập - Tự do - Hạnh phúc\n\n"
              f"*{meta.place_date_line}*\n\n")
    signature = "  \n".join(f"**{line}**" if line else "" for line in meta.signature_lines)
    recipients = "\n".join(f"- {line}" for line in meta.recipients)
    closing = f"\n{signature}\n" + (f"\n***Nơi nhận:***\n\n{recipients}\n" if recipients else "")
    body = CHART_LINE.sub("", markdown)
    return (header + body + closing).encode("utf-8")


def _html(markdown: str, meta: ReportMeta, images: dict[str, bytes]) -> bytes:
    return render_html(markdown, meta, images).encode("utf-8")


FORMATS: dict[str, Callable[[str, ReportMeta, dict[str, bytes]], bytes]] = {
    "md": _markdown,
    "html": _html,
    "docx": render_docx,
    "pdf": render_pdf,
}
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@dataclass
class Report:
    """A generated report: its Markdown, the figures it could not find, its images."""

    period: str
    template: str
    markdown: str
    meta: ReportMeta
    images: dict[str, bytes]
    missing: list[tuple[str, str, str, str]] = field(default_factory=list)
    used: dict[tuple[str, str, str, str], Figure] = field(default_factory=dict)
    narrative_findings: list[Problem] = field(default_factory=list)

    @property
    def missing_count(self) -> int:
        """How many distinct figures the report asked for and the data does not hold."""
        return len(set(self.missing))

    def render(self, fmt: str) -> bytes:
        if fmt not in FORMATS:
            raise DxmonError(Problem(
                code="REPORT_FORMAT_UNKNOWN", field="format",
                message_vi=f"Định dạng '{fmt}' không hỗ trợ; dùng md, html, docx hoặc pdf.",
                message_en=f"Unsupported format '{fmt}'; use md, html, docx or pdf."))
        return FORMATS[fmt](self.markdown, self.meta, self.images)


def templates_dir() -> Path:
    return Path(str(resources.files("dxmon.report") / "templates"))


def template_names(directory: Path | None = None) -> list[str]:
    folder = directory or templates_dir()
    return sorted(p.name.removesuffix(TEMPLATE_SUFFIX) for p in folder.glob("*" + TEMPLATE_SUFFIX))


def _environment(directory: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(directory)), undefined=StrictUndefined,
                       autoescape=False, keep_trailing_newline=True, trim_blocks=True,
                       lstrip_blocks=True)


def narratives_for(session: Session, *, report: str, period: str) -> dict[str, str]:
    """The newest revision of every narrative block of one report and period."""
    return {block.key: block.text
            for block in narratives.current_blocks(session, report=report, period=period)}


MAX_BLOCK_CHARS = 100_000  # what one narrative block may render to
MAX_OPERAND = 100_000  # the longest sequence or the largest power a block may build


class BlockSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with arithmetic that cannot build huge strings or numbers."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("exponent too large")
        if operator == "*":
            sizes = [len(x) for x in (left, right) if isinstance(x, str | list | tuple)]
            counts = [x for x in (left, right) if isinstance(x, int)]
            if sizes and counts and sizes[0] * counts[0] > MAX_OPERAND:
                raise SecurityError("sequence too long")
        return super().call_binop(context, operator, left, right)


def render_block(text: str, names: dict[str, Any]) -> str:
    """A block rendered in the limited sandbox; any fault raises NARRATIVE_INVALID."""
    sandbox = BlockSandbox(undefined=StrictUndefined, autoescape=False)
    try:
        parts: list[str] = []
        size = 0
        for part in sandbox.from_string(text).generate(names):
            size += len(part)
            if size > MAX_BLOCK_CHARS:
                raise SecurityError(f"output over {MAX_BLOCK_CHARS} characters")
            parts.append(part)
    except DxmonError:
        raise
    except Exception as error:  # a template's fault, whatever it is, is the block's
        raise DxmonError(Problem(
            code="NARRATIVE_INVALID", field="text",
            message_vi=f"Khối văn bản không hiển thị được: {type(error).__name__}: "
                       f"{str(error)[:200]}.",
            message_en=f"The block cannot be rendered: {type(error).__name__}: "
                       f"{str(error)[:200]}.")) from None
    return "".join(parts)


def check_block(session: Session, *, report: str, period: str, text: str) -> None:
    """Render a block against its report's real context, as the report would."""
    context = build_context(session, period=Period.parse(period), template=report)
    render_block(text, context.globals())


def _narrative_renderer(context: ReportContext,
                        findings: list[Problem]) -> Callable[[str], str]:
    """Render a block in the limited sandbox; an unwritten block prints the placeholder, and a
    block that cannot be rendered (stored before blocks were checked) prints the missing mark
    and a finding for staff: it never breaks the public report."""

    def narrative(key: str) -> str:
        text = context.narratives.get(key)
        if text is None or not text.strip():
            return finish.PLACEHOLDER
        try:
            return render_block(text, context.globals())
        except DxmonError as error:
            findings.append(Problem(
                code="REPORT_NARRATIVE_BROKEN", severity="warning", where=key,
                message_vi=f"Khối văn bản '{key}' không hiển thị được "
                           f"({error.problems[0].message_vi}); đã in dấu thiếu số liệu thay thế.",
                message_en=f"Narrative block '{key}' could not be rendered "
                           f"({error.problems[0].message_en}); the missing mark is printed "
                           "instead."))
            return MISSING

    return narrative


def default_meta(period: Period, title: str) -> ReportMeta:
    return frame.default_meta(period, title)


def build_context(session: Session, *, period: Period, template: str,
                  view: View = View.PUBLISHED) -> ReportContext:
    book = FigureBook(session, view)
    narratives = narratives_for(session, report=template, period=period.id)
    title = PeriodView(period).title
    meta = helpers.report_meta(narratives, default_meta(period, title))
    context = ReportContext(period=PeriodView(period), meta=meta, book=book,
                            footnotes=Footnotes(), helpers={}, narratives=narratives)
    context.helpers = helpers.template_helpers(session, context)
    context.helpers["narrative"] = _narrative_renderer(context, context.findings)
    context.helpers["has_narrative"] = lambda key: bool(narratives.get(key, "").strip())
    return context


def _chart_images(context: ReportContext) -> dict[str, bytes]:
    images: dict[str, bytes] = {}
    for name, builder in helpers.CHARTS.items():
        spec = builder(context)
        if spec is None:
            continue
        kind, arguments = spec
        draw: Callable[..., bytes] = getattr(report_charts, kind)
        images[f"chart:{name}"] = draw(**arguments)
    return images


def generate(session: Session, *, period: str, template: str | None = None,
             template_dir: Path | None = None, with_charts: bool = True,
             view: View = View.PUBLISHED,
             adjust: Callable[[ReportContext], None] | None = None) -> Report:
    """Render the template for ``period`` into Markdown (other formats derive from it);
    ``adjust`` may change the context before rendering (the narrative editor's preview)."""
    parsed = Period.parse(period)
    name = template or DEFAULT_TEMPLATES[parsed.kind]
    directory = template_dir or templates_dir()
    try:
        jinja_template = _environment(directory).get_template(name + TEMPLATE_SUFFIX)
    except TemplateNotFound:
        raise DxmonError(Problem(
            code="REPORT_TEMPLATE_UNKNOWN", field="template",
            message_vi=f"Không có mẫu báo cáo '{name}' trong {directory}; có: "
                       f"{', '.join(template_names(directory))}.",
            message_en=f"No report template '{name}' in {directory}; available: "
                       f"{', '.join(template_names(directory))}.")) from None
    context = build_context(session, period=parsed, template=name, view=view)
    if adjust is not None:
        adjust(context)
    if with_charts:
        context.charts.update(_chart_images(context))
    markdown = finish.drop_unsaid(jinja_template.render(context.globals()))
    touched = {key[0] for key in context.book.used} | context.touched
    markdown += "\n" + annex.annex(session, period=parsed, missing=context.book.missing,
                                   touched=touched)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    if view is View.PREVIEW:
        markdown = DRAFT_BANNER + markdown
    images = context.charts
    findings = context.findings + helpers.typed_figures_in_narratives(context)
    return Report(period=parsed.id, template=name, markdown=markdown, meta=context.meta,
                  images=images, missing=list(context.book.missing),
                  used=dict(context.book.used),
                  narrative_findings=findings)


def render(session: Session, *, period: str, fmt: str, template: str | None = None,
           template_dir: Path | None = None) -> bytes:
    report = generate(session, period=period, template=template, template_dir=template_dir,
                      with_charts=fmt != "md")
    return report.render(fmt)


BULLETIN_TEMPLATE = "bulletin/agency"


def _bulletin_template(template_dir: Path | None) -> Any:
    """The bulletin template from your folder when it has one, else dxmon's."""
    folders = [str(folder) for folder in (template_dir, templates_dir()) if folder]
    environment = _environment(templates_dir())
    environment.loader = ChoiceLoader([FileSystemLoader(folder) for folder in folders])
    return environment.get_template(BULLETIN_TEMPLATE + TEMPLATE_SUFFIX)


def _bulletin_meta(period: Period, agency: Any) -> ReportMeta:
    title = f"Bản tin chuyển đổi số {agency.short_name} {PeriodView(period).label_long}"
    meta = default_meta(period, title)
    return replace(meta, recipients=(f"{agency.name_vi};", meta.recipients[-1]))


def generate_bulletin(session: Session, *, period: str, agency: str,
                      template_dir: Path | None = None, with_charts: bool = True,
                      view: View = View.PUBLISHED,
                      sources: bulletin.PeriodSources | None = None) -> Report:
    """The bulletin of one agency for ``period`` (published figures unless ``view``)."""
    parsed = Period.parse(period)
    sources = sources or bulletin.PeriodSources(session, parsed, view)
    unit = bulletin.agency_of(agency, parsed)
    data = bulletin.build_bulletin(sources, unit)
    images: dict[str, bytes] = {}
    chart = data.chart() if with_charts else None
    caption = ""
    if chart is not None:
        caption, kind, arguments = chart
        draw: Callable[..., bytes] = getattr(report_charts, kind)
        images["chart:agency"] = draw(**arguments)

    def chart_markdown(name: str, text: str) -> str:
        if f"chart:{name}" not in images:
            return ""
        return f"![Biểu đồ 1. {text}](chart:{name})\n\n{helpers.chart_caption(1, text, view)}"

    markdown = finish.drop_unsaid(_bulletin_template(template_dir).render(
        b=data, period=data.period, MISSING=MISSING, chart=chart_markdown,
        chart_caption=caption))
    reporting = (f"{unit.short_name}: {data.timeliness}"
                 + (f" (hạn {data.timeliness_due})." if data.timeliness_due else "."))
    markdown += "\n" + annex.bulletin_annex(session, missing=data.missing, reporting=reporting,
                                            data_snapshot=sources.snapshot)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    if view is View.PREVIEW:
        markdown = DRAFT_BANNER + markdown
    return Report(period=parsed.id, template=f"agency-{unit.code}", markdown=markdown,
                  meta=_bulletin_meta(parsed, unit), images=images,
                  missing=list(data.missing))


def generate_bulletins(session: Session, *, period: str, template_dir: Path | None = None,
                       with_charts: bool = True, view: View = View.PUBLISHED,
                       ) -> Iterator[Report]:
    """The bulletins of every reporting unit in force at the period's end, sharing the
    period's block and national figures."""
    parsed = Period.parse(period)
    sources = bulletin.PeriodSources(session, parsed, view)
    for unit in bulletin.bulletin_agencies(parsed):
        yield generate_bulletin(session, period=parsed.id, agency=unit.code,
                                template_dir=template_dir, with_charts=with_charts,
                                view=view, sources=sources)


def context_summary(report: Report) -> dict[str, Any]:
    return {"period": report.period, "template": report.template,
            "missing": [list(key) for key in report.missing],
            "missing_count": report.missing_count,
            "narrative_findings": [p.as_dict() for p in report.narrative_findings]}
