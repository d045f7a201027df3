"""Test sites served by a real HTTP server on 127.0.0.1 (crawler.demo.server.LocalSite)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

from crawler.demo.server import LocalSite, Page

ARTICLE_RE = r"/[a-z-]+/\d+-[\w-]+\.html$"
FOLLOW_RE = r"/(news|private)/(page/\d+/)?$"

TEXTS = [
    "В Жамбылской области полицейские изъяли более 12 килограммов марихуаны у жителя села.",
    "Прокуратура Карагандинской области выявила 38 преступлений в сфере оборота наркотиков.",
    "Сотрудники полиции ликвидировали две нарколаборатории и изъяли 420 граммов синтетики.",
    "За девять месяцев в Павлодаре зарегистрировано 57 фактов сбыта наркотических средств.",
    "Следователи направили в суд 16 уголовных дел о контрабанде наркотиков из соседних стран.",
    "Пограничники задержали груз из 1,5 тонны гашиша и арестовали трое подозреваемых.",
    "Ущерб от деятельности наркомагазинов оценён в 2,4 млн тенге, сообщила прокуратура.",
    "Количество наркопреступлений снизилось на 12,4% по сравнению с прошлым годом.",
    "В Шымкенте закрыто 85 сайтов, на которых рекламировали продажу наркотиков.",
    "Прокуроры проверили 44 аптеки и выявили нарушения при продаже психотропных препаратов.",
    "Полицейские Алматы изъяли 36 кг 808 граммов героина в ходе спецоперации.",
    "На профилактические беседы в школах пришли более 300 студентов и преподавателей.",
]


def article_html(title: str, text: str, published: str, charset: str = "utf-8") -> str:
    paragraphs = "".join(
        f"<p>{text} Это предложение номер {i} в тексте статьи, в нём подробности дела.</p>"
        for i in range(1, 6)
    )
    return f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}"><title>{title}</title>
<meta property="article:published_time" content="{published}"></head>
<body><header><nav><a href="/">Главная</a> <a href="/about.html">О нас</a></nav></header>
<main><article><h1>{title}</h1><div class="date">{published}</div>{paragraphs}</article></main>
<footer><a href="/archive/2025/08/01/">Архив</a> © Демо</footer></body></html>"""


class NewsTestSite:
    """A news site with every discovery path and the traps the crawl must get right.

    Articles 1-12 live at /sobytiia/{n}-statya-{n}.html. Feed: 1, 2 (with utm_ parameters), 3.
    Sitemap index → sitemap 1 (4, 5, 1) and sitemap 2 (6). Listings /news/ → /news/page/2/ →
    /news/page/3/ give 7, 8, 9 (moved with a 301 to /sobytiia/90-…), 10 (404), 11
    (windows-1251, charset only in <meta>), 12 (only reachable via the robots-disallowed
    /private/ listing). An endless calendar /archive/… is linked from every page.
    """

    def __init__(self):
        self.site = LocalSite()
        self.texts = {n: TEXTS[n - 1] for n in range(1, 13)}
        self.etags = True

    @staticmethod
    def path(n: int) -> str:
        return f"/sobytiia/{n}-statya-{n}.html"

    def published(self, n: int) -> str:
        return (date(2025, 8, 1) + timedelta(days=n)).isoformat() + "T10:00:00+05:00"

    def start(self) -> str:
        base = self.site.start()
        s = self.site
        s.add(
            "/robots.txt",
            f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap/index.xml\n",
        )
        items = "".join(
            f"<item><title>Статья {n}</title><link>{base}{self.path(n)}{q}</link>"
            f"<pubDate>{5 + n:02d} Aug 2025 10:00:00 +0500</pubDate></item>"
            for n, q in ((1, ""), (2, "?utm_source=rss&utm_medium=feed"), (3, "#comments"))
        )
        s.add(
            "/rss.xml",
            f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>',
            Content_Type="application/rss+xml",
        )
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        s.add(
            "/sitemap/index.xml",
            f"<?xml version='1.0'?><sitemapindex {ns}>"
            f"<sitemap><loc>{base}/sitemap/1.xml</loc><lastmod>2025-08-20</lastmod></sitemap>"
            f"<sitemap><loc>{base}/sitemap/2.xml</loc><lastmod>2025-08-21</lastmod></sitemap>"
            "</sitemapindex>",
            Content_Type="application/xml",
        )
        for name, numbers in (("1", (4, 5, 1)), ("2", (6,))):
            urls = "".join(f"<url><loc>{base}{self.path(n)}</loc></url>" for n in numbers)
            s.add(
                f"/sitemap/{name}.xml",
                f"<?xml version='1.0'?><urlset {ns}>{urls}</urlset>",
                Content_Type="application/xml",
            )
        s.add(
            "/news/",
            self.listing(
                [7, 8],
                next_page="/news/page/2/",
                extra=('<a href="/private/">Закрытый раздел</a><a href="/about.html">О сайте</a>'),
            ),
        )
        s.add("/news/page/2/", self.listing([9, 10], next_page="/news/page/3/"))
        s.add("/news/page/3/", self.listing([11], next_page=None))
        s.add("/private/", self.listing([12], next_page=None))
        s.add("/about.html", "<html><body><h1>О сайте</h1></body></html>")
        s.add(self.path(9), b"", status=301, Location=f"{base}/sobytiia/90-statya-9.html")
        s.add(self.path(10), "<html><body>Страница не найдена</body></html>", status=404)
        s.add_handler("/sobytiia/90-statya-9.html", lambda h: self.article_page(h, 9))
        for n in (1, 2, 3, 4, 5, 6, 7, 8, 12):
            s.add_handler(self.path(n), lambda h, n=n: self.article_page(h, n))
        cp1251 = article_html(
            "Статья 11: изъято 5 кг", self.texts[11], self.published(11), "windows-1251"
        )
        s.add(self.path(11), cp1251.encode("cp1251"), Content_Type="text/html")
        self._add_calendar()
        return base

    def _add_calendar(self) -> None:
        def calendar(handler):
            match = re.match(r"/archive/(\d{4})/(\d{2})/(\d{2})/", handler.path)
            if not match:
                return Page(b"", 404)
            day = date(*map(int, match.groups()))
            links = "".join(
                f'<a href="/archive/{d:%Y/%m/%d}/">{d}</a>'
                for d in (day - timedelta(days=1), day + timedelta(days=1))
            )
            return Page(
                f"<html><body>{links}</body></html>".encode(),
                200,
                {"Content-Type": "text/html; charset=utf-8"},
            )

        # every day of an endless calendar answers, as a real archive would
        for offset in range(-3, 4):
            d = date(2025, 8, 1) + timedelta(days=offset)
            self.site.add_handler(f"/archive/{d:%Y/%m/%d}/", calendar)

    def listing(self, numbers, next_page, extra="") -> str:
        links = "".join(f'<li><a href="{self.path(n)}">Статья {n}</a></li>' for n in numbers)
        nxt = f'<a class="next" href="{next_page}">Дальше</a>' if next_page else ""
        return (
            f'<html><head><meta charset="utf-8"></head><body><ul>{links}</ul>{nxt}{extra}'
            '<a href="/archive/2025/08/01/">Архив</a></body></html>'
        )

    def article_page(self, handler, n: int) -> Page:
        html = article_html(f"Статья {n}", self.texts[n], self.published(n))
        etag = f'"v{abs(hash(self.texts[n]))}"'
        if self.etags and handler.headers.get("If-None-Match") == etag:
            return Page(b"", 304, {"ETag": etag})
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if self.etags:
            headers["ETag"] = etag
        return Page(html.encode("utf-8"), 200, headers)

    def article_requests(self) -> list[str]:
        return [p for p in self.site.requests if re.search(ARTICLE_RE, p.split("?")[0])]

    def sources_toml(self, name: str = "testsite") -> str:
        base = self.site.base_url
        b = re.escape(base)
        return (
            "\n".join(
                [
                    "[[source]]",
                    f'name = "{name}"',
                    f'url = "{base}/"',
                    f'feeds = ["{base}/rss.xml"]',
                    f'sitemaps = ["{base}/sitemap/index.xml"]',
                    f'listings = ["{base}/news/"]',
                    f"article = {json.dumps('^' + b + ARTICLE_RE)}",
                    # /private/ matches on purpose: only robots.txt keeps the crawl out of it
                    f"follow = {json.dumps('^' + b + FOLLOW_RE)}",
                    'timezone = "Asia/Almaty"',
                    'region = "KZ"',
                ]
            )
            + "\n"
        )

    def write_sources(self, folder: Path) -> Path:
        path = folder / "sources.toml"
        path.write_text(self.sources_toml(), encoding="utf-8")
        return path
