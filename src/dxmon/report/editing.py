"""The narrative editor behind ``/bao-cao/{period}/van-ban``: the blocks a report's template
uses, each with its current text, and a block's form beside a preview of the report section
that holds it, rendered with the text as typed (nothing stored until it is saved)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin
from sqlalchemy.orm import Session

from dxmon.access.schemas import STAFF, Principal
from dxmon.access.service import ensure_role
from dxmon.errors import DxmonError, Problem
from dxmon.periods import Period
from dxmon.report import narratives, service
from dxmon.report.context import MISSING, PLACEHOLDER, ReportContext

# ``narrative('key')`` in a template, but not ``has_narrative('key')``
NARRATIVE_CALL = re.compile(r"""(?<![\w.])narrative\(\s*(['"])([^'"]+)\1\s*\)""")
HEADING = re.compile(r"^(#{1,6})\s")
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([^\]]+)\](?!:)")
# private-use characters around the edited block, so its section can be found in the report
BLOCK_START, BLOCK_END = "\ue000", "\ue001"


@dataclass
class BlockLine:
    """One narrative block of a report: its current text (or the placeholder) and revision."""

    key: str
    text: str
    written: bool
    revision: int
    created_by: str | None


@dataclass
class NarrativesPage:
    period: str
    period_label_vi: str
    period_label_en: str
    template: str
    blocks: list[BlockLine] = field(default_factory=list)


@dataclass
class BlockEditor:
    """A block's form (the text, the revision it was based on) and the preview beside it."""

    period: str
    period_label_vi: str
    period_label_en: str
    template: str
    key: str
    text: str
    expected_revision: int
    current_revision: int
    preview_html: str = ""
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    saved_revision: int | None = None


def template_for(period: Period) -> str:
    return service.DEFAULT_TEMPLATES[period.kind]


@lru_cache(maxsize=16)
def _keys_in(path: Path, _modified: float) -> tuple[str, ...]:
    found = (match.group(2) for match in NARRATIVE_CALL.finditer(path.read_text("utf-8")))
    return tuple(dict.fromkeys(found))


def block_keys(template: str, directory: Path | None = None) -> list[str]:
    """The narrative blocks a template uses, in the order the report prints them."""
    path = (directory or service.templates_dir()) / (template + service.TEMPLATE_SUFFIX)
    return list(_keys_in(path, path.stat().st_mtime))


def _parse_period(period: str) -> Period:
    return Period.parse(period)


def narratives_page(session: Session, *, user: Principal | None,
                    period: str) -> NarrativesPage:
    ensure_role(user, *STAFF)
    parsed = _parse_period(period)
    template = template_for(parsed)
    current = {block.key: block for block in
               narratives.current_blocks(session, report=template, period=parsed.id)}
    page = NarrativesPage(period=parsed.id, period_label_vi=parsed.label_vi(),
                          period_label_en=parsed.label_en(), template=template)
    for key in block_keys(template):
        block = current.get(key)
        written = block is not None and bool(block.text.strip())
        page.blocks.append(BlockLine(
            key=key, text=block.text if block is not None and written else PLACEHOLDER,
            written=written, revision=0 if block is None else block.revision,
            created_by=None if block is None else block.created_by))
    return page


def _unknown_block(key: str, template: str) -> DxmonError:
    return DxmonError(Problem(
        code="NARRATIVE_BLOCK_NOT_FOUND", field="key",
        message_vi=f"Mẫu báo cáo '{template}' không có khối văn bản '{key}'.",
        message_en=f"The report template '{template}' has no narrative block '{key}'."))


def _editor(session: Session, period: Period, key: str) -> BlockEditor:
    template = template_for(period)
    if key not in block_keys(template):
        raise _unknown_block(key, template)
    latest = narratives.latest_block(session, report=template, period=period.id, key=key)
    revision = 0 if latest is None else latest.revision
    return BlockEditor(period=period.id, period_label_vi=period.label_vi(),
                       period_label_en=period.label_en(), template=template, key=key,
                       text="" if latest is None else latest.text,
                       expected_revision=revision, current_revision=revision)


def _with_block(key: str, text: str) -> Callable[[ReportContext], None]:
    """Put the typed text in the context, and mark where the block prints."""

    def adjust(context: ReportContext) -> None:
        context.narratives[key] = text
        render = context.helpers["narrative"]

        def narrative(asked: str) -> str:
            printed = render(asked)
            return f"{BLOCK_START}{printed}{BLOCK_END}" if asked == key else printed

        context.helpers["narrative"] = narrative

    return adjust


def _section(markdown: str) -> str:
    """The smallest headed section holding the marked block, with the footnotes it cites."""
    lines = markdown.splitlines()
    first = next((i for i, line in enumerate(lines) if BLOCK_START in line), None)
    if first is None:  # the block printed nothing (e.g. its sentence held no figure)
        return ""
    last = next((i for i in range(first, len(lines)) if BLOCK_END in lines[i]), first)
    start = next((i for i in range(first, -1, -1) if HEADING.match(lines[i])), 0)
    end = next((i for i in range(last + 1, len(lines))
                if HEADING.match(lines[i]) or FOOTNOTE_DEFINITION.match(lines[i])), len(lines))
    body = lines[start:end]
    cited = {name for line in body for name in FOOTNOTE_REFERENCE.findall(line)}
    notes = [line for line in lines
             if (found := FOOTNOTE_DEFINITION.match(line)) and found.group(1) in cited]
    return "\n".join([*body, "", *notes])


def _section_html(section: str) -> str:
    """The section as HTML: raw HTML typed into a block is shown as text, never run."""
    parser = MarkdownIt("commonmark", {"html": False}).use(footnote_plugin).enable("table")
    markup: str = parser.render(section.replace(BLOCK_START, "").replace(BLOCK_END, ""))
    return (markup.replace(MISSING, f'<mark class="missing">{MISSING}</mark>')
            .replace(PLACEHOLDER, f'<mark class="placeholder">{PLACEHOLDER}</mark>'))


NOT_PRINTED = Problem(
    code="NARRATIVE_NOT_PRINTED", severity="warning", field="text",
    message_vi="Với nội dung này, câu chứa khối văn bản không được in (chỉ có số liệu còn "
               "thiếu); báo cáo bỏ câu đó.",
    message_en="With this text the sentence holding the block is not printed (it holds only "
               "missing figures); the report leaves it out.")


def preview(session: Session, editor: BlockEditor) -> BlockEditor:
    """Render the report with the editor's text and keep the section holding the block; a
    text that cannot be rendered is reported as it would be on saving."""
    try:
        check_context = service.build_context(session, period=Period.parse(editor.period),
                                              template=editor.template)
        service.render_block(editor.text, check_context.globals())
    except DxmonError as error:
        editor.problems.extend(error.problems)
    report = service.generate(session, period=editor.period, template=editor.template,
                              with_charts=False,
                              adjust=_with_block(editor.key, editor.text))
    editor.warnings.extend(p for p in report.narrative_findings if p.where == editor.key)
    section = _section(report.markdown)
    if not section:
        editor.warnings.append(NOT_PRINTED)
    editor.preview_html = _section_html(section)
    return editor


def block_editor(session: Session, *, user: Principal | None, period: str,
                 key: str) -> BlockEditor:
    ensure_role(user, *STAFF)
    return preview(session, _editor(session, _parse_period(period), key))


def typed_editor(session: Session, *, user: Principal | None, period: str, key: str,
                 text: str, expected_revision: int) -> BlockEditor:
    """The form as typed (not stored), previewed."""
    ensure_role(user, *STAFF)
    editor = _editor(session, _parse_period(period), key)
    editor.text, editor.expected_revision = text, expected_revision
    return preview(session, editor)


def save(session: Session, *, user: Principal | None, period: str, key: str, text: str,
         expected_revision: int) -> int:
    """Store a new revision (audited); the block's errors and a stale revision are raised
    with nothing stored. Returns the block's revision."""
    user = ensure_role(user, *STAFF)
    editor = _editor(session, _parse_period(period), key)
    block = narratives.write_block(session, report=editor.template, period=editor.period,
                                   key=key, text=text, created_by=user.username,
                                   expected_revision=expected_revision)
    return block.revision
