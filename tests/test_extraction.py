"""extract_article and the publication-date helpers, on hand-written Russian layouts and on the
real saved pages in ../shared/corpus/real (read at test time, skipped when absent)."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pipelines.extraction import EXTRACTOR, TRAFILATURA_OPTIONS, extract_article
from pipelines.published import (
    date_from_url,
    parse_machine_datetime,
    parse_russian_datetime,
)
from pipelines.visible_date import find_visible_date

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"

PARAGRAPHS = (
    "Прокуратура Центрального района провела проверку исполнения законодательства о "
    "противодействии незаконному обороту наркотических средств в учебных заведениях города.",
    "В ходе проверки установлено, что в 14 образовательных организациях не проводилась "
    "профилактическая работа, а в двух колледжах отсутствовали планы антинаркотических "
    "мероприятий на текущий учебный год.",
    "По результатам проверки прокурор внес 16 представлений об устранении нарушений закона, "
    "к дисциплинарной ответственности привлечены 9 должностных лиц.",
    "Кроме того, в суд направлено уголовное дело в отношении 23-летнего местного жителя, "
    "который хранил при себе 12,5 грамма синтетического наркотика в целях сбыта.",
)
BODY_HTML = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
TITLE = "Прокуратура выявила нарушения антинаркотического законодательства в школах"


def news_page(*, head: str = "", byline: str = "", body: str = BODY_HTML, lang: str = "ru") -> str:
    """A zakon.kz-like article page: navigation, headline, byline, text, footer."""
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{TITLE} | Новости</title>{head}</head>
<body>
<header><nav><a href="/">Главная</a> <a href="/news/">Новости</a> <a href="/crime/">Происшествия</a>
<a href="/economy/">Экономика</a></nav></header>
<main><div class="articleBlock">
<h1>{TITLE}</h1>
{byline}
<div class="description">Нарушения выявлены в 14 организациях образования.</div>
<div class="content">{body}</div>
</div></main>
<aside><h3>Популярное</h3><ul><li><a href="/a1">Курс тенге на 16.03.2021</a></li>
<li><a href="/a2">Погода в Алматы на выходные</a></li></ul></aside>
<footer>© 2014–2025 Все права защищены. Перепечатка запрещена.</footer>
</body></html>"""


def jsonld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


# --- extract_article on hand-written pages ------------------------------------------------------


def test_jsonld_date_with_offset_wins_over_the_visible_date():
    page = news_page(
        head=jsonld(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": TITLE,
                "datePublished": "2024-05-14T10:21:00+05:00",
                "author": {"@type": "Person", "name": "Айгерим Сапарова"},
            }
        ),
        byline='<div class="date">09:00 13.05.2024</div>',
    )
    result = extract_article(page, "https://www.zakon.kz/proisshestviia/6434-prokuratura.html")
    assert result["published_at"] == "2024-05-14T10:21:00+05:00"
    assert result["published_source"] == "jsonld"
    assert result["author"] == "Айгерим Сапарова"
    assert result["title"] == TITLE
    assert result["lang"] == "ru"
    assert result["extractor"] == EXTRACTOR


def test_jsonld_graph_article_not_the_related_news_list():
    related = {
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "NewsArticle", "headline": "Другая новость", "datePublished": "2024-05-01"}
        ],
    }
    own = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Закон"},
            {"@type": "NewsArticle", "datePublished": "2024-05-14T10:21:00+05:00"},
        ],
    }
    result = extract_article(news_page(head=jsonld(related) + jsonld(own)))
    assert result["published_at"] == "2024-05-14T10:21:00+05:00"


def test_broken_jsonld_still_gives_its_date():
    broken = (
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        '"datePublished": "2022-01-31T09:15:00+06:00",}</script>'
    )
    result = extract_article(news_page(head=broken))
    assert (result["published_at"], result["published_source"]) == (
        "2022-01-31T09:15:00+06:00",
        "jsonld",
    )


def test_html5_pubdate_time_element_is_structured_evidence():
    byline = (
        '<time class="meta__text" pubdate datetime="2020-09-23T20:12:38+0300">'
        "сегодня в 20:12</time>"
    )
    result = extract_article(news_page(byline=byline), timezone="Europe/Moscow")
    assert (result["published_at"], result["published_source"]) == (
        "2020-09-23T20:12:38+03:00",
        "meta",
    )


def test_meta_tag_only():
    page = news_page(
        head='<meta property="article:published_time" content="2023-11-02T09:00:00+03:00">'
        '<meta name="description" content="Нарушения выявлены в 14 организациях образования.">'
    )
    result = extract_article(page)
    assert (result["published_at"], result["published_source"]) == (
        "2023-11-02T09:00:00+03:00",
        "meta",
    )
    assert result["description"] == "Нарушения выявлены в 14 организациях образования."


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        # Asia/Almaty moved from +06:00 to +05:00 on 2024-03-01: the offset is the one of that day
        ("14:30 05.06.2014", "2014-06-05T14:30:00+06:00"),
        ("14:30 05.06.2024", "2024-06-05T14:30:00+05:00"),
        ("23:10 29.02.2024", "2024-02-29T23:10:00+06:00"),
    ],
)
def test_visible_zakon_date_gets_the_site_offset_of_that_day(shown, expected):
    page = news_page(byline=f'<div class="info"><div class="date">{shown}</div></div>')
    result = extract_article(page, timezone="Asia/Almaty")
    assert (result["published_at"], result["published_source"]) == (expected, "visible")


def test_visible_date_split_over_two_spans_keeps_its_time():
    byline = '<div class="meta"><span class="day">6 августа 2025</span>, <span>14:30</span></div>'
    result = extract_article(news_page(byline=byline), timezone="Europe/Moscow")
    assert result["published_at"] == "2025-08-06T14:30:00+03:00"


@pytest.mark.parametrize(
    ("fetched_at", "expected"),
    [
        (datetime(2025, 8, 7, 3, 0, tzinfo=UTC), "2025-08-06T14:30:00+05:00"),
        # 20:30 UTC on 6 August is already 7 August in Almaty: "вчера" is the 6th, not the 5th
        (datetime(2025, 8, 6, 20, 30, tzinfo=UTC), "2025-08-06T14:30:00+05:00"),
        (datetime(2025, 8, 6, 18, 30, tzinfo=UTC), "2025-08-05T14:30:00+05:00"),
    ],
)
def test_yesterday_is_resolved_in_the_site_timezone(fetched_at, expected):
    page = news_page(byline='<span class="date">вчера, 14:30</span>')
    result = extract_article(page, timezone="Asia/Almaty", fetched_at=fetched_at)
    assert (result["published_at"], result["published_source"]) == (expected, "visible")


def test_relative_date_without_fetch_time_is_not_guessed():
    page = news_page(byline='<span class="date">Сегодня, 11:02</span>')
    result = extract_article(page, timezone="Asia/Almaty")
    assert result["published_source"] != "visible"
    assert "11:02" not in (result["published_at"] or "")


def test_day_only_gives_the_day():
    page = news_page(byline='<p class="article-date">6 августа 2025</p>')
    result = extract_article(page, timezone="Asia/Almaty")
    assert (result["published_at"], result["published_source"]) == ("2025-08-06", "visible")


def test_updated_date_is_not_the_publication_date():
    byline = (
        '<div class="date">Обновлено: 10:00 07.08.2025</div>'
        '<div class="date">Опубликовано: 18:45 05.08.2025</div>'
    )
    result = extract_article(news_page(byline=byline), timezone="Asia/Almaty")
    assert result["published_at"] == "2025-08-05T18:45:00+05:00"


def test_url_date_when_the_page_shows_none():
    url = "https://www.mk.ru/social/2020/02/18/orenburgskim-chinovnikam.html"
    result = extract_article(news_page(), url)
    assert (result["published_at"], result["published_source"]) == ("2020-02-18", "url")


def genproc_page(date_line: str) -> str:
    """An epp.genproc.gov.ru (Liferay) news page: no h1, the text block ends with 'Распечатать'."""
    text = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Прокуратура Кемеровской области - Кузбасса</title></head><body>
<div class="portlet-body"><div class="feeds-page">
<div class="feeds-page__navigation"><a href="/web/proc_42/mass-media/news">Новости</a></div>
<div class="feeds-page__date">{date_line}</div>
<div class="feeds-page__subtitle">В Кузбассе осужден сбытчик синтетических наркотиков</div>
<div class="feeds-page__article_text_block">{text}
<a class="feeds-page__print-link" href="javascript:window.print()">Распечатать</a>
</div></div></div>
<footer>Генеральная прокуратура Российской Федерации</footer></body></html>"""


def test_genproc_page_title_date_and_body_without_print_button():
    result = extract_article(
        genproc_page("05.06.2014 14:30"),
        "https://epp.genproc.gov.ru/web/proc_42/mass-media/news?item=96512345",
        timezone="Asia/Novokuznetsk",
    )
    assert result["published_at"] == "2014-06-05T14:30:00+07:00"
    assert result["published_source"] == "visible"
    assert result["title"] == "В Кузбассе осужден сбытчик синтетических наркотиков"
    assert "16 представлений" in result["body"]
    assert not result["body"].rstrip().endswith("Распечатать")
    assert "Распечатать" not in result["body"].splitlines()


def test_genproc_relative_listing_style_date_on_the_article():
    fetched_at = datetime(2024, 3, 12, 2, 0, tzinfo=UTC)
    result = extract_article(
        genproc_page("сегодня 09:15"), timezone="Asia/Novokuznetsk", fetched_at=fetched_at
    )
    assert result["published_at"] == "2024-03-12T09:15:00+07:00"


def test_body_keeps_paragraphs_and_drops_navigation():
    result = extract_article(news_page())
    paragraphs = [line for line in re.split(r"\n+", result["body"]) if line.strip()]
    assert len(paragraphs) >= len(PARAGRAPHS)
    for paragraph in PARAGRAPHS:
        assert paragraph in result["body"]
    assert "Погода в Алматы" not in result["body"]
    assert "Главная" not in result["body"]


def test_body_matches_trafilatura_alone_with_the_same_options():
    from pipelines.extraction import TRAFILATURA_OPTIONS

    page = news_page()
    assert extract_article(page)["body"] == trafilatura.extract(page, **TRAFILATURA_OPTIONS)


def test_language_from_html_lang_region_subtag():
    assert extract_article(news_page(lang="ru-RU"))["lang"] == "ru"
    assert extract_article(news_page(lang="kk"))["lang"] == "kk"


def test_bytes_in_windows_1251_are_decoded():
    page = news_page().replace('charset="utf-8"', 'charset="windows-1251"')
    result = extract_article(page.encode("cp1251"))
    assert PARAGRAPHS[1] in result["body"]


def test_unknown_timezone_is_a_configuration_error():
    with pytest.raises(ValueError, match="Asia/Nowhere"):
        extract_article(news_page(), timezone="Asia/Nowhere")


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   \n\t ",
        b"",
        bytes(range(256)) * 40,
        "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 50,
        "<html><body>" + "<div>" * 100_000 + "текст" + "</div>" * 100_000 + "</body></html>",
        "<html><body>" + "<span><b>" * 50_000 + "текст без конца",
        "просто строка без разметки",
        "<html><head><title>пусто</title></head><body></body></html>",
    ],
    ids=[
        "empty",
        "blank",
        "empty-bytes",
        "binary",
        "pdf",
        "100k-nested",
        "unclosed",
        "text",
        "no-body",
    ],
)
def test_bad_input_does_not_raise(junk):
    result = extract_article(junk, "https://example.kz/a")
    assert set(result) == {
        "title",
        "author",
        "description",
        "body",
        "lang",
        "published_at",
        "published_source",
        "published_evidence",
        "extractor",
    }
    assert not result["body"]
    assert result["extractor"] == EXTRACTOR


def test_extractor_names_the_trafilatura_version():
    assert EXTRACTOR.startswith(f"trafilatura-{trafilatura.__version__}+newsmon-")


# --- parse_russian_datetime and friends ---------------------------------------------------------

NOW = datetime(2025, 8, 7, 9, 0, tzinfo=ZoneInfo("Asia/Almaty"))


@pytest.mark.parametrize(
    ("text", "timezone", "expected"),
    [
        ("05.06.2014", "Asia/Almaty", "2014-06-05"),
        ("01.02.2014", None, "2014-02-01"),
        ("14:30 05.06.2014", "Asia/Almaty", "2014-06-05T14:30:00+06:00"),
        ("05.06.2014, 14:30", "Asia/Almaty", "2014-06-05T14:30:00+06:00"),
        ("14:30 05.06.2014", None, "2014-06-05T14:30:00"),
        ("6 августа 2025", "Europe/Moscow", "2025-08-06"),
        ("6 августа 2025, 14:30", "Europe/Moscow", "2025-08-06T14:30:00+03:00"),
        ("6 августа 2025 г. в 14:30", "Europe/Moscow", "2025-08-06T14:30:00+03:00"),
        ("03 Дек. 2020 18:47:05", "Europe/Kyiv", "2020-12-03T18:47:05+02:00"),
        ("вчера, 14:30", "Asia/Almaty", "2025-08-06T14:30:00+05:00"),
        ("сегодня 09:15", "Asia/Almaty", "2025-08-07T09:15:00+05:00"),
        ("Сегодня, 11:02", "Asia/Almaty", "2025-08-07T11:02:00+05:00"),
        ("вчера  в 16:19", "Europe/Moscow", "2025-08-06T16:19:00+03:00"),
        ("позавчера", "Asia/Almaty", "2025-08-05"),
        ("6 августа, 14:30", "Asia/Almaty", "2025-08-06T14:30:00+05:00"),
        ("28 декабря", "Asia/Almaty", "2024-12-28"),
        ("Опубликовано: 3 декабря 2020, 18:47 | Просмотров: 1 407", None, "2020-12-03T18:47:00"),
        ("2020-12-03T18:47", "Europe/Kyiv", "2020-12-03T18:47:00+02:00"),
        ("31.02.2014", "Asia/Almaty", None),
        ("12.13.2014", "Asia/Almaty", None),
        ("5 маршрутов", None, None),
        ("5 маршрутов и 2 мая", None, "2025-05-02"),
        ("ст. 228 УК РФ", "Asia/Almaty", None),
        ("", "Asia/Almaty", None),
    ],
)
def test_parse_russian_datetime(text, timezone, expected):
    assert parse_russian_datetime(text, timezone=timezone, now=NOW) == expected


def test_relative_and_yearless_dates_need_now():
    assert parse_russian_datetime("вчера, 14:30", timezone="Asia/Almaty", now=None) is None
    assert parse_russian_datetime("6 августа", timezone="Asia/Almaty", now=None) is None


def test_naive_now_is_the_site_wall_clock():
    naive = datetime(2025, 8, 7, 0, 30)
    assert (
        parse_russian_datetime("вчера, 23:50", timezone="Asia/Almaty", now=naive)
        == "2025-08-06T23:50:00+05:00"
    )


MONTHS_GENITIVE = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]
ZONES = st.sampled_from(["Asia/Almaty", "Europe/Moscow", "Asia/Novokuznetsk", "Asia/Aqtobe"])
DAYS = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
# a shown time has no fold: it reads as the first of an ambiguous hour (fold=0)
CLOCKS = st.times().map(lambda moment: moment.replace(second=0, microsecond=0, fold=0))


@settings(max_examples=300, deadline=None)
@given(day=DAYS, clock=CLOCKS, zone=ZONES, words=st.booleans(), time_first=st.booleans())
def test_any_shown_date_and_time_reads_back(day, clock, zone, words, time_first):
    shown_day = (
        f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"
        if words
        else (day.strftime("%d.%m.%Y"))
    )
    shown_time = clock.strftime("%H:%M")
    text = f"{shown_time} {shown_day}" if time_first else f"{shown_day}, {shown_time}"
    parsed = datetime.fromisoformat(parse_russian_datetime(text, timezone=zone, now=None))
    # the wall clock and the zone's offset, compared apart: an aware datetime in a DST gap (Almaty,
    # 2004-03-28 02:00) never equals one of another tzinfo (PEP 495), though both read the same
    assert parsed.replace(tzinfo=None) == datetime.combine(day, clock)
    assert parsed.utcoffset() == ZoneInfo(zone).utcoffset(datetime.combine(day, clock))


@settings(max_examples=200, deadline=None)
@given(
    fetched=st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2030, 1, 1)),
    clock=CLOCKS,
    days_back=st.sampled_from([0, 1, 2]),
)
def test_relative_days_count_back_from_the_site_day(fetched, clock, days_back):
    zone = ZoneInfo("Asia/Almaty")
    fetched_at = fetched.replace(tzinfo=UTC)
    word = ("сегодня", "вчера", "позавчера")[days_back]
    parsed = parse_russian_datetime(
        f"{word}, {clock:%H:%M}", timezone="Asia/Almaty", now=fetched_at
    )
    expected_day = fetched_at.astimezone(zone).date() - timedelta(days=days_back)
    shown = datetime.fromisoformat(parsed)
    # wall clock and offset compared apart: a time in a repeated hour (Almaty, 2024-02-29 23:00,
    # when clocks went back to +05:00) never equals one of another tzinfo (PEP 495)
    assert shown.replace(tzinfo=None) == datetime.combine(expected_day, clock)
    assert shown.utcoffset() == zone.utcoffset(datetime.combine(expected_day, clock))


@pytest.mark.parametrize(
    ("value", "timezone", "expected"),
    [
        ("2020-02-18T05:46:51+0300", "Asia/Almaty", "2020-02-18T05:46:51+03:00"),
        ("2025-05-14T20:28:12.467+03:00", None, "2025-05-14T20:28:12+03:00"),
        ("2020-12-03T18:47", "Europe/Kyiv", "2020-12-03T18:47:00+02:00"),
        # a UTC stamp is the same instant on the site's clock
        ("2024-06-04T21:30:00Z", "Asia/Almaty", "2024-06-05T02:30:00+05:00"),
        ("2024-06-04T21:30:00Z", None, "2024-06-04T21:30:00+00:00"),
        ("1600633920", "Europe/Moscow", "2020-09-20T23:32:00+03:00"),
        ("Tue, 29 Sep 2020 10:00:00 +0300", None, "2020-09-29T10:00:00+03:00"),
        ("2020-09-20", "Europe/Moscow", "2020-09-20"),
        ("19.10.2020 09:34", "Europe/Moscow", "2020-10-19T09:34:00+03:00"),
        ("not a date", None, None),
    ],
)
def test_parse_machine_datetime(value, timezone, expected):
    assert parse_machine_datetime(value, timezone=timezone) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.mk.ru/social/2020/12/29/prisyazhnye.html", "2020-12-29"),
        ("https://example.kz/news/2021-03-16-kurs-tenge/", "2021-03-16"),
        ("https://www.zakon.kz/6384372-v-turkestanskoy-oblasti.html", None),
        ("https://example.kz/2021/13/40/x.html", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_visible_date_prefers_the_byline_over_dates_in_the_text():
    page = news_page(
        byline='<div class="date">11:05 16.03.2021</div>',
        body="<p>Проверка проводилась с 01.02.2021 по 28.02.2021.</p>" + BODY_HTML,
    )
    tree = lxml_html.fromstring(page)
    assert find_visible_date(tree, timezone="Asia/Almaty") == "2021-03-16T11:05:00+06:00"


def test_visible_date_ignores_other_articles_headlines():
    related = (
        '<div class="related"><a href="/kurs">Курс тенге на 16.03.2021</a>'
        '<a href="/pogoda">Погода в Алматы 17 марта 2021</a></div>'
    )
    tree = lxml_html.fromstring(news_page(byline=related))
    assert find_visible_date(tree, timezone="Asia/Almaty") is None


def test_visible_date_ignores_sidebars_and_footers():
    page = (
        news_page()
        .replace("<aside>", '<aside><div class="date">12:00 01.01.2021</div>')
        .replace("<footer>", '<footer><span class="time">10.01.2021</span>')
    )
    tree = lxml_html.fromstring(page)
    assert find_visible_date(tree, timezone="Asia/Almaty") is None


def test_date_link_to_the_day_archive_is_a_byline():
    byline = '<div class="date"><a href="/news/2021/03/16/">16.03.2021</a> 11:05</div>'
    tree = lxml_html.fromstring(news_page(byline=byline))
    assert find_visible_date(tree, timezone="Asia/Almaty") == "2021-03-16T11:05:00+06:00"


# --- real saved pages (../shared/corpus/real) ----------------------------------------------------

# The sites' local zones, as their data/sources.toml entries would declare them.
SITE_TIMEZONES = {
    "inform.kz": "Asia/Almaty",
    "tengrinews.kz": "Asia/Almaty",
    "tass.ru": "Europe/Moscow",
    "mk.ru": "Europe/Moscow",
    "oren.mk.ru": "Europe/Moscow",
    "rzn.mk.ru": "Europe/Moscow",
    "aif.ru": "Europe/Moscow",
    "kommersant.ru": "Europe/Moscow",
    "ukrinform.ru": "Europe/Kyiv",
    "unn.com.ua": "Europe/Kyiv",
}


def provenance_rows(kind: str) -> list[dict[str, str]]:
    if not (REAL / "PROVENANCE.tsv").is_file():
        return []
    with (REAL / "PROVENANCE.tsv").open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t") if row["kind"] == kind]


def require_shared() -> None:
    if not (REAL / "PROVENANCE.tsv").is_file():
        pytest.skip(f"real corpus not found at {REAL}")


def real_article(row: dict[str, str]) -> tuple[str, dict]:
    page = (REAL / row["file"]).read_text(encoding="utf-8", errors="replace")
    url = re.search(r"\bURL (https?://\S+)", row["notes"])
    result = extract_article(
        page, url[1] if url else None, timezone=SITE_TIMEZONES.get(row["site"])
    )
    return page, result


ARTICLES = provenance_rows("article")


@pytest.mark.parametrize(
    "row", ARTICLES or [None], ids=lambda row: row["file"] if row else "absent"
)
def test_real_page_date_matches_provenance(row):
    require_shared()
    _, result = real_article(row)
    truth = datetime.fromisoformat(row["pub_date"])
    got = datetime.fromisoformat(result["published_at"])
    assert got.replace(tzinfo=None) == truth.replace(tzinfo=None)
    if truth.tzinfo is not None:
        assert got.utcoffset() == truth.utcoffset()
    else:  # PROVENANCE has the wall clock only: the offset must be the site zone's that day
        zone = ZoneInfo(SITE_TIMEZONES[row["site"]])
        assert got.utcoffset() == zone.utcoffset(truth)


def _declared_article_text(page: str) -> str | None:
    """The text of the page's own itemprop=articleBody block, when it has one."""
    blocks = lxml_html.fromstring(page).xpath('//*[@itemprop="articleBody"]')
    return " ".join(blocks[0].text_content().split()) if blocks else None


@pytest.mark.parametrize(
    "row", ARTICLES or [None], ids=lambda row: row["file"] if row else "absent"
)
def test_real_page_body_is_the_article(row):
    require_shared()
    page, result = real_article(row)
    body = result["body"] or ""
    declared = _declared_article_text(page)
    if declared == "":
        # the page itself carries no text (a photo report): do not pass navigation off as one
        assert len(body) < 300
        return
    assert len(body) >= 300
    letters = re.findall(r"[^\W\d_]", body)
    assert sum("а" <= letter.lower() <= "я" or letter in "ёЁ" for letter in letters) > 0.8 * len(
        letters
    )
    assert result["title"] and result["title"].split()[0] in page
    if declared:
        # most of the body's sentences stand in the page's own article block
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(body.split())) if len(s) > 40]
        found = sum(sentence[:40] in declared for sentence in sentences)
        assert found >= 0.6 * len(sentences)


def test_real_listing_dates_read_in_order():
    """tengrinews tag listing saved on 2023-01-10: "Сегодня, 17:49", "Вчера, 22:29",
    "08 января 2023, 14:19", ... must come out newest first, all on or before that evening."""
    require_shared()
    records_file = REAL / "tengrinews.kz" / "scraped_tag_almaty_2023-01-10.json"
    listing_file = REAL / "tengrinews.kz" / "listing_tag_almaty_2023-01-10.html"
    if not records_file.is_file() or not listing_file.is_file():
        pytest.skip("tengrinews listing not in the corpus")
    saved_on = date.fromisoformat(re.search(r"\d{4}-\d{2}-\d{2}", records_file.name)[0])
    zone = ZoneInfo("Asia/Almaty")
    now = datetime.combine(saved_on, time(23, 59), tzinfo=zone)

    records = json.loads(records_file.read_text(encoding="utf-8"))
    parsed = [
        datetime.fromisoformat(
            parse_russian_datetime(record["date_time"], timezone="Asia/Almaty", now=now)
        )
        for record in records
    ]
    assert parsed == sorted(parsed, reverse=True)
    assert all(moment <= now for moment in parsed)
    assert parsed[0].date() == saved_on

    shown = [
        " ".join(element.text_content().split())
        for element in lxml_html.fromstring(listing_file.read_text(encoding="utf-8")).iter("time")
    ]
    dated = [text for text in shown if re.search(r"\d\d:\d\d", text)]
    assert len(dated) >= len(records)
    assert all(parse_russian_datetime(text, timezone="Asia/Almaty", now=now) for text in dated)


def test_headline_is_not_repeated_at_the_top_of_the_body():
    paragraphs = "".join(
        f"<p>Полицейские изъяли свыше 16 тонн наркотиков, сообщает пресс-служба. Абзац {i}.</p>"
        for i in range(6)
    )
    html = (
        '<html lang="ru"><head><meta charset="utf-8"><title>Изъято свыше 16 тонн</title></head>'
        f"<body><article><h1>Изъято свыше 16 тонн</h1>{paragraphs}</article></body></html>"
    )
    result = extract_article(html)
    assert result["title"] == "Изъято свыше 16 тонн"
    assert result["body"].startswith("Полицейские изъяли")
    assert "Изъято свыше 16 тонн" not in result["body"]


# --- the publication day: the date element beats dates in the headline; feed evidence ---------


def test_a_date_inside_the_headline_does_not_beat_the_date_element():
    title = "Закон о маркировке вступит в силу 11 августа 2011 г."
    page = news_page(byline='<div class="article-date">05.06.2014 14:30</div>').replace(
        f"<h1>{TITLE}</h1>", f"<h1>{TITLE}</h1><div class='lead'>{title}</div>"
    )
    result = extract_article(page, timezone="Asia/Almaty")
    assert (result["published_at"], result["published_source"]) == (
        "2014-06-05T14:30:00+06:00",
        "visible",
    )


def test_the_headline_text_is_never_the_date_even_next_to_it():
    title = "Сайты школ проиндексируют с 1 января"
    page = news_page(byline='<span class="date">6 августа 2025, 10:15</span>').replace(TITLE, title)
    fetched = datetime(2025, 8, 7, 3, 0, tzinfo=UTC)
    result = extract_article(page, timezone="Asia/Almaty", fetched_at=fetched)
    assert result["published_at"] == "2025-08-06T10:15:00+05:00"


def test_feed_pubdate_is_evidence_and_recorded_when_it_disagrees():
    page = news_page(byline='<p class="article-date">6 августа 2025</p>')
    agreeing = extract_article(
        page, timezone="Asia/Almaty", listed={"feed": "Wed, 06 Aug 2025 09:30:00 +0000"}
    )
    # the page gives the day, the feed the time on that day (on the site's clock)
    assert agreeing["published_at"] == "2025-08-06T14:30:00+05:00"
    assert agreeing["published_source"] == "feed"
    assert agreeing["published_evidence"] is None
    disagreeing = extract_article(
        page, timezone="Asia/Almaty", listed={"feed": "Fri, 08 Aug 2025 09:30:00 +0000"}
    )
    assert disagreeing["published_at"] == "2025-08-06"
    evidence = json.loads(disagreeing["published_evidence"])
    assert evidence["visible"] == "2025-08-06"
    assert evidence["feed"] == "2025-08-08T14:30:00+05:00"


def test_feed_pubdate_dates_a_page_that_shows_none():
    result = extract_article(news_page(), listed={"feed": "Wed, 06 Aug 2025 09:30:00 +0300"})
    assert (result["published_at"], result["published_source"]) == (
        "2025-08-06T09:30:00+03:00",
        "feed",
    )


def test_scripts_are_dropped_before_trafilatura_but_json_ld_is_read_and_tails_kept():
    paragraph = "Полицейские изъяли 12 кг гашиша у жителя Шымкента в ходе обыска в его доме."
    html = f"""<html lang="ru"><head><title>Изъято 12 кг гашиша</title>
<script type="application/ld+json">{{"@type": "NewsArticle",
"datePublished": "2024-03-05T10:15:00+05:00"}}</script><style>p {{color: red}}</style></head>
<body><article><h1>Изъято 12 кг гашиша</h1>
<p>{paragraph[:40]}<script>var views = 1;</script>{paragraph[40:]}</p>
<p>Возбуждено уголовное дело по статье 297 УК РК, подозреваемый задержан и водворён в ИВС.</p>
<p>Ведётся следствие; экспертиза подтвердила, что изъятое вещество является гашишем.</p>
</article></body></html>"""
    result = extract_article(html, "https://example.kz/news/1")
    assert result["published_at"] == "2024-03-05T10:15:00+05:00"
    assert result["published_source"] == "jsonld"
    assert paragraph in result["body"] and "views" not in result["body"]
    assert result["body"] == trafilatura.extract(html, **TRAFILATURA_OPTIONS).split("\n", 1)[1]
