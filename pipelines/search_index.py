"""Russian full-text search: a normalised index of the articles beside their original text.

SQLite's FTS tokenizers know no Russian morphology: `наркотик` does not find `наркотиков`. So every
article is also indexed in `articles_search` (FTS5, rowid = articles.id) in normalised form:

* `title`, `body`: each word replaced by its lemma (pymorphy3), `наркотиками` → `наркотик`;
* `title_stems`, `body_stems`: each word replaced by its Snowball stem, which joins words that
  lemmas keep apart (`изъятие` and `изъято` → `изъят`; their lemmas are `изъятие` and `изъять`).

Word positions are kept in each column, so a quoted phrase still matches words in sequence.
A search term is normalised the same way (`fts_query`): each word becomes `(lemma OR stem)`.

The index is written by `store_article` in the same transaction as the article (`index_article`),
and `backfill` fills it for rows stored before it existed. The original text stays in `articles`;
`highlight_html` and `snippet_html` mark the words of the original text that the search matched.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pipelines.morph import best_lemma
from pipelines.sentences import fold_yo
from pipelines.transactions import write_transaction

if TYPE_CHECKING:  # the facts read words() with no database: sqlite_utils (numpy) is not theirs
    import sqlite_utils

SEARCH_TABLE = "articles_search"
SEARCH_COLUMNS = ("title", "body", "title_stems", "body_stems")
# Words as FTS5's unicode61 tokenizer cuts them (a hyphen splits, digits stay in a word), so a
# phrase's word positions agree with the index; the figures' sentences.tokenize cuts differently.
_WORD = re.compile(r"\w+")
# A query: "a quoted phrase", or a bare word with an optional trailing * (prefix search).
_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("russian")


_CYRILLIC = re.compile(r"[а-яё]")


@lru_cache(maxsize=500_000)
def word_keys(word: str) -> tuple[str, str]:
    """(lemma, stem) of one word, lower-cased, ё read as е. Digits and words without Cyrillic
    letters are their own lemma and stem (what pymorphy3 and the Russian stemmer return for
    them anyway, without the cost of asking)."""
    word = fold_yo(word)
    if word.isdigit() or not _CYRILLIC.search(word):
        return word, word
    lemma = best_lemma(word)  # the process's one MorphAnalyzer
    stem = _stemmer().stemWord(word)
    return lemma, stem


def words(text: str | None) -> list[str]:
    return _WORD.findall(text or "")


# normalise() looks every word up in these plain dicts (keyed by the word as written): an
# article has thousands of words, and a dict look-up through map() costs a fraction of a call
# to the lru_cache-wrapped word_keys. Emptied when full, so a long crawl's memory stays bounded.
_LEMMA_OF: dict[str, str] = {}
_STEM_OF: dict[str, str] = {}
_NORMALISE_CACHE_LIMIT = 200_000


def _learn(found: list[str]) -> None:
    unseen = set(found).difference(_LEMMA_OF)
    if len(_LEMMA_OF) + len(unseen) > _NORMALISE_CACHE_LIMIT:
        _LEMMA_OF.clear()
        _STEM_OF.clear()
        unseen = set(found)
    for word in unseen:
        _LEMMA_OF[word], _STEM_OF[word] = word_keys.__wrapped__(word)


def normalise(text: str | None) -> tuple[str, str]:
    """The lemma text and the stem text of `text`, word for word."""
    found = words(text)
    try:
        lemmas = " ".join(map(_LEMMA_OF.__getitem__, found))
    except KeyError:  # a word not seen yet: learn all of this text's new words at once
        _learn(found)
        lemmas = " ".join(map(_LEMMA_OF.__getitem__, found))
    return lemmas, " ".join(map(_STEM_OF.__getitem__, found))


def ensure_search_table(db: sqlite_utils.Database) -> bool:
    """Create the index table if it is missing; True when it was created."""
    if SEARCH_TABLE in db.table_names():
        return False
    db.execute(
        f"create virtual table if not exists [{SEARCH_TABLE}] using fts5("
        f"{', '.join(SEARCH_COLUMNS)}, tokenize = 'unicode61')"
    )
    return True


def index_article(
    db: sqlite_utils.Database,
    article_id: int,
    title: str | None,
    body: str | None,
    normalised: tuple[str, str, str, str] | None = None,
) -> None:
    """(Re)index one article. Call it inside the transaction that writes the article.
    `normalised`: the title's and body's lemmas and stems (in SEARCH_COLUMNS order), when
    they were made already."""
    if normalised is None:
        title_lemmas, title_stems = normalise(title)
        body_lemmas, body_stems = normalise(body)
    else:
        title_lemmas, body_lemmas, title_stems, body_stems = normalised
    db.execute(f"delete from [{SEARCH_TABLE}] where rowid = ?", [article_id])
    db.execute(
        f"insert into [{SEARCH_TABLE}] (rowid, {', '.join(SEARCH_COLUMNS)}) values (?, ?, ?, ?, ?)",
        [article_id, title_lemmas, body_lemmas, title_stems, body_stems],
    )


def backfill(db: sqlite_utils.Database, *, rebuild: bool = False, batch: int = 500) -> int:
    """Index the articles that are not in the index yet (all of them with `rebuild`) and drop
    entries of articles that no longer exist. Works in short transactions, so a crawl writing
    at the same time only waits for one batch. Returns the number of articles indexed."""
    ensure_search_table(db)
    if rebuild:
        with write_transaction(db):
            db.execute(f"delete from [{SEARCH_TABLE}]")
    with write_transaction(db):
        db.execute(f"delete from [{SEARCH_TABLE}] where rowid not in (select id from articles)")
    done = 0
    last_id = 0
    while True:
        with write_transaction(db):
            rows = db.execute(
                f"select id, title, body from articles where id > ? and id not in "
                f"(select rowid from [{SEARCH_TABLE}]) order by id limit ?",
                [last_id, batch],
            ).fetchall()
            for article_id, title, body in rows:
                index_article(db, article_id, title, body)
        if not rows:
            return done
        done += len(rows)
        last_id = rows[-1][0]


# --- the query side -------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One part of a search: a word, a phrase (several words in a row) or a prefix."""

    words: tuple[str, ...]
    prefix: bool = False


def parse_query(query: str | None) -> list[Term]:
    terms = []
    for match in _QUERY_PART.finditer(query or ""):
        phrase, bare = match.groups()
        if phrase is not None:
            found = tuple(words(phrase))
            if found:
                terms.append(Term(found))
            continue
        prefix = bare.endswith("*")
        found = tuple(words(bare))
        if not found:
            continue
        if prefix and len(found) == 1:
            terms.append(Term(found, prefix=True))
        else:
            terms.append(Term(found))
    return terms


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(query: str | None) -> str:
    """The FTS5 expression that finds `query` in the normalised index: all terms must match;
    a word matches by lemma or by stem; `word*` matches words that start with it. A query
    without any word gives an expression that matches nothing."""
    parts = []
    for term in parse_query(query):
        if term.prefix:
            lowered = fold_yo(term.words[0])
            parts.append(f"{_quote(lowered)} *")
            continue
        keys = [word_keys(w) for w in term.words]
        lemmas = _quote(" ".join(k[0] for k in keys))
        stems = _quote(" ".join(k[1] for k in keys))
        parts.append(lemmas if lemmas == stems else f"({lemmas} OR {stems})")
    return " AND ".join(parts) if parts else '""'


def _matcher(query: str | None):
    """A predicate telling whether a word of the original text is one the query matched."""
    keys: set[str] = set()
    prefixes: list[str] = []
    for term in parse_query(query):
        if term.prefix:
            prefixes.append(fold_yo(term.words[0]))
        else:
            for w in term.words:
                keys.update(word_keys(w))

    def matches(word: str) -> bool:
        lemma, stem = word_keys(word)
        if lemma in keys or stem in keys:
            return True
        lowered = fold_yo(word)
        return any(lowered.startswith(p) or lemma.startswith(p) for p in prefixes)

    return matches


def _match_spans(text: str, query: str | None) -> Iterator[tuple[int, int]]:
    matches = _matcher(query)
    for m in _WORD.finditer(text):
        if matches(m.group()):
            yield m.span()


def _marked(text: str, spans: Iterable[tuple[int, int]], start: int, end: int) -> str:
    out = []
    pos = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def highlight_html(text: str | None, query: str | None) -> str:
    """`text` as HTML, escaped, with the words the query matched in <mark>."""
    text = text or ""
    return _marked(text, list(_match_spans(text, query)), 0, len(text))


def snippet_html(
    text: str | None, query: str | None, *, width: int = 220, fragments: int = 3
) -> str:
    """Up to `fragments` passages of about `width` characters around matched words, escaped and
    marked, joined by ' … '; the start of the text when nothing matched."""
    text = text or ""
    spans = list(_match_spans(text, query))
    if not spans:
        cut = text[:width]
        return html.escape(cut) + (" …" if len(text) > width else "")
    windows: list[tuple[int, int]] = []
    for a, _b in spans:
        if windows and a < windows[-1][1]:
            continue
        start = max(0, a - width // 3)
        # start at a word boundary
        if start > 0:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 and start - space < 30 else start
        end = min(len(text), start + width)
        if end < len(text):
            space = text.find(" ", end)
            end = space if 0 <= space < end + 30 else end
        windows.append((start, end))
        if len(windows) == fragments:
            break
    pieces = []
    for start, end in windows:
        piece = _marked(text, spans, start, end)
        pieces.append(("… " if start > 0 else "") + piece + (" …" if end < len(text) else ""))
    return " ".join(pieces).replace("… …", "…")
