"""Figures extractor scored on the demo site: 14 articles written and annotated independently of
the seed gold (tables in crawler/demo/README.md), read from their HTML through extract_article.

    .venv/bin/python bench/demo_figures_eval.py [-v]

Same metric as bench/figures_eval.py (the gold README's): P/R/F1 over all documents, attribute
accuracies over matched pairs. A second opinion on generality: the seeds are only five texts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.figures_eval import score
from pipelines.extraction import extract_article

DEMO = Path(__file__).resolve().parents[1] / "crawler" / "demo"
_HEADING = re.compile(r"^#### A\d+ `(?P<path>/[^`]+)`")
_ROW = re.compile(
    r"^\| (?P<quote>[^|]+?) \| (?P<value>[\d.]+) \| (?P<unit>\w+) \| (?P<q>\w+) \| "
    r"(?P<object>[^|]+?) \| (?P<change>[^|]+?) \|$"
)


def _none(cell: str) -> str | None:
    return None if cell.strip() in ("–", "-", "") else cell.strip()


def demo_gold(readme: Path = DEMO / "README.md") -> list[dict]:
    """One document per annotated article: its path and its figure rows."""
    docs: list[dict] = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            docs.append({"doc": heading["path"], "figures": [], "dates": []})
            continue
        row = _ROW.match(line)
        if row and docs:
            docs[-1]["figures"].append(
                {
                    "quote": row["quote"],
                    "value": float(row["value"]),
                    "unit": row["unit"],
                    "qualifier": row["q"],
                    "object": _none(row["object"]),
                    "change": _none(row["change"]),
                }
            )
    return docs


def with_texts(docs: list[dict]) -> list[dict]:
    for doc in docs:
        html = (DEMO / "site" / doc["doc"].lstrip("/")).read_text(encoding="utf-8")
        article = extract_article(html, None, timezone="Asia/Almaty")
        doc["text"] = article["body"] or ""
        doc["published"] = (article["published_at"] or "")[:10] or None
    return docs


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    result = score(with_texts(demo_gold()), DEMO)
    print(
        f"demo articles {result['documents']}  gold figures {result['gold']}  "
        f"predicted {result['predicted']}  matched {result['matched']}"
    )
    print(
        f"precision {result['precision']:.4f}  recall {result['recall']:.4f}  F1 {result['f1']:.4f}"
    )
    print(
        f"qualifier accuracy {result['qualifier_accuracy']:.4f}  object accuracy "
        f"{result['object_accuracy']:.4f}  change accuracy {result['change_accuracy']:.4f}"
    )
    if "-v" in argv:
        print("\n".join(result["problems"]))
    else:
        print(f"{len(result['problems'])} problems (-v lists them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
