"""Time figures + dates extraction against trafilatura on the same pages.

    .venv/bin/python bench/figures_speed.py [--pages N] [--quiet]

For every page of ../shared/bench/aeb/html/*.html.gz: trafilatura.extract(html), then
extract_figures and extract_dates on the text it returned. The bar is figures + dates taking
less than a third of trafilatura's time. Both are set up once before timing (trafilatura's
first call, the morphology dictionaries: a crawl pays these once per process); word-parse
caches then warm up as pages go by, as they do in a crawl. Prints per-page milliseconds and
the totals. Without ../shared the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipelines.figures import extract_figures  # noqa: E402
from pipelines.mentioned_dates import extract_dates  # noqa: E402
from pipelines.numbers import morph  # noqa: E402

PAGES = REPO.parent / "shared" / "bench" / "aeb" / "html"
BAR = 1 / 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages")
    parser.add_argument("--quiet", action="store_true", help="no per-page lines")
    args = parser.parse_args(argv)
    paths = sorted(PAGES.glob("*.html.gz"))
    if not paths:
        print(f"no pages in {PAGES} (is ../shared there?); nothing to time")
        return 0
    if args.pages:
        paths = paths[: args.pages]
    import trafilatura

    # Both sides load their models outside the timed part: trafilatura's first call sets
    # itself up, and the morphology dictionaries load once per process.
    trafilatura.extract(gzip.decompress(paths[0].read_bytes()).decode("utf-8", errors="replace"))
    morph()
    extract_figures("Изъято 5 кг.")
    total_trafilatura = total_figures = 0.0
    figures_found = dates_found = 0
    if not args.quiet:
        print(f"{'page':<20} {'chars':>7} {'trafilatura ms':>15} {'figures+dates ms':>17}")
    for path in paths:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        started = time.perf_counter()
        text = trafilatura.extract(html) or ""
        middle = time.perf_counter()
        figures = extract_figures(text)
        dates = extract_dates(text)
        ended = time.perf_counter()
        total_trafilatura += middle - started
        total_figures += ended - middle
        figures_found += len(figures)
        dates_found += len(dates)
        if not args.quiet:
            print(
                f"{path.name[:20]:<20} {len(text):>7} {(middle - started) * 1000:>15.2f} "
                f"{(ended - middle) * 1000:>17.2f}"
            )
    ratio = total_figures / total_trafilatura if total_trafilatura else 0.0
    print(f"pages {len(paths)}  figures {figures_found}  dates {dates_found}")
    print(f"trafilatura.extract total {total_trafilatura:.3f} s")
    print(f"extract_figures + extract_dates total {total_figures:.3f} s")
    print(
        f"ratio {ratio:.3f} (bar < {BAR:.3f}: {'met' if ratio < BAR else 'NOT met'}); "
        f"per page {total_trafilatura / len(paths) * 1000:.2f} ms vs "
        f"{total_figures / len(paths) * 1000:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
