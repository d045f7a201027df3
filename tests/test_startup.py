"""`newsmon extract` is a command people run on one saved page: it loads the article chain and
nothing of the crawl (Scrapy and Twisted, redis, APScheduler, sqlite-utils with numpy), which
took 0.4 s of its start-up; nor the storage preparation (search index, MinHash with numpy),
which serves only the database (0.2 s of CPU over 25 pages, bench/cli_extract.py's set)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DEMO_PAGE = next(
    (Path(__file__).resolve().parents[1] / "crawler" / "demo" / "site").glob("*/[0-9]*-*.html")
)
CRAWL_ONLY = ("scrapy", "twisted", "redis", "apscheduler", "sqlite_utils")
STORAGE_ONLY = ("numpy", "datasketch")

PROGRAM = """
import json, sys
from crawler.cli import main
code = main(["extract", sys.argv[1]])
print(json.dumps({"code": code, "loaded": sorted(m for m in sys.modules if "." not in m)}))
"""


def test_newsmon_extract_loads_nothing_of_the_crawl():
    run = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(DEMO_PAGE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    *article, report = run.stdout.strip().splitlines()
    result = json.loads(report)
    assert result["code"] == 0
    assert json.loads(article[0])["body"]  # the page went through the chain
    assert not set(CRAWL_ONLY) & set(result["loaded"])
    assert not set(STORAGE_ONLY) & set(result["loaded"])
