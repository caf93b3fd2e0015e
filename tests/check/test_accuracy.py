"""``bench/check_accuracy.py`` in CI size: a few injected errors of each kind into dxmon's own
reports and the seeds; recall and precision per kind must meet the goal (98 % and 95 %)."""

import importlib.util
import sys
from pathlib import Path

from dxmon.check.service import check_text
from dxmon.report import service as reports

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _bench_module():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("check_accuracy", BENCH / "check_accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_accuracy"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_injected_errors_are_found_per_kind(demo_session) -> None:
    bench = _bench_module()
    texts = {f"dxmon {period}": reports.generate(demo_session, period=period,
                                                 with_charts=False).render("md").decode("utf-8")
             for period in ("2024S1", "2024-08")}
    injected = {name: bench._without_annex(text) for name, text in texts.items()}
    tallies = bench.evaluate({**injected, **bench.seed_reports()}, per_kind=4, seed=15)
    assert set(tallies) >= {"fraction_percent", "change_baseline", "parts_total", "count_names",
                            "period", "unknown_name", "repeated_measure", "summary_total",
                            "growth_parts"}
    for kind, tally in tallies.items():
        assert tally.injected == 0 or tally.recall >= bench.RECALL_GOAL, (kind, tally.missed)
        assert tally.precision >= bench.PRECISION_GOAL, (kind, tally.false_alarms)
    for name in ("dxmon 2024S1", "dxmon 2024-08"):
        assert check_text(texts[name]).error_count == 0
