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
# re2 compiles the sources' URL patterns, which only a crawl reads
CRAWL_ONLY = ("scrapy", "twisted", "redis", "apscheduler", "sqlite_utils", "re2")
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


EXIT_PROGRAM = """
import atexit, sys
from crawler.cli import run
atexit.register(lambda: print("interpreter teardown", file=sys.stderr))
sys.argv = ["newsmon", *sys.argv[1:]]
run()
"""


def _newsmon(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", EXIT_PROGRAM, *args],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )


def test_newsmon_extract_ends_without_teardown_and_prints_everything(tmp_path):
    # a quarter of a second of a one-page run was the interpreter freeing the models' objects
    pages = [DEMO_PAGE] * 12
    run = _newsmon("extract", *map(str, pages))
    assert run.returncode == 0, run.stderr
    assert "interpreter teardown" not in run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == len(pages)  # every object printed in full before the process ended
    assert all(json.loads(line)["figures"] for line in lines)


def test_a_failed_input_still_exits_1_without_teardown(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("Изъято 5 кг гашиша.", encoding="utf-8")
    run = _newsmon("extract", "--text", str(text), str(tmp_path / "missing.txt"))
    assert run.returncode == 1
    assert "missing.txt" in run.stderr and "interpreter teardown" not in run.stderr
    assert json.loads(run.stdout)["figures"][0]["unit"] == "kg"


def test_other_commands_exit_as_usual(tmp_path):
    run = _newsmon("stats", "drugs_seized", "--db", str(tmp_path / "none.db"))
    assert "interpreter teardown" in run.stderr  # atexit handlers, open files: closed as always


GC_PROGRAM = """
import gc, json, sys
from crawler.cli import main
code = main(["extract", sys.argv[1]])
print(json.dumps({"code": code, "frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}))
"""


def test_the_loaded_chain_is_kept_out_of_the_collectors_reach():
    run = subprocess.run(
        [sys.executable, "-c", GC_PROGRAM, str(DEMO_PAGE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["code"] == 0 and result["enabled"]
    assert result["frozen"] > 50_000  # the morphology, word lists and rules, traversed once
