"""Site chrome learned per source: body lines that recur on many pages of one source.

Share buttons, «Следите за новостями в Telegram», «Просмотров: 1000», a date line, «Читайте
также»: a site prints them on every page, and trafilatura sometimes keeps them in the body.
They are learned from the pages the crawl sees, never from a list:

* ``line_key``: a line is compared by its shape, case and spacing folded; in a short line
  (at most ``_SHAPE_WORDS`` words) dates and numbers are one token, so «Просмотров: 1000» and
  «Просмотров: 17» are one line, as are «12.05.2024 10:30» and «3.06.2024 18:05».
* ``learn_page``: each page of a source counts once (``source_chrome_pages`` remembers it) and
  adds one to ``pages_seen`` of each distinct line it has (``source_chrome``).
* ``load_chrome``: a line is chrome when it was on at least ``min_pages`` distinct pages and on
  at least ``min_share`` of the pages seen since its first one. A line of one article is never
  chrome (``min_pages`` ≥ 2 is enforced).
* ``remove_chrome``: the body without those lines, and without a «Читайте также» list that a
  chrome heading opens at the end of the body.
* A page whose body repeats its own headline as a line counts the line ``OWN_HEADLINE``; where
  that is chrome (the site repeats every headline), a body line equal to its title goes. The
  headline is the title field's, never lost.

The first pages of a new source are stored before there is evidence; `newsmon reextract` (and a
later re-crawl) cleans them. Lines seen once that many later pages did not repeat are pruned,
so the table holds the chrome and the lines of the recent pages only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pipelines.items import ArticleRecord
from pipelines.published import _DATE, _TIME_ANYWHERE
from pipelines.step import fail_soft
from pipelines.transactions import write_transaction

if TYPE_CHECKING:  # sqlite_utils (and numpy, which it loads) is not needed to strip chrome
    import sqlite_utils

__all__ = [
    "OWN_HEADLINE",
    "ensure_chrome_schema",
    "learn_page",
    "learn_stored",
    "line_key",
    "load_chrome",
    "remove_chrome",
    "strip_site_chrome",
]

MIN_PAGES = 5  # NEWSMON_CHROME_MIN_PAGES: distinct pages a line needs to be chrome
MIN_SHARE = 0.5  # NEWSMON_CHROME_MIN_SHARE: of the source's pages since the line first appeared
_MAX_LINE = 300  # longer lines are paragraphs of text, never counted
_SHAPE_WORDS = 6  # lines of at most this many words are compared with their numbers folded
_PRUNE_AFTER = 200  # a line seen on one page is dropped once this many pages did not repeat it
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"[^\W\d_]+")
# a heading that opens a list of other articles' headlines
_LIST_HEADING = re.compile(
    r"^(читайте|смотрите)\s+(также|еще|ещё)|^(по\s+теме|похожие|другие\s+новости|related)"
    r"|:$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…»\"]$")
# the key under which a page counts "the body repeats this page's own headline as a line"
OWN_HEADLINE = "own-headline"
_OWN_HEADLINE_LINE = "(the article's own headline, repeated in its body)"


def _schema() -> dict[str, dict]:
    return {
        "source_chrome": {
            "columns": {
                "source": str,
                "line_hash": str,
                "line": str,
                "pages_seen": int,
                "first_page": int,
                "first_seen": str,
            },
            "pk": ("source", "line_hash"),
        },
        "source_chrome_pages": {
            "columns": {"source": str, "page_hash": str, "seq": int},
            "pk": ("source", "page_hash"),
        },
    }


def ensure_chrome_schema(db: sqlite_utils.Database) -> None:
    """The two tables (called by pipelines/schema.py inside its transaction)."""
    for name, spec in _schema().items():
        db[name].create(spec["columns"], pk=spec["pk"], if_not_exists=True)
    db["source_chrome_pages"].create_index(["source", "seq"], if_not_exists=True)
    db["source_chrome"].create_index(["source", "pages_seen"], if_not_exists=True)


def line_key(line: str) -> str | None:
    """The hash a line is counted under, or None for a line never counted (empty, long)."""
    text = " ".join(line.split()).casefold()
    if not text or len(text) > _MAX_LINE:
        return None
    if len(_WORD.findall(text)) <= _SHAPE_WORDS:
        text = _NUMBER.sub("0", _TIME_ANYWHERE.sub("<time>", _DATE.sub("<date>", text)))
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def _page_hash(url: str) -> str:
    return hashlib.blake2b(url.encode(), digest_size=12).hexdigest()


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _lines(body: str | None, title: str | None = None) -> dict[str, str]:
    found: dict[str, str] = {}
    headline = _fold(title)
    for line in (body or "").split("\n"):
        if headline and _fold(line) == headline:
            found[OWN_HEADLINE] = _OWN_HEADLINE_LINE
            continue
        key = line_key(line)
        if key is not None and key not in found:
            found[key] = " ".join(line.split())
    return found


def learn_page(
    db: sqlite_utils.Database, source: str, url: str, lines: dict[str, str] | str | None
) -> bool:
    """Count the lines of one page of a source (a body, or its lines as strip_site_chrome kept
    them), once per page; call inside a transaction. False when the page was counted before."""
    if not isinstance(lines, dict):
        lines = _lines(lines)
    page = _page_hash(url)
    if db.execute(
        "select 1 from source_chrome_pages where source = ? and page_hash = ?", [source, page]
    ).fetchone():
        return False
    seq = db.execute(
        "select coalesce(max(seq), 0) + 1 from source_chrome_pages where source = ?", [source]
    ).fetchone()[0]
    db.execute("insert into source_chrome_pages values (?, ?, ?)", [source, page, seq])
    now = datetime.now(UTC).isoformat(timespec="seconds")
    db.conn.executemany(
        "insert into source_chrome (source, line_hash, line, pages_seen, first_page, first_seen)"
        " values (?, ?, ?, 1, ?, ?) on conflict (source, line_hash)"
        " do update set pages_seen = pages_seen + 1",
        [(source, key, line, seq, now) for key, line in lines.items()],
    )
    if seq % _PRUNE_AFTER == 0:
        db.execute(
            "delete from source_chrome where source = ? and pages_seen = 1 and first_page < ?",
            [source, seq - _PRUNE_AFTER],
        )
    return True


def learn_stored(db: sqlite_utils.Database, sources: Iterable[str] | None = None) -> int:
    """Count the stored bodies of pages not counted yet (pages stored before chrome was
    learned); returns how many were counted."""
    where, params = "", []
    if sources is not None:
        names = list(sources)
        where = f"where source in ({', '.join('?' for _ in names)})"
        params = names
    rows = db.execute(f"select source, url, title, body from articles {where} order by id", params)
    counted = 0
    with write_transaction(db):
        for source, url, title, body in rows.fetchall():
            counted += learn_page(db, source, url, _lines(body, title))
    return counted


# The lines a source's pages share often enough. The crawl reads it after every page; the index
# on (source, pages_seen) keeps it to the lines seen twice or more (nearly every line a source
# ever had was seen on one page only): 1.5 ms at 600 pages without it, 0.03 with it
# (bench/chrome_learning.py).
LEARNED_CHROME = (
    "select line_hash from source_chrome where source = ? and pages_seen >= ?"
    " and pages_seen >= ? * (? - first_page + 1)"
)


def load_chrome(
    db: sqlite_utils.Database,
    source: str,
    min_pages: int = MIN_PAGES,
    min_share: float = MIN_SHARE,
) -> frozenset[str]:
    """The keys of the lines that are chrome on this source."""
    if "source_chrome" not in db.table_names():
        return frozenset()
    total = db.execute(
        "select coalesce(max(seq), 0) from source_chrome_pages where source = ?", [source]
    ).fetchone()[0]
    rows = db.execute(LEARNED_CHROME, [source, max(2, min_pages), min_share, total])
    return frozenset(row[0] for row in rows)


def remove_chrome(
    body: str | None, chrome: frozenset[str] | set[str], title: str | None = None
) -> str | None:
    """The body without its chrome lines; a chrome list heading in the last part of the body
    takes the headline-like lines after it (no sentence end) with it; the page's own headline
    (`title`) repeated as a line goes where the source repeats every headline."""
    if not body or not chrome:
        return body
    lines = body.split("\n")
    kept: list[str] = []
    in_list = False
    headline = _fold(title) if OWN_HEADLINE in chrome else ""
    for index, line in enumerate(lines):
        if headline and _fold(line) == headline:
            continue
        if line_key(line) in chrome:
            heading = _LIST_HEADING.search(" ".join(line.split()))
            in_list = bool(heading) and index >= len(lines) // 2
            continue
        if in_list and len(line) <= 200 and not _SENTENCE_END.search(line.strip()):
            continue
        in_list = False
        kept.append(line)
    cleaned = "\n".join(kept).strip()
    return cleaned or body  # a page that is all chrome keeps its text: nothing to tell apart


@fail_soft("site chrome", ("body", "chrome_lines"))
def strip_site_chrome(record: ArticleRecord, source=None) -> ArticleRecord:
    """The chain step: keeps the lines of the body as extracted (record.chrome_lines, what the
    crawl learns from) and removes the chrome its caller loaded for the source
    (record.site_chrome; empty for `newsmon extract`, then the text is unchanged)."""
    record.chrome_lines = _lines(record.body, record.title)
    record.body = remove_chrome(record.body, record.site_chrome, record.title)
    return record
