"""Issue 14's site bars on a reduced bench/layout_sites.py: 12 held-out articles over a zakon-like
and a genproc-like site, 3 per listing page (so most are reachable only through page 2 and
beyond), a DESIGN.md-style sources file with unanchored patterns, the real crawl run twice."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

layout_sites = pytest.importorskip("layout_sites")


@pytest.fixture(scope="module")
def result():
    if not (BENCH / "heldout").exists():
        pytest.skip("bench/heldout is not available")
    return layout_sites.run_bench(7, 5, per_page=3)


def test_every_article_is_found_through_the_listing_pages(result):
    assert result["runs"] == [0, 0]
    assert result["total"] == 12
    assert result["found"] == 12, result["missing"]


def test_no_body_keeps_the_sites_chrome_nor_loses_its_text(result):
    assert result["chromed"] == []
    assert result["text_lost"] == []


def test_the_publication_day_and_instant_are_the_ones_shown_next_to_the_headline(result):
    assert result["day"] == 12, result["dates"]
    assert result["instant"] == 12, result["dates"]


def test_the_second_run_downloads_no_article_again(result):
    assert result["downloaded_again"] == 0
