"""Channel files as XLSX (dates and numbers as typed cells), through the import pipeline."""

import io
from datetime import datetime

from openpyxl import Workbook

from dxmon.collect import flows
from dxmon.compute.documents import count_documents
from dxmon.compute.grades import agency_totals
from dxmon.store.db import transaction


def _xlsx(header: list[str], *rows: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_documents_and_score_sheets_import_idempotently(engine):
    documents = _xlsx(["type", "number", "issued_on", "issuer", "title", "counted_in"],
                      ["Quyết định", "1/2024/QĐ-TTg", datetime(2024, 8, 7),
                       "Thủ tướng Chính phủ", "Thử nghiệm", "2024-08"])
    criteria = [("functions", 40.5), ("performance", 10), ("security", 10), ("layout", 3),
                ("access", 3), ("emc_connection", 2)]
    sheet = _xlsx(["evaluation", "agency", "criterion", "score"],
                  *[["tthc_system_2024", "Hà Nội", code, score] for code, score in criteria])
    pm = {"types": ["quyet_dinh"], "issuers": ["Thủ tướng Chính phủ"]}
    with transaction(engine) as session:
        in_catalogue = (count_documents(session, "2024-08", **pm),
                        count_documents(session, "2024-07", **pm))
        first = flows.import_bytes(session, documents, "van-ban.xlsx")
        assert (first.created, first.problems) == (1, [])
        assert flows.import_bytes(session, sheet, "phieu-diem.xlsx").created == 6
        again = flows.import_bytes(session, sheet, "phieu-diem.xlsx")
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
        assert (count_documents(session, "2024-08", **pm),
                count_documents(session, "2024-07", **pm)) == (in_catalogue[0] + 1,
                                                               in_catalogue[1])
        assert agency_totals(session, evaluation="tthc_system_2024") == {"P01": 68.5}
