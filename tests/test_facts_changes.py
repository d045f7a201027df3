"""The number a stated change describes (pipelines/facts/changes.py), and what the official
statistics make of it: the change in percent where no text states last year's value."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.figure_reading import annotated

ROOT = Path(__file__).resolve().parent.parent


def by_quote(figures: list[dict], start: str) -> dict:
    return next(f for f in figures if f["quote"].startswith(start))


def described(figures: list[dict], change: str) -> str | None:
    """The quote of the number the change figure `change` describes, or None."""
    k = by_quote(figures, change)["change_of"]
    return None if k is None else figures[k]["quote"]


@pytest.mark.parametrize(
    ("text", "change", "value"),
    [
        # the number before it in its sentence, of its kind
        (
            "За 9 месяцев 2025 года в области выявлено 1 286 преступлений в сфере незаконного "
            "оборота наркотиков, их число снизилось на 12,4%.",
            "12,4%",
            "1 286 преступлений",
        ),
        (
            "С начала года полиция изъяла из незаконного оборота почти 1,2 тонны наркотиков, что "
            "на 23% больше, чем за аналогичный период прошлого года.",
            "23%",
            "почти 1,2 тонны",
        ),
        # a factor: «вдвое больше»
        (
            "С января по октябрь 2025 года заблокировано 1 372 интернет-ресурса с рекламой "
            "наркотиков – вдвое больше, чем за тот же период 2024 года.",
            "вдвое",
            "1 372 интернет-ресурса",
        ),
        # the current value of the pair it compares
        (
            "За полгода выявлено 85 преступлений, связанных с наркотиками. Число фактов сбыта "
            "наркотиков выросло на 18% (с 512 до 604).",
            "18%",
            "604",
        ),
        # the nearest number of a list, whatever pair the roles read further back
        (
            "С начала 2025 года изъято 400 кг героина - это на 15% больше, чем за аналогичный "
            "период прошлого года, более 700 кг синтетических наркотиков, здесь также рост на "
            "6%, 150 кг гашиша - на 10% больше.",
            "10%",
            "150 кг",
        ),
        # «Это …» in the next sentence: the number of the sentence before
        (
            "За 9 месяцев 2025 года изъято 5 кг героина. Данный показатель вырос на 12%.",
            "12%",
            "5 кг",
        ),
    ],
)
def test_a_change_describes_the_number_of_its_kind_it_follows(text, change, value):
    assert described(annotated(text), change) == value


@pytest.mark.parametrize(
    ("text", "change"),
    [
        # a number of another kind between the change and the one its words name
        (
            "За 9 месяцев 2025 года изъято 310 кг наркотиков, выявлено 25 преступлений, а "
            "количество изъятых наркотиков выросло на 10%.",
            "10%",
        ),
        # a clause set against the number's tells of something else
        (
            "В 2007 году в крае уничтожено 630 гектаров дикорастущей конопли, однако общая "
            "площадь произрастания наркосодержащих растений увеличилась в три раза.",
            "в три раза",
        ),
        # a quantity named anew between the number and the change
        (
            "За 9 месяцев 2025 года изъято 12 кг наркотических средств, количество фактов "
            "изъятий по сравнению с аналогичным периодом прошлого года выросло на 20%.",
            "20%",
        ),
        # a pair the roles joined across sentences: the change's own number is read as a
        # baseline, its «current» stands in the sentence before
        (
            "В 2011 году продажи препаратов выросли с 188 тысяч упаковок до 240 тысяч. При этом "
            "полицейские изъяли дезоморфина втрое больше, чем год назад — более 4,5 тысячи "
            "разовых доз.",
            "втрое",
        ),
        # a share of a number is no change of it
        ("За год выявлено 412 преступлений, из них 70% – тяжкие.", "70%"),
        # no number of its kind anywhere in its sentence
        ("Число наркопреступлений в области снизилось на 12,4%.", "12,4%"),
    ],
)
def test_a_change_whose_number_is_not_certain_stays_unlinked(text, change):
    figures = annotated(text)
    assert by_quote(figures, change).get("change_of") is None


def test_the_numbers_of_a_bracketed_comparison_count_what_the_change_names():
    # «фактов сбыта» stands before the change only; 512 and 604 are sales all the same
    figures = annotated(
        "Как отмечено, за 9 месяцев 2025 года выявлено 1 286 преступлений. Вместе с тем "
        "количество выявленных фактов сбыта выросло на 18% (с 512 до 604)."
    )
    for quote in ("18%", "512", "604"):
        assert by_quote(figures, quote)["indicator"] == "drug_sales_crimes"


def _store(db, title: str, body: str, published: str, n: int = 1) -> None:
    from types import SimpleNamespace

    from pipelines.articles import store_article, upsert_source
    from pipelines.chain import TEXT_STEPS, SourceContext, process_article
    from pipelines.items import ArticleRecord

    site = SimpleNamespace(name="src", url="https://src.example/", spider="t", lang="ru",
                           timezone=None, region=None, schedule=None)  # fmt: skip
    upsert_source(db, site, "{}")
    record = ArticleRecord(source="src", url=f"https://src.example/{n}", html="", fetched_at="",
                           title=title, body=body, published_at=published)  # fmt: skip
    store_article(db, process_article(record, SourceContext(), TEXT_STEPS))


@pytest.fixture
def statistics_db(tmp_path):
    from pipelines.db import connect

    path = tmp_path / "news.db"
    db = connect(path)
    _store(db, "Итоги девяти месяцев в Кузбассе",
           "За 9 месяцев 2025 года в Кемеровской области выявлено 1 286 преступлений в сфере "
           "незаконного оборота наркотиков, их число снизилось на 12,4%. Заблокировано 2 930 "
           "интернет-страниц с рекламой наркотиков – в 2,5 раза меньше, чем за аналогичный "
           "период прошлого года.", "2025-10-20", 1)  # fmt: skip
    _store(db, "Наркопреступлений стало больше",
           "За 9 месяцев 2025 года в Омской области выявлено 904 наркопреступления (АППГ – 812)"
           ", их число выросло на 11,3%.", "2025-10-21", 2)  # fmt: skip
    _store(db, "Изъято более 310 кг",
           "За 9 месяцев 2025 года в Омской области изъято более 310 кг наркотиков, из них почти "
           "57 кг – синтетические наркотики.", "2025-10-22", 3)  # fmt: skip
    db.close()
    return path


def test_official_statistics_take_the_stated_change_where_no_last_year_is_given(statistics_db):
    from pipelines.db import connect
    from pipelines.fact_views import statistics_rows

    db = connect(statistics_db)
    try:
        crimes = {r["region"]: r for r in statistics_rows(db, "drug_crimes")}
        sites = statistics_rows(db, "websites_blocked")
    finally:
        db.close()
    kem, omsk = crimes["RU-KEM"], crimes["RU-OMS"]
    assert (kem["value"], kem["last_year"], kem["change_pct"], kem["change_from"]) == (
        1286,
        None,
        -12.4,
        "stated",
    )
    # a stated last year wins: the change is computed from it ((904 - 812) / 812 = 11.3 %)
    assert (omsk["last_year"], omsk["change_pct"], omsk["change_from"]) == (812, 11.3, "last_year")
    # «в 2,5 раза меньше»: 1 / 2.5 of last year's, −60 %
    assert [(r["value"], r["change_pct"], r["change_from"]) for r in sites] == [
        (2930, -60.0, "stated")
    ]


def test_newsmon_stats_marks_a_stated_change(statistics_db):
    printed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "stats", "drug_crimes", "--db", str(statistics_db)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout  # fmt: skip
    kem = next(line for line in printed.splitlines() if line.startswith("RU-KEM"))
    omsk = next(line for line in printed.splitlines() if line.startswith("RU-OMS"))
    assert "-12.4% stated" in kem
    assert "+11.3%" in omsk and "stated" not in omsk


def test_a_database_of_the_version_before_gains_the_link_and_the_change(tmp_path):
    from pipelines.db import connect

    path = tmp_path / "news.db"
    db = connect(path)
    # as version 12 left it: no change_of, official_statistics without the change
    db.execute("drop view official_statistics")
    db.execute("create view official_statistics as select indicator from facts")
    db.execute("drop index idx_figures_change_of")
    db.execute("alter table figures drop column change_of")
    db.execute("PRAGMA user_version = 12")  # the version before change_of
    db.close()
    db = connect(path)
    try:
        assert "change_of" in db["figures"].columns_dict
        assert ["change_of"] in [index.columns for index in db["figures"].indexes]
        assert {"change_pct", "change_from"} <= set(db["official_statistics"].columns_dict)
    finally:
        db.close()


def test_newsmon_stats_shows_a_part_inside_its_total(statistics_db):
    printed = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "stats", "drugs_seized", "--db", str(statistics_db)],
        capture_output=True, text=True, cwd=ROOT, check=True,
    ).stdout  # fmt: skip
    rows = [line for line in printed.splitlines() if line.startswith("RU-OMS")]
    assert any(">310" in row and "part of" not in row for row in rows)
    assert any("~57 (part of >310)" in row for row in rows)
