"""Score the facts step (pipelines/facts) on the blind held-out sets of bench/heldout/.

    .venv/bin/python bench/facts_eval.py [--split dev|test|all] [--show-errors]

1. Role, scope, indicator and substance accuracy over the figures matched to gold (same unit,
   value within 1e-6 relative, each gold figure once; headline figures against the gold
   `in_title` ones, body figures against the rest; at equal values the one at the gold quote's
   occurrence first), "part_of right" and a confusion table of roles; then how many of the
   originals' figures the consistency checks checked, and found in mismatch.
2. Republications: each text republished by three made-up sites (another headline, a trimmed or
   summarised lead, paragraphs reordered, boilerplate, 0-2 days later), all stored through
   `store_article` into a fresh SQLite file. Pair F1 over the mentions matched to gold: gold
   says two mentions of different articles are one claim when they are the same gold figure of
   the same text (a headline figure being the claim of its body twin, a rounded restatement
   that of the number it rounds, unless --no-restatements); prediction, one fact_id.
   Then the facts with several values and those of them in conflict (values no one number
   can be), the near-duplicate marking and the MinHash similarities behind its threshold.
3. No fact or figure with role `part` is counted in the sums of the database views, and no
   view adds a total to one of its parts: the pairs the rules linked, and the pairs the gold
   links (`part_of`), whatever roles the rules gave them: the double counts an analyst meets.

--show-errors lists the dev split's attribute errors only: the test split stays unread.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from heldout_figures_eval import SETS, load_set, quote_span, same_value  # noqa: E402
from republications import SITES, joined, later, make_version, version_origins  # noqa: E402

from pipelines.articles import store_article, upsert_source  # noqa: E402
from pipelines.chain import TEXT_STEPS, SourceContext, process_article  # noqa: E402
from pipelines.db import connect  # noqa: E402
from pipelines.facts import near_duplicates  # noqa: E402
from pipelines.facts.indicators import vocabulary  # noqa: E402
from pipelines.facts.twins import headline_twin, restated_drug, restated_twin  # noqa: E402
from pipelines.items import ArticleRecord  # noqa: E402

ROLES = ("total", "part", "baseline", "change", "value")
ATTRIBUTES = ("role", "scope", "indicator", "substance")

# --- texts and matching ---------------------------------------------------------------------


def split_text(text: str) -> tuple[str, str]:
    """(headline, body) of a held-out file: the first line, then what follows the blank line."""
    title, sep, body = text.partition("\n\n")
    return (title, body) if sep else (text.split("\n", 1)[0], text.split("\n", 1)[-1])


def gold_spans(text: str, gold: list[dict]) -> list[tuple[str, int, int] | None]:
    """Where each gold quote stands: ("title"|"body", start, end) in that part, or None."""
    title, body = split_text(text)
    body_at = len(text) - len(body)
    spans = [quote_span(text, g["quote"], g.get("occurrence", 1)) for g in gold]
    return [None if s is None else ("title", *s) if s[0] < len(title)
            else ("body", s[0] - body_at, s[1] - body_at) for s in spans]  # fmt: skip


def match(gold: list[dict], spans: list, predicted: list[dict], origins: list) -> dict[int, int]:
    """{prediction index: gold index}. `origins[i]`: (part, start, end) of prediction i in the
    original text, or None for text that is not the original's (it matches nothing). Headline
    figures match gold `in_title` figures, body figures the others; same unit, value within
    1e-6; first the prediction at the gold quote, then the first free one."""
    pairs: dict[int, int] = {}
    for at_quote in (True, False):
        for gi, g in enumerate(gold):
            if gi in pairs.values():
                continue
            part = "title" if g.get("in_title") else "body"
            for pi, p in enumerate(predicted):
                origin = origins[pi]
                if pi in pairs or origin is None or origin[0] != part:
                    continue
                if p.get("unit") != g["unit"] or not same_value(float(p["value"]), g["value"]):
                    continue
                span = spans[gi]
                if at_quote and not (
                    span and span[0] == part and origin[1] < span[2] and span[1] < origin[2]
                ):
                    continue
                pairs[pi] = gi
                break
    return pairs


def own_origins(figures: list[dict]) -> list[tuple[str, int, int]]:
    return [("title" if f.get("in_title") else "body", f["start"], f["end"]) for f in figures]


def run_chain(record: ArticleRecord) -> ArticleRecord:
    return process_article(record, SourceContext(), TEXT_STEPS)


# --- 1. attributes --------------------------------------------------------------------------


def score_attributes(gold: list[dict], predicted: list[dict], pairs: dict[int, int]) -> dict:
    """Counts of one text: matched pairs, correct attributes, part links, role confusion."""
    c = Counter(gold=len(gold), predicted=len(predicted), matched=len(pairs))
    confusion: Counter = Counter()
    errors = []
    for pi, gi in pairs.items():
        g, p = gold[gi], predicted[pi]
        confusion[(g["role"], p.get("role"))] += 1
        for attribute in ATTRIBUTES:
            if attribute == "substance" and not g.get("substance"):
                continue
            c[f"{attribute}_n"] += 1
            if g.get(attribute) == p.get(attribute):
                c[f"{attribute}_ok"] += 1
            else:
                errors.append((attribute, g, p, g.get(attribute), p.get(attribute)))
        predicted_total = pairs.get(p["part_of"]) if p.get("part_of") is not None else None
        if g["role"] == "part":
            c["parts"] += 1
            right = predicted_total is not None and predicted_total == g.get("part_of")
            c["parts_right"] += right
            if not right:
                got = predicted[p["part_of"]]["quote"] if p.get("part_of") is not None else None
                want = gold[g["part_of"]]["quote"] if g.get("part_of") is not None else None
                errors.append(("part_of", g, p, want, got))
        if p.get("part_of") is not None:
            c["links"] += 1
            c["links_right"] += g["role"] == "part" and predicted_total == g.get("part_of")
    return {"counts": c, "confusion": confusion, "errors": errors}


def ratio(a: float, b: float) -> str:
    return f"{a / b:.3f}" if b else "-"


def table(headers: list[str], rows: list[list]) -> str:
    """Plain columns: the first left-aligned, the others right-aligned."""
    cells = [[str(x) for x in r] for r in (headers, *rows)]
    w = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    return "\n".join("  ".join([r[0].ljust(w[0]), *(v.rjust(n) for v, n in zip(r[1:], w[1:],
                      strict=True))]) for r in cells)  # fmt: skip


def attribute_row(name: str, results: list[dict]) -> list:
    c = sum((r["counts"] for r in results), Counter())
    return [
        name, len(results), c["gold"], c["predicted"], c["matched"],
        ratio(c["role_ok"], c["role_n"]), ratio(c["scope_ok"], c["scope_n"]),
        ratio(c["indicator_ok"], c["indicator_n"]),
        f"{ratio(c['substance_ok'], c['substance_n'])} ({c['substance_n']})",
        f"{ratio(c['parts_right'], c['parts'])} ({c['parts']})",
        f"{ratio(c['links_right'], c['links'])} ({c['links']})",
    ]  # fmt: skip


ATTRIBUTE_HEADERS = ["set/split", "docs", "gold", "pred", "matched", "role", "scope", "indicator",
                     "substance (n)", "part_of right (n)", "part links right (n)"]  # fmt: skip


def confusion_table(results: list[dict]) -> str:
    confusion = sum((r["confusion"] for r in results), Counter())
    predicted = [*ROLES, *sorted({p for _, p in confusion if p not in ROLES}, key=str)]
    rows = [[g, *(confusion[(g, p)] for p in predicted)] for g in ROLES]
    return table(["gold \\ predicted", *map(str, predicted)], rows)


# --- 2. republications ----------------------------------------------------------------------


def claim_ids(gold: list[dict], restatements: bool = True) -> list[int]:
    """The claim of each gold figure: its own index; for a headline figure, its body twin's
    (same unit and value, or the one body number of the gold's indicator and object that the
    headline rounds as its qualifier says: «почти 1,5 тысячи» over 1447), so that the headline
    and the body state one claim; for a body number the text restates rounded («свыше 47 кг»
    over «47 кг 370 г»), the precise one's, among the gold figures of its indicator, scope,
    unit and substance or object, and for a generic mass the one drug's mass that restates it
    («около 40 кг наркотиков» over «порядка 40 кг мефедрона»). The issue's definition: a lead
    and the text state one claim; the annotators marked each mention, not which are one."""
    body = [k for k, b in enumerate(gold) if not b.get("in_title")]
    claims = []
    for gi, g in enumerate(gold):
        twin = None
        if g.get("in_title"):
            k = headline_twin(g, [gold[b] for b in body])
            twin = body[k] if k is not None else None
        elif restatements:
            same = [b for b in body if _gold_key(gold[b]) == _gold_key(g)]
            k = restated_twin(g, [gold[b] for b in same])
            twin = same[k] if k is not None else None
            if twin is None:  # «около 40 кг наркотиков» … «порядка 40 кг мефедрона»
                event = [b for b in body if _gold_key(gold[b])[::2] == _gold_key(g)[::2]]
                k = restated_drug(g, [gold[b] for b in event], MEMBERS)
                twin = event[k] if k is not None else None
        claims.append(gi if twin is None else twin)
    return [claims[c] for c in claims]  # a headline over a restatement: the precise number


MEMBERS = dict(vocabulary().members)


def _gold_key(figure: dict) -> tuple:
    what = figure.get("substance") or figure.get("object")
    return figure.get("indicator"), what, figure.get("scope"), figure.get("unit")


def across_pairs(mentions: list[tuple], key) -> int:
    """Pairs of mentions in different articles that share key(mention) (None shares nothing);
    a mention is (article, ...)."""
    keys = [(key(m), m[0]) for m in mentions if key(m) is not None]
    groups, same_article = Counter(k for k, _ in keys), Counter(keys)
    pairs = sum(n * (n - 1) // 2 for n in groups.values())
    return pairs - sum(n * (n - 1) // 2 for n in same_article.values())


def pair_scores(mentions: list[tuple]) -> dict:
    """Mentions are (article, story, claim, fact_id). Pair precision, recall and F1."""
    gold = across_pairs(mentions, lambda m: (m[1], m[2]))
    predicted = across_pairs(mentions, lambda m: m[3])
    right = across_pairs(mentions, lambda m: (m[1], m[2], m[3]) if m[3] is not None else None)
    other_story = predicted - across_pairs(
        mentions, lambda m: (m[3], m[1]) if m[3] is not None else None
    )
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"mentions": len(mentions), "gold": gold, "predicted": predicted, "right": right,
            "other_story": other_story, "P": p, "R": r, "F1": f1}  # fmt: skip


def build_articles(doc: dict) -> list[dict]:
    """The original and its three republications: record, segments (None: the original)."""
    title, body = split_text(doc["text"])
    key = f"{doc['set']}-{doc['id']}"
    articles = [{"source": "original", "url": f"https://original.example/{key}", "title": title,
                 "body": body, "published": doc["published"], "version": None}]  # fmt: skip
    for site in SITES:
        version = make_version(title, body, site, random.Random(f"{key}/{site}"))
        articles.append(
            {"source": site, "url": f"https://{site.replace('_', '-')}.example/news/{key}",
             "title": joined(version["title"]), "body": joined(version["body"]),
             "published": later(doc["published"], version["days"]), "version": version}
        )  # fmt: skip
    for article in articles:
        record = ArticleRecord(
            source=article["source"], url=article["url"], html="", fetched_at="",
            title=article["title"], body=article["body"], published_at=article["published"],
        )  # fmt: skip
        article["record"] = run_chain(record)
    return articles


def quantiles(values: list[float]) -> list[str]:
    if not values:
        return ["-"] * 7
    s = sorted(values)
    pick = [s[min(int(q * (len(s) - 1) + 0.5), len(s) - 1)] for q in (0.05, 0.25, 0.5, 0.75, 0.95)]
    return [f"{x:.3f}" for x in (s[0], *pick, s[-1])]


def similarity_report(stories: list[list[str]]) -> list[str]:
    """MinHash Jaccard estimates: pairs of one story against pairs of different stories."""
    sigs = [[near_duplicates.signature(b) for b in story] for story in stories]
    flat = [(k, s) for k, story in enumerate(sigs) for s in story if s is not None]
    true, distinct = [], []
    for i in range(len(flat)):
        for j in range(i + 1, len(flat)):
            score = near_duplicates.similarity(flat[i][1], flat[j][1])
            (true if flat[i][0] == flat[j][0] else distinct).append(score)
    short = sum(s is None for story in sigs for s in story)
    t = near_duplicates.THRESHOLD
    lines = [table(["pairs", "n", "min", "p5", "p25", "p50", "p75", "p95", "max", f">= {t}"], [
        ["republication", len(true), *quantiles(true), sum(x >= t for x in true)],
        ["distinct", len(distinct), *quantiles(distinct), sum(x >= t for x in distinct)],
    ])]  # fmt: skip
    if short:
        lines.append(f"texts too short for a signature: {short}")
    if true and distinct:
        low, high = max(distinct), min(true)
        if low < high:
            lines.append(f"separating thresholds: ({low:.3f}, {high:.3f}]; THRESHOLD = {t}")
        else:
            best = min(sorted(set(true + distinct)), key=lambda x: sum(v < x for v in true)
                       + sum(v >= x for v in distinct))  # fmt: skip
            wrong = sum(v < best for v in true) + sum(v >= best for v in distinct)
            lines.append(f"no threshold separates them (distinct up to {low:.3f}, republications"
                         f" from {high:.3f}); fewest errors at {best:.3f}: {wrong}")  # fmt: skip
    return lines


MENTION_COLUMNS = ("value", "unit", "in_title", "start", "end", "fact_id")
COLUMNS_SQL = ", ".join(f"[{c}]" for c in MENTION_COLUMNS)


def store_all(db, stories: list[tuple[dict, list[dict]]], restatements: bool = True) -> list[tuple]:
    """Store every article, originals before their republications; mentions matched to gold as
    (article, story, claim, fact_id)."""
    for name in ("original", *SITES):
        site = SimpleNamespace(name=name, url=f"https://{name}.example/", spider="eval", lang="ru",
                               timezone=None, region=None, schedule=None)  # fmt: skip
        upsert_source(db, site, "{}")
    ids = {}
    for doc, articles in stories:
        for article in articles:
            article["id"], _ = store_article(db, article["record"])
            ids[article["id"]] = (doc, article)
    mentions = []
    for article_id, (doc, article) in ids.items():
        rows = db.execute(
            f"select {COLUMNS_SQL} from figures where article_id = ? order by seq", [article_id],
        ).fetchall()  # fmt: skip
        figures = [dict(zip(MENTION_COLUMNS, r, strict=True)) for r in rows]
        version = article["version"]
        origins = version_origins(version, figures) if version else own_origins(figures)
        pairs = match(doc["figures"], gold_spans(doc["text"], doc["figures"]), figures, origins)
        claims = claim_ids(doc["figures"], restatements)
        story = f"{doc['set']}/{doc['id']}"
        for pi, gi in pairs.items():
            mentions.append((article_id, story, claims[gi], figures[pi]["fact_id"]))
    return mentions


def check_row(split: str, scored: list[tuple]) -> list:
    checks = Counter(f.get("check") for d, record, _ in scored if d["split"] == split
                     for f in record.figures)  # fmt: skip
    return [split, checks["ok"] + checks["mismatch"], checks["ok"], checks["mismatch"]]


def value_report(db) -> list[int]:
    """Facts, those stated with two or more values, and those of them in conflict (the rest: a
    number and its rounding, «более 22 кг» and «22 кг 115 г»)."""
    several = "json_array_length(values_json) > 1"
    return list(db.execute(
        f"select count(*), coalesce(sum({several}), 0), coalesce(sum(conflict), 0) from facts"
    ).fetchone())  # fmt: skip


def duplicate_report(db, stories: list[tuple[dict, list[dict]]]) -> list[list]:
    marked = dict(db.execute("select id, duplicate_of from articles").fetchall())
    c = Counter()
    for _, articles in stories:
        original = articles[0]["id"]
        c["originals"] += 1
        c["false_original"] += marked[original] is not None
        for article in articles[1:]:
            c["versions"] += 1
            c["marked"] += marked[article["id"]] is not None
            c["to_original"] += marked[article["id"]] == original
            c["wrong_story"] += marked[article["id"]] not in (None, original)
    labels = [("republications marked duplicate_of", "marked", "versions"),
              ("  ... pointing to their original", "to_original", "versions"),
              ("  ... pointing to another story", "wrong_story", "versions"),
              ("originals marked duplicate (false)", "false_original", "originals")]  # fmt: skip
    return [[label, f"{c[k]}/{c[n]}", ratio(c[k], c[n])] for label, k, n in labels]


# --- 3. parts in the summing views ----------------------------------------------------------


BUMP = 1000003.0  # added to the values of what is tested; no real sum moves by exactly it


def _view_moves(db, view: str, before: list, where: str, params: list) -> bool:
    """Whether adding BUMP to the facts (and their figures) chosen by `where` changes the view;
    in a transaction that is rolled back."""
    db.conn.execute("begin")
    try:
        db.conn.execute(f"update facts set value = value + {BUMP} where {where}", params)
        db.conn.execute(
            f"update figures set value = value + {BUMP} where fact_id in"
            f" (select id from facts where {where})", params,
        )  # fmt: skip
        after = db.execute(f"select * from [{view}]").fetchall()
    finally:
        db.conn.execute("rollback")
    return sorted(map(repr, before)) != sorted(map(repr, after))


def _both_counted(db, view: str, before: list, pairs: list[tuple], counted: dict) -> int:
    """How many (part, total) pairs the view counts both of; `counted` caches each fact's."""
    for fact in {f for pair in pairs for f in pair} - counted.keys():
        counted[fact] = _view_moves(db, view, before, "id = ?", [fact])
    return sum(counted[part] and counted[total] for part, total in pairs)


def gold_part_pairs(
    docs: list[dict], mentions: list[tuple], restatements: bool = True
) -> list[tuple[int, int]]:
    """The (part fact, total fact) pairs of the gold's part_of links, over every article that
    states them: what a view must never add together, whatever roles the rules gave."""
    facts: dict[tuple[str, int], set[int]] = {}
    for _, story, claim, fact_id in mentions:
        if fact_id is not None:
            facts.setdefault((story, claim), set()).add(fact_id)
    pairs = set()
    for doc in docs:
        story, claims = f"{doc['set']}/{doc['id']}", claim_ids(doc["figures"], restatements)
        for gi, g in enumerate(doc["figures"]):
            if g.get("role") != "part" or g.get("part_of") is None:
                continue
            for part in facts.get((story, claims[gi]), ()):
                for total in facts.get((story, claims[g["part_of"]]), ()):
                    if part != total:
                        pairs.add((part, total))
    return sorted(pairs)


def part_sum_check(db, gold_pairs: list[tuple[int, int]] | None = None) -> list[str]:
    """For each view that sums: are `part` facts counted, and is any total counted together
    with one of its parts (the total of a part: the fact of the figure its figure is part of)?"""
    objects = dict(db.execute("select name, type from sqlite_master").fetchall())
    views = db.execute("select name, sql from sqlite_master where type = 'view'").fetchall()
    summing = [(n, s) for n, s in views if re.search(r"\b(?:sum|total)\s*\(", s, re.I)]
    parts = db.execute("select count(*) from facts where role = 'part'").fetchone()[0]
    links = db.execute(
        "select distinct p.fact_id, t.fact_id from figures p join figures t on t.id = p.part_of"
        " where p.fact_id is not null and t.fact_id is not null and p.fact_id != t.fact_id"
    ).fetchall()
    gold_pairs = gold_pairs or []
    lines = [
        f"facts with role 'part': {parts}; (part, total) fact pairs: {len(links)} linked by the"
        f" rules, {len(gold_pairs)} by the gold's part_of"
    ]
    if not any(re.search(r"\b(?:from|join)\s+\[?facts\b", s, re.I) for _, s in summing):
        lines.append("no view sums the facts table: skipped (views summing figures follow)")
    if not summing:
        return [*lines, "no view sums anything: skipped"]
    rows = []
    for name, sql in summing:
        found = re.findall(r"\b(?:from|join)\s+\[?(\w+)", sql, re.I)
        reads = sorted({t for t in found if t in objects and t != name})
        before = db.execute(f"select * from [{name}]").fetchall()
        moved = _view_moves(db, name, before, "role = 'part'", [])
        counted: dict[int, bool] = {}
        by_rules = _both_counted(db, name, before, links, counted)
        by_gold = _both_counted(db, name, before, gold_pairs, counted)
        rows.append([name, ",".join(reads), "yes" if moved else "no",
                     f"{by_rules}/{len(links)}", f"{by_gold}/{len(gold_pairs)}"])  # fmt: skip
    headers = ["view", "reads", "parts counted", "total counted with its part",
               "... by the gold's links"]  # fmt: skip
    return [*lines, table(headers, rows)]


# --- main -----------------------------------------------------------------------------------


def print_errors(scored: list[tuple[dict, ArticleRecord, dict]]) -> None:
    print("\nDev errors (matched figures whose attribute differs from gold)")
    for doc, record, result in scored:
        for attribute, g, p, want, got in result["errors"]:
            text = record.title if p.get("in_title") else record.body
            sentence = (p.get("sentence") or text[max(p["start"] - 80, 0) : p["end"] + 80]).strip()
            print(f"{doc['set']}/{doc['id']} {attribute}: {g['quote']!r} gold={want!r} "
                  f"got={got!r} | {' '.join(sentence.split())[:220]}")  # fmt: skip


def print_missed(db, mentions: list[tuple], docs: list[dict], dev: bool) -> None:
    """Each gold claim of a dev text whose mentions landed on more than one fact (the facts'
    keys, roles and the sources that stated each), then each fact joining several texts."""
    if not dev:
        print("\n--show-missed lists dev claims only; none for the test split")
        return
    print("\nDev claims split over several facts (fact: key, role <- sources)")
    gold = {f"{d['set']}/{d['id']}": d for d in docs if d["split"] == "dev"}
    groups: dict[tuple, list[tuple]] = {}
    for m in mentions:
        if m[1] in gold:
            groups.setdefault((m[1], m[2]), []).append(m)
    for (story, claim), group in sorted(groups.items()):
        facts = Counter(m[3] for m in group)
        if len(facts) < 2:
            continue
        print(f"{story} {gold[story]['figures'][claim]['quote']!r}")
        for fact_id in facts:
            row = db.execute("select fact_key, role from facts where id = ?", [fact_id]).fetchone()
            sources = [db.execute("select source from articles where id = ?", [m[0]]).fetchone()[0]
                       for m in group if m[3] == fact_id]  # fmt: skip
            print(
                f"   {fact_id}: {row[0] if row else None} {row[1] if row else None} <- "
                f"{','.join(sources)}"
            )
    stories: dict[int, set] = {}
    for m in mentions:
        if m[3] is not None and m[1] in gold:
            stories.setdefault(m[3], set()).add(m[1])
    for fact_id, names in sorted(stories.items()):
        if len(names) > 1:
            row = db.execute("select fact_key, value from facts where id = ?", [fact_id]).fetchone()
            print(f"fact {fact_id} joins texts {sorted(names)}: {row[0]} = {row[1]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--show-errors", action="store_true", help="the dev split's errors")
    parser.add_argument(
        "--show-missed",
        action="store_true",
        help="the dev split's republished claims split over several facts",
    )
    parser.add_argument(
        "--no-restatements",
        action="store_true",
        help="score a body number and its rounded restatement as two gold claims",
    )
    args = parser.parse_args(argv)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    docs = [d for name in SETS for d in load_set(name) if d["split"] in splits]
    stories = [(doc, build_articles(doc)) for doc in docs]
    scored = []
    for doc, articles in stories:
        record = articles[0]["record"]
        spans = gold_spans(doc["text"], doc["figures"])
        pairs = match(doc["figures"], spans, record.figures, own_origins(record.figures))
        scored.append((doc, record, score_attributes(doc["figures"], record.figures, pairs)))

    print("1. Role, scope, indicator and substance accuracy over matched figures")
    rows = [attribute_row(f"{n}/{s}", [r for d, _, r in scored if d["set"] == n and
                                       d["split"] == s]) for n in SETS for s in splits]  # fmt: skip
    rows += [attribute_row(f"all/{s}", [r for d, _, r in scored if d["split"] == s])
             for s in splits]  # fmt: skip
    if len(splits) > 1:
        rows.append(attribute_row("all/all", [r for _, _, r in scored]))
    print(table(ATTRIBUTE_HEADERS, rows))
    print("\nRoles (matched figures, all sets)")
    print(confusion_table([r for _, _, r in scored]))
    print("\nConsistency checks of the originals' figures (`figures.check`)")
    print(table(["split", "checked", "ok", "mismatch"], [check_row(s, scored) for s in splits]))

    print("\n2. Republications (3 per text) stored in a fresh database; pairs of mentions in")
    print("different articles (a headline figure is the claim of its body twin, a rounded")
    restated = ", not here)" if args.no_restatements else ")"
    print("restatement that of the number it rounds" + restated)
    with tempfile.TemporaryDirectory() as folder:
        db = connect(Path(folder) / "facts_eval.db")
        mentions = store_all(db, stories, not args.no_restatements)
        s = pair_scores(mentions)
        print(table(["mentions", "gold pairs", "pred pairs", "right", "P", "R", "F1",
                     "pred pairs across stories"],
                    [[s["mentions"], s["gold"], s["predicted"], s["right"], f"{s['P']:.3f}",
                      f"{s['R']:.3f}", f"{s['F1']:.3f}", s["other_story"]]]))  # fmt: skip
        print()
        print(table(["facts", "with several values", "in conflict"], [value_report(db)]))
        print()
        print(table(["near-duplicate marking", "count", "rate"], duplicate_report(db, stories)))
        print("\nMinHash Jaccard estimate (pipelines.facts.near_duplicates)")
        bodies = [[a["record"].body or "" for a in articles] for _, articles in stories]
        print("\n".join(similarity_report(bodies)))
        if args.show_missed:
            print_missed(db, mentions, docs, "dev" in splits)
        print("\n3. Parts in the sums of the views")
        gold_pairs = gold_part_pairs(docs, mentions, not args.no_restatements)
        print("\n".join(part_sum_check(db, gold_pairs)))
        db.close()
    if args.show_errors:
        if "dev" not in splits:
            print("\n--show-errors lists dev errors only; none for the test split")
        else:
            print_errors([x for x in scored if x[0]["split"] == "dev"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
