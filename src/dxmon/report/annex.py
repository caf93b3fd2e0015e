"""The data-status annex ("Phụ lục: Tình trạng số liệu") that closes every report: who
reported, which figures are missing and why, the data-quality warnings that touch the report's
figures, and the data snapshot the report was computed from (so it can be made again)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dxmon.catalog.loader import load_catalog
from dxmon.collect import service as collect
from dxmon.collect.workflow import timeliness
from dxmon.errors import DxmonError
from dxmon.numbers import format_count
from dxmon.periods import Period
from dxmon.registry.service import get_agency
from dxmon.store.tables import DataQualityWarning, Observation

TITLE = "Phụ lục: Tình trạng số liệu"
BLOCK_LABELS = {"bo_nganh": "Bộ, ngành", "dia_phuong": "Địa phương",
                "khac": "Cơ quan khác", "bo_nganh+dia_phuong": "bộ, ngành và địa phương"}
WINDOW_LABELS = {"period": "", "ytd": "lũy kế từ đầu năm", "cumulative": "lũy kế",
                 "target": "mục tiêu"}
MissingKey = tuple[str, str, str, str]


@dataclass(frozen=True)
class Snapshot:
    """The newest fact the report could see: its time and the last row id of every table."""

    taken_at: datetime | None
    version: tuple[int, ...]

    def line(self) -> str:
        when = self.taken_at.strftime("%d/%m/%Y %H:%M:%S") if self.taken_at else "chưa có"
        stamp = ".".join(str(part) for part in self.version)
        return (f"- Số liệu cập nhật đến: {when}; phiên bản dữ liệu (mã bản ghi mới nhất của "
                f"từng bảng): {stamp}.")


def snapshot(session: Session) -> Snapshot:
    taken = session.scalar(select(func.max(Observation.created_at)))
    return Snapshot(taken, collect.data_version(session))


def coverage_lines(session: Session, period: Period) -> list[str]:
    """x/y agencies of each block that sent their report, on time and late, and missing."""
    counts: dict[str, Counter[str]] = {}
    for row in timeliness(session, period=period.id):
        if row.block == "khac":  # organisations the reports name, not reporting agencies
            continue
        counts.setdefault(row.block, Counter())[row.status] += 1
    lines = []
    for block, tally in counts.items():
        total = sum(tally.values())
        sent = tally["on_time"] + tally["late"]
        lines.append(f"- {BLOCK_LABELS.get(block, block)}: {format_count(sent)}/"
                     f"{format_count(total)} cơ quan đã gửi báo cáo kỳ này (đúng hạn "
                     f"{format_count(tally['on_time'])}, muộn {format_count(tally['late'])}), "
                     f"chưa gửi {format_count(tally['missing'])}.")
    return lines or ["- Chưa có cơ quan nào phải báo cáo kỳ này."]


def _name(code: str) -> str:
    catalog = load_catalog()
    kind, _, rest = code.partition(":")
    if rest and kind == "req" and rest in catalog.requirements:
        return f"Yêu cầu «{catalog.requirements[rest].name_vi}»"
    if rest and kind == "target" and rest in catalog.indicators:
        return f"Mục tiêu «{catalog.indicators[rest].name_vi}»"
    if rest:
        return {"tasks": "Nhiệm vụ theo kế hoạch", "grades": "Xếp loại đánh giá",
                "docs": "Văn bản ban hành"}.get(kind, kind) + f" ({rest})"
    indicator = catalog.indicators.get(code)
    return f"«{indicator.name_vi}»" if indicator else f"«{code}»"


def _scope_label(scope: str) -> str:
    kind, _, rest = scope.partition(":")
    if kind == "block":
        return BLOCK_LABELS.get(rest, rest)
    if kind == "agency":
        try:
            return get_agency(rest).short_name
        except DxmonError:
            return rest
    return "cả nước" if scope == "nation" else rest or scope


def _periods_held(session: Session, indicators: Iterable[str]) -> dict[tuple[str, str], str]:
    """The newest period holding each indicator × scope (to say what exists instead)."""
    rows = session.execute(select(Observation.indicator, Observation.scope,
                                  func.max(Observation.period))
                           .where(Observation.indicator.in_(list(indicators)))
                           .group_by(Observation.indicator, Observation.scope))
    return {(indicator, scope): period for indicator, scope, period in rows}


def _reason(key: MissingKey, held: dict[tuple[str, str], str]) -> str:
    indicator, scope, period, _window = key
    if ":" in indicator and not indicator.startswith("target:"):
        return "chưa có số liệu của kỳ hoặc chưa có trong danh mục của năm"
    if indicator.startswith("target:"):
        return f"danh mục chưa có mục tiêu năm {period}"
    if indicator not in load_catalog().indicators:
        return "chỉ tiêu chưa có trong danh mục"
    latest = held.get((indicator, scope))
    if latest is None:
        return "chưa từng được báo cáo"
    return f"chưa được báo cáo cho kỳ {Period.parse(period).label_vi()} (kỳ gần nhất có số " \
           f"liệu: {Period.parse(latest).label_vi()})"


def missing_lines(session: Session, missing: list[MissingKey]) -> list[str]:
    held = _periods_held(session, {key[0] for key in missing})
    lines = []
    for key in sorted(set(missing)):
        indicator, scope, period, window = key
        where = _scope_label(scope)
        extra = WINDOW_LABELS.get(window, window)
        label = f"{where}, {Period.parse(period).label_vi()}" + (f", {extra}" if extra else "")
        lines.append(f"- {_name(indicator)} ({label}): {_reason(key, held)}.")
    return lines or ["- Không có: mọi số liệu của báo cáo đều có."]


def grouped_missing_lines(session: Session, missing: list[MissingKey]) -> list[str]:
    """One line per missing indicator, naming every scope it is missing at (a bulletin's
    annex: one agency, its block and the nation)."""
    held = _periods_held(session, {key[0] for key in missing})
    grouped: dict[tuple[str, str, str], list[MissingKey]] = {}
    for key in dict.fromkeys(missing):
        grouped.setdefault((key[0], key[2], key[3]), []).append(key)
    lines = []
    for (indicator, period, window), keys in grouped.items():
        extra = WINDOW_LABELS.get(window, window)
        label = Period.parse(period).label_vi() + (f", {extra}" if extra else "")
        scopes = "; ".join(f"{_scope_label(key[1])}: {_reason(key, held)}" for key in keys)
        lines.append(f"- {_name(indicator)} ({label}) — {scopes}.")
    return lines or ["- Không có: mọi số liệu của bản tin đều có."]


def warning_lines(session: Session, period: Period, touched: set[str]) -> list[str]:
    """Recorded data-quality warnings about this period's figures, with both values."""
    lines = []
    for row in session.scalars(select(DataQualityWarning).order_by(DataQualityWarning.code)):
        details = row.details or {}
        if details.get("period") != period.id or row.subject not in touched:
            continue
        stated = details.get("stated")
        derived = details.get("from_list_or_parts")
        both = (f" Văn bản công bố: {stated}. Dữ liệu chi tiết cho: {derived}."
                if stated and derived else "")
        lines.append(f"- [{row.code}] {row.message_vi}{both}")
    return lines or ["- Không có cảnh báo nào liên quan đến số liệu của báo cáo."]


def annex(session: Session, *, period: Period, missing: list[MissingKey],
          touched: set[str]) -> str:
    """The annex in Markdown, appended after the report's last section."""
    sections = [
        ("1. Tình hình gửi báo cáo của các bộ, ngành, địa phương",
         coverage_lines(session, period)),
        ("2. Số liệu chưa có và lý do", missing_lines(session, missing)),
        ("3. Cảnh báo chất lượng số liệu", warning_lines(session, period, touched)),
        ("4. Dữ liệu dùng để lập báo cáo", [snapshot(session).line()]),
    ]
    parts = [f"## {TITLE}"]
    for heading, lines in sections:
        parts.append(f"### {heading}")
        parts.append("\n\n".join(lines))
    return "\n\n".join(parts) + "\n"


def bulletin_annex(session: Session, *, missing: list[MissingKey], reporting: str,
                   data_snapshot: Snapshot) -> str:
    """The annex of an agency bulletin: the agency's own reporting, its missing figures and
    why, and the data snapshot."""
    sections = [
        ("1. Tình hình gửi báo cáo", [f"- {reporting}"]),
        ("2. Số liệu chưa có và lý do", grouped_missing_lines(session, missing)),
        ("3. Dữ liệu dùng để lập bản tin", [data_snapshot.line()]),
    ]
    parts = [f"## {TITLE}"]
    for heading, lines in sections:
        parts += [f"### {heading}", "\n".join(lines)]
    return "\n\n".join(parts) + "\n"
