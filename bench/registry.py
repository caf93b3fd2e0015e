"""Time to load the registry (≈3,450 units with the communes) and to list units.

    python bench/registry.py

Prints the cold load (package query + models), the first and the cached ``list_agencies``
for central bodies and provinces (the default) and for every unit including the 3,321
communes and wards.
"""

from __future__ import annotations

import time
from datetime import date

LEVELS = {"default (central + province)": None, "commune": "commune",
          "all units": ["central", "province", "commune"]}


def main() -> None:
    start = time.perf_counter()
    from dxmon.registry.service import all_agencies, list_agencies

    units = all_agencies()
    print(f"registry load: {len(units)} units in {time.perf_counter() - start:.3f} s")
    day = date(2025, 8, 31)
    for label, level in LEVELS.items():
        first = time.perf_counter()
        listed = list_agencies(as_of=day, level=level)
        cold = time.perf_counter() - first
        runs = 1000
        warm_start = time.perf_counter()
        for _ in range(runs):
            list_agencies(as_of=day, level=level)
        warm = (time.perf_counter() - warm_start) / runs
        print(f"list_agencies {label}: {len(listed)} units, first {cold * 1000:.2f} ms, "
              f"cached {warm * 1000:.3f} ms")


if __name__ == "__main__":
    main()
