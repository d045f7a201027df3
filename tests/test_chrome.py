"""Site chrome learned per source (pipelines/chrome.py): lines on many pages of one source leave
the body, a line of one article never does; `newsmon reextract` applies what was learned."""

from __future__ import annotations

import pytest

from crawler.sources import Source
from pipelines.articles import store_article, upsert_source
from pipelines.chrome import (
    LEARNED_CHROME,
    OWN_HEADLINE,
    learn_page,
    line_key,
    load_chrome,
    remove_chrome,
    strip_site_chrome,
)
from pipelines.db import connect, write_transaction
from pipelines.items import ArticleRecord
from pipelines.reextract import reextract

SOURCE = Source(name="chrome_news", url="https://chrome.example/", article=r"/news/\d+")
SUBSCRIBE = "Следите за новостями в Telegram и Instagram"
ARTICLE_ONLY = "Полицейские Павлодара изъяли 5 кг гашиша у жителя области."


def text_of(n: int) -> str:
    return (
        f"В городе {n} задержан сбытчик, при нём найдено {n + 2} грамма героина и весы.\n"
        f"Возбуждено уголовное дело номер {1000 + n}, подозреваемый под стражей.\n"
        f"Просмотров: {100 * n + 7}\n{SUBSCRIBE}"
    )


def page_html(n: int, extra: str = "") -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in (extra + text_of(n)).split("\n") if line)
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Новость {n}</title></head><body><main><article><h1>Сбытчик номер {n} задержан</h1>
<div class="date">0{n % 9 + 1}.05.2024 10:{n % 50 + 10}</div>{paragraphs}</article></main>
</body></html>"""


@pytest.fixture
def db(tmp_path):
    database = connect(tmp_path / "chrome.db")
    yield database
    database.close()


def learn(db, pages: dict[str, str]) -> None:
    with write_transaction(db):
        for url, body in pages.items():
            learn_page(db, SOURCE.name, url, body)


def test_a_line_on_many_pages_is_removed_a_line_on_one_page_never(db):
    bodies = {f"https://chrome.example/news/{n}": text_of(n) for n in range(1, 9)}
    bodies["https://chrome.example/news/9"] = ARTICLE_ONLY + "\n" + text_of(9)
    learn(db, bodies)
    chrome = load_chrome(db, SOURCE.name, min_pages=5, min_share=0.5)
    cleaned = remove_chrome(bodies["https://chrome.example/news/9"], chrome)
    assert SUBSCRIBE not in cleaned
    assert "Просмотров" not in cleaned  # «Просмотров: 907» is the same line as «Просмотров: 107»
    assert ARTICLE_ONLY in cleaned and "героина" in cleaned
    assert line_key(ARTICLE_ONLY) not in chrome


def test_a_line_is_never_chrome_below_the_page_count_or_share(db):
    learn(db, {f"https://chrome.example/news/{n}": text_of(n) for n in range(1, 5)})
    assert load_chrome(db, SOURCE.name, min_pages=5) == frozenset()
    # even with min_pages=1 asked for, a line must be on two pages
    learn(db, {"https://chrome.example/news/99": ARTICLE_ONLY})
    assert line_key(ARTICLE_ONLY) not in load_chrome(db, SOURCE.name, min_pages=1, min_share=0)
    # 4 pages of 24 is under the share: a phrase some articles share is not chrome
    learn(db, {f"https://chrome.example/news/{n}": f"Текст статьи {n}." for n in range(10, 30)})
    assert line_key(SUBSCRIBE) not in load_chrome(db, SOURCE.name, min_pages=3, min_share=0.5)


def test_a_page_counts_once_and_sources_are_apart(db):
    for _ in range(6):
        learn(db, {"https://chrome.example/news/1": text_of(1)})
    assert load_chrome(db, SOURCE.name, min_pages=2) == frozenset()
    with write_transaction(db):
        for n in range(6):
            learn_page(db, "other", f"https://other.example/{n}", SUBSCRIBE)
    assert load_chrome(db, SOURCE.name, min_pages=2) == frozenset()
    assert line_key(SUBSCRIBE) in load_chrome(db, "other", min_pages=2)


def test_the_learned_chrome_is_read_through_the_index_of_lines_seen_twice(db):
    # the crawl reloads it after every page: a scan of every line a source ever had (nearly
    # all seen on one page) would grow with the run
    learn(db, {f"https://chrome.example/news/{n}": text_of(n) for n in range(6)})
    plan = db.execute("explain query plan " + LEARNED_CHROME, [SOURCE.name, 2, 0.5, 6]).fetchall()
    assert any("pages_seen>?" in row[-1] and "INDEX" in row[-1] for row in plan), plan
    assert line_key(SUBSCRIBE) in load_chrome(db, SOURCE.name, min_pages=2)


def test_read_also_list_after_a_chrome_heading_goes_with_it():
    body = "Текст новости о задержании.\nЕщё одна фраза статьи.\nЧитайте также:\nДругая новость\n"
    chrome = frozenset({line_key("Читайте также:")})
    assert remove_chrome(body + "Третья новость", chrome) == (
        "Текст новости о задержании.\nЕщё одна фраза статьи."
    )


def test_reextract_removes_the_chrome_from_stored_pages(tmp_path):
    db_path = tmp_path / "stored.db"
    db = connect(db_path)
    try:
        upsert_source(db, SOURCE, "{}")
        for n in range(1, 9):
            extra = ARTICLE_ONLY + "\n" if n == 3 else ""
            record = ArticleRecord(
                source=SOURCE.name,
                url=f"https://chrome.example/news/{n}",
                html=page_html(n, extra),
                fetched_at="2024-05-10T10:00:00+00:00",
                body=extra + text_of(n),  # stored before any chrome was learned
                title=f"Сбытчик номер {n} задержан",
            )
            store_article(db, record)
    finally:
        db.close()
    counts = reextract(db_path)
    assert counts["updated"] == 8
    db = connect(db_path)
    try:
        bodies = [row[0] for row in db.execute("select body from articles order by id")]
        versions = db.execute("select count(*) from article_versions").fetchone()[0]
    finally:
        db.close()
    assert all(SUBSCRIBE not in body and "Просмотров" not in body for body in bodies)
    assert ARTICLE_ONLY in bodies[2] and all("героина" in body for body in bodies)
    assert versions == 8  # the bodies with chrome are kept as the previous versions


def titled(n: int, repeat: bool) -> ArticleRecord:
    title = f"Сбытчик номер {n} задержан в Павлодаре"
    body = text_of(n) + (f"\n{title}" if repeat else "")
    return ArticleRecord(
        source=SOURCE.name,
        url=f"https://chrome.example/news/{n}",
        html="",
        fetched_at="",
        title=title,
        body=body,
    )


def learn_records(db, records) -> None:
    with write_transaction(db):
        for record in records:
            learn_page(db, SOURCE.name, record.url, strip_site_chrome(record).chrome_lines)


def test_a_site_that_repeats_every_headline_in_the_body_loses_the_repeat(db):
    learn_records(db, [titled(n, repeat=True) for n in range(1, 8)])
    chrome = load_chrome(db, SOURCE.name, min_pages=5, min_share=0.5)
    assert OWN_HEADLINE in chrome
    record = titled(9, repeat=True)
    record.site_chrome = chrome
    body = strip_site_chrome(record).body
    assert record.title not in body and "героина" in body


def test_a_headline_repeated_on_one_page_only_is_kept(db):
    learn_records(db, [titled(n, repeat=n == 1) for n in range(1, 8)])
    chrome = load_chrome(db, SOURCE.name, min_pages=5, min_share=0.5)
    assert OWN_HEADLINE not in chrome
    record = titled(1, repeat=True)
    assert remove_chrome(record.body, chrome, record.title).endswith(record.title)
