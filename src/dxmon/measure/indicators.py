"""The one definition of each measured indicator, as Ibis expressions.

``cube(records)`` makes one pass over landing records and counts them by agency and by
received (``rm``), due (``dm``) and finished (``fm``) month. Cubes add up over month
partitions, so each partition's cube is computed once and kept. Every indicator is then a
function of the cube and the month keys asked for, returning ``agency_code, month,
numerator, denominator`` (integers; ``denominator`` is null for counts). Rates, roll-ups to
blocks and the nation, and half-year totals are ratios of these sums, computed exactly in
``service``. The same expressions run on DuckDB and on Spark.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ibis
import ibis.expr.types as ir

Figure = Callable[[ir.Table, Sequence[int]], ir.Table]


@ibis.udf.agg.builtin(name="count_if")  # type: ignore[untyped-decorator]
def _count_if(condition: bool) -> int:  # type: ignore[empty-body]
    """Rows where ``condition`` is true (nulls not counted): builtin on DuckDB and Spark."""


def _count(condition: ir.BooleanValue) -> ir.IntegerScalar:
    count: ir.IntegerScalar = _count_if(condition).cast("int64")
    return count


def cube(records: ir.Table) -> ir.Table:
    """Counts of records by agency and received, due and finished month."""
    t = records
    has_fee = t.fee_vnd > 0
    return t.group_by(["agency_code", "rm", "dm", "fm"]).aggregate(
        n=t.count(),
        n_full=_count(t.channel == "online_full"),
        n_partial=_count(t.channel == "online_partial"),
        n_fee=_count(has_fee),
        n_fee_paid_online=_count(has_fee & t.paid_online),
        n_finished_on_time=_count(t.on_time),
    )


def _null_count() -> ir.IntegerValue:
    return ibis.literal(None, type="int64")


def _by_received_month(c: ir.Table, months: Sequence[int], numerator: str,
                       denominator: str | None) -> ir.Table:
    wanted = c.filter(c.rm.isin(list(months)))
    grouped = wanted.group_by(["agency_code", wanted.rm.name("month")]).aggregate(
        numerator=wanted[numerator].sum().cast("int64"),
        denominator=(wanted[denominator].sum().cast("int64") if denominator
                     else _null_count()),
    )
    return grouped


def dossiers_received(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Dossiers received in the month."""
    return _by_received_month(c, months, "n", None)


def online_fullprocess_dossier_rate(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Full-process online dossiers over dossiers received in the month."""
    return _by_received_month(c, months, "n_full", "n")


def online_partial_dossier_rate(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Partially online dossiers over dossiers received in the month."""
    return _by_received_month(c, months, "n_partial", "n")


def online_payment_rate(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Dossiers with a fee paid online over dossiers with a fee, received in the month."""
    return _by_received_month(c, months, "n_fee_paid_online", "n_fee")


def ontime_rate(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Dossiers finished by their due date over dossiers finished in the month."""
    done = c.filter(c.fm.isin(list(months)))
    return done.group_by(["agency_code", done.fm.name("month")]).aggregate(
        numerator=done.n_finished_on_time.sum().cast("int64"),
        denominator=done.n.sum().cast("int64"),
    )


def overdue_unfinished_eom(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Dossiers past due and not finished at the end of the month (received any time)."""
    parts = []
    for month in months:
        open_late = c.filter(c.dm <= month, c.fm.isnull() | (c.fm > month))
        parts.append(open_late.group_by("agency_code").aggregate(
            month=ibis.literal(month, type="int16"),
            numerator=open_late.n.sum().cast("int64"),
            denominator=_null_count(),
        ))
    return ibis.union(*parts, distinct=False)


FIGURES: dict[str, Figure] = {
    "dossiers_received": dossiers_received,
    "online_fullprocess_dossier_rate": online_fullprocess_dossier_rate,
    "online_partial_dossier_rate": online_partial_dossier_rate,
    "online_payment_rate": online_payment_rate,
    "ontime_rate": ontime_rate,
    "overdue_unfinished_eom": overdue_unfinished_eom,
}


def indicator_table(c: ir.Table, months: Sequence[int]) -> ir.Table:
    """Every figure for every agency and month, long: indicator, agency, month, num, den."""
    parts = []
    for code, figure in FIGURES.items():
        table = figure(c, months)
        parts.append(table.select(
            indicator=ibis.literal(code), agency_code=table.agency_code,
            month=table.month.cast("int16"), numerator=table.numerator,
            denominator=table.denominator))
    return ibis.union(*parts, distinct=False).order_by(["indicator", "agency_code", "month"])
