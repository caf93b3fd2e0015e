from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def seed_text():
    def read(name: str) -> str:
        return (FIXTURES / "seeds" / name).read_text("utf-8")
    return read
