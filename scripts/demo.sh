#!/usr/bin/env bash
# The main job on the embedded default (SQLite file + DuckDB): install, load the demo data
# rebuilt from the seed reports, write the reports into ./out/ and serve the web application
# on http://127.0.0.1:8000 (Ctrl+C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dxmon demo "$@"
exec .venv/bin/dxmon serve
