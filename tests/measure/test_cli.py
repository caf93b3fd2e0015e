"""The commands: dossiers ingest, synth dossiers, measure."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from dxmon.cli.measure import register
from tests.measure.conftest import HAND_RECORDS, write_csv


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_ingest_measure_store_and_out(tmp_path: Path) -> None:
    runner, app = CliRunner(), _app()
    landing, source = tmp_path / "landing", write_csv(tmp_path / "a.csv", HAND_RECORDS)
    result = runner.invoke(app, ["dossiers", "ingest", str(source), "--landing", str(landing)])
    assert result.exit_code == 0, result.output
    assert "mới/accepted 8" in result.output
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["measure", "--period", "2024S1", "--landing", str(landing),
                                 "--store", "--database-url", url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "online_fullprocess_dossier_rate" in result.output
    assert "created" in result.output and out.exists()


def test_bad_file_exits_1_with_line_and_field(tmp_path: Path) -> None:
    bad = [["E1", "P01", "1", "fax", "2024-06-02", "2024-06-09", "", "1", "0", "false"]]
    result = CliRunner().invoke(_app(), ["dossiers", "ingest",
                                         str(write_csv(tmp_path / "a.csv", bad)),
                                         "--landing", str(tmp_path / "landing")])
    assert result.exit_code == 1
    assert "dòng/row 2" in result.output and "trường/field channel" in result.output


def test_synth_then_unknown_engine(tmp_path: Path) -> None:
    runner, app = CliRunner(), _app()
    result = runner.invoke(app, ["synth", "dossiers", "--rows", "3000", "--out",
                                 str(tmp_path / "raw"), "--seed", "3"])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "raw").glob("*.parquet"))
    assert len(files) == 6
    landing = str(tmp_path / "landing")
    assert runner.invoke(app, ["dossiers", "ingest", *map(str, files), "--landing",
                               landing]).exit_code == 0
    result = runner.invoke(app, ["measure", "--period", "2024-06", "--engine", "flink",
                                 "--landing", landing])
    assert result.exit_code == 1 and "MEASURE_ENGINE_UNKNOWN" in result.output
