"""Publication dates on foreign and Ukrainian layouts, relative dates against the fetch time, and
UTC stamps on pages whose site zone is unknown (pipelines.published, pipelines.publication)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

from pipelines.extraction import extract_article
from pipelines.month_names import month_number
from pipelines.publication import find_published
from pipelines.published import date_from_url, parse_machine_datetime, parse_russian_datetime
from pipelines.visible_date import find_visible_date

NOW = datetime(2025, 8, 7, 9, 0, tzinfo=ZoneInfo("Europe/Kyiv"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Domenica 06 Dicembre 2020 | 00:36", "2020-12-06T00:36:00"),
        ("1er août 2020 à 14:30", "2020-08-01T14:30:00"),
        ("publié le 3 févr. 2021", "2021-02-03"),
        ("6 de agosto de 2020", "2020-08-06"),
        ("15 de março de 2019, 10:05", "2019-03-15T10:05:00"),
        ("6. August 2020, 14:30", "2020-08-06T14:30:00"),
        ("3 KASIM 2020", "2020-11-03"),
        ("12 серпня 2020 о 14:30", "2020-08-12T14:30:00"),
        ("01 грудня 2020 р.", "2020-12-01"),
        ("13 Jan 2020", "2020-01-13"),
        ("5 mei 2020", "2020-05-05"),
        ("12 października 2020, 10:00", "2020-10-12T10:00:00"),
        # year first is year, month, day
        ("2020.01.21 14:30", "2020-01-21T14:30:00"),
        ("2020/01/21", "2020-01-21"),
        ("2020. 1. 21.", "2020-01-21"),
        ("2020年1月21日 10:05", "2020-01-21T10:05:00"),
        ("версия 2020.1", None),
        ("2020.13.01", None),
        ("Oct 02, 2020", "2020-10-02"),
    ],
)
def test_month_names_of_foreign_and_ukrainian_pages(text, expected):
    assert parse_russian_datetime(text) == expected


def test_every_month_name_reads_back_in_any_case():
    assert month_number("Dicembre") == 12
    assert month_number("AĞUSTOS") == 8
    assert month_number("KASIM") == 11
    assert month_number("сент.") == 9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("вчора, 10:00", "2025-08-06T10:00:00+03:00"),
        ("Сьогодні о 08:15", "2025-08-07T08:15:00+03:00"),
        ("yesterday at 23:10", "2025-08-06T23:10:00+03:00"),
        # "N hours ago" is no exact time: only its day, which a feed's stamp can refine
        ("2 часа назад", "2025-08-07"),
        ("10 годин тому", "2025-08-06"),
        ("15 минут назад", "2025-08-07"),
        ("3 дня назад", "2025-08-04"),
        ("5 hours ago", "2025-08-07"),
        ("3 года назад", None),  # years, not hours
    ],
)
def test_relative_dates_against_the_fetch_time(text, expected):
    assert parse_russian_datetime(text, timezone="Europe/Kyiv", now=NOW) == expected


def test_relative_dates_are_not_guessed_without_the_fetch_time():
    assert parse_russian_datetime("2 часа назад", timezone="Europe/Kyiv") is None
    assert parse_russian_datetime("вчора, 10:00", timezone="Europe/Kyiv") is None


def test_utc_stamp_with_a_one_digit_second_keeps_its_zone():
    assert parse_machine_datetime("2020-12-05T23:15:0Z") == "2020-12-05T23:15:00+00:00"


def page(head: str, byline: str) -> str:
    return f"""<html lang="it"><head><title>Titolo della notizia</title>{head}</head><body>
<h1>Titolo della notizia</h1>{byline}
<p>{"Il testo della notizia, abbastanza lungo per essere il corpo dell'articolo. " * 8}</p>
<aside><a href="/altra">Altra notizia del 1 dicembre 2020</a></aside></body></html>"""


JSONLD_UTC = (
    '<script type="application/ld+json">{"@type": "NewsArticle", '
    '"datePublished": "2020-12-05T23:15:00Z"}</script>'
)


def published(html: str) -> str | None:
    tree = lxml_html.fromstring(html)
    return find_published(tree, title="Titolo della notizia", html=html)[0]


def test_utc_stamp_takes_the_day_printed_next_to_the_headline():
    shown = '<p class="date">Domenica 06 Dicembre 2020 | 00:36</p>'
    assert published(page(JSONLD_UTC, shown)) == "2020-12-06"


def test_utc_stamp_takes_the_offset_of_the_same_instant_printed_next_to_the_headline():
    shown = '<p class="date">06 Dicembre 2020, 00:15</p>'
    assert published(page(JSONLD_UTC, shown)) == "2020-12-06T00:15:00+01:00"


def test_utc_stamp_keeps_its_day_when_the_shown_day_is_implausible_for_its_hour():
    # 23:15 UTC is never the previous day anywhere
    shown = '<p class="date">04 Dicembre 2020</p>'
    assert published(page(JSONLD_UTC, shown)) == "2020-12-05T23:15:00+00:00"


def test_utc_stamp_with_a_site_zone_is_shown_on_the_site_clock():
    html = page(JSONLD_UTC, '<p class="date">06 Dicembre 2020</p>')
    result = extract_article(html, timezone="Europe/Rome")
    assert result["published_at"] == "2020-12-06T00:15:00+01:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11:25 PM - 10 Jul 2020", "2020-07-10T23:25:00"),
        ("10 Jul 2020, 12:05 am", "2020-07-10T00:05:00"),
        ("Oct 02, 2020 9:05 a.m. ET", "2020-10-02T09:05:00"),
        ("5 мая 2020 11:00 Amsterdam", "2020-05-05T11:00:00"),
    ],
)
def test_twelve_hour_clock(text, expected):
    assert parse_russian_datetime(text) == expected


ARTICLE_TEXT = "<p>" + "Текст статьи о работе полиции и прокуратуры в регионе. " * 8 + "</p>"


def shown_date(inside: str, byline: str = "") -> str | None:
    html = f"""<html><body><div class="article"><h1>Заголовок статьи</h1>{byline}
    <div class="text">{ARTICLE_TEXT}{inside}{ARTICLE_TEXT}</div></div></body></html>"""
    return find_visible_date(lxml_html.fromstring(html), title="Заголовок статьи")


@pytest.mark.parametrize(
    "inside",
    [
        # an embedded post quotes its own date
        '<blockquote class="twitter-tweet"><p>Пост</p>&mdash; Полиция <a href="/s/1">'
        "September 27, 2020</a></blockquote>",
        # a data table in the text
        "<table><thead><tr><th>Дата</th><th>Сумма</th></tr></thead>"
        "<tbody><tr><td>2020-09-01</td><td>2 800</td></tr></tbody></table>",
        # other news and readers' comments
        '<div class="related-news"><span class="date">12.03.2019</span></div>',
        '<ul class="comments"><li><span class="time">вчера, 12:00</span> Иван</li></ul>',
    ],
)
def test_dates_of_quotes_tables_related_news_and_comments_are_not_the_page_date(inside):
    assert shown_date(inside) is None
    byline = '<div class="date">16.03.2021 11:05</div>'
    assert shown_date(inside, byline) == "2021-03-16T11:05:00"


@pytest.mark.parametrize(
    "byline",
    [
        "<p>Mis à jour le 17 mars 2021 | Publié le 16 mars 2021</p>",
        "<p>Оновлено: 17.03.2021 | Опубліковано: 16.03.2021</p>",
        "<p>Aggiornato il 17 marzo 2021</p><p>Pubblicato il 16 marzo 2021</p>",
    ],
)
def test_updated_dates_in_any_language_are_not_the_publication_date(byline):
    assert shown_date("", byline) == "2021-03-16"


@pytest.mark.parametrize(
    ("text", "month_first", "expected"),
    [
        ("03/12/2020", False, "2020-12-03"),
        ("03/12/2020", True, "2020-03-12"),
        ("13/12/2020", True, "2020-12-13"),  # no 13th month: day first whatever the page
        ("12/13/2020 10:00 PM", False, "2020-12-13T22:00:00"),
        ("и/или 2/3", False, None),
    ],
)
def test_slashed_dates_by_the_page_locale(text, month_first, expected):
    assert parse_russian_datetime(text, month_first=month_first) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en-US", "2020-03-12"), ("en", "2020-03-12"), ("en-GB", "2020-12-03"), ("ru", "2020-12-03")],
)
def test_the_shown_slashed_date_is_read_in_the_page_language(lang, expected):
    html = f"""<html lang="{lang}"><body><h1>Headline</h1><div class="date">03/12/2020</div>
    {ARTICLE_TEXT}</body></html>"""
    assert find_visible_date(lxml_html.fromstring(html), title="Headline") == expected


def test_a_copyright_year_is_no_publication_day():
    # htmldate's extensive search reads "© 2016" as 2016-01-01
    html = f"""<html><body><h1>Заголовок</h1>{ARTICLE_TEXT}<footer>© 2016 Новости</footer>
    </body></html>"""
    assert extract_article(html)["published_at"] is None
    sitemap = {"sitemap": "2021-03-16T11:05:00+05:00"}
    assert extract_article(html, listed=sitemap)["published_at"] == "2021-03-16T11:05:00+05:00"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.recordonline.com/news/20200316/rockland-emergency?rssfeed=true",
            "2020-03-16",
        ),
        (
            "https://www.example.com/maryland/permits-hearing-20200817-hntmbtcnh-story.html",
            "2020-08-17",
        ),
        ("https://news.example.tw/article/20200121/34046328.html", "2020-01-21"),
        # digits of an id, or a query parameter, are no day
        ("https://www.example.com/News/120200622120908039/title", None),
        ("https://www.example.com/item?d=20200817", None),
        ("https://www.example.com/news/20201341/", None),
    ],
)
def test_compact_day_in_the_url_path(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Tue Aug 25 2020 00:23:33 GMT+0000 (Coordinated Universal Time)",
            "2020-08-25T00:23:33+00:00",
        ),
        ("Mon Aug 24 2020 20:23:33 GMT-0400 (Eastern Daylight Time)", "2020-08-24T20:23:33-04:00"),
    ],
)
def test_javascript_date_strings_keep_their_offset(value, expected):
    assert parse_machine_datetime(value) == expected


def test_utc_stamp_takes_the_day_written_in_the_url_when_the_page_shows_none():
    html = page(JSONLD_UTC, "")
    tree = lxml_html.fromstring(html)
    url = "https://example.it/2020/12/06/titolo/"
    assert find_published(tree, url, title="Titolo della notizia", html=html)[0] == "2020-12-06"
    url = "https://example.it/2020/12/04/titolo/"  # 23:15 UTC is never the day before
    value = find_published(tree, url, title="Titolo della notizia", html=html)[0]
    assert value == "2020-12-05T23:15:00+00:00"


def test_a_time_element_labelled_as_an_update_is_not_the_publication_date():
    byline = (
        '<p><span class="timestamp">Updated <time datetime="2021-03-17T10:00:00Z">Mar 17</time>'
        '</span> <span itemprop="dateModified" class="date">17.03.2021</span></p>'
        '<p class="date">Published 16.03.2021</p>'
    )
    assert shown_date("", byline) == "2021-03-16"


def test_wordpress_class_updated_is_still_the_publication_time():
    # hAtom themes mark the publication time "updated" too
    byline = '<time class="entry-date updated" datetime="2020-09-22T08:26:23-05:00">22 Sep</time>'
    assert shown_date("", byline) == "2020-09-22T08:26:23-05:00"
