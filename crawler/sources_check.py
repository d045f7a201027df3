"""`newsmon sources --check NAME`: what a source's start pages give and what its patterns make of
it, before the first crawl. The way to add a source (README, "Adding a source").

It fetches robots.txt, each feed, sitemap (and the newest children of a sitemap index) and
listing (and the first page its `follow` matches), reads them with the crawl's own parsers and
URL rules, and prints per page how many links it gave, which matched `article` and `follow`,
and which look like further pages but matched nothing. Then three articles go through the
crawl's article chain up to storage (pipelines.chain FINDING_STEPS). Nothing is written anywhere.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from protego import Protego
from scrapy.http import HtmlResponse

from crawler import settings
from crawler.feeds import NotAFeed, feed_entries, sitemap_entries
from crawler.limits import take_links
from crawler.pages import not_text, read_article_page
from crawler.sources import Source
from crawler.spiders.news import looks_like_pagination
from crawler.urls import canonical_url
from pipelines.chain import FINDING_STEPS, process_article
from pipelines.items import ArticleRecord

TIMEOUT = 20
EXAMPLES = 3
SAMPLES = 3
CHILD_SITEMAPS = 2  # newest children of a sitemap index that are read


class FetchFailed(Exception):
    pass


@dataclass
class PageReport:
    kind: str  # feed, sitemap, listing
    url: str
    links: list[str] = field(default_factory=list)
    problem: str | None = None
    children: list[str] = field(default_factory=list)  # of a sitemap index


def fetch(url: str) -> tuple[bytes, str | None]:
    """Body (transport gzip undone, at most DOWNLOAD_MAXSIZE) and Content-Type of a URL."""
    request = urllib.request.Request(
        url, headers={"User-Agent": settings.USER_AGENT, "Accept-Encoding": "gzip"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(settings.DOWNLOAD_MAXSIZE + 1)
            encoding = response.headers.get("Content-Encoding", "").lower()
            ctype = response.headers.get("Content-Type")
    except urllib.error.HTTPError as exc:
        raise FetchFailed(f"HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchFailed(str(getattr(exc, "reason", exc))) from None
    if encoding == "gzip" or body[:2] == b"\x1f\x8b":  # transport or a .xml.gz file
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as archive:
                body = archive.read(settings.DOWNLOAD_MAXSIZE + 1)
        except (OSError, EOFError) as exc:
            raise FetchFailed(f"not readable gzip ({exc})") from None
    if len(body) > settings.DOWNLOAD_MAXSIZE:
        raise FetchFailed(f"larger than DOWNLOAD_MAXSIZE ({settings.DOWNLOAD_MAXSIZE} bytes)")
    return body, ctype


def _canonical(urls) -> list[str]:
    found, seen = [], set()
    for url in urls:
        try:
            url = canonical_url(url)
        except ValueError:
            continue
        if url not in seen:
            seen.add(url)
            found.append(url)
    return found


def read_feed(url: str) -> PageReport:
    report = PageReport("feed", url)
    try:
        body, _ = fetch(url)
        report.links = _canonical(link for link, _ in feed_entries(body, refuse_entities=True))
    except (FetchFailed, NotAFeed) as exc:
        report.problem = str(exc)
    return report


def read_sitemap(url: str, kind: str = "sitemap") -> list[PageReport]:
    report = PageReport(kind, url)
    try:
        body, _ = fetch(url)
        found, entries = sitemap_entries(body, refuse_entities=True)
    except (FetchFailed, NotAFeed) as exc:
        report.problem = str(exc)
        return [report]
    if found != "sitemapindex":
        report.links = _canonical(loc for loc, _ in entries)
        return [report]
    newest = sorted(entries, key=lambda e: e[1] or "", reverse=True)
    report.children = _canonical(loc for loc, _ in newest)
    reports = [report]
    for child in report.children[:CHILD_SITEMAPS]:
        reports += read_sitemap(child, "sitemap (child)")
    return reports


def read_listing(url: str, kind: str = "listing") -> PageReport:
    report = PageReport(kind, url)
    try:
        body, ctype = fetch(url)
    except FetchFailed as exc:
        report.problem = str(exc)
        return report
    if refused := not_text(body):
        report.problem = f"not an HTML page: {refused[1]}"
        return report
    headers = {"Content-Type": ctype} if ctype else {}
    response = HtmlResponse(url, body=body, headers=headers)
    links, more, _ = take_links(response, settings.NEWSMON_MAX_LINKS_PER_PAGE)
    report.links = _canonical(links)
    if more:
        report.problem = f"more than {settings.NEWSMON_MAX_LINKS_PER_PAGE} links; the rest not read"
    return report


def _examples(urls: list[str]) -> str:
    shown = ", ".join(urls[:EXAMPLES])
    return shown + (", …" if len(urls) > EXAMPLES else "")


class Check:
    def __init__(self, source: Source, out=None):
        self.source = source
        self.out = out or sys.stdout
        self.robots: Protego | None = None
        self.allowed_hosts = {source.host, *source.allowed_domains}

    def say(self, line: str = "") -> None:
        print(line.rstrip(), file=self.out)

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.can_fetch(url, settings.USER_AGENT)

    def read_robots(self) -> None:
        parts = urlsplit(self.source.url)
        url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            body, _ = fetch(url)
        except FetchFailed as exc:
            self.say(f"{'robots.txt':18} {url}: {exc} (everything allowed)")
            return
        self.robots = Protego.parse(body.decode("utf-8", "replace"))
        starts = [u for u in [*self.source.start_urls(), self.source.api] if u]
        refused = [u for u in starts if not self.allowed(u)]
        verdict = f"; disallows {len(refused)} start URL(s): {_examples(refused)}" * bool(refused)
        self.say(f"{'robots.txt':18} {url}: {len(body)} bytes{verdict}")

    def describe(self, report: PageReport) -> tuple[list[str], list[str]]:
        """Print one page's line; return its article links and followed links."""
        source = self.source
        if report.problem and not report.links and not report.children:
            self.say(f"{report.kind:18} {report.url}: FAILED: {report.problem}")
            return [], []
        if report.children:
            self.say(
                f"{report.kind:18} {report.url}: sitemap index of {len(report.children)} "
                f"sitemaps; the newest {min(CHILD_SITEMAPS, len(report.children))} read below"
            )
            return [], []
        articles = [u for u in report.links if source.is_article(u)]
        rest = [u for u in report.links if not source.is_article(u)]
        listing = report.kind.startswith("listing")
        followed = [u for u in rest if source.is_followed(u)] if listing else []
        other = [u for u in rest if u not in followed]
        paging = [u for u in other if looks_like_pagination(u)]
        note = f" ({report.problem})" if report.problem else ""
        self.say(f"{report.kind:18} {report.url}: {len(report.links)} links{note}")
        self.say(f"  article  {len(articles):5}  {_examples(articles)}")
        if listing:
            self.say(f"  follow   {len(followed):5}  {_examples(followed)}")
        self.say(f"  neither  {len(other):5}  {_examples(other)}")
        if paging:
            self.say(
                f"  look like further pages, matched by nothing: {len(paging)}  {_examples(paging)}"
            )
        return articles, followed

    def pages(self) -> tuple[list[str], int, bool]:
        """Every start page described; the article links in order, the link count, and
        whether a listing had pagination-like links that nothing matched."""
        found: list[str] = []
        total = 0
        unfollowed = False
        reports: list[PageReport] = [read_feed(u) for u in self.source.feeds]
        for url in self.source.sitemaps:
            reports += read_sitemap(url)
        for url in self.source.listings:
            reports.append(read_listing(url))
        i = 0
        while i < len(reports):
            report = reports[i]
            articles, followed = self.describe(report)
            total += len(report.links)
            found += [u for u in articles if u not in found]
            if report.kind == "listing":
                paging = [
                    u
                    for u in report.links
                    if looks_like_pagination(u)
                    and not self.source.is_article(u)
                    and not self.source.is_followed(u)
                ]
                unfollowed = unfollowed or (bool(paging) and not followed)
                if followed:  # one level down: does the next page give articles too?
                    reports.insert(i + 1, read_listing(followed[0], "listing (followed)"))
            i += 1
        return found, total, unfollowed

    def sample(self, url: str) -> None:
        try:
            body, ctype = fetch(url)
        except FetchFailed as exc:
            self.say(f"- {url}\n    FAILED: {exc}")
            return
        if refused := not_text(body):
            self.say(f"- {url}\n    not stored by a crawl: {refused[1]}")
            return
        page = read_article_page(body, ctype)
        refusal = page.refusal
        if refusal is None:
            record = ArticleRecord(
                source=self.source.name,
                url=url,
                html=page.text,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                content_type=ctype,
                encoding=page.encoding,
            )
            record = process_article(record, self.source, FINDING_STEPS)
            refusal = record.page_refusal  # the page checks of the extraction step
        if refusal:
            self.say(f"- {url}\n    not stored by a crawl ({refusal[0]}): {refusal[1]}")
            return
        self.show(record)

    def show(self, record: ArticleRecord) -> None:
        evidence = getattr(record, "published_evidence", None) or record.published_source
        if not isinstance(evidence, str):
            evidence = json.dumps(evidence, ensure_ascii=False)
        body = " ".join((record.body or "").split())
        self.say(f"- {record.url}")
        self.say(f"    title         {record.title or '(none)'}")
        self.say(f"    published_at  {record.published_at or '(none)'}  from {evidence or '-'}")
        self.say(f"    body          {len(record.body or '')} characters: {body[:200]!r}")
        self.say(f"    figures       {len(record.figures)}")

    def run(self) -> int:
        source = self.source
        self.say(f"source {source.name}: article = '{source.article}'")
        if source.follow:
            self.say(f"{' ' * (8 + len(source.name))}follow = '{source.follow}'")
        self.read_robots()
        if source.spider == "govkz":
            return self.run_api()
        found, total, unfollowed = self.pages()
        self.say()
        problems = 0
        if not found:
            problems += 1
            self.say(
                f"WARNING: {total} link(s) found, none matched article = '{source.article}'. "
                "Patterns are searched anywhere in the canonical URL (re.search); compare "
                "them with the links above."
            )
        if unfollowed:
            problems += 1
            self.say(
                "WARNING: listing links look like further pages, but "
                + (f"follow = '{source.follow}' matched none" if source.follow else "no follow")
                + ": articles past the first listing page are not found."
            )
        usable = [u for u in found if urlsplit(u).hostname in self.allowed_hosts]
        refused = [u for u in usable if not self.allowed(u)]
        if refused:
            self.say(f"robots.txt disallows {len(refused)} article(s): {_examples(refused)}")
        samples = [u for u in usable if u not in refused][:SAMPLES]
        self.say(f"{len(found)} article link(s) found; a sample of {len(samples)}:")
        for url in samples:
            self.sample(url)
        return 1 if problems or not samples else 0

    def run_api(self) -> int:
        """The govkz spider: the API's first page, items as the spider makes them."""
        from crawler.spiders.govkz import GovKzSpider, api_items, with_query

        url = with_query(self.source.api, page=1, size=10, sort_by="created_date:DESC")
        try:
            body, _ = fetch(url)
            items = api_items(json.loads(body))
        except (FetchFailed, ValueError) as exc:
            self.say(f"{'api':18} {url}: FAILED: {exc}")
            return 1
        if not items:
            self.say(f"{'api':18} {url}: no news items in the answer")
            return 1
        self.say(f"{'api':18} {url}: {len(items)} items; a sample of {SAMPLES}:")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        spider = _ApiItems(self.source)
        for item in items[:SAMPLES]:
            record = GovKzSpider._record(spider, item, now)
            if record is not None:
                self.show(process_article(record, self.source, FINDING_STEPS))
        return 0


class _ApiItems:
    """What GovKzSpider._record reads of its spider: the source and its article URLs."""

    def __init__(self, source: Source):
        self.source = source

    def article_url(self, item_id) -> str:
        from crawler.spiders.govkz import GovKzSpider

        return GovKzSpider.article_url(self, item_id)


def check_source(source: Source, out=None) -> int:
    """Print the check; 0 when articles were found and read, 1 when something needs fixing."""
    return Check(source, out).run()
