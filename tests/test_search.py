"""The Russian full-text index: normalisation, upkeep at storage time, backfill, highlighting."""

from __future__ import annotations

import pytest

from pipelines.articles import store_article
from pipelines.db import SCHEMA_VERSION, connect
from pipelines.items import ArticleRecord
from pipelines.search_index import (
    SEARCH_TABLE,
    backfill,
    fts_query,
    highlight_html,
    normalise,
    snippet_html,
    word_keys,
)

TEXTS = {
    "https://ex.kz/1": ("Изъято 5 кг наркотиков", "Полицейские изъяли наркотики у курьера."),
    "https://ex.kz/2": ("Борьба с наркотиками", "Профилактика в школах Павлодара."),
    "https://ex.kz/3": ("Изъятие героина", "Проведено изъятие крупной партии."),
    "https://ex.kz/4": ("Погода", "Завтра солнечно, без осадков."),
    "https://ex.kz/5": ("Незаконный оборот", "Пресечён незаконный оборот наркотических средств."),
}


def record(url: str, title: str, body: str, **extra) -> ArticleRecord:
    return ArticleRecord(
        source="ex",
        url=url,
        html=f"<html><body><h1>{title}</h1><p>{body}</p></body></html>",
        fetched_at="2024-05-01T10:00:00+00:00",
        title=title,
        body=body,
        published_at="2024-05-01T09:00:00+05:00",
        **extra,
    )


@pytest.fixture
def db(tmp_path):
    db = connect(tmp_path / "news.db")
    db["sources"].insert({"name": "ex"})
    for url, (title, body) in TEXTS.items():
        store_article(db, record(url, title, body))
    yield db
    db.close()


def search(db, query: str) -> set[str]:
    sql = (
        f"select a.url from articles a where a.id in (select rowid from {SEARCH_TABLE} "
        f"where {SEARCH_TABLE} match ?)"
    )
    return {row[0] for row in db.execute(sql, [fts_query(query)]).fetchall()}


def urls(*numbers: int) -> set[str]:
    return {f"https://ex.kz/{n}" for n in numbers}


def test_normalise_is_word_keys_word_for_word_even_when_its_cache_overflows(monkeypatch):
    import pipelines.search_index as search_index

    text = "Изъято 14 тонн НАРКОТИКОВ; Ёлки, COVID-19 и Seized drugs, изъятие наркотиков"
    keys = [word_keys(w) for w in search_index.words(text)]
    expected = (" ".join(k[0] for k in keys), " ".join(k[1] for k in keys))
    assert normalise(text) == expected
    assert expected[0].split()[:4] == ["изъять", "14", "тонна", "наркотик"]
    # a cache that fills up mid-text is emptied and refilled with all of that text's words
    monkeypatch.setattr(search_index, "_NORMALISE_CACHE_LIMIT", 5)
    search_index._LEMMA_OF.clear()
    search_index._STEM_OF.clear()
    assert normalise("Изъято наркотиков") == ("изъять наркотик", "изъят наркотик")
    # both words are cached; the next text overflows the cache, which must not lose them
    assert normalise(text) == expected
    assert len(search_index._LEMMA_OF) <= len(set(search_index.words(text)))


def test_words_without_cyrillic_are_their_own_lemma_and_stem():
    from pipelines.morph import morph as _morph
    from pipelines.search_index import _stemmer

    for word in ("Seized", "COVID", "Almaty", "kz", "Qazaqstan"):
        lower = word.lower()
        assert word_keys(word) == (lower, lower)
        # what the analysers would have said
        assert _morph().parse(lower)[0].normal_form == lower
        assert _stemmer().stemWord(lower) == lower


def test_lemma_finds_inflected_forms(db):
    assert search(db, "наркотик") == urls(1, 2)  # наркотиков, наркотиками, наркотики
    assert search(db, "наркотиками") == urls(1, 2)


def test_stem_joins_words_that_lemmas_keep_apart(db):
    # изъятие (noun) and изъято/изъяли (verb forms) have different lemmas; the stem joins them
    assert search(db, "изъятие") == urls(1, 3)
    assert search(db, "изъято") == urls(1, 3)


def test_all_words_must_match_and_phrases_keep_order(db):
    assert search(db, "изъятие героин") == urls(3)
    assert search(db, '"незаконный оборот"') == urls(5)
    assert search(db, '"оборот незаконный"') == set()


def test_prefix_and_queries_without_words(db):
    assert search(db, "нарко*") == urls(1, 2, 5)
    assert search(db, "!!! ()") == set()
    assert search(db, "") == set()
    # FTS5 syntax typed by a user is read as words, never as operators
    assert search(db, "наркотик OR погода") == set()
    assert search(db, 'NEAR(a b) "unbalanced') == set()


def test_index_follows_changed_text_in_the_same_transaction(db):
    store_article(db, record("https://ex.kz/4", "Погода", "Изъяты наркотики на трассе."))
    assert search(db, "наркотик") == urls(1, 2, 4)
    assert search(db, "солнечно") == set()
    (version,) = db.execute("select version from articles where url = 'https://ex.kz/4'").fetchone()
    assert version == 2


def test_a_failed_store_leaves_no_index_entry(db, monkeypatch):
    import pipelines.articles as articles

    def boom(*_args):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(articles, "_remember_aliases", boom)
    with pytest.raises(RuntimeError):
        store_article(db, record("https://ex.kz/6", "Героин", "Найден героин."))
    assert search(db, "героин") == urls(3)
    assert db.execute(f"select count(*) from {SEARCH_TABLE}").fetchone()[0] == len(TEXTS)


def test_backfill_indexes_rows_written_before_the_index(tmp_path):
    path = tmp_path / "old.db"
    db = connect(path)
    db["sources"].insert({"name": "ex"})
    db["articles"].insert_all(
        [
            {
                "source": "ex",
                "url": f"https://ex.kz/old/{i}",
                "title": "Наркокурьер задержан",
                "body": "У задержанного изъято 200 граммов гашиша." if i % 2 else "Без улова.",
                "fetched_at": "2024-01-01",
                "content_hash": str(i),
                "version": 1,
            }
            for i in range(10)
        ]
    )
    db.execute(f"delete from {SEARCH_TABLE}")
    db.conn.commit()
    assert search(db, "гашиш") == set()
    assert backfill(db, batch=3) == 10
    assert len(search(db, "гашиш")) == 5
    assert backfill(db) == 0  # nothing left to do
    # an old database (schema 1) gets the index when it is next opened
    db.execute(f"drop table {SEARCH_TABLE}")
    db.execute("PRAGMA user_version = 1")
    db.close()
    db = connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert len(search(db, "изъятие")) == 5
    db.close()


def test_highlight_marks_original_words_and_escapes_html():
    out = highlight_html("<script>alert(1)</script> Изъято 5 кг наркотиков", "изъятие наркотик")
    assert out == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Изъято</mark> 5 кг <mark>наркотиков</mark>"
    )
    assert highlight_html("Ёлки & палки", "елка") == "<mark>Ёлки</mark> &amp; палки"


def test_snippet_shows_passages_around_matches():
    text = "Начало. " + "слово " * 200 + "Изъяли героин. " + "слово " * 200 + "Конец."
    out = snippet_html(text, "героин", width=80)
    assert "<mark>героин</mark>" in out
    assert out.startswith("… ") and out.endswith(" …")
    assert len(out) < 200
    assert snippet_html("короткий текст", "героин") == "короткий текст"


def test_search_index_command_rebuilds(tmp_path, capsys):
    from crawler.cli import main

    path = tmp_path / "cli.db"
    db = connect(path)
    db["sources"].insert({"name": "ex"})
    for url, (title, body) in TEXTS.items():
        store_article(db, record(url, title, body))
    db.execute(f"delete from {SEARCH_TABLE} where rowid in (1, 2)")
    db.conn.commit()
    assert search(db, "наркотик") == set()
    db.close()
    assert main(["search-index", "--db", str(path)]) == 0
    assert "2 articles (re)indexed, 5 articles in all" in capsys.readouterr().out
    assert main(["search-index", "--db", str(path), "--rebuild"]) == 0
    assert "5 articles (re)indexed" in capsys.readouterr().out
    db = connect(path)
    assert search(db, "наркотик") == urls(1, 2)
    db.close()
