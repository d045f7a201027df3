"""Watches (pipelines/watches.py, `newsmon watch`, the Atom feeds): each fact fires a watch once,
however many articles restate it; a second run fires nothing; a run killed between delivering and
recording delivers again (at least once), marked as a repeat; the feeds are Atom and link facts."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from crawler.demo.run import DEMO_DIR, LOCAL_SETTINGS, demo_sources_toml
from crawler.demo.server import LocalSite
from crawler.runner import CrawlRequest, run_crawls
from crawler.serve import build_datasette
from pipelines.db import connect
from pipelines.watches import WatchError, load_watches, matches, run_watches

REPO = Path(__file__).resolve().parents[1]
ATOM = "{http://www.w3.org/2005/Atom}"

WATCHES = """
[[watch]]
name = "big_kz"
title = "Seizure of 30 kg or more in Kazakhstan"
indicator = "drugs_seized"
scope = "event"
region = "KZ"
unit = "kg"
min = 30

[[watch]]
name = "record"
kind = "maximum"
indicator = "drugs_seized"
scope = "event"
unit = "kg"

[[watch]]
name = "crimes_ytd"
kind = "ytd"
indicator = "drug_crimes"
pct = 10
"""


def newsmon(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def fired(output: str) -> list[tuple[str, int]]:
    """(watch, fact) of each hit `newsmon watch` printed."""
    out, watch = [], None
    for line in output.splitlines():
        head = re.match(r"\[(\w+)\] ", line)
        if head:
            watch = head.group(1)
        fact = re.search(r"\(fact (\d+)\)$", line)
        if fact:
            out.append((watch, int(fact.group(1))))
    return out


@pytest.fixture
def watches_file(tmp_path):
    path = tmp_path / "watches.toml"
    path.write_text(WATCHES, encoding="utf-8")
    return path


# --- the demo, then the republished release -----------------------------------------------


def test_demo_replay_fires_each_fact_once(tmp_path, watches_file):
    db_path = tmp_path / "demo.db"
    site = LocalSite(DEMO_DIR / "site")
    site.start()
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(demo_sources_toml(site.base_url), encoding="utf-8")

        def crawl(name):
            request = CrawlRequest(
                sources=[name], sources_file=sources, db=db_path, settings=LOCAL_SETTINGS
            )
            runs = run_crawls(request)
            assert [r["status"] for r in runs] == ["ok"], runs

        crawl("demo_zakon")
        first = newsmon("watch", "--db", str(db_path), "--watches", str(watches_file))
        assert first.returncode == 3, first.stderr
        hits = fired(first.stdout)
        assert len(hits) == len(set(hits))  # a fact fires a watch once
        db = connect(db_path)
        mefedrone = db.execute("select id from facts where quote = '36 кг 808 граммов'").fetchone()[
            0
        ]
        assert ("big_kz", mefedrone) in hits
        assert {f for w, f in hits if w == "big_kz"} == {mefedrone}  # the only one over 30 kg
        assert any(w == "crimes_ytd" for w, _ in hits)  # Кузбасс: −12,4 % as stated
        assert "«36 кг 808 граммов»" in first.stdout and "36,808\u00a0кг" in first.stdout
        db.close()

        crawl("demo_vestnik")  # republishes the Pavlodar release a day later
        db = connect(db_path)
        n_sources = db.execute("select n_sources from facts where id = ?", [mefedrone]).fetchone()
        assert n_sources[0] == 2  # the republication joined the same fact
        db.close()
        second = newsmon("watch", "--db", str(db_path), "--watches", str(watches_file))
        assert second.returncode == 0, second.stdout + second.stderr
        assert fired(second.stdout) == []
        third = newsmon("watch", "--db", str(db_path), "--watches", str(watches_file))
        assert (third.returncode, fired(third.stdout)) == (0, [])
        assert "nothing new" in third.stdout
        db = connect(db_path)
        rows = db.execute(
            "select watch, fact_id, deliveries, delivered_at from watch_hits"
        ).fetchall()
        db.close()
        assert sorted((w, f) for w, f, _, _ in rows) == sorted(hits)
        assert all(n == 1 and at for _, _, n, at in rows)
    finally:
        site.stop()


# --- the three kinds on facts we write ------------------------------------------------------

FACTS = [
    # id, indicator, region, scope, unit, value, role, period_start, period_end, event_day
    (1, "drugs_seized", "KZ-55", "event", "kg", 10.0, "value", None, None, "2025-01-05"),
    (2, "drugs_seized", "KZ-55", "event", "kg", 5.0, "value", None, None, "2025-02-05"),
    (3, "drugs_seized", "KZ-55", "event", "kg", 12.0, "total", None, None, "2025-03-05"),
    (4, "drugs_seized", "KZ-75", "event", "kg", 50.0, "value", None, None, "2025-03-06"),
    (5, "drugs_seized", "RU-KEM", "event", "kg", 400.0, "value", None, None, "2025-03-07"),
    (6, "drug_crimes", "KZ", "period", "count", 1000.0, "baseline", "2024-01-01", "2024-09-30",
     None),
    (7, "drug_crimes", "KZ", "period", "count", 1150.0, "value", "2025-01-01", "2025-09-30", None),
    (8, "drug_crimes", "KZ-75", "period", "count", 100.0, "baseline", "2024-01-01",
     "2024-09-30", None),
    (9, "drug_crimes", "KZ-75", "period", "count", 105.0, "value", "2025-01-01", "2025-09-30",
     None),
    (10, "drug_crimes", "RU-KEM", "period", "percent", 12.4, "change", "2025-01-01",
     "2025-09-30", None),
    (11, "drugs_seized", "KZ-55", "event", "kg", 99.0, "baseline", None, None, "2025-03-08"),
]  # fmt: skip


@pytest.fixture
def facts_db(tmp_path):
    path = tmp_path / "facts.db"
    db = connect(path)
    keys = ("id", "indicator", "region", "scope", "unit", "value", "role", "period_start",
            "period_end", "event_day")  # fmt: skip
    for row in FACTS:
        fact = dict(zip(keys, row, strict=True))
        fact.update(quote=f"quote {row[0]}", first_published_at="2025-10-01T10:00:00+05:00")
        db["facts"].insert(fact)
    db["sources"].insert({"name": "s", "url": "https://s/"}, pk="name")
    db.execute(
        "insert into articles (id, source, url, title, fetched_at, content_hash, version)"
        " values (1, 's', 'https://s/1', 'T', '2025-10-01T05:00:00+00:00', 'h', 1)"
    )
    db.execute(
        "insert into figures (article_id, fact_id, value, unit, change) "
        "values (1, 10, 12.4, 'percent', 'decrease')"
    )
    db.conn.commit()
    db.close()
    return path


def kinds(path, text):
    watches_path = Path(path).parent / "w.toml"
    watches_path.write_text(text, encoding="utf-8")
    db = connect(path)
    try:
        return {w.name: [h.fact_id for h in matches(db, w)] for w in load_watches(watches_path)}
    finally:
        db.close()


def test_filter_maximum_and_ytd(facts_db):
    got = kinds(facts_db, WATCHES)
    # 30 kg or more in KZ or its regions; a baseline is never an alert; RU is not KZ
    assert got["big_kz"] == [4]
    # larger than every earlier fact of its region: 3 beats 10; the first of a region beats none
    assert got["record"] == [3]
    # +15 % (from a baseline) and −12,4 % (stated) pass 10 %; +5 % does not
    assert sorted(got["crimes_ytd"]) == [7, 10]
    down = kinds(facts_db, WATCHES.replace("pct = 10", 'pct = 10\ndirection = "down"'))
    assert down["crimes_ytd"] == [10]
    narrow = kinds(facts_db, WATCHES.replace("min = 30", "min = 30\nmax = 40"))
    assert narrow["big_kz"] == []


def test_bad_watch_files_are_refused(tmp_path):
    for text, words in (
        ('[[watch]]\nname = "a"\nkind = "sometimes"', "kind"),
        ('[[watch]]\nname = "a"\nkind = "maximum"', "indicator"),
        ('[[watch]]\nname = "a"\nkind = "ytd"\nindicator = "x"', "pct"),
        ('[[watch]]\nname = "a"\nminimum = 3', "unknown"),
        ('[[watch]]\nname = "a"\n[[watch]]\nname = "a"', "unique"),
    ):
        path = tmp_path / "bad.toml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(WatchError, match=words):
            load_watches(path)
        run = newsmon("watch", "--db", str(tmp_path / "none.db"), "--watches", str(path))
        assert run.returncode == 2 and words in run.stderr


def test_the_shipped_watches_file_loads():
    watches = load_watches(REPO / "data" / "watches.toml")
    assert {w.kind for w in watches} == {"filter", "maximum", "ytd"}
    assert tomllib.loads((REPO / "data" / "watches.toml").read_text()).get("notify") is None


# --- SIGKILL between delivering and recording -----------------------------------------------

KILLED_RUN = """
import os, signal, sys
from pipelines.db import connect
from pipelines.watches import load_watches, run_watches

def deliver(hits):
    with open(sys.argv[3], "w") as out:
        out.write("\\n".join(f"{h.watch} {h.fact_id}" for h in hits))
        out.flush()
        os.fsync(out.fileno())
    os.kill(os.getpid(), signal.SIGKILL)  # delivered, not yet recorded as delivered

run_watches(connect(sys.argv[1]), load_watches(sys.argv[2]), deliver)
"""


def test_sigkill_between_delivery_and_record_delivers_again_once(facts_db, watches_file, tmp_path):
    delivered = tmp_path / "delivered.txt"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(facts_db), str(watches_file), str(delivered)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr
    first = sorted(
        (w, int(f)) for w, f in (line.split() for line in delivered.read_text().splitlines())
    )
    assert first == [("big_kz", 4), ("crimes_ytd", 7), ("crimes_ytd", 10), ("record", 3)]
    db = connect(facts_db)
    pending = db.execute("select count(*) from watch_hits where delivered_at is null").fetchone()
    db.close()
    assert pending[0] == 4  # recorded as found, never confirmed

    again = newsmon("watch", "--db", str(facts_db), "--watches", str(watches_file))
    assert again.returncode == 3
    assert sorted(fired(again.stdout)) == first  # at least once: nothing lost
    assert again.stdout.count("(repeat: the previous run stopped") == 4
    last = newsmon("watch", "--db", str(facts_db), "--watches", str(watches_file))
    assert (last.returncode, fired(last.stdout)) == (0, [])


def test_a_new_fact_after_a_run_fires_alone(facts_db, watches_file):
    db = connect(facts_db)
    assert len(run_watches(db, load_watches(watches_file), lambda hits: None)) == 4
    db["facts"].insert(
        {"id": 20, "indicator": "drugs_seized", "region": "KZ-55", "scope": "event",
         "unit": "kg", "value": 31.0, "role": "value", "quote": "31 кг"}
    )  # fmt: skip
    db.conn.commit()
    new = run_watches(db, load_watches(watches_file), lambda hits: None)
    db.close()
    assert sorted((h.watch, h.fact_id) for h in new) == [("big_kz", 20), ("record", 20)]


# --- the Atom feed ---------------------------------------------------------------------------


def test_atom_feed_is_xml_and_links_each_fact(facts_db, watches_file):
    ds = build_datasette(facts_db, watches=watches_file)

    async def get(path):
        await ds.invoke_startup()
        return await ds.client.get(path)

    response = asyncio.run(get("/-/watches/crimes_ytd.atom"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # well-formed XML
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text and feed.find(f"{ATOM}updated").text
    links = sorted(
        e.find(f"{ATOM}link[@rel='alternate']").attrib["href"] for e in feed.iter(f"{ATOM}entry")
    )
    assert [link.rsplit("/news/facts/", 1)[1] for link in links] == ["10", "7"]
    for entry in feed.iter(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{tag}") is not None, tag
        fact_page = asyncio.run(get(entry.find(f"{ATOM}link").attrib["href"].split("localhost")[1]))
        assert fact_page.status_code == 200
    assert asyncio.run(get("/-/watches/nope.atom")).status_code == 404
    listing = asyncio.run(get("/-/watches"))
    assert listing.status_code == 200 and "/-/watches/record.atom" in listing.text


def test_push_through_apprise(facts_db, watches_file, tmp_path):
    pytest.importorskip("apprise")
    import http.server
    import json
    import threading

    received = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        text = watches_file.read_text() + "\n"
        config = tmp_path / "notify.toml"
        config.write_text(f'notify = ["json://127.0.0.1:{server.server_port}/"]\n' + text)
        run = newsmon("watch", "--db", str(facts_db), "--watches", str(config))
    finally:
        server.shutdown()
    assert run.returncode == 3, run.stderr
    assert len(received) == 1 and "(fact 4)" in received[0]["message"]
