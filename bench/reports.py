"""Time to generate both seed reports in every format, and every agency bulletin of a period
(Markdown and PDF), on the demo data.

Prints seconds per report and format, and each figure's ratio against a baseline measured in
the same process: rendering the same Markdown through the bare Jinja2 + markdown-it pipeline
without touching the database. Targets: Markdown and HTML of one report under 1 second; all
bulletins of a period under 60 seconds per format.

    python bench/reports.py [--repeat 3] [--bulletin-periods 2024-08 2025-08]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session
from timing import best_of

from dxmon.demo import create_demo_database
from dxmon.report import service
from dxmon.report.render.markdown_tokens import parser
from dxmon.store.db import make_engine, transaction

REPORTS = (("2024S1", "half_year"), ("2024-08", "monthly"))
FORMATS = ("md", "html", "docx", "pdf")
TARGET_SECONDS = {"md": 1.0, "html": 1.0}
BULLETIN_FORMATS = ("md", "pdf")
BULLETINS_TARGET_SECONDS = 60.0


def time_bulletins(session: Session, period: str, fmt: str) -> tuple[int, float]:
    """How many bulletins the period has and the seconds to write them all in ``fmt``."""
    start = time.perf_counter()
    count = 0
    for report in service.generate_bulletins(session, period=period, with_charts=fmt != "md"):
        report.render(fmt)
        count += 1
    return count, time.perf_counter() - start


def bench_bulletins(session: Session, periods: list[str]) -> None:
    print(f"\n{'bulletins':10} {'format':6} {'count':>6} {'seconds':>8} {'per one':>8} "
          f"{'target':>10}")
    for period in periods:
        for fmt in BULLETIN_FORMATS:
            count, seconds = time_bulletins(session, period, fmt)
            verdict = (f"< {BULLETINS_TARGET_SECONDS:g} s "
                       + ("ok" if seconds < BULLETINS_TARGET_SECONDS else "MISSED"))
            print(f"{period:10} {fmt:6} {count:6d} {seconds:8.2f} {seconds / count:8.3f} "
                  f"{verdict:>10}")



def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=3)
    arguments.add_argument("--bulletin-periods", nargs="*", default=["2024-08", "2025-08"])
    parsed = arguments.parse_args()
    repeat = parsed.repeat
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        create_demo_database(url)
        engine = make_engine(url)
        print(f"{'report':10} {'format':6} {'seconds':>8} {'× baseline':>11} {'target':>8}")
        with transaction(engine) as session:
            for period, name in REPORTS:
                markdown = service.generate(session, period=period, with_charts=False).markdown
                baseline = best_of(repeat, lambda m=markdown: parser().render(m))
                for fmt in FORMATS:
                    def job(period: str = period, fmt: str = fmt) -> bytes:
                        report = service.generate(session, period=period,
                                                  with_charts=fmt != "md")
                        return report.render(fmt)
                    seconds = best_of(repeat, job)
                    target = TARGET_SECONDS.get(fmt)
                    verdict = "" if target is None else (
                        f"< {target:g} s " + ("ok" if seconds < target else "MISSED"))
                    print(f"{name:10} {fmt:6} {seconds:8.3f} {seconds / baseline:11.1f} "
                          f"{verdict:>8}")
                print(f"{name:10} {'base':6} {baseline:8.4f}  (markdown-it render of the "
                      f"same text, no database)")
        with transaction(engine) as session:
            bench_bulletins(session, parsed.bulletin_periods)
        engine.dispose()


if __name__ == "__main__":
    main()
