#!/usr/bin/env bash
# Installs everything dxmon needs on a fresh Debian machine: system packages, a virtualenv
# in .venv with dxmon, its development tools and the Spark extra (the tests run both
# measurement engines), and a running PostgreSQL for the tests.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# postgresql: the production database, tested for real; fonts-liberation2: Times-metric serif
# with every Vietnamese glyph; libharfbuzz-subset0 + pango (base image): WeasyPrint's PDF;
# poppler-utils and libreoffice-writer-nogui: the tests render PDFs and open the DOCX;
# chromium: the browser tests drive Debian's chromium through Playwright.
APT_PACKAGES=(postgresql fonts-liberation2 fonts-dejavu-core libharfbuzz-subset0 libpango-1.0-0
              libpangoft2-1.0-0 poppler-utils libreoffice-writer-nogui default-jre-headless
              chromium)

missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "dxmon setup: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[dev,spark]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import dxmon" # fails loudly if the install did not work
