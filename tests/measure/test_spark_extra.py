"""PySpark is the extra ``dxmon[spark]``: without it DuckDB measures and Spark says what to install.

PySpark is hidden from the interpreter (``sys.modules["pyspark"] = None`` makes every import of
it fail, as when it is not installed).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from dxmon.cli.app import app
from tests.measure.conftest import HAND_RECORDS, write_csv

WITHOUT_PYSPARK = """
import sys
sys.modules["pyspark"] = None
from dxmon.cli.app import main
sys.argv = ["dxmon", *sys.argv[1:]]
main()
"""


def _landing(tmp_path: Path) -> Path:
    landing = tmp_path / "landing"
    source = write_csv(tmp_path / "a.csv", HAND_RECORDS)
    ingested = CliRunner().invoke(app, ["dossiers", "ingest", str(source), "--landing",
                                        str(landing)])
    assert ingested.exit_code == 0, ingested.output
    return landing


def _without_pyspark(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", WITHOUT_PYSPARK, *arguments],
                          capture_output=True, text=True)


def test_duckdb_measures_without_pyspark(tmp_path: Path) -> None:
    done = _without_pyspark("measure", "--period", "2024S1", "--landing",
                            str(_landing(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert "online_fullprocess_dossier_rate" in done.stdout


def test_spark_without_pyspark_names_the_extra(tmp_path: Path) -> None:
    done = _without_pyspark("measure", "--period", "2024S1", "--engine", "spark",
                            "--landing", str(_landing(tmp_path)))
    assert done.returncode == 1
    assert "MEASURE_ENGINE_NOT_INSTALLED" in done.stderr
    assert 'pip install "dxmon[spark]"' in done.stderr
    assert "Traceback" not in done.stderr


def test_the_extra_is_declared_and_installed_by_the_test_command() -> None:
    import tomllib

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert not any(d.startswith("pyspark") for d in project["dependencies"])
    assert any(d.startswith("pyspark") for d in project["optional-dependencies"]["spark"])
    assert '".[dev,spark]"' in (root / "scripts" / "setup.sh").read_text()
