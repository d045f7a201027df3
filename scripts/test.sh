#!/usr/bin/env bash
# The test command (README command 2; .ci/run calls it): set up everything the tests need on a
# fresh machine, then lint and run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== pytest"
.venv/bin/python -m pytest "$@"
