"""Issue 14's site bars, measured the way the outside check measures them: two local sites built
from real article texts the rules were never tuned on (bench/heldout/*/texts: headline, blank
line, body), one in a zakon.kz-like layout (utf-8, /news/?page=N) and one in a genproc-like
Liferay layout (windows-1251, ?p_p_id=…&…_cur=N), each page dressed in its site's chrome. A
sources file written as ../shared/DESIGN.md writes one, with unanchored patterns; the real
`newsmon crawl` run twice.

    .venv/bin/python bench/layout_sites.py [--zakon 30] [--genproc 20] [--per-page 8]

Prints: articles found, bodies that still hold chrome lines (and the lines), publication day
right, exact instant with offset right, articles downloaded again by the second run.
Bars: every article found; chrome in at most 1 of 45 bodies; every day right; instant >= 97%;
no article downloaded again.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.cli import main as newsmon  # noqa: E402
from crawler.demo.server import LocalSite, Page  # noqa: E402
from pipelines.db import connect  # noqa: E402

HELDOUT = REPO / "bench" / "heldout"
ZAKON_TZ = ZoneInfo("Asia/Almaty")
GENPROC_TZ = ZoneInfo("Asia/Novokuznetsk")
PORTLET = "ru_voskhod_gpparf_portal_feeds_main_page_portlet_FeedsListViewPortlet_INSTANCE_xk4b"
# Dates inside headlines: what a date rule must not take over the date shown next to them.
HEADLINE_DATES = (
    " — приговор вынесен 11 августа 2011 г.",
    ": пособия проиндексируют с 1 января",
    " (данные на 5 марта 2019 года)",
    " до 31 декабря",
)
SUBSCRIBE = "Следите за новостями в Telegram и Instagram"
GENPROC_SUBSCRIBE = "Подписывайтесь на канал прокуратуры Кузбасса в Telegram"


@dataclass
class Story:
    key: str
    headline: str
    paragraphs: list[str]
    published: datetime  # aware, in the site's zone
    path: str = ""
    chrome: list[str] = field(default_factory=list)  # the chrome lines its page carries


def load_stories(folder: str) -> list[Story]:
    """The held-out texts of one batch, each with a publication time: the annotated day where
    there is one (else one derived from the text), at a minute derived from the text."""
    meta = {}
    for line in (HELDOUT / folder / "meta.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            meta[row["id"]] = row
    stories = []
    for file in sorted((HELDOUT / folder / "texts").glob("*.txt")):
        headline, _, body = file.read_text(encoding="utf-8").partition("\n\n")
        paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
        if not headline.strip() or len(paragraphs) < 2:
            continue
        seed = int(hashlib.sha1(file.read_bytes()).hexdigest()[:8], 16)
        day = (meta.get(file.stem) or {}).get("published")
        if day:
            base = datetime.fromisoformat(day)
        else:
            base = datetime(2024, 1, 1) + timedelta(days=seed % 600)
        at = base.replace(hour=7 + seed % 14, minute=(seed // 14) % 60)
        stories.append(Story(f"{folder}/{file.stem}", headline.strip(), paragraphs, at))
    return stories


def _with_headline_dates(stories: list[Story]) -> None:
    for i, story in enumerate(stories):
        if i % 5 == 2:
            story.headline += HEADLINE_DATES[(i // 5) % len(HEADLINE_DATES)]


class ZakonLike:
    """utf-8; listing /news/ then /news/?page=N (next and previous links only); articles at
    /{rubric}/{id}-{slug}.html with the date 'HH:MM DD.MM.YYYY' above the headline, a views
    counter, share buttons, a subscription line, the date and headline repeated at the end,
    «Читайте также» and a print link; article:published_time on every third page only."""

    RUBRICS = ("proisshestviia", "obshestvo", "sobytiia")

    def __init__(self, stories: list[Story], per_page: int):
        self.stories = stories
        self.per_page = per_page
        self.site = LocalSite()
        for i, story in enumerate(stories):
            story.published = story.published.replace(tzinfo=ZAKON_TZ)
            story.path = f"/{self.RUBRICS[i % 3]}/{6400000 + 137 * i}-novost-nomer-{i}.html"

    def start(self) -> str:
        base = self.site.start()
        self.site.add("/robots.txt", "User-agent: *\nDisallow: /admin/\n")
        self.site.add("/", '<html><body><a href="/news/">Новости</a></body></html>')
        self.site.add_handler("/news/", self.listing)
        for i, story in enumerate(self.stories):
            page = self.article(i, story).encode("utf-8")
            self.site.add(story.path, page, Content_Type="text/html; charset=utf-8")
        return base

    def pages(self) -> int:
        return -(-len(self.stories) // self.per_page)

    def listing(self, handler) -> Page:
        number = int(parse_qs(urlsplit(handler.path).query).get("page", ["1"])[0])
        chunk = self.stories[(number - 1) * self.per_page : number * self.per_page]
        if not chunk:
            return Page(b"<html><body>404</body></html>", 404, {})
        items = "".join(
            f'<div class="news-item"><a href="{s.path}">{html.escape(s.headline)}</a>'
            f'<span class="time">{s.published:%H:%M}</span></div>'
            for s in chunk
        )
        nav = ""
        if number > 1:
            prev = "/news/" if number == 2 else f"/news/?page={number - 1}"
            nav += f'<a class="prev" href="{prev}">« Назад</a>'
        if number < self.pages():
            nav += f'<a class="next" href="/news/?page={number + 1}">Далее »</a>'
        body = f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Новости Казахстана — страница {number}</title></head><body>{_zakon_header()}
<main><h1>Последние новости</h1>{items}<div class="pagination">{nav}</div></main></body></html>"""
        return Page(body.encode("utf-8"), 200, {"Content-Type": "text/html; charset=utf-8"})

    def article(self, i: int, story: Story) -> str:
        shown = f"{story.published:%H:%M %d.%m.%Y}"
        views = f"Просмотров: {1000 + (i * 37) % 900}"
        others = [self.stories[(i + k) % len(self.stories)].headline for k in (1, 2, 3)]
        story.chrome = [shown, views, SUBSCRIBE, "Поделиться", "Версия для печати"]
        story.chrome += ["Читайте также", *others]
        meta = (
            f'<meta property="article:published_time" content="{story.published.isoformat()}">'
            if i % 3 == 0
            else ""
        )
        text = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
        also = "".join(f'<p><a href="/news/">{html.escape(h)}</a></p>' for h in others)
        title = html.escape(story.headline)
        return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>{title} - Новости Казахстана</title>{meta}</head><body>{_zakon_header()}
<div class="content"><div class="articleBlock">
<div class="info"><div class="date">{shown}</div></div>
<h1>{title}</h1>
<div class="share"><p>Поделиться</p><a href="#wa">WhatsApp</a> <a href="#tg">Telegram</a></div>
<div class="article-text">{text}
<p><b>{SUBSCRIBE}</b></p>
<p class="views">{views}</p>
<p class="date">{shown}</p>
<p class="title">{title}</p>
<p><b>Читайте также:</b></p>{also}
<p><a href="?print=1">Версия для печати</a></p>
</div></div></div>
<footer><p>© 2024 Новости Казахстана. Все права защищены.</p></footer></body></html>"""


def _zakon_header() -> str:
    return (
        '<header><nav><a href="/">Главная</a> <a href="/news/">Новости</a> '
        '<a href="/admin/">Вход</a></nav></header>'
    )


class GenprocLike:
    """A Liferay portal in windows-1251 (declared in the header on half the pages, in <meta>
    only on the other half): listing /web/proc_42/mass-media/news, further pages through
    ?p_p_id=…&…_cur=N links; articles at /ru/proc_42/mass-media/news/reg-news/e{digits}/ with
    the date 'DD.MM.YYYY' and the time next to the headline, no published_time meta."""

    LIST = "/web/proc_42/mass-media/news"

    def __init__(self, stories: list[Story], per_page: int):
        self.stories = stories
        self.per_page = per_page
        self.site = LocalSite()
        for i, story in enumerate(stories):
            story.published = story.published.replace(tzinfo=GENPROC_TZ)
            story.path = f"/ru/proc_42/mass-media/news/reg-news/e{94000000 + 311 * i}/"

    def start(self) -> str:
        base = self.site.start()
        self.site.add("/robots.txt", "User-agent: *\nDisallow: /c/portal/\n")
        self.site.add_handler(self.LIST, self.listing)
        for i, story in enumerate(self.stories):
            ctype = "text/html;charset=windows-1251" if i % 2 else "text/html"
            page = self.article(i, story).encode("cp1251", "xmlcharrefreplace")
            self.site.add(story.path, page, Content_Type=ctype)
        return base

    def page_link(self, number: int) -> str:
        p = f"_{PORTLET}_"
        return html.escape(
            f"{self.LIST}?p_p_id={PORTLET}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view"
            f"&{p}delta={self.per_page}&{p}resetCur=false&{p}cur={number}"
        )

    def listing(self, handler) -> Page:
        query = parse_qs(urlsplit(handler.path).query)
        number = int(next((v[0] for k, v in query.items() if k.endswith("_cur")), "1"))
        chunk = self.stories[(number - 1) * self.per_page : number * self.per_page]
        if not chunk:
            return Page(b"", 404, {})
        items = "".join(
            '<div class="feeds-list__list_item">'
            f'<h4 class="feeds-list__list_date">{s.published:%d.%m.%Y}</h4>'
            f'<span class="feeds-list__list_time">{s.published:%H:%M}</span>'
            f'<a class="feeds-list__list_link" href="{s.path}">{html.escape(s.headline)}</a>'
            "</div>"
            for s in chunk
        )
        pages = -(-len(self.stories) // self.per_page)
        nav = "".join(
            f'<li><a href="{self.page_link(n)}">{n}</a></li>'
            for n in range(1, pages + 1)
            if abs(n - number) == 1
        )
        body = f"""<!DOCTYPE html><html lang="ru"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Новости - Прокуратура Кемеровской области - Кузбасса</title></head><body>
{_genproc_header()}<div class="feeds-list__list_body">{items}</div>
<ul class="pagination">{nav}</ul></body></html>"""
        data = body.encode("cp1251", "xmlcharrefreplace")
        return Page(data, 200, {"Content-Type": "text/html;charset=windows-1251"})

    def article(self, i: int, story: Story) -> str:
        day, time = f"{story.published:%d.%m.%Y}", f"{story.published:%H:%M}"
        story.chrome = [f"{day} {time}", GENPROC_SUBSCRIBE, "Распечатать", "Поделиться"]
        story.chrome += ["Версия для слабовидящих"]
        text = "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
        title = html.escape(story.headline)
        return f"""<!DOCTYPE html><html lang="ru"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>{title} | Прокуратура Кемеровской области - Кузбасса</title></head><body>
{_genproc_header()}<div class="portlet-body"><div class="feeds-page">
<h1 class="feeds-page__subtitle">{title}</h1>
<div class="feeds-page__info"><span class="feeds-page__date">{day}</span>
<span class="feeds-page__time">{time}</span></div>
<div class="feeds-page__article_text_block">{text}
<p>{GENPROC_SUBSCRIBE}</p>
<p><a href="javascript:window.print()">Распечатать</a></p></div>
<div class="feeds-page__share"><p>Поделиться</p><a href="#vk">ВКонтакте</a>
<a href="#ok">Одноклассники</a></div></div></div>
<footer><p>© Генеральная прокуратура Российской Федерации</p></footer></body></html>"""


def _genproc_header() -> str:
    return (
        '<header><p><a href="/special/">Версия для слабовидящих</a></p><nav>'
        '<a href="/web/proc_42/">Главная</a> / <a href="/web/proc_42/mass-media/news">'
        "Пресс-служба</a></nav></header>"
    )


def sources_toml(zakon: str, genproc: str) -> str:
    """The sources file as ../shared/DESIGN.md writes one: unanchored patterns."""
    return f"""[[source]]
name = "zakon_like"
url = "{zakon}/"
listings = ["{zakon}/news/"]
article = '/[a-z]+/\\d+-[\\w-]+\\.html'
follow = '/news/\\?page=\\d+$'
lang = "ru"
timezone = "Asia/Almaty"
region = "KZ"

[[source]]
name = "genproc_like"
url = "{genproc}/web/proc_42/"
listings = ["{genproc}{GenprocLike.LIST}"]
article = '/mass-media/news/[\\w-]+/e\\d+/'
follow = '_cur=\\d+'
lang = "ru"
timezone = "Asia/Novokuznetsk"
region = "RU-KEM"
"""


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def chrome_left(body: str, story: Story, headline: str) -> list[str]:
    """The lines of a stored body that are chrome its page carried: a chrome phrase, or the
    article's own headline repeated as a line."""
    phrases = [_norm(c) for c in story.chrome]
    found = []
    for line in (body or "").split("\n"):
        text = _norm(line)
        if text and (text == _norm(headline) or any(p and p in text for p in phrases)):
            found.append(line.strip())
    return found


def _article_requests(sites) -> int:
    paths = {s.path for site in sites for s in site.stories}
    return sum(1 for site in sites for p in site.site.requests if urlsplit(p).path in paths)


def run_bench(
    n_zakon: int,
    n_genproc: int,
    per_page: int,
    settings: dict | None = None,
    keep: Path | None = None,
) -> dict:
    zakon_stories = load_stories("ru_kz")[:n_zakon]
    genproc_stories = load_stories("cis")[:n_genproc]
    _with_headline_dates(zakon_stories)
    _with_headline_dates(genproc_stories)
    sites = [ZakonLike(zakon_stories, per_page), GenprocLike(genproc_stories, per_page)]
    options = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, **(settings or {})}
    result: dict = {"runs": []}
    with tempfile.TemporaryDirectory(prefix="newsmon-layout-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            zakon, genproc = (site.start() for site in sites)
            (folder / "sources.toml").write_text(sources_toml(zakon, genproc), encoding="utf-8")
            sets = [a for k, v in options.items() for a in ("--set", f"{k}={v}")]
            argv = ["crawl", "--sources", str(folder / "sources.toml")]
            argv += ["--db", str(folder / "news.db"), *sets]
            result["runs"].append(newsmon(argv))
            before = _article_requests(sites)
            result["runs"].append(newsmon(argv))
            result["downloaded_again"] = _article_requests(sites) - before
        finally:
            for site in sites:
                site.site.stop()
        db = connect(folder / "news.db", readonly=True)
        try:
            rows = {
                urlsplit(r["url"]).path: r
                for r in db.query("select url, title, body, published_at from articles")
            }
        finally:
            db.close()
    stories = [s for site in sites for s in site.stories]
    found = [(s, rows[s.path]) for s in stories if s.path in rows]
    result.update(total=len(stories), found=len(found), chromed=[], day=0, instant=0, dates=[])
    result["text_lost"] = []
    for story, row in found:
        left = chrome_left(row["body"], story, story.headline)
        if left:
            result["chromed"].append((story.path, left))
        body = _norm(row["body"] or "")
        lost = [p for p in story.paragraphs if _norm(p)[:60] not in body]
        if lost:  # chrome removal must never take the article's own text
            result["text_lost"].append((story.path, lost))
        stored = datetime.fromisoformat(row["published_at"]) if row["published_at"] else None
        tz = story.published.tzinfo
        day_ok = stored is not None and stored.astimezone(tz).date() == story.published.date()
        exact = (
            stored is not None
            and stored == story.published
            and stored.utcoffset() == story.published.utcoffset()
        )
        result["day"] += day_ok
        result["instant"] += exact
        if not exact:
            result["dates"].append((story.path, story.headline, story.published, stored))
    result["missing"] = [s.path for s in stories if s.path not in rows]
    return result


def report(result: dict) -> str:
    total, found = result["total"], result["found"]
    lines = [
        f"crawl runs: rc {result['runs']}",
        f"articles found: {found}/{total}"
        + (f" (missing: {result['missing']})" if found < total else ""),
        f"bodies that still hold chrome lines: {len(result['chromed'])}/{found}",
    ]
    for path, left in result["chromed"]:
        lines.append(f"  {path}: {left}")
    lines.append(f"bodies that lost paragraphs of their text: {len(result['text_lost'])}/{found}")
    for path, lost in result["text_lost"]:
        lines.append(f"  {path}: {[p[:80] for p in lost]}")
    lines.append(f"publication day right: {result['day']}/{total}")
    share = 100 * result["instant"] / total if total else 0
    lines.append(f"exact instant with offset right: {result['instant']}/{total} = {share:.1f}%")
    for path, headline, truth, stored in result["dates"]:
        lines.append(f"  {path}: shown {truth.isoformat()}, stored {stored and stored.isoformat()}")
        lines.append(f"    headline: {headline}")
    lines.append(f"articles downloaded again on the second run: {result['downloaded_again']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zakon", type=int, default=30, help="articles on the zakon-like site")
    parser.add_argument("--genproc", type=int, default=20, help="articles on the genproc-like site")
    parser.add_argument("--per-page", type=int, default=8, help="articles per listing page")
    parser.add_argument("--keep", type=Path, help="a folder to keep the database and logs in")
    args = parser.parse_args()
    print(report(run_bench(args.zakon, args.genproc, args.per_page, keep=args.keep)))


if __name__ == "__main__":
    main()
