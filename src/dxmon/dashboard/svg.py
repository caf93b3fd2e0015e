"""Small SVG charts drawn on the server: no script, no network, readable without colour
(every bar and tile carries its value as text and a ``<title>``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

PALETTE = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")  # light → dark blues
NO_DATA = "#eeeeee"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    text: str  # the value as printed
    href: str | None = None
    highlight: bool = False


def sparkline(values: Sequence[Decimal], *, width: int = 120, height: int = 28,
              label: str = "") -> Markup:
    """A line over the values, oldest first; one point is a dot."""
    if not values:
        return Markup("")
    low, high = min(values), max(values)
    span = (high - low) or Decimal(1)
    step = width / max(1, len(values) - 1)
    points = [(i * step if len(values) > 1 else width / 2,
               height - 3 - float((v - low) / span) * (height - 6)) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    last_x, last_y = points[-1]
    return Markup(
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}"><polyline points="{path}" fill="none" '
        f'stroke="#2171b5" stroke-width="2"/><circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="3" '
        f'fill="#08306b"/></svg>')


def bars(items: Sequence[Bar], *, width: int = 640, label: str = "") -> Markup:
    """Horizontal bars, in the order given, each with its label and printed value."""
    if not items:
        return Markup("")
    row, label_width, value_width = 22, 190, 80
    top = max((item.value for item in items), default=Decimal(1)) or Decimal(1)
    room = width - label_width - value_width
    parts = [f'<svg class="bars" viewBox="0 0 {width} {row * len(items) + 4}" role="img" '
             f'aria-label="{escape(label)}" preserveAspectRatio="xMinYMin meet">']
    for index, item in enumerate(items):
        y = index * row + 2
        length = max(1.0, float(item.value / top) * room) if item.value > 0 else 0.0
        colour = "#c2410c" if item.highlight else "#2171b5"
        name = escape(item.label if len(item.label) <= 28 else item.label[:27] + "…")
        text = f'<text x="{label_width - 6}" y="{y + 15}" text-anchor="end">{name}</text>'
        if item.href:
            text = f'<a href="{escape(item.href)}">{text}</a>'
        parts.append(
            f'<g><title>{escape(item.label)}: {escape(item.text)}</title>{text}'
            f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{colour}"/><text x="{label_width + length + 4:.1f}" y="{y + 15}">'
            f'{escape(item.text)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(items: Sequence[Bar], *, width: int = 640, height: int = 200,
            label: str = "") -> Markup:
    """Vertical columns over time, oldest first, each with its period and printed value."""
    if not items:
        return Markup("")
    top = max((item.value for item in items), default=Decimal(1)) or Decimal(1)
    slot = width / len(items)
    chart = height - 40
    parts = [f'<svg class="columns" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(label)}">']
    for index, item in enumerate(items):
        size = max(1.0, float(item.value / top) * chart) if item.value > 0 else 0.0
        x = index * slot + slot * 0.2
        parts.append(
            f'<g><title>{escape(item.label)}: {escape(item.text)}</title>'
            f'<rect x="{x:.1f}" y="{chart - size + 16:.1f}" width="{slot * 0.6:.1f}" '
            f'height="{size:.1f}" fill="#2171b5"/>'
            f'<text x="{x + slot * 0.3:.1f}" y="{chart - size + 12:.1f}" '
            f'text-anchor="middle">{escape(item.text)}</text>'
            f'<text x="{x + slot * 0.3:.1f}" y="{height - 8}" text-anchor="middle">'
            f'{escape(item.label)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def shade(value: Decimal | None, low: Decimal, high: Decimal) -> str:
    if value is None:
        return NO_DATA
    if high == low:
        return PALETTE[-2]
    step = int((value - low) / (high - low) * (len(PALETTE) - 1))
    return PALETTE[max(0, min(len(PALETTE) - 1, step))]
