"""The pictures of each page, drawn from its page data: sparklines, bars, columns, the
province tile map, and a checked text with its findings highlighted in place."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Any

from markupsafe import Markup

from dxmon.check.schemas import Finding
from dxmon.dashboard.boards import RankingsPage
from dxmon.dashboard.indicator import IndicatorPage
from dxmon.dashboard.overview import OverviewPage
from dxmon.dashboard.svg import Bar, bars, columns, sparkline
from dxmon.dashboard.tiles import legend, tile_map
from dxmon.periods import Period


def sparklines(page: OverviewPage) -> dict[str, Markup]:
    return {card.indicator: sparkline(card.trend, label=card.name_vi)
            for group in page.groups for card in group.cards if len(card.trend) > 1}


def indicator_charts(page: IndicatorPage) -> dict[str, Any]:
    history = columns([Bar(Period.parse(r.period).label_vi(), r.value, r.text)
                       for r in page.history], label=f"{page.name_vi}: diễn biến")
    breakdown = bars([Bar(r.scope_label, r.value, r.text, href=r.href)
                      for r in page.breakdown[:40]], label=f"{page.name_vi}: theo cơ quan")
    blocks = bars([Bar(r.scope_label, r.value, r.text, highlight=r.scope == "nation")
                   for r in page.blocks], label=f"{page.name_vi}: theo khối")
    provinces = tile_map(page.map_date, page.map_values, label=f"{page.name_vi}: bản đồ")
    return {"history_chart": history, "breakdown_chart": breakdown, "block_chart": blocks,
            "map_svg": provinces, "map_legend": legend(page.map_values)}


def grade_charts(page: RankingsPage) -> dict[str, Markup]:
    return {block.block: columns([Bar(grade, Decimal(count), str(count))
                                  for grade, count in block.distribution.items()
                                  if count or grade in "CDE"],
                                 width=320, height=160, label=f"{block.label_vi}: xếp loại")
            for block in page.blocks}


def highlighted_lines(text: str, findings: Sequence[Finding]) -> list[Markup]:
    """Each line of the text, escaped, with every finding's excerpt marked on its line."""
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        lines.append(_mark(line, sorted(by_line.get(number, []), key=lambda f: f.column)))
    return lines


def _mark(line: str, findings: list[Finding]) -> Markup:
    pieces, position = [], 0
    for index, finding in enumerate(findings):
        start, end = finding.column - 1, min(len(line), finding.end_column - 1)
        if start < position:
            continue
        pieces.append(escape(line[position:start]))
        pieces.append(f'<mark class="{finding.severity}" id="f{finding.line}-{index}" '
                      f'title="{escape(finding.message_vi)}">{escape(line[start:end])}</mark>')
        position = end
    pieces.append(escape(line[position:]))
    return Markup("".join(pieces))
