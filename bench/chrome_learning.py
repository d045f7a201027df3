"""The site-chrome learning's cost in the crawl process: after every article the crawl counts the
page's lines (`learn_page`, in its own transaction) and reloads the source's learned chrome
(`load_chrome`). Both grow with what the source's table holds, nearly all of it lines seen on
one page only.

    .venv/bin/python bench/chrome_learning.py [--pages 600] [--lines 40] [--no-index]

Learns --pages pages of --lines lines each (10 of them chrome shared by every page, the rest
drawn at random, so seen once) into a new SQLite file, and prints the CPU and wall ms per page of
learning with the reload, and of the reload alone at the end. --no-index drops the index on
(source, pages_seen) first, as the table was before it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.chrome import learn_page, load_chrome
from pipelines.db import connect, write_transaction
from pipelines.schema import ensure_schema

CHROME_LINES = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=600)
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--no-index", action="store_true")
    args = parser.parse_args()
    rng = random.Random(1)
    letters = "абвгдежзиклмнопрстуфхцчшэюя"
    words = ["".join(rng.choices(letters, k=rng.randint(3, 10))) for _ in range(5000)]
    chrome = [" ".join(rng.sample(words, 6)) for _ in range(CHROME_LINES)]
    bodies = [
        "\n".join(chrome + [" ".join(rng.sample(words, 12)) for _ in range(args.lines - 10)])
        for _ in range(args.pages)
    ]
    with tempfile.TemporaryDirectory() as folder:
        db = connect(Path(folder) / "chrome.db")
        ensure_schema(db)
        if args.no_index:
            db.execute("drop index if exists idx_source_chrome_source_pages_seen")
        cpu, wall = time.process_time(), time.perf_counter()
        for n, body in enumerate(bodies):
            with write_transaction(db):
                learn_page(db, "bench", f"https://bench.example/news/{n}", body)
            learned = load_chrome(db, "bench")
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        reload = time.process_time()
        for _ in range(args.pages):
            load_chrome(db, "bench")
        reload = time.process_time() - reload
        db.close()
    index = "without" if args.no_index else "with"
    print(
        f"{args.pages} pages of {args.lines} lines, {index} the (source, pages_seen) index: "
        f"learning and reloading {cpu / args.pages * 1000:.2f} ms CPU a page "
        f"({wall / args.pages * 1000:.2f} wall); the reload alone at the end "
        f"{reload / args.pages * 1000:.3f} ms; {len(learned)} lines learned as chrome"
    )


if __name__ == "__main__":
    main()
