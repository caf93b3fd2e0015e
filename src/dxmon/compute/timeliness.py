"""Reporting timeliness as figures: per block, x/y agencies that submitted a period's report,
how many on time, late, or not at all (the agencies that owe reports, in force at the
period's end: 22 ministries and ministerial-level agencies and 63 provinces in 2024)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from dxmon.collect import workflow
from dxmon.collect.workflow import Timeliness
from dxmon.periods import Period

STATUSES = ("on_time", "late", "missing")


@dataclass(frozen=True)
class BlockTally:
    """x/y of one block: ``submitted`` of ``agencies``, split into on time and late."""

    block: str
    agencies: int
    on_time: int
    late: int
    missing: int

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    @property
    def fraction_text(self) -> str:
        return f"{self.submitted}/{self.agencies}"


@dataclass(frozen=True)
class TimelinessTally:
    period: str
    rows: tuple[Timeliness, ...]
    blocks: tuple[BlockTally, ...]

    @property
    def late_or_missing(self) -> tuple[Timeliness, ...]:
        return tuple(row for row in self.rows if row.status != "on_time")


def block_tallies(rows: list[Timeliness]) -> tuple[BlockTally, ...]:
    tallies = []
    for name in sorted({row.block for row in rows}):
        mine = [row for row in rows if row.block == name]
        counts = {status: sum(1 for row in mine if row.status == status) for status in STATUSES}
        tallies.append(BlockTally(block=name, agencies=len(mine), **counts))
    return tuple(tallies)


def timeliness_tally(session: Session, *, period: str, block: str | None = None
                     ) -> TimelinessTally:
    period_id = Period.parse(period).id
    rows = workflow.timeliness(session, period=period_id, block=block)
    return TimelinessTally(period=period_id, rows=tuple(rows), blocks=block_tallies(rows))
