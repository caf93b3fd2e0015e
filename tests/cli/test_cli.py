import json

from typer.testing import CliRunner

from dxmon.cli.app import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_command_has_help():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("agencies", "load-demo", "demo", "import", "export", "history", "report",
                    "db"):
        assert command in result.output
        assert run(*command.split(), "--help").exit_code == 0


def test_load_demo_then_export_lists_the_seed_figures(tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    loaded = run("load-demo", "--database-url", url)
    assert loaded.exit_code == 0, loaded.output
    exported = run("export", "--period", "2024S1", "--format", "csv", "--database-url", url)
    assert exported.exit_code == 0
    lines = exported.output.splitlines()
    assert lines[0].startswith("indicator,scope,period,window,value")
    assert "online_fullprocess_dossier_rate,nation,2024S1,period,42," in exported.output
    assert "digital_tech_enterprises,nation,2024S1,period,50350,50350,48000" in exported.output
    assert any(line.startswith("req:steering_plan_2024_issued,agency:P31,") for line in lines)
    assert "SEED000_FN5_STEERING_PLAN_PROVINCES" in loaded.output
    assert "SEED000_FN5_STEERING_PLAN_PROVINCES" in exported.stderr
    assert "SEED001_FEE_POLICY_PARTS" not in exported.stderr  # August's, not this period's
    assert "SEED000" not in exported.stdout


def test_import_reports_row_field_reason_and_exits_1(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,scope,period,value\nonline_fullprocess_dossier_rate,nation,"
                   "2024S1,142\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--database-url", url])
    assert result.exit_code == 1
    assert "IMPORT_VALUE_OUT_OF_RANGE" in result.output
    assert "row 2" in result.output and "value" in result.output
    # every row rejected: the headline says so, never "imported" (issue 12)
    assert "rejected, nothing saved" in result.output and "imported" not in result.output


def test_an_imported_submitted_report_opens_its_workflow(tmp_path):
    """Regression (issue 12): ``status=submitted`` rows opened no workflow record, so that
    approving the report then failed "from 'draft'"."""
    from dxmon.access.schemas import Principal, Role
    from dxmon.collect import workflow
    from dxmon.store.db import make_engine, transaction

    url = f"sqlite:///{tmp_path / 's.db'}"
    data = tmp_path / "submitted.csv"
    data.write_text("indicator,scope,period,value,status\ncommunity_digital_teams,agency:P01,"
                    "2024-09,120,submitted\n", encoding="utf-8")
    assert run("import", str(data), "--database-url", url).exit_code == 0
    engine = make_engine(url)
    with transaction(engine) as session:
        assert workflow.state(session, agency="P01", period="2024-09") == "submitted"
        analyst = Principal(user_id=1, username="ana", role=Role.ANALYST)
        approved = workflow.transition(session, user=analyst, agency="P01", period="2024-09",
                                       action="approve")
        assert approved.status == "approved"
    engine.dispose()


def test_history_lists_every_revision(tmp_path):
    url = f"sqlite:///{tmp_path / 'h.db'}"
    for value in ("40", "42"):
        data = tmp_path / f"v{value}.csv"
        data.write_text(f"indicator,scope,period,value\nonline_fullprocess_dossier_rate,nation,"
                        f"2024S1,{value}\n", encoding="utf-8")
        assert run("import", str(data), "--database-url", url).exit_code == 0
    result = run("history", "--indicator", "online_fullprocess_dossier_rate", "--period",
                 "2024S1", "--database-url", url)
    revisions = json.loads(result.output)
    assert [(r["revision"], r["value"]) for r in revisions] == [(1, "40.000000"),
                                                                (2, "42.000000")]


def test_db_upgrade_reports_the_revision(tmp_path):
    result = run("db", "upgrade", "--database-url", f"sqlite:///{tmp_path / 'u.db'}")
    assert result.exit_code == 0
    assert "(mới/new) →" in result.output


def test_agencies_formats(tmp_path):
    table = run("agencies", "--as-of", "2024-06-30")
    assert "BTTTT" in table.output and "TP. Hải Phòng" in table.output
    rows = json.loads(run("agencies", "--as-of", "2025-08-01", "--format", "json").output)
    provinces = [r for r in rows if r["block"] == "dia_phuong"]
    assert len(provinces) == 34
    assert run("agencies", "--as-of", "2024-13-01").exit_code == 1
