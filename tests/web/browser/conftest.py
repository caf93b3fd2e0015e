"""A real dxmon server over the demo data, and Debian's chromium driven by Playwright.

Skips with a reason when chromium or Playwright is missing, unless ``DXMON_REQUIRE_BROWSER=1``
(set by ``scripts/test.sh``), where a missing browser is a failure. Screenshots go to
``$DXMON_ARTIFACTS_DIR`` (default ``tests/artifacts/``, ignored by git).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.web.live import serving

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("DXMON_ARTIFACTS_DIR",
                                Path(__file__).resolve().parents[2] / "artifacts"))


def _missing_browser() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    problem = _missing_browser()
    if problem:
        if os.environ.get("DXMON_REQUIRE_BROWSER") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def server(demo_url):
    """The dashboard over the demo data (read-only: no test writes through it)."""
    with serving(demo_url) as url:
        yield url


@pytest.fixture
def writable_server(demo_url, tmp_path):
    """A server over a copy of the demo data, for the tests that write (data entry)."""
    copy = tmp_path / "demo-copy.db"
    shutil.copyfile(demo_url.removeprefix("sqlite:///"), copy)
    with serving(f"sqlite:///{copy}") as url:
        yield url, f"sqlite:///{copy}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
