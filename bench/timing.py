"""What the benchmarks share: the best of repeated timings, percentiles."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(repeat: int, job: Callable[[], object]) -> float:
    """The shortest of ``repeat`` runs of ``job``, in seconds (the least disturbed one)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
