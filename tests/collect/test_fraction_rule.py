"""A percent sent with its numerator and denominator must be their ratio, to the precision the
value is written with, unless a comment says why it is kept; the demo's own exports (which
quote two seed figures that disagree with their fractions, with such a comment) re-import."""

import pytest

from dxmon.collect import flows
from dxmon.store.db import make_engine, transaction
from tests.collect.test_import_export import HEADER

RATE = "online_fullprocess_dossier_rate"


def _dry_run(url, text):
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            return flows.import_bytes(session, text.encode(), "data.csv", dry_run=True)
    finally:
        engine.dispose()


@pytest.mark.parametrize(("value", "numerator", "denominator", "comment", "accepted"), [
    ("80", "801", "1000", "", True),  # 80,1 rounds to 80 at the written precision
    ("80.1", "801", "1000", "", True),
    ("80.2", "801", "1000", "", False),
    ("80.10", "8015", "10000", "", False),  # two decimals written: 80,15 ≠ 80,10
    ("60", "40", "100", "", False),
    ("60", "40", "100", "số liệu báo cáo giữ nguyên", True),
])
def test_percent_against_its_fraction(database_url, value, numerator, denominator, comment,
                                      accepted):
    line = f"{RATE},nation,2024S1,,{value},{numerator},{denominator},,{comment}\n"
    summary = _dry_run(database_url, HEADER + line)
    if accepted:
        assert summary.created == 1 and summary.problems == []
        return
    assert summary.created == 0 and summary.rejected == 1
    [problem] = summary.problems
    assert (problem.code, problem.field) == ("IMPORT_VALUE_FRACTION_MISMATCH", "value")
    assert "không khớp tử số/mẫu số" in problem.message_vi


@pytest.mark.parametrize("period", ["2024S1", "2024-08"])
def test_the_demo_exports_reimport_unchanged(demo_url, period):
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        exported = flows.export_period(session, period, "csv").decode("utf-8-sig")
    engine.dispose()
    summary = _dry_run(demo_url, exported)
    assert summary.rejected == 0 and summary.created == summary.updated == 0
    if period == "2024-08":
        assert "78.45,1255068,1600000" in exported  # the seed's figure, kept with its comment
