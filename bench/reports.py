"""Time to generate both seed reports in every format on the demo data.

Prints seconds per report and format, and each figure's ratio against a baseline measured in
the same process: rendering the same Markdown through the bare Jinja2 + markdown-it pipeline
without touching the database. Target: Markdown and HTML of one report under 1 second.

    python bench/reports.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import best_of

from dxmon.demo import create_demo_database
from dxmon.report import service
from dxmon.report.render.markdown_tokens import parser
from dxmon.store.db import make_engine, transaction

REPORTS = (("2024S1", "half_year"), ("2024-08", "monthly"))
FORMATS = ("md", "html", "docx", "pdf")
TARGET_SECONDS = {"md": 1.0, "html": 1.0}



def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--repeat", type=int, default=3)
    repeat = arguments.parse_args().repeat
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
        engine.dispose()


if __name__ == "__main__":
    main()
