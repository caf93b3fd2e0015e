"""The province tile map: one square per province in force on a date (63 before 1 July 2025,
34 after), placed on a grid by the province's latitude and longitude from the
``vietnamadminunits`` package, so that the grid keeps the country's shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from html import escape

from markupsafe import Markup

from dxmon.dashboard.svg import NO_DATA, PALETTE, shade
from dxmon.registry.schemas import Block
from dxmon.registry.service import list_agencies

MERGER_DAY = date(2025, 7, 1)
CELL_DEGREES = 0.55
TILE = 26


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    column: int
    row: int


@cache
def _coordinates(table: str) -> dict[str, tuple[float, float]]:
    from dxmon.registry.adminunits import query

    rows = query(f"SELECT DISTINCT provinceCode, provinceLat, provinceLon FROM {table}")
    return {row["provinceCode"]: (row["provinceLat"], row["provinceLon"]) for row in rows}


@cache
def tiles(on: date) -> tuple[Tile, ...]:
    """The provinces in force on a date, each on its own grid cell, north at the top."""
    table = "admin_units" if on >= MERGER_DAY else "admin_units_legacy"
    where = _coordinates(table)
    provinces = [a for a in list_agencies(as_of=on, block=Block.PROVINCES)
                 if a.official_code in where]
    north = max(where[a.official_code or ""][0] for a in provinces)
    west = min(where[a.official_code or ""][1] for a in provinces)
    taken: set[tuple[int, int]] = set()
    placed = []
    for agency in sorted(provinces, key=lambda a: -where[a.official_code or ""][0]):
        lat, lon = where[agency.official_code or ""]
        cell = _free((round((lon - west) / CELL_DEGREES), round((north - lat) / CELL_DEGREES)),
                     taken)
        taken.add(cell)
        placed.append(Tile(agency.code, agency.short_name, *cell))
    return tuple(placed)


def _free(cell: tuple[int, int], taken: set[tuple[int, int]]) -> tuple[int, int]:
    """The cell itself, else the nearest free one (right and left first, then below)."""
    column, row = cell
    for distance in range(0, 8):
        for dc, dr in ((distance, 0), (-distance, 0), (0, distance), (distance, distance),
                       (-distance, distance), (0, -distance)):
            candidate = (max(0, column + dc), max(0, row + dr))
            if candidate not in taken:
                return candidate
    return column, row + 8


def tile_map(on: date, values: Mapping[str, tuple[Decimal, str]], *, label: str,
             href: str = "/co-quan/{code}") -> Markup:
    """The tile map with each province shaded by its value (grey: no data)."""
    placed = tiles(on)
    known = [value for value, _text in values.values()]
    low, high = (min(known), max(known)) if known else (Decimal(0), Decimal(0))
    width = (max(t.column for t in placed) + 1) * TILE
    height = (max(t.row for t in placed) + 1) * TILE
    parts = [f'<svg class="tiles" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(label)}">']
    for tile in placed:
        value = values.get(tile.code)
        fill = shade(value[0] if value else None, low, high)
        text_colour = "#fff" if fill in PALETTE[2:] else "#111"
        shown = escape(value[1]) if value else "—"
        x, y = tile.column * TILE, tile.row * TILE
        parts.append(
            f'<a href="{escape(href.format(code=tile.code))}"><g><title>{escape(tile.label)}: '
            f'{shown}</title><rect x="{x + 1}" y="{y + 1}" width="{TILE - 2}" '
            f'height="{TILE - 2}" rx="3" fill="{fill}" stroke="#fff"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" text-anchor="middle" '
            f'font-size="8" fill="{text_colour}">{escape(_initials(tile.label))}</text></g></a>')
    parts.append("</svg>")
    return Markup("".join(parts))


def legend(values: Mapping[str, tuple[Decimal, str]]) -> list[tuple[str, str]]:
    """(colour, meaning) pairs for the map's legend."""
    if not values:
        return [(NO_DATA, "—")]
    return [(PALETTE[0], "thấp/low"), (PALETTE[-1], "cao/high"), (NO_DATA, "—")]


def _initials(name: str) -> str:
    words = name.replace("TP.", "").replace("-", " ").split()
    return "".join(word[0] for word in words)[:3].upper()
