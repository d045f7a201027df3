"""`newsmon run --dry-run` shows the plan and changes nothing: no database is created, an
existing one is opened read-only, and no request is sent."""

from __future__ import annotations

import hashlib

import crawler.runner as runner
from crawler.cli import main
from pipelines.db import connect

SOURCES = """[[source]]
name = "alpha"
url = "https://alpha.example/"
listings = ["https://alpha.example/news/"]
article = '/news/\\d+'
"""


def dry_run(tmp_path, db) -> int:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES, encoding="utf-8")
    return main(["run", "--sources", str(sources), "--db", str(db), "--dry-run"])


def test_a_dry_run_without_a_database_creates_none(tmp_path, capsys):
    db = tmp_path / "news.db"
    assert dry_run(tmp_path, db) == 0
    assert "never crawled successfully" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == [tmp_path / "sources.toml"]


def test_a_dry_run_opens_the_database_read_only_and_leaves_it_as_it_was(
    tmp_path, capsys, monkeypatch
):
    db_path = tmp_path / "news.db"
    db = connect(db_path)
    try:
        # a run left 'running' by a dead crawl: only a real run closes it
        db["crawl_runs"].insert(
            {"source": "alpha", "started_at": "2025-08-01T04:30:00+00:00", "status": "running"}
        )
    finally:
        db.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    opened = []
    real_connect = runner.connect

    def spy(path=None, *, readonly=False):
        opened.append(readonly)
        return real_connect(path, readonly=readonly)

    monkeypatch.setattr(runner, "connect", spy)
    assert dry_run(tmp_path, db_path) == 0
    assert "alpha" in capsys.readouterr().out
    assert opened and all(opened), "every open of the dry run is read-only"
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
