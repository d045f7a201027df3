"""`newsmon demo`: serve the bundled sample site on 127.0.0.1 and crawl it like any real source.

The only differences from a real crawl are the sources file (the demo entry, pointed at the
local server) and no politeness delay against our own loopback server.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import tomllib
from pathlib import Path

from crawler.demo.server import LocalSite
from crawler.runner import CrawlRequest, run_crawls, summary_table
from pipelines.db import connect

DEMO_DIR = Path(__file__).resolve().parent
REGEX_KEYS = {"article", "follow"}
LOCAL_SETTINGS = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}
# Always the same address, so the article URLs are the same from one demo run to the next and
# a second run shows the crawl is incremental.
DEMO_PORT = 8765


def demo_sources_toml(base: str, template: Path = DEMO_DIR / "sources.toml") -> str:
    """The demo's sources file with `{base}` replaced by the server URL (escaped in regexes)."""
    data = tomllib.loads(template.read_text(encoding="utf-8"))
    lines = []
    for entry in data["source"]:
        lines.append("[[source]]")
        for key, value in entry.items():
            replacement = re.escape(base) if key in REGEX_KEYS else base
            if isinstance(value, list):
                value = [v.replace("{base}", replacement) for v in value]
            elif isinstance(value, str):
                value = value.replace("{base}", replacement)
            # A JSON string or list of strings is also a valid TOML basic string / array.
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
        lines.append("")
    return "\n".join(lines)


def run_demo(db_path: Path, port: int = DEMO_PORT, distributed: bool = False) -> int:
    try:
        site = LocalSite(DEMO_DIR / "site", port=port)
        site.start()
    except OSError as exc:
        print(
            f"newsmon demo: cannot listen on 127.0.0.1:{port} ({exc}); use --port", file=sys.stderr
        )
        return 2
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sources_file = Path(tmp) / "demo-sources.toml"
            sources_file.write_text(demo_sources_toml(site.base_url), encoding="utf-8")
            names = [s["name"] for s in tomllib.loads(sources_file.read_text())["source"]]
            print(f"Serving the demo site at {site.base_url}/ and crawling it into {db_path} ...")
            request = CrawlRequest(
                sources=names, sources_file=sources_file, db=db_path, settings=LOCAL_SETTINGS
            )
            if distributed:  # redis-server, two workers and the writer on this machine
                from crawler.distributed.local import run_local

                runs = run_local(request, workers=2)
            else:
                runs = run_crawls(request)
    finally:
        site.stop()
    print(summary_table(runs))
    print()
    print(describe_database(db_path))
    return 1 if any(r["status"] == "failed" for r in runs) else 0


def describe_database(db_path: Path) -> str:
    db = connect(db_path)
    try:
        lines = [
            f"{db_path} now holds {db['articles'].count} articles, {db['figures'].count} figures, "
            f"{db['mentioned_dates'].count} mentioned dates, {db['places'].count} places, "
            f"{db['crawl_runs'].count} run record(s).",
            "",
            "Newest articles:",
        ]
        for row in db.query(
            "select published_at, title from articles order by published_at desc limit 5"
        ):
            lines.append(f"  {row['published_at'] or '?':25} {row['title']}")
        facts = db["facts"].count
        duplicates = db.execute("select count(*) from articles where duplicate_of").fetchone()[0]
        events, kg = db.execute(
            "select count(*), coalesce(sum(kg), 0) from seizure_events"
        ).fetchone()
        lines += [
            "",
            f"{facts} facts (distinct claims); {duplicates} article(s) republish an earlier one.",
            f"Seized in events: {kg:,.3f} kg in {events} events, each counted once"
            " (seizure_events: totals only; statistics over a period are not events).",
            "",
            "Largest seizure events:",
        ]
        for row in db.query(
            "select kg, substance, region, event_day, n_articles, n_sources, quote "
            "from seizure_events order by kg desc limit 5"
        ):
            lines.append(
                f"  {row['kg']:>10,.3f} kg  {row['substance'] or '':10} {row['region'] or '':6}"
                f" {row['event_day'] or '':10}  {row['n_articles']} article(s),"
                f" {row['n_sources']} source(s)  «{row['quote']}»"
            )
        lines += [
            "",
            f"Browse it: .venv/bin/newsmon serve --db {db_path}"
            "   (Datasette on http://127.0.0.1:8001/)",
            "Run `newsmon demo` again: nothing is fetched twice.",
        ]
        return "\n".join(lines)
    finally:
        db.close()
