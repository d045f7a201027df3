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
# newsmon's own modules compiled once, as pip compiles what it installs: with
# PYTHONDONTWRITEBYTECODE set, each `newsmon` process the tests start would compile them again
.venv/bin/python -m compileall -q crawler pipelines newsmon_datasette scheduler.py >/dev/null

# The browser test (tests/test_browser.py) drives Debian's Chromium through Playwright's Python
# package (no browser download). Install Chromium when it is missing and we may; otherwise that
# test skips and says why.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium (apt-get)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
      >/dev/null) || echo "could not install chromium: the browser test will be skipped"
  else
    echo "chromium is missing and cannot be installed here: the browser test will be skipped"
  fi
fi

# The cluster tests (tests/test_distributed.py) start a real redis-server (Debian package) on a
# free port; installed the same way, else those tests skip and say why.
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing redis-server (apt-get)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server \
      >/dev/null) || echo "could not install redis-server: the cluster tests will be skipped"
  else
    echo "redis-server is missing and cannot be installed here: the cluster tests will be skipped"
  fi
fi

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== generated docs (cog)"
.venv/bin/cog --check README.md docs/hostile.md docs/extraction.md docs/places.md

echo "== import contracts (pyproject.toml [tool.importlinter])"
.venv/bin/lint-imports

echo "== pytest"
.venv/bin/python -m pytest "$@"
