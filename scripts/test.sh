#!/usr/bin/env bash
# The whole test suite, as CI runs it: install, start PostgreSQL, lint, type-check, test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/start-postgres.sh
export DXMON_REQUIRE_POSTGRES=1   # PostgreSQL tests must run, not skip
export DXMON_REQUIRE_BROWSER=1    # so must the browser tests (Debian's chromium + Playwright)
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
