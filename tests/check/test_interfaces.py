"""``dxmon check`` and ``POST /api/v1/check``: the same findings, exit status, error shape."""

import io
import json
from pathlib import Path

import docx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dxmon.cli.app import app as cli
from dxmon.settings import Settings
from dxmon.web.app import create_app

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
HALF_YEAR = SEEDS / "bao-cao-6-thang-dau-nam-2024.txt"
runner = CliRunner()


@pytest.fixture
def client(tmp_path):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}", max_upload_bytes=200_000)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_cli_text_lists_findings_and_exits_1_on_error() -> None:
    result = runner.invoke(cli, ["check", str(HALF_YEAR)])
    assert result.exit_code == 1
    assert f"{HALF_YEAR}:228:1: lỗi/error [heading]" in result.output
    assert "8 lỗi/errors" in result.output


def test_cli_json_and_exit_0_when_clean(tmp_path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("Đã hoàn thành: **16/28** nhiệm vụ (57%).", "utf-8")
    result = runner.invoke(cli, ["check", str(clean), "--format", "json"])
    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)
    coverage = report.pop("coverage")
    assert report == {"name": str(clean), "error_count": 0, "warning_count": 0,
                      "note_count": 0, "findings": [], "findings_by_kind": {}, "data": None}
    assert coverage["numbers"] == 3 and coverage["checked"] == 3
    assert coverage["by_kind"] == {"fraction_percent": 3}


def test_cli_reads_docx_with_its_footnotes(tmp_path) -> None:
    document = docx.Document()
    document.add_paragraph("Đã hoàn thành: 16/28 nhiệm vụ (60%).")
    path = tmp_path / "draft.docx"
    document.save(str(path))
    result = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    [finding] = json.loads(result.output)[0]["findings"]
    assert finding["kind"] == "fraction_percent" and finding["expected"] == "57,0%"


def test_api_json_text_gives_the_cli_findings(client) -> None:
    response = client.post("/api/v1/check", json={"text": HALF_YEAR.read_text("utf-8"),
                                                  "name": "h1.txt"})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "h1.txt" and body["error_count"] == 8
    first = body["findings"][0]
    assert set(first) == {"kind", "severity", "line", "column", "end_column", "excerpt",
                          "stated", "expected", "message_vi", "message_en"}


def test_api_file_upload(client) -> None:
    files = {"file": ("h1.txt", io.BytesIO(HALF_YEAR.read_bytes()), "text/plain")}
    response = client.post("/api/v1/check", files=files)
    assert response.status_code == 200 and response.json()["error_count"] == 8


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400,
     "CHECK_BAD_REQUEST"),
    ({"json": {"name": "no text"}}, 400, "CHECK_BAD_REQUEST"),
    ({"json": {"text": "x" * 300_000}}, 413, "CHECK_TOO_LARGE"),
    ({"files": {"file": ("a.txt", io.BytesIO(b"\xff\xfe\x00bad"), "text/plain")}}, 400,
     "CHECK_NOT_UTF8"),
    ({"files": {"file": ("a.docx", io.BytesIO(b"not a zip"), "application/zip")}}, 400,
     "CHECK_BAD_DOCX"),
    ({"files": {"other": ("a.txt", io.BytesIO(b"x"), "text/plain")}}, 400, "CHECK_NO_FILE"),
])
def test_api_bad_input_is_a_clear_4xx(client, kwargs, status, code) -> None:
    response = client.post("/api/v1/check", **kwargs)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message_vi"] and error["message_en"]
