"""Time ``dxmon check`` on a 30-page report (target: under 2 seconds).

The report is the two seed reports, which are full of the claims the checker tests (fractions,
footnotes naming agencies, changes, headings), repeated until it holds 30 pages of 3.000
characters, about an A4 page of Times New Roman 13 pt. Prints the seconds of a whole check
(``dxmon.check.service.check_text``), pages per second, and the ratio against a baseline run
in the same process: one pass of the figure scanner alone over the same text. Then the same
check against data (``--against-data --period 2024S1`` on a fresh demo database): every figure
matched to the stored figure it states.

    python bench/check.py [--pages 30] [--repeat 3]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timing import best_of

from dxmon.check.document import Document
from dxmon.check.figures import scan
from dxmon.check.service import AgainstData, check_text
from dxmon.compute.figures import FigureBook
from dxmon.demo import create_demo_database
from dxmon.store.db import make_engine, transaction

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seeds"
PAGE_CHARACTERS = 3000
TARGET_SECONDS = 2.0


def report_text(pages: int) -> str:
    seeds = "\n\n".join(p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt")))
    copies = -(-pages * PAGE_CHARACTERS // len(seeds))
    return "\n\n".join([seeds] * copies)



def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--pages", type=int, default=30)
    arguments.add_argument("--repeat", type=int, default=3)
    options = arguments.parse_args()
    text = report_text(options.pages)
    pages = len(text) / PAGE_CHARACTERS
    result = check_text(text)
    seconds = best_of(options.repeat, lambda: check_text(text))
    baseline = best_of(options.repeat, lambda: scan(Document(text)))
    verdict = "ok" if seconds < TARGET_SECONDS else "MISSED"
    print(f"text: {len(text):,} characters = {pages:.1f} pages; {len(result.findings)} findings")
    print(f"dxmon check      {seconds:8.3f} s  {pages / seconds:8.1f} pages/s  "
          f"target < {TARGET_SECONDS:g} s: {verdict}")
    print(f"baseline (scan)  {baseline:8.3f} s  ratio check/scan = {seconds / baseline:.1f}×")
    against_data(text, pages, options.repeat)


def against_data(text: str, pages: float, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        create_demo_database(url)
        engine = make_engine(url)
        with transaction(engine) as session:
            def job() -> object:  # a fresh book each time: its first lookups load the period
                return check_text(text, against=AgainstData(FigureBook(session), "2024S1"))

            result = job()
            seconds = best_of(repeat, job)
        engine.dispose()
    assert result.data is not None
    verdict = "ok" if seconds < TARGET_SECONDS else "MISSED"
    print(f"against data     {seconds:8.3f} s  {pages / seconds:8.1f} pages/s  "
          f"target < {TARGET_SECONDS:g} s: {verdict}  ({len(result.data.matched)} matched, "
          f"{len(result.data.unmatched)} unmatched)")


if __name__ == "__main__":
    main()
