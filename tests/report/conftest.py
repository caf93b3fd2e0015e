from pathlib import Path

import pytest

from dxmon.demo import load_demo
from dxmon.store.db import make_engine, transaction, upgrade

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    """A SQLite database holding the demo data (read-only for the tests that use it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    upgrade(url)
    engine = make_engine(url)
    with transaction(engine) as session:
        load_demo(session)
    engine.dispose()
    return url


@pytest.fixture
def demo_session(demo_url):
    engine = make_engine(demo_url)
    with transaction(engine) as session:
        yield session
    engine.dispose()


@pytest.fixture
def seed_text():
    def read(name: str) -> str:
        return (FIXTURES / "seeds" / name).read_text("utf-8")
    return read
