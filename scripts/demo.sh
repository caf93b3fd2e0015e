#!/usr/bin/env bash
# The main job on the embedded default (SQLite file + DuckDB): install, load the demo data
# rebuilt from the seed reports, write the reports into ./out/ and serve the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/dxmon demo "$@"
