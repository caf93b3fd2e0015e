"""Changing stored values through ``dxmon import`` changes the report; nothing is typed in."""

import csv
import io

from dxmon.collect import flows
from dxmon.demo import load_demo
from dxmon.report import narratives, service
from dxmon.store.db import make_engine, transaction, upgrade


def _edit(rows, indicator, scope, value):
    for row in rows:
        if (row["indicator"], row["scope"]) == (indicator, scope):
            row["value"] = value
            return
    raise AssertionError(f"{indicator} {scope} not exported")


def test_import_of_edited_export_changes_figures_and_footnotes(tmp_path):
    url = f"sqlite:///{tmp_path / 'flow.db'}"
    upgrade(url)
    engine = make_engine(url)
    with transaction(engine) as session:
        load_demo(session)
        before = service.generate(session, period="2024S1", with_charts=False).markdown
        exported = flows.export_period(session, "2024S1", "csv").decode()
    rows = list(csv.DictReader(io.StringIO(exported)))
    _edit(rows, "online_fullprocess_dossier_rate", "nation", "44")
    _edit(rows, "digital_tech_enterprises", "nation", "51200")
    _edit(rows, "req:steering_plan_2024_issued", "agency:P31", "done")  # TP. Hải Phòng
    _edit(rows, "req:steering_plan_2024_issued", "agency:P01", "not_done")  # Hà Nội
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    with transaction(engine) as session:
        summary = flows.import_bytes(session, buffer.getvalue().encode(), "edited.csv")
        after = service.generate(session, period="2024S1", with_charts=False).markdown
    engine.dispose()
    assert (summary.updated, summary.problems) == (4, [])
    assert "cả nước đạt **42%**" in before and "cả nước đạt **44%**" in after
    assert "**50.350** doanh nghiệp" in before and "**51.200** doanh nghiệp" in after
    assert "(đạt tỷ lệ 106,7%)" in after  # 51.200 / 48.000, computed, not stored
    footnote_before = next(line for line in before.splitlines()
                           if line.startswith("[^5]: Các địa phương chưa ban hành"))
    footnote_after = next(line for line in after.splitlines()
                          if line.startswith("[^5]: Các địa phương chưa ban hành"))
    assert "TP. Hải Phòng" in footnote_before and "TP. Hải Phòng" not in footnote_after
    assert "Hà Nội" not in footnote_before and "Hà Nội" in footnote_after
    assert "**51/63** tỉnh, thành phố" in before and "**51/63** tỉnh, thành phố" in after


def test_a_figure_typed_into_a_narrative_block_is_flagged(demo_url):
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        narratives.write_block(session, report="half_year", period="2024S1",
                               key="II.3.issues", created_by="test",
                               text="Tồn tại: số doanh nghiệp công nghệ số mới đạt 50.350.")
        report = service.generate(session, period="2024S1", with_charts=False)
        session.rollback()
    engine.dispose()
    [finding] = report.narrative_findings
    assert finding.code == "REPORT_NARRATIVE_TYPED_FIGURE" and "50.350" in finding.message_vi
