"""The page checks (pipelines/page_checks.py) on the tree the extraction step parses: what makes
a fetched page no article, and what is reported about a page that is kept."""

from __future__ import annotations

import pytest

from pipelines.extraction import extract_checked_article

ARTICLE = "<p>" + "Полицейские Павлодара изъяли 404 грамма гашиша у жителя области. " * 12 + "</p>"


def findings(html: str):
    return extract_checked_article(html)[1]


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<html><body><script>var a = 1;</script>  </body></html>", "empty_page"),
        ("<html><head><title>404</title></head><body><p>Назад</p></body></html>", "soft_404"),
        ("<html><body><h1>Страница не найдена</h1>" + ARTICLE + "</body></html>", "soft_404"),
        ("<html><body><p>Ошибка 404. Такой страницы нет.</p></body></html>", "soft_404"),
    ],
)
def test_a_page_that_is_no_article_is_refused(html, kind):
    assert findings(html).refusal[0] == kind


def test_an_article_that_mentions_404_or_not_found_in_a_long_text_is_kept():
    long_text = ARTICLE + "<p>Сайт сообщил: страница не найдена.</p>"
    for html in (f"<html><body>{ARTICLE}</body></html>", f"<html><body>{long_text}</body></html>"):
        assert findings(html).refusal is None


def test_visible_text_leaves_scripts_out_but_keeps_what_follows_them():
    html = "<html><body><script>page not found</script>Изъято 5 кг.<style>x</style></body></html>"
    assert findings(html).refusal is None  # the script's words are no message to a reader


def test_markup_past_the_parsers_depth_is_reported_and_the_page_kept():
    deep = "<div>" * 300 + "Изъято 5 кг гашиша." + "</div>" * 300
    found = findings(f"<html><body>{ARTICLE}{deep}</body></html>")
    assert [kind for kind, _ in found.problems] == ["too_deeply_nested"]
    assert found.refusal is None
