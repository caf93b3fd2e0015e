"""Charts for the HTML, DOCX and PDF reports, drawn offline with matplotlib (PNG)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

CHART_DPI = 150
FONT = "DejaVu Sans"  # carries every Vietnamese diacritic


def _figure(width: float = 7.0, height: float = 3.4):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    pyplot.rcParams["font.family"] = FONT
    return pyplot.subplots(figsize=(width, height))


def _png(figure) -> bytes:  # type: ignore[no-untyped-def]
    from matplotlib import pyplot

    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=CHART_DPI)
    pyplot.close(figure)
    return buffer.getvalue()


def line_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[Decimal | None]],
               unit: str = "%") -> bytes:
    """One line per series over the periods in ``labels``; gaps where a value is missing."""
    figure, axes = _figure()
    for name, values in series.items():
        points = [(i, float(v)) for i, v in enumerate(values) if v is not None]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.plot(xs, ys, marker="o", label=name)
            for x, y in points:
                axes.annotate(f"{y:g}{unit}".replace(".", ","), (x, y),
                              textcoords="offset points", xytext=(0, 6), ha="center",
                              fontsize=8)
    axes.set_xticks(range(len(labels)), labels)
    axes.set_title(title, fontsize=11)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    axes.legend(fontsize=8)
    return _png(figure)


def grouped_bars(title: str, categories: Sequence[str], groups: dict[str, Sequence[int]],
                 highlight: str | None = None) -> bytes:
    """Bars per category (grades A–E) for each group (bộ, ngành / địa phương); the category
    ``highlight`` (an agency's own grade) is drawn hatched."""
    figure, axes = _figure()
    width = 0.8 / max(1, len(groups))
    for index, (name, counts) in enumerate(groups.items()):
        positions = [i + index * width for i in range(len(categories))]
        bars = axes.bar(positions, counts, width=width, label=name)
        axes.bar_label(bars, fontsize=8)
        for bar, category in zip(bars, categories, strict=True):
            if category == highlight:
                bar.set_hatch("//")
                bar.set_edgecolor("black")
    axes.set_xticks([i + width * (len(groups) - 1) / 2 for i in range(len(categories))],
                    categories)
    if title:
        axes.set_title(title, fontsize=11)
    axes.legend(fontsize=8)
    return _png(figure)


def comparison_bars(title: str, categories: Sequence[str],
                    groups: dict[str, Sequence[Decimal | None]], unit: str = "%") -> bytes:
    """Horizontal bars: for each category (an indicator) one bar per group (the agency, its
    block, the nation); a missing value leaves its bar out."""
    import textwrap

    figure, axes = _figure(height=1.2 + 0.9 * len(categories))
    height = 0.8 / max(1, len(groups))
    for index, (name, values) in enumerate(groups.items()):
        points = [(i + index * height, float(v)) for i, v in enumerate(values) if v is not None]
        if not points:
            continue
        ys, xs = zip(*points, strict=True)
        bars = axes.barh(ys, xs, height=height, label=name)
        axes.bar_label(bars, labels=[f"{x:g}{unit}".replace(".", ",") for x in xs],
                       fontsize=8, padding=2)
    axes.set_yticks([i + height * (len(groups) - 1) / 2 for i in range(len(categories))],
                    [textwrap.fill(c, 38) for c in categories], fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(left=0)
    if title:
        axes.set_title(title, fontsize=11)
    axes.legend(fontsize=8, loc="lower right")
    return _png(figure)
