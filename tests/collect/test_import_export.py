import csv
import io
import json

import pytest

from dxmon.collect import flows, service
from dxmon.errors import DxmonError
from dxmon.store.db import make_engine, transaction

HEADER = "indicator,scope,period,window,value,numerator,denominator,qualifier,comment\n"
GOOD = (
    HEADER
    + "online_fullprocess_dossier_rate,nation,2024S1,,42,,,,\n"
    + "digital_tech_enterprises,nation,2024S1,,50350,,,,\n"
    + "req:steering_plan_2024_issued,agency:TP. Hải Phòng,2024S1,,not_done,,,,footnote 5\n"
)


def _import(url, text, name="data.csv", **options):
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            return flows.import_bytes(session, text.encode() if isinstance(text, str) else text,
                                      name, **options)
    finally:
        engine.dispose()


def _observation_count(url):
    engine = make_engine(url)
    with transaction(engine) as session:
        count = len(service.current_observations(session))
    engine.dispose()
    return count


def test_import_then_same_file_again_changes_nothing(database_url):
    first = _import(database_url, GOOD)
    assert (first.created, first.updated, first.unchanged, first.problems) == (3, 0, 0, [])
    second = _import(database_url, GOOD)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)


def test_agency_names_resolve_to_codes(database_url):
    _import(database_url, GOOD)
    engine = make_engine(database_url)
    with transaction(engine) as session:
        statuses = service.current_requirement_statuses(session, period="2024S1")
    engine.dispose()
    assert [(s.agency, s.status) for s in statuses] == [("P31", "not_done")]


@pytest.mark.parametrize(
    ("line", "code", "field"),
    [
        ("no_such_indicator,nation,2024S1,,1,,,,", "IMPORT_INDICATOR_UNKNOWN", "indicator"),
        ("online_fullprocess_dossier_rate,agency:Tỉnh Atlantis,2024S1,,1,,,,",
         "IMPORT_AGENCY_UNKNOWN", "scope"),
        ("online_fullprocess_dossier_rate,nation,2024H1,,1,,,,", "IMPORT_PERIOD_INVALID",
         "period"),
        ("online_fullprocess_dossier_rate,nation,2024S1,,abc,,,,", "IMPORT_NUMBER_INVALID",
         "value"),
        ("online_fullprocess_dossier_rate,nation,2024S1,,60,60,50,,",
         "IMPORT_NUMERATOR_GT_DENOMINATOR", "numerator"),
        ("online_fullprocess_dossier_rate,nation,2024S1,,60,40,100,,",
         "IMPORT_VALUE_FRACTION_MISMATCH", "value"),
        ("online_fullprocess_dossier_rate,nation,2024S1,,142,,,,", "IMPORT_VALUE_OUT_OF_RANGE",
         "value"),
        ("digital_tech_enterprises,nation,2024S1,,-5,,,,", "IMPORT_VALUE_OUT_OF_RANGE", "value"),
        ("online_fullprocess_dossier_rate,planet,2024S1,,1,,,,", "IMPORT_SCOPE_INVALID",
         "scope"),
        ("req:steering_plan_2024_issued,agency:P31,2024S1,,maybe,,,,", "IMPORT_STATUS_INVALID",
         "value"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_row_field_reason(database_url, line, code,
                                                                field):
    summary = _import(database_url, GOOD + line + "\n")
    assert summary.created == 0
    assert _observation_count(database_url) == 0
    [problem] = summary.problems
    assert (problem.code, problem.row, problem.field) == (code, 5, field)
    assert problem.message_vi and problem.message_en


def test_duplicate_rows_in_one_file_are_rejected(database_url):
    summary = _import(database_url, GOOD + "digital_tech_enterprises,nation,2024S1,,1,,,,\n")
    [problem] = summary.problems
    assert (problem.code, problem.row) == ("IMPORT_DUPLICATE_ROW", 5)
    assert "dòng 3" in problem.message_vi


def test_dry_run_reports_but_keeps_nothing(database_url):
    summary = _import(database_url, GOOD, dry_run=True)
    assert summary.created == 3
    assert _observation_count(database_url) == 0


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"indicator,value\nx,1\n", "a.csv", "IMPORT_COLUMNS_MISSING"),
        (b"\xff\xfe\x00bad", "a.csv", "IMPORT_ENCODING_INVALID"),
        (b"{not json", "a.json", "IMPORT_JSON_MALFORMED"),
        (b'{"rows": 3}', "a.json", "IMPORT_JSON_SHAPE"),
        (b"not a zip", "a.xlsx", "IMPORT_XLSX_MALFORMED"),
        (b"x", "a.txt", "IMPORT_FORMAT_UNKNOWN"),
    ],
)
def test_malformed_files_are_clear_errors(database_url, data, name, code):
    with pytest.raises(DxmonError) as info:
        _import(database_url, data, name)
    assert info.value.code == code


def test_oversized_upload_is_rejected(database_url):
    with pytest.raises(DxmonError) as info:
        _import(database_url, GOOD, max_bytes=10)
    assert info.value.code == "IMPORT_FILE_TOO_LARGE"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_edit_import_round_trips(database_url, fmt, tmp_path):
    _import(database_url, GOOD)
    engine = make_engine(database_url)
    with transaction(engine) as session:
        exported = flows.export_period(session, "2024S1", fmt)
    engine.dispose()
    again = _import(database_url, exported, f"export.{fmt}")
    assert (again.created, again.updated, again.unchanged, again.problems) == (0, 0, 3, [])
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(exported.decode())))
        for row in rows:
            if row["indicator"] == "digital_tech_enterprises":
                row["value"] = "50351"
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        edited = _import(database_url, buffer.getvalue(), "edited.csv")
        assert (edited.updated, edited.unchanged) == (1, 2)
    if fmt == "json":
        assert json.loads(exported)["layout"] == "dxmon.tabular/1"


def test_an_import_that_changes_something_is_audited(database_url):
    from dxmon.store.audit import list_entries

    _import(database_url, GOOD, created_by="ana")
    _import(database_url, GOOD, created_by="ana")  # unchanged: nothing to audit
    _import(database_url, GOOD, dry_run=True, created_by="ana")
    engine = make_engine(database_url)
    with transaction(engine) as session:
        entries = list_entries(session, entity="import")
    engine.dispose()
    assert [(e.actor, e.key, e.after["created"]) for e in entries] == [("ana", "data.csv", 3)]
