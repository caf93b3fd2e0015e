"""Defect 13 of issue 16 (the smaller points fixed here)."""

import os
import subprocess
import sys

import pytest

from dxmon.collect import tabular, validation
from dxmon.errors import DxmonError


def _cli(*args: str, database: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DXMON_DATABASE_URL": database}
    return subprocess.run([sys.executable, "-m", "dxmon.cli.app", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_short_password_is_refused_without_echoing_it(tmp_path):
    run = _cli("user", "add", "--username", "ana", "--role", "analyst", "--password", "S3cr!",
               database=f"sqlite:///{tmp_path / 'x.db'}")
    assert run.returncode == 1
    assert "USER_INVALID" in run.stderr and "password" in run.stderr
    assert "S3cr!" not in run.stdout + run.stderr


@pytest.mark.parametrize("text", ["1_000", "１２", "٣", "1 2_3"])
def test_only_plain_digits_are_numbers(text):
    with pytest.raises(ValueError):
        validation.parse_number(text)


@pytest.mark.parametrize(("comment", "reason"), [("x" * 5001, "long"), ("a\x00b", "control")])
def test_comments_are_bounded_and_printable(comment, reason):
    problems: list[tuple[str, str]] = []

    class Collect:
        def add(self, code: str, field_name: str, vi: str, en: str) -> None:
            problems.append((code, field_name))

    validation.check_values(None, {"value": "1", "comment": comment}, Collect())
    assert problems == [("IMPORT_COMMENT_INVALID", "comment")], reason


def test_an_unclosed_csv_quote_is_refused():
    with pytest.raises(DxmonError) as raised:
        tabular.read_rows(b'indicator,scope,period,value\nx,nation,2024,"1\n', "open.csv")
    assert raised.value.code == "IMPORT_CSV_MALFORMED"
