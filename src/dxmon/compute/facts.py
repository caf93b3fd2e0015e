"""The stored facts a figure may use, as one audience may see them.

``View.PUBLISHED`` (anonymous visitors, public pages and API, open data, the default report)
sees, for every value and source, its newest *published* revision — a correction being drafted
does not hide the published value. ``View.PREVIEW`` (signed-in staff) sees the newest revision
whatever its state; whatever it shows is marked as a draft where a draft was used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from dxmon.scopes import agency_code, is_agency_scope
from dxmon.store.tables import Observation

PUBLISHED = "published"
FactKey = tuple[str, str, str]  # indicator, scope, window


class View(StrEnum):
    PUBLISHED = "published"
    PREVIEW = "preview"

    @classmethod
    def of(cls, preview: bool) -> View:
        return cls.PREVIEW if preview else cls.PUBLISHED


def visible_rows(rows: Iterable[Observation], view: View) -> list[Observation]:
    """The newest revision of each (key, source) that ``view`` may see; rows oldest first."""
    newest: dict[tuple[str, str, str, str, str], Observation] = {}
    for row in rows:
        if view is View.PUBLISHED and row.status != PUBLISHED:
            continue
        newest[(row.indicator, row.scope, row.period, row.window, row.source)] = row
    return list(newest.values())


def _visible_conditions(view: View, filters: dict[str, str | None]) -> list[Any]:
    """The WHERE conditions of a view's current values, filtered as asked."""
    columns = Observation.__table__.c
    conditions = [columns[name] == wanted for name, wanted in filters.items()
                  if wanted is not None]
    if view is View.PUBLISHED:
        conditions.append(columns.status == PUBLISHED)
    return conditions


ORDER = (Observation.revision, Observation.id)  # oldest first: the newest row wins


def visible_observations(session: Session, view: View, *, period: str | None = None,
                         indicator: str | None = None, scope: str | None = None,
                         window: str | None = None) -> list[Observation]:
    """The current values ``view`` may see, one per source, filtered as asked."""
    conditions = _visible_conditions(view, {"period": period, "indicator": indicator,
                                            "scope": scope, "window": window})
    rows = session.scalars(select(Observation).where(*conditions).order_by(*ORDER))
    return sorted(visible_rows(rows, view),
                  key=lambda r: (r.indicator, r.scope, r.period, r.window, r.source))


def _visible_fact_rows(session: Session, view: View, period: str) -> list[Observation]:
    """As ``visible_observations`` for one period, read as plain rows (no ORM identity map:
    a period of 3,400 reporting units reads three times faster). The rows have the columns
    of ``Observation`` as attributes."""
    query = select(Observation.__table__).where(*_visible_conditions(view, {"period": period}))
    rows: Any = session.execute(query.order_by(*ORDER))
    return visible_rows(rows, view)


@dataclass
class FactIndex:
    """Visible facts, loaded one period at a time: (indicator, scope, window) → source → row."""

    session: Session
    view: View = View.PUBLISHED
    periods: dict[str, dict[FactKey, dict[str, Observation]]] = field(default_factory=dict)
    agencies: dict[str, dict[tuple[str, str], dict[str, dict[str, Observation]]]] = field(
        default_factory=dict)

    def of_period(self, period: str) -> dict[FactKey, dict[str, Observation]]:
        if period not in self.periods:
            index: dict[FactKey, dict[str, Observation]] = {}
            for row in _visible_fact_rows(self.session, self.view, period):
                if row.value is not None:
                    index.setdefault((row.indicator, row.scope, row.window), {})[
                        row.source] = row
            self.periods[period] = index
        return self.periods[period]

    def sources(self, indicator: str, scope: str, period: str,
                window: str = "period") -> dict[str, Observation]:
        return self.of_period(period).get((indicator, scope, window), {})

    def by_agency(self, indicator: str, period: str,
                  window: str = "period") -> dict[str, dict[str, Observation]]:
        """agency code → source → row, for the agency-scope facts of one indicator."""
        if period not in self.agencies:
            grouped: dict[tuple[str, str], dict[str, dict[str, Observation]]] = {}
            for (code, scope, win), sources in self.of_period(period).items():
                if is_agency_scope(scope):
                    grouped.setdefault((code, win), {})[agency_code(scope)] = sources
            self.agencies[period] = grouped
        return self.agencies[period].get((indicator, window), {})
