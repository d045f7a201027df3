from __future__ import annotations

from pathlib import Path

import pytest

from crawler.cli import main
from pipelines.db import connect

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
# Crawls of our own loopback servers need no politeness delay.
FAST = ["--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False"]


def shared_path(*parts: str) -> Path:
    """A path in ../shared (real material beside the repo); skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def news_site():
    from tests.support.sites import NewsTestSite

    site = NewsTestSite()
    site.start()
    yield site
    site.site.stop()


def crawl(sources: Path, db: Path, *args: str) -> int:
    """Run `newsmon crawl` exactly as a user would (children are real `scrapy crawl` processes)."""
    return main(["crawl", "--sources", str(sources), "--db", str(db), *FAST, *args])


def rows(db_path: Path, sql: str, params=()) -> list[dict]:
    db = connect(db_path)
    try:
        return list(db.query(sql, params))
    finally:
        db.close()
