"""Facts in the database: each claim once, with every place it was stated.

A figure row is a mention; `figures.fact_id` links it to its fact. The key of a fact is what
the number is about: indicator, substance (or object), region, scope, the period (or the day
of the event) and unit. Mentions of one key join one fact:
- the same key and value: the same claim (a headline and its body, a republished release, an
  updated article);
- the same value and unit in another article of the same story (`articles.duplicate_of`),
  whatever the key: a copy with a trimmed lead or reordered paragraphs may read another scope
  or role, the claim is the same (of several such facts, the one whose key agrees most);
- a headline number: the claim of the same number in its body, perhaps rounded («почти 1,5
  тысячи» over 1447; pipelines/facts/twins.py);
- the same key with another value, stated in another article of the same story (a
  republication, `articles.duplicate_of`) or, for a statistic over a period, in any other
  article when the values are of one size (CONFLICT_RATIO): one fact, whose `values` keeps
  every value with its mentions. It is in `conflict` only when no one number can be what
  every mention states, each read as its qualifier and written precision say («22 кг 115 г»
  and «более 22 кг» state one number; 2 030 and 1 658 kg do not);
- a rounded number and the number of its key the same article states precisely («свыше 47
  кг» in the lead, «47 кг 370 г» below; `twins.restated_twin`): one claim, valued precisely;
  so are a generic mass of an event and the one drug's mass that restates it («около 40 кг
  наркотиков», «порядка 40 кг мефедрона»; `twins.restated_drug`), a claim of that drug;
- other values of one key in one article are two claims («у одного изъято 5 г, у другого
  3 г»), and so are two events of one key in unrelated articles;
- a key with no day or period, or with nothing named that it counts, joins only the facts of
  its own story.
`link_article` runs in the transaction that stores the article; `rebuild_facts` redoes all.
"""

from __future__ import annotations

import json

import sqlite_utils

from pipelines.fact_views import ensure_fact_views
from pipelines.facts import near_duplicates
from pipelines.facts.breakdown import GENERIC
from pipelines.facts.indicators import vocabulary
from pipelines.facts.twins import (
    headline_twin,
    one_number,
    restated_drug,
    restated_twin,
    stated_range,
)

FIGURE_FACT_COLUMNS = {
    "role": str, "part_of": int, "scope": str, "event_day": str, "indicator": str,
    "substance": str, "check": str, "check_expected": float, "in_title": int, "fact_id": int,
    "change_of": int,
}  # fmt: skip
FACT_COLUMNS = {
    "id": int, "fact_key": str, "indicator": str, "substance": str, "object": str,
    "region": str, "scope": str, "period_start": str, "period_end": str, "event_day": str,
    "year": int, "unit": str, "value": float, "qualifier": str, "role": str, "in_title": int,
    "n_mentions": int, "n_articles": int, "n_sources": int, "first_source": str,
    "first_published_at": str, "first_article_id": int, "conflict": int, "values_json": str,
    "quote": str, "part_of": int,
}  # fmt: skip
NOT_MADE = object()  # a signature argument left out: link_article makes it from the body
_BATCH = 500  # ids per `in (...)` query, well under SQLite's 32,766 parameters
_KEY_FIELDS = ("indicator", "what", "region", "scope", "period_start", "period_end", "event_day",
               "unit")  # fmt: skip


def ensure_facts_schema(db: sqlite_utils.Database) -> None:
    """The facts table, the near-duplicate tables and the fact columns of figures and articles."""
    db["facts"].create(FACT_COLUMNS, pk="id", if_not_exists=True)
    existing = db["facts"].columns_dict
    for column, kind in FACT_COLUMNS.items():
        if column not in existing:
            db["facts"].add_column(column, kind)
    figures = db["figures"].columns_dict
    for column, kind in FIGURE_FACT_COLUMNS.items():
        if column not in figures:
            db["figures"].add_column(column, kind)
    if "duplicate_of" not in db["articles"].columns_dict:
        db["articles"].add_column("duplicate_of", int)
    db["article_minhash"].create({"article_id": int, "signature": bytes}, pk="article_id",
                                 if_not_exists=True)  # fmt: skip
    db["article_lsh"].create({"band": int, "bucket": int, "article_id": int}, if_not_exists=True)
    for table, columns in (
        ("facts", ["fact_key"]),
        ("facts", ["indicator", "region", "year"]),
        ("figures", ["fact_id"]),
        ("article_lsh", ["band", "bucket"]),
        ("article_lsh", ["article_id"]),
        ("articles", ["duplicate_of"]),
        ("facts", ["part_of"]),
        ("figures", ["part_of"]),  # seized_by_substance: is a fact any mention's total?
        ("figures", ["change_of"]),  # official_statistics: the change stated of a fact
    ):
        db[table].create_index(columns, if_not_exists=True)
    ensure_fact_views(db)


# --- near duplicates --------------------------------------------------------------------------


def _mark_duplicate(
    db: sqlite_utils.Database,
    article_id: int,
    body: str | None,
    signature: bytes | object | None = NOT_MADE,
) -> tuple[int | None, list[int]]:
    """Store the article's signature and set `duplicate_of` to the first published article of
    its story, if any. Returns that article's id, and the articles whose story root this one
    became (they are linked again: their event days change). `signature`: the body's, as a
    blob (None: too short to compare), when it was made already."""
    db.conn.execute("delete from article_lsh where article_id = ?", [article_id])
    db.conn.execute("delete from article_minhash where article_id = ?", [article_id])
    if signature is NOT_MADE:
        sig = near_duplicates.signature(body or "")
    else:
        sig = None if signature is None else near_duplicates.from_blob(signature)
    if sig is None:
        db.conn.execute("update articles set duplicate_of = null where id = ?", [article_id])
        return None, []
    keys = near_duplicates.band_keys(sig)
    clauses = " or ".join("(band = ? and bucket = ?)" for _ in keys)
    params = [v for key in keys for v in key]
    candidates = [
        row[0]
        for row in db.conn.execute(
            f"select distinct article_id from article_lsh where ({clauses}) and article_id != ?"
            " order by article_id",
            [*params, article_id],
        )
    ]
    best: tuple[float, int] | None = None
    for start in range(0, len(candidates), _BATCH):
        batch = candidates[start : start + _BATCH]
        for candidate, signature, story in db.conn.execute(
            "select m.article_id, m.signature, coalesce(a.duplicate_of, a.id)"
            " from article_minhash m join articles a on a.id = m.article_id"
            f" where m.article_id in ({', '.join('?' * len(batch))}) order by m.article_id",
            batch,
        ):
            score = near_duplicates.similarity(sig, near_duplicates.from_blob(signature))
            if (
                score >= near_duplicates.THRESHOLD
                and (best is None or score > best[0])
                and not _states_other_numbers(db, article_id, candidate)
            ):
                best = (score, story)
    root = best[1] if best else None
    members: list[int] = []
    if root is not None and _published(db, article_id) < _published(db, root):
        # this article is older than the story's first one (crawled later): it becomes the root
        members = [
            r[0]
            for r in db.conn.execute(
                "select id from articles where id = ? or duplicate_of = ?", [root, root]
            )
        ]
        db.conn.execute(
            "update articles set duplicate_of = ? where id = ? or duplicate_of = ?",
            [article_id, root, root],
        )
        root = None
    db.conn.execute("update articles set duplicate_of = ? where id = ?", [root, article_id])
    db.conn.execute(
        "insert into article_minhash (article_id, signature) values (?, ?)",
        [article_id, near_duplicates.to_blob(sig)],
    )
    db.conn.executemany(
        "insert into article_lsh (band, bucket, article_id) values (?, ?, ?)",
        [(band, bucket, article_id) for band, bucket in keys],
    )
    return root, members


# a republication states the numbers of its original (a trimmed lead drops some, a rewritten one
# rounds one or two); a report in the same template states others
SHARED_NUMBERS = 0.5
_MIN_NUMBERS = 2


def _states_other_numbers(db: sqlite_utils.Database, article_id: int, other: int) -> bool:
    """Whether two articles of one wording state different numbers: the next month's report of
    an office in the template of the last («за 8 месяцев выявлено 14 преступлений …», then «за
    11 месяцев … 22 …»), no republication of it. Each states two distinct body numbers or more,
    and fewer than SHARED_NUMBERS of the fewer are the other's."""
    mine, theirs = _body_numbers(db, article_id), _body_numbers(db, other)
    if min(len(mine), len(theirs)) < _MIN_NUMBERS:
        return False
    return len(mine & theirs) < SHARED_NUMBERS * min(len(mine), len(theirs))


def _body_numbers(db: sqlite_utils.Database, article_id: int) -> set[float]:
    return {
        round(row[0], 6)
        for row in db.conn.execute(
            "select value from figures where article_id = ? and value is not null"
            " and not coalesce(in_title, 0)",
            [article_id],
        )
    }


def _published(db: sqlite_utils.Database, article_id: int) -> str:
    row = db.conn.execute("select published_at from articles where id = ?", [article_id]).fetchone()
    return (row[0] if row else None) or "9999"


# --- keys -------------------------------------------------------------------------------------


def fact_key(figure: dict) -> str:
    what = figure.get("substance") or figure.get("object") or ""
    parts = {**figure, "what": what}
    return json.dumps([parts.get(k) or "" for k in _KEY_FIELDS], ensure_ascii=False)


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def _story(db: sqlite_utils.Database, article_id: int) -> int:
    row = db.conn.execute(
        "select coalesce(duplicate_of, id) from articles where id = ?", [article_id]
    ).fetchone()
    return row[0] if row else article_id


def _story_articles(db: sqlite_utils.Database, article_id: int, story: int) -> list[int]:
    """The other articles of the article's story (its root and the root's copies)."""
    return [
        r[0]
        for r in db.conn.execute(
            "select id from articles where (id = ? or duplicate_of = ?) and id != ?",
            [story, story, article_id],
        )
    ]


def _story_twin(db: sqlite_utils.Database, figure: dict, key: str, others: list[int]):
    """The fact of the same number stated by another article of the same story, or None.

    A republication trims the lead and reorders paragraphs, so its copy of a number may lose
    the total it is a part of, or the period or day its scope came from: the key differs, the
    claim does not. Of several facts with this value the one whose key agrees most wins."""
    if not others:
        return None
    value = float(figure["value"])
    # `+f.unit`: look the story's figures up by article, never every figure of a unit
    rows = db.conn.execute(
        "select distinct fa.id, fa.fact_key from figures f join facts fa on fa.id = f.fact_id"
        f" where f.article_id in ({', '.join('?' * len(others))}) and +f.unit is ?"
        " and abs(f.value - ?) <= ?",
        [*others, figure.get("unit"), value, 1e-6 * max(abs(value), 1.0)],
    ).fetchall()
    if not rows:
        return None
    mine = json.loads(key)

    def agreement(row: tuple) -> tuple[int, int]:
        theirs = json.loads(row[1])
        return sum(a == b for a, b in zip(mine, theirs, strict=False)), -row[0]

    return max(rows, key=agreement)[0]


def _find_fact(
    db: sqlite_utils.Database,
    figure: dict,
    key: str,
    article_id: int,
    story: int,
    others: list[int] | None = None,
):
    """The fact a mention joins, or None for a new claim. `others`: the other articles of
    its story."""
    rows = db.conn.execute("select id, value from facts where fact_key = ?", [key]).fetchall()
    # «задержали двух мужчин» in two undated texts, «52%» of nothing named: with no day or period
    # in the key, or nothing it is a number of, nothing says two stories tell of one claim, so
    # such a claim joins only its own story's facts
    told_apart = any(figure.get(k) for k in _DATE_FIELDS) and _names_what(figure)
    for fact_id, value in rows:
        same = value is not None and _same_value(float(value), float(figure["value"]))
        if same and (told_apart or story in _fact_stories(db, fact_id)):
            return fact_id
    if others is None:
        others = _story_articles(db, article_id, story)
    twin = _story_twin(db, figure, key, others)
    if twin is not None or not rows:
        return twin
    for fact_id, value in rows:
        articles = _fact_articles(db, fact_id)
        if article_id in articles:
            continue  # another value in the same text: another claim
        if (
            told_apart
            and figure.get("scope") == "period"
            and figure.get("period_start")
            and _may_be_one_statistic(value, figure["value"])
        ):
            return fact_id
        if story in {_story(db, a) for a in articles}:
            return fact_id
    return None


_DATE_FIELDS = ("period_start", "period_end", "event_day")
# Two values of one statistic that sources disagree on, or round or revise: «3 089 кг» and «более
# трёх тонн», «457 кг» and «почти 500 кг». «более килограмма» against «6,2 тонны» for the same
# country and year is a smaller count the key is too coarse to tell apart, not a conflict.
CONFLICT_RATIO = 1.5


def _may_be_one_statistic(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    low, high = sorted((abs(float(a)), abs(float(b))))
    return high <= CONFLICT_RATIO * low


def _names_what(figure: dict) -> bool:
    return bool(figure.get("indicator") or figure.get("substance") or figure.get("object"))


def _fact_articles(db: sqlite_utils.Database, fact_id: int) -> set[int]:
    return {
        r[0]
        for r in db.conn.execute(
            "select distinct article_id from figures where fact_id = ?", [fact_id]
        )
    }


def _fact_stories(db: sqlite_utils.Database, fact_id: int) -> set[int]:
    return {_story(db, a) for a in _fact_articles(db, fact_id)}


# --- linking ----------------------------------------------------------------------------------


def facts_of(db: sqlite_utils.Database, article_id: int) -> set[int]:
    return {
        r[0]
        for r in db.conn.execute(
            "select distinct fact_id from figures where article_id = ? and fact_id is not null",
            [article_id],
        )
    }


def link_article(
    db: sqlite_utils.Database,
    article_id: int,
    previous: set[int] | None = None,
    *,
    body: str | None = None,
    dedupe: bool = True,
    signature: bytes | object | None = NOT_MADE,
) -> set[int]:
    """Mark the article's story and link each of its figures to a fact (in the caller's
    transaction). `previous`: the facts its old figures were linked to; `signature`: the
    body's MinHash blob, when it was made already. Returns the facts touched."""
    article = db.conn.execute(
        "select published_day, published_at, source, body, duplicate_of from articles where id = ?",
        [article_id],
    ).fetchone()
    if article is None:
        return set()
    published_day, _, _, stored_body, _ = article
    text = body if body is not None else stored_body
    root, moved = _mark_duplicate(db, article_id, text, signature) if dedupe else (article[4], [])
    root_day = None
    if root is not None:
        row = db.conn.execute("select published_day from articles where id = ?", [root]).fetchone()
        root_day = row[0] if row else None
    story = root if root is not None else article_id
    figures = [
        dict(zip(("id", *_FIGURE_READ), row, strict=True))
        for row in db.conn.execute(
            f"select id, {', '.join(f'[{c}]' for c in _FIGURE_READ)} from figures"
            " where article_id = ? order by seq",
            [article_id],
        )
    ]
    touched = set(previous or ())
    others = _story_articles(db, article_id, story)
    figures = [f for f in figures if f["value"] is not None]
    for figure in figures:
        figure["region"] = figure.get("region") or figure.get("country")  # a national claim
        if root_day and published_day and root_day != published_day:
            # a republication's own day is not the event's, nor the end of «с начала года»
            for day in ("event_day", "period_end"):
                if figure.get(day) == published_day:
                    figure[day] = root_day
        figure["_key"] = fact_key(figure)
    restates = _restatements(figures)
    body_facts: list[tuple[dict, int]] = []
    fact_of: dict[int, int] = {}
    # the body first, and a number the text states precisely before its rounded restatements;
    # a headline number is the claim of the same number in its body
    order = sorted(range(len(figures)), key=lambda i: (bool(figures[i].get("in_title")),
                                                      i in restates))  # fmt: skip
    for i in order:
        figure, key = figures[i], figures[i]["_key"]
        fact_id = fact_of.get(restates[i]) if i in restates else None
        if figure.get("in_title"):
            twin = headline_twin(figure, [body for body, _ in body_facts])
            fact_id = body_facts[twin][1] if twin is not None else None
        if fact_id is None:
            fact_id = _find_fact(db, figure, key, article_id, story, others)
        if fact_id is None:
            fact_id = _insert_fact(db, _new_fact(figure, key))
        if not figure.get("in_title"):
            body_facts.append((figure, fact_id))
        fact_of[i] = fact_id
        db.conn.execute("update figures set fact_id = ? where id = ?", [fact_id, figure["id"]])
        touched.add(fact_id)
    refresh_facts(db, touched)
    for member in moved:
        touched |= link_article(db, member, facts_of(db, member), dedupe=False)
    return touched


def _restatements(figures: list[dict]) -> dict[int, int]:
    """Body figure -> the figure of the same key it restates rounded (`twins.restated_twin`),
    or the one drug's mass a generic mass of the same event restates (`twins.restated_drug`),
    followed to the most precise one: «свыше 47 кг» and «47 кг 370 г» are one claim."""
    body = [k for k, f in enumerate(figures) if not f.get("in_title")]
    members = dict(vocabulary().members)
    twins = {}
    for k in body:
        same_key = [j for j in body if figures[j]["_key"] == figures[k]["_key"]]
        twin = restated_twin(figures[k], [figures[j] for j in same_key])
        if twin is not None:
            twins[k] = same_key[twin]
            continue
        # «около 40 кг наркотиков» … «порядка 40 кг мефедрона»: the drug's claim
        event = [j for j in body if _key_but_what(figures[j]) == _key_but_what(figures[k])]
        twin = restated_drug(figures[k], [figures[j] for j in event], members)
        if twin is not None:
            twins[k] = event[twin]
    for k, twin in twins.items():
        while twin in twins:  # each step is finer: no cycle
            twin = twins[twin]
        twins[k] = twin
    return twins


def _key_but_what(figure: dict) -> list:
    return [figure.get(k) for k in _KEY_FIELDS if k != "what"]


_FIGURE_READ = ("value", "unit", "qualifier", "object", "quote", "role", "scope", "event_day",
                "period_start", "period_end", "indicator", "substance", "region", "country",
                "in_title", "change")  # fmt: skip


def _new_fact(figure: dict, key: str) -> dict:
    dated = figure.get("period_start") or figure.get("event_day") or ""
    return {
        "fact_key": key,
        "indicator": figure.get("indicator"),
        "substance": figure.get("substance"),
        "object": figure.get("object"),
        "region": figure.get("region"),
        "scope": figure.get("scope"),
        "period_start": figure.get("period_start"),
        "period_end": figure.get("period_end"),
        "event_day": figure.get("event_day"),
        "year": int(dated[:4]) if dated[:4].isdigit() else None,
        "unit": figure.get("unit"),
        "value": figure["value"],
        "qualifier": figure.get("qualifier"),
        "role": figure.get("role"),
    }


def refresh_facts(db: sqlite_utils.Database, fact_ids: set[int]) -> None:
    """Recount the mentions of these facts; a fact left without mentions goes. Three reads for
    a batch of facts, not four for each: an article's figures touch a fact apiece."""
    ids = sorted(fact_ids)
    for start in range(0, len(ids), _BATCH):
        _refresh_batch(db, ids[start : start + _BATCH])


def _refresh_batch(db: sqlite_utils.Database, ids: list[int]) -> None:
    marks = ", ".join("?" * len(ids))
    mentions: dict[int, list[tuple]] = {fact_id: [] for fact_id in ids}
    for row in db.conn.execute(
        "select f.fact_id, f.value, f.qualifier, f.role, f.in_title, f.quote, a.id, a.source,"
        f" a.published_at, f.event_day, {', '.join('f.' + c for c in _CLAIM_FIELDS)}, a.url"
        " from figures f join articles a on a.id = f.article_id"
        # copies published at one time are ordered by their address, not by when the crawl
        # stored them
        f" where f.fact_id in ({marks}) order by f.fact_id, coalesce(a.published_at, '9999'),"
        " a.url, f.in_title desc, f.seq",
        ids,
    ):
        mentions[row[0]].append(row[1:])
    # the fact of a total one of a fact's mentions is a part of (the lowest, when several)
    totals = dict(
        db.conn.execute(
            "select f.fact_id, min(t.fact_id) from figures f join figures t on t.id = f.part_of"
            f" where f.fact_id in ({marks}) and t.fact_id is not null and t.fact_id != f.fact_id"
            " group by f.fact_id",
            ids,
        ).fetchall()
    )
    gone = [(fact_id,) for fact_id in ids if not mentions[fact_id]]
    db.conn.executemany("delete from facts where id = ?", gone)
    for fact_id in ids:
        if mentions[fact_id]:
            _update_fact(db, fact_id, _counted(mentions[fact_id], totals.get(fact_id)))


# what a mention says the claim is, read back to key its fact by the first publication
_CLAIM_FIELDS = ("indicator", "substance", "object", "region", "country", "scope",
                 "period_start", "period_end", "unit")  # fmt: skip


def _claim_of(mention: tuple, event_day: str | None) -> dict:
    """The key columns a mention's figure row gives its fact (a national claim keyed by its
    country, as `link_article` keys it); `event_day`: the fact's, for an event."""
    claim = dict(zip(_CLAIM_FIELDS, mention[9:-1], strict=True))
    country = claim.pop("country")
    claim["region"] = claim["region"] or country
    claim["event_day"] = event_day if claim["scope"] == "event" else None
    return claim


def _fullest_first(stated: list[tuple]) -> tuple:
    """Of the mentions published first, the one whose reading says most (a region rather than
    a country, a period, what is counted): a copy published at the same time may have lost the
    lead that named them. Ties go by address, never by storage order."""
    earliest = [m for m in stated if m[7] == stated[0][7]]

    def says(mention: tuple) -> int:
        claim = dict(zip(_CLAIM_FIELDS, mention[9:-1], strict=True))
        named = sum(1 for k in ("indicator", "substance", "object", "period_start") if claim[k])
        named += claim["substance"] not in GENERIC  # «героин» says more than «наркотик»
        return named + 2 * bool(claim["region"])

    return min(earliest, key=lambda m: (-says(m), m[-1]))


def _finest(said: list[dict]) -> int:
    """The statement of the narrowest range (the first of equals): «22 кг 115 г», not «более
    22 кг»."""
    widths = [high - low for low, high in map(stated_range, said)]
    return widths.index(min(widths))


def _counted(mentions: list[tuple], total: int | None) -> dict:
    """A fact's columns from its mentions, first published first: the first publication's
    reading names the claim, whatever order the crawl stored its copies in (a copy that lost
    the lead may read the period or region otherwise, and join the fact as its twin)."""
    values: dict[float, int] = {}
    # a headline rounds the number its body states («почти 1,5 тысячи» over 1447): the bodies'
    # values are the claim's, and only they can disagree
    stated = [m for m in mentions if not m[3]] or mentions
    for m in stated:
        values[float(m[0])] = values.get(float(m[0]), 0) + 1
    unit = mentions[0][9 + _CLAIM_FIELDS.index("unit")]
    said = [{"value": m[0], "qualifier": m[1], "quote": m[4], "unit": unit} for m in stated]
    # a lead's «более 22 кг» over the text's «22 кг 115 г»: two values, one number
    conflict = len(values) > 1 and not one_number(said)
    first = mentions[0]
    # an event is dated by its first publication: a republication stored before the
    # original (crawl order) must not leave its own later day on the fact
    lead = _fullest_first(stated)
    claim = _claim_of(lead, first[8])
    # one number stated rounded and precisely: the sums add the precise one; values in
    # conflict: the first publication's, the others kept in values_json
    value = lead if conflict or len(values) == 1 else stated[_finest(said)]
    body_roles = [m[2] for m in mentions if not m[3]] or [m[2] for m in mentions]
    if total:  # a copy that lost the total still states a part of it
        body_roles = ["part"]
    return {
        **claim,
        "fact_key": fact_key(claim),
        "year": _year(claim["period_start"] or claim["event_day"]),
        "value": value[0],
        "qualifier": value[1],
        "role": max(body_roles, key=body_roles.count),  # a tie: the first mention's
        "in_title": int(any(m[3] for m in mentions)),
        "quote": value[4],
        "n_mentions": len(mentions),
        "n_articles": len({m[5] for m in mentions}),
        "n_sources": len({m[6] for m in mentions}),
        "first_article_id": first[5],
        "first_source": first[6],
        "first_published_at": first[7],
        "conflict": int(conflict),
        "part_of": total,
        "values_json": json.dumps(
            [{"value": v, "mentions": n} for v, n in values.items()], ensure_ascii=False
        ),
    }


# Plain SQL: sqlite-utils' insert and update ask for the table's columns, primary keys and
# existence on every call, which cost more than the writes themselves.
def _insert_fact(db: sqlite_utils.Database, row: dict) -> int:
    names = ", ".join(f"[{c}]" for c in row)
    sql = f"insert into facts ({names}) values ({', '.join('?' * len(row))})"
    return db.conn.execute(sql, list(row.values())).lastrowid


def _update_fact(db: sqlite_utils.Database, fact_id: int, row: dict) -> None:
    assignments = ", ".join(f"[{c}] = ?" for c in row)
    db.conn.execute(f"update facts set {assignments} where id = ?", [*row.values(), fact_id])


def _year(day: str | None) -> int | None:
    return int(day[:4]) if day and day[:4].isdigit() else None


def rebuild_facts(db: sqlite_utils.Database) -> int:
    """Forget every fact and story and link all stored articles again, oldest first."""
    db.execute("delete from facts")
    db.execute("delete from article_lsh")
    db.execute("delete from article_minhash")
    db.execute("update figures set fact_id = null")
    db.execute("update articles set duplicate_of = null")
    count = 0
    for (article_id,) in db.execute("select id from articles order by id").fetchall():
        link_article(db, article_id)
        count += 1
    return count
