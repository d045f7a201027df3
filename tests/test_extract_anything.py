"""`newsmon extract` on anything, and the same check in the crawl: a gzip-compressed page is
read, any other non-HTML input is refused with a clear message and a non-zero exit (never
invented figures), and a page whose bytes are not text is an error of the crawl, not stored."""

from __future__ import annotations

import gzip
import json

import pytest

from crawler.cli import main
from crawler.demo.server import LocalSite
from tests.conftest import crawl, rows
from tests.support.sites import article_html

PAGE = article_html(
    "Итоги месяца",
    "За месяц изъято более 14 тонн наркотических средств.",
    "2025-08-06T12:00:00+05:00",
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"\x00\x01\x02binary" * 200
# No known format, just bytes: what a broken server or a random download sends
NOISE = bytes((i * 37 + 11) % 256 for i in range(5000))


def extract(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_gzip_compressed_page_is_decompressed(tmp_path, capsys):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    code, out, _ = extract(capsys, str(path))
    assert code == 0
    record = json.loads(out)
    assert record["title"] == "Итоги месяца"
    assert record["body"].startswith("За месяц изъято более 14 тонн")
    # article_html() states the sentence five times
    assert [(f["value"], f["unit"]) for f in record["figures"]] == [(14000, "kg")] * 5


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("image.png", PNG, "not an HTML page or text: a PNG image; nothing extracted"),
        ("report.pdf", PDF, "not an HTML page or text: a PDF document; nothing extracted"),
        ("noise.bin", NOISE, "not an HTML page or text: binary data, not text"),
        ("empty.html", b"", "empty: nothing to extract"),
        ("blank.html", b" \n\t\n", "empty: nothing to extract"),
        ("archive.gz", gzip.compress(PNG), "a PNG image"),
        ("broken.html.gz", b"\x1f\x8b\x08\x00garbage", "gzip-compressed, but not readable gzip"),
        ("notes.txt", "Изъято 5 кг.".encode(), "no HTML markup in it; for a plain-text file use"),
    ],
)
def test_anything_else_is_refused_with_a_message_and_exit_1(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = extract(capsys, str(path))
    assert code == 1
    assert out == ""  # no record, so no invented figures
    assert err.startswith(f"newsmon extract: {path}: ")
    assert message in err


def test_text_mode_refuses_binary_too(tmp_path, capsys):
    path = tmp_path / "image.png"
    path.write_bytes(PNG)
    code, out, err = extract(capsys, "--text", str(path))
    assert (code, out) == (1, "")
    assert "a PNG image" in err


def test_one_bad_input_does_not_cost_the_others(tmp_path, capsys):
    good, bad = tmp_path / "a.html", tmp_path / "b.png"
    good.write_text(PAGE, encoding="utf-8")
    bad.write_bytes(PNG)
    code, out, err = extract(capsys, str(bad), str(good))
    assert code == 1
    assert json.loads(out)["title"] == "Итоги месяца"
    assert "b.png" in err


def test_extract_over_http_reads_gzip_and_refuses_a_png(capsys):
    site = LocalSite()
    base = site.start()
    try:
        site.add("/page.html.gz", gzip.compress(PAGE.encode()), Content_Type="application/gzip")
        site.add("/photo.html", PNG, Content_Type="text/html")
        code, out, err = extract(capsys, f"{base}/page.html.gz", f"{base}/photo.html")
    finally:
        site.stop()
    assert code == 1
    assert json.loads(out)["title"] == "Итоги месяца"
    assert f"{base}/photo.html: not an HTML page or text: a PNG image" in err


def test_the_crawl_counts_bytes_that_are_not_text_as_errors(tmp_path):
    site = LocalSite()
    base = site.start()
    try:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", Content_Type="text/plain")
        links = "".join(f'<a href="/news/{n}-a.html">{n}</a>' for n in (1, 2, 3))
        site.add("/news/", f"<html><body>{links}</body></html>", Content_Type="text/html")
        site.add("/news/1-a.html", PAGE, Content_Type="text/html; charset=utf-8")
        site.add("/news/2-a.html", NOISE, Content_Type="text/html; charset=utf-8")
        site.add("/news/3-a.html", PDF, Content_Type="text/html")
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "binary"\nurl = "{base}/"\nlistings = ["{base}/news/"]\n'
            "article = '/news/\\d+-a\\.html'\n",
            encoding="utf-8",
        )
        db = tmp_path / "news.db"
        assert crawl(sources, db) == 0
    finally:
        site.stop()
    assert [r["url"] for r in rows(db, "select url from articles")] == [f"{base}/news/1-a.html"]
    errors = {r["url"].rsplit("/", 1)[1]: r for r in rows(db, "select * from errors")}
    assert errors["2-a.html"]["kind"] == "not_text"
    assert errors["2-a.html"]["message"].startswith("not an HTML page: binary data, not text")
    assert errors["3-a.html"]["kind"] == "not_html"
    assert "a PDF document" in errors["3-a.html"]["message"]
    assert rows(db, "select error_kinds from crawl_runs")[0]["error_kinds"] == (
        '{"not_html": 1, "not_text": 1}'
    )
