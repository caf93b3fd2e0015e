"""Synthetic dossier records with realistic skew, calibrated to the seed reports.

Agencies: the 63 provinces and the central bodies, each block with Zipf-like volumes;
central bodies carry 57% of the volume. Full-process online rates are drawn per agency
around 61% (central) and 17% (provinces), so the national rate is about 42%. 6,000
procedures with Zipf-like use, a legal time limit of 1–30 days and a fee (40% free).
Monthly volumes follow a season with a Tết dip in February. Data is as extracted on
5 July: later finishes are open; 0.5% of dossiers are stuck; 0.5% of rows are older
status versions of a dossier (so ingestion has versions to replace).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dxmon.measure.agencies import CENTRAL_AGENCIES, province_codes

SEASON = (1.0, 0.68, 1.05, 0.98, 1.02, 1.10, 1.0, 1.0, 1.0, 1.05, 1.05, 1.12)
CENTRAL_SHARE = 0.57
TARGET_FULL = {"central": 0.61, "province": 0.17}
FEES = np.array([10_000, 20_000, 50_000, 100_000, 200_000, 500_000])
PAID_ONLINE = np.array([0.85, 0.40, 0.05])  # by channel: full, partial, offline
CHANNELS = pa.array(["online_full", "online_partial", "offline"])
SECONDS_PER_DAY = 86_400
MICROS = 1_000_000


@dataclass(frozen=True)
class Agencies:
    codes: pa.Array
    weights: np.ndarray
    full: np.ndarray
    partial: np.ndarray
    on_time: np.ndarray


@dataclass(frozen=True)
class Procedures:
    codes: pa.Array
    weights: np.ndarray
    limit_days: np.ndarray
    fee: np.ndarray


def _zipf(count: int, exponent: float, rng: np.random.Generator) -> np.ndarray:
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    return np.asarray(rng.permutation(weights / weights.sum()))


def _block_rates(weights: np.ndarray, target: float, rng: np.random.Generator) -> np.ndarray:
    """Per-agency rates whose volume-weighted mean is exactly ``target``."""
    factors = rng.uniform(0.5, 1.5, weights.size)
    return np.asarray(target * factors / float((weights * factors).sum()))


def _units(as_of: date | None) -> tuple[list[str], list[str]]:
    """Central bodies and provinces: the seeds' (2024) by default, else those in force on
    ``as_of`` (17 ministries and 34 provinces after the 2025 mergers)."""
    if as_of is None:
        return list(CENTRAL_AGENCIES), list(province_codes())
    from dxmon.registry.service import reporting_units

    units = reporting_units(as_of=as_of)
    return ([u.code for u in units if str(u.block) != "dia_phuong"],
            [u.code for u in units if str(u.block) == "dia_phuong"])


def make_agencies(rng: np.random.Generator, as_of: date | None = None) -> Agencies:
    central, provinces = _units(as_of)
    central_w = _zipf(len(central), 1.2, rng)
    province_w = _zipf(len(provinces), 0.9, rng)
    full = np.concatenate([_block_rates(central_w, TARGET_FULL["central"], rng),
                           _block_rates(province_w, TARGET_FULL["province"], rng)])
    weights = np.concatenate([central_w * CENTRAL_SHARE, province_w * (1 - CENTRAL_SHARE)])
    partial = (1 - full) * rng.uniform(0.2, 0.5, full.size)
    return Agencies(pa.array([*central, *provinces]), weights / weights.sum(),
                    full, partial, rng.uniform(0.80, 0.995, full.size))


def make_procedures(rng: np.random.Generator, count: int = 6000) -> Procedures:
    codes = pa.array([f"{1 + i // 1000}.{i % 1000:06d}" for i in range(count)])
    fee = np.where(rng.random(count) < 0.4, 0, rng.choice(FEES, count))
    return Procedures(codes, _zipf(count, 0.9, rng), rng.integers(1, 31, count), fee)


def month_rows(rows: int, months: list[date]) -> list[int]:
    weights = np.array([SEASON[m.month - 1] for m in months])
    counts = np.floor(rows * weights / weights.sum()).astype(int)
    counts[-1] += rows - counts.sum()
    return [int(c) for c in counts]


def _timestamps(seconds: np.ndarray) -> pa.Array:
    return pa.array(seconds.astype("int64") * MICROS, pa.timestamp("us"))


def _month_span(first: date) -> tuple[int, int]:
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    start = int(datetime(first.year, first.month, 1).timestamp() - _EPOCH_OFFSET)
    end = int(datetime(following.year, following.month, 1).timestamp() - _EPOCH_OFFSET)
    return start, end


_EPOCH_OFFSET = datetime(1970, 1, 1).timestamp()


def month_table(rng: np.random.Generator, *, rows: int, first: date, start_id: int,
                agencies: Agencies, procedures: Procedures, extracted: datetime) -> pa.Table:
    """The records received in one month; older versions of some dossiers included."""
    versions = rows // 200
    n = rows - versions
    agency = rng.choice(agencies.weights.size, n, p=agencies.weights)
    procedure = rng.choice(procedures.weights.size, n, p=procedures.weights)
    u = rng.random(n)
    channel = np.where(u < agencies.full[agency], 0,
                       np.where(u < agencies.full[agency] + agencies.partial[agency], 1, 2))
    start, end = _month_span(first)
    received = rng.integers(start, end, n)
    limit = procedures.limit_days[procedure] * SECONDS_PER_DAY
    due = received + limit
    late = rng.random(n) > agencies.on_time[agency]
    finished = np.where(late, due + rng.exponential(3 * SECONDS_PER_DAY, n).astype("int64") + 1,
                        received + (rng.uniform(0.05, 1.0, n) * limit).astype("int64"))
    cutoff = int(extracted.timestamp() - _EPOCH_OFFSET)
    open_ = (finished > cutoff) | (rng.random(n) < 0.005)
    fee = procedures.fee[procedure]
    paid = (fee > 0) & (rng.random(n) < PAID_ONLINE[channel])
    ids = pc.utf8_lpad(pa.array(np.arange(start_id, start_id + n)).cast(pa.string()), 12, "0")
    table = pa.table({
        "dossier_id": pc.binary_join_element_wise("HS", ids, ""),
        "agency_code": agencies.codes.take(pa.array(agency)),
        "procedure_code": procedures.codes.take(pa.array(procedure)),
        "channel": CHANNELS.take(pa.array(channel)),
        "received_at": _timestamps(received), "due_at": _timestamps(due),
        "finished_at": pa.array(finished * MICROS, pa.timestamp("us"), mask=open_),
        "status_version": pa.array(np.where(open_, 2, 3)),
        "fee_vnd": pa.array(fee.astype("int64")), "paid_online": pa.array(paid),
    })
    return pa.concat_tables([table, _older_versions(rng, table, versions)])


def _older_versions(rng: np.random.Generator, table: pa.Table, count: int) -> pa.Table:
    picked = table.take(pa.array(rng.choice(table.num_rows, count, replace=False)))
    picked = picked.set_column(picked.schema.get_field_index("finished_at"), "finished_at",
                               pa.nulls(count, pa.timestamp("us")))
    return picked.set_column(picked.schema.get_field_index("status_version"),
                             "status_version", pa.array(np.ones(count, dtype="int64")))


def synth_dossiers(*, rows: int, out: Path, seed: int = 2024, start: date = date(2024, 1, 1),
                   months: int = 6, extracted: datetime = datetime(2024, 7, 5),
                   period: str | None = None) -> list[Path]:
    """Write ``rows`` records as one Parquet file per received month; returns the files.
    ``period`` (2025-08, 2024Q3…) sets the months, the extraction day (five days after the
    period) and the agencies in force, instead of the first half of 2024."""
    as_of = None
    if period is not None:
        from datetime import timedelta

        from dxmon.periods import Period

        parsed = Period.parse(period)
        start, months = parsed.start, parsed.last_month - parsed.first_month + 1
        extracted = datetime.combine(parsed.end + timedelta(days=5), datetime.min.time())
        as_of = parsed.start
    rng = np.random.default_rng(seed)
    agencies, procedures = make_agencies(rng, as_of), make_procedures(rng)
    firsts = [date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
              for i in range(months)]
    out.mkdir(parents=True, exist_ok=True)
    written, next_id = [], 1
    for first, count in zip(firsts, month_rows(rows, firsts), strict=True):
        table = month_table(rng, rows=count, first=first, start_id=next_id, agencies=agencies,
                            procedures=procedures, extracted=extracted)
        next_id += count
        path = out / f"dossiers-{first:%Y-%m}.parquet"
        pq.write_table(table, path, row_group_size=1_000_000)
        written.append(path)
    return written
