"""The command line against trafilatura's, as a user runs them: `newsmon extract` on saved Russian
pages (the whole article chain: body, dates, figures, places, facts) beside `trafilatura` on
the same files with the pipeline's options (--precision, tables kept, no comments, one process).

Each tool runs on one page and on all of them, `--rounds` times, the rounds alternating between
the tools and the fastest run kept; the difference gives the cost of a page once the tool has
started, and the one-page run less that cost its start-up (the noisier figure on a shared
machine; "one page" is measured). CPU time of the child process (user + system), and wall time.

    .venv/bin/python bench/cli_extract.py                      # ../shared/corpus/real + demo
    .venv/bin/python bench/cli_extract.py --pages DIR --rounds 5
    .venv/bin/python bench/cli_extract.py --pages DIR --before REV  # and git revision REV's code

`--before REV` runs the same command with the code of git revision REV (its tree, compiled
first, ahead of this one on the path; the same packages), as bench/crawl.py --before does.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DEMO_PAGES = REPO / "crawler" / "demo" / "site"
REAL_PAGES = REPO.parent / "shared" / "corpus" / "real"


def default_pages() -> list[Path]:
    pages = sorted(REAL_PAGES.glob("*/article*.html")) + sorted(DEMO_PAGES.glob("*/[0-9]*-*.html"))
    if not pages:
        sys.exit("no pages: pass --pages DIR")
    return pages


def _run(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def newsmon_command(pages: list[Path], workdir: Path) -> list[str]:
    return [str(BIN / "newsmon"), "extract", *map(str, pages)]


def trafilatura_command(pages: list[Path], workdir: Path) -> list[str]:
    folder = workdir / f"in-{len(pages)}"
    if not folder.exists():
        folder.mkdir()
        for n, page in enumerate(pages):
            shutil.copy(page, folder / f"{n:04d}.html")
    out = workdir / "out"
    shutil.rmtree(out, ignore_errors=True)
    return [str(BIN / "trafilatura"), "--input-dir", str(folder), "--output-dir", str(out),
            "--precision", "--no-comments", "--parallel", "1"]  # fmt: skip


def revision_command(rev: str, workdir: Path):
    """`newsmon extract` with the code of git revision `rev`, unpacked and compiled once."""
    tree = workdir / f"revision-{rev}"
    if not tree.exists():
        tree.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", rev], capture_output=True)
        if archive.returncode:
            sys.exit(f"git archive {rev}: {archive.stderr.decode().strip()}")
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree)], check=True)
    # its own build cache: a revision whose gazetteer code differs builds another pickle, and
    # storing it would drop this revision's as stale (pipelines/build_cache.py)
    cache = workdir / f"cache-{rev}"
    start = (
        f"import os, sys; os.environ['NEWSMON_CACHE_DIR'] = {str(cache)!r}; "
        f"sys.path.insert(0, {str(tree)!r}); from crawler.cli import run; run()"
    )

    def command(pages: list[Path], workdir: Path) -> list[str]:
        return [sys.executable, "-c", start, "extract", *map(str, pages)]

    return command


def measure(commands: dict, pages: list[Path], rounds: int, workdir: Path) -> dict:
    """Each tool's fastest one-page and all-pages runs. The rounds alternate between the tools
    (one page each, then all pages each), so a busy moment of a shared machine does not land
    on one tool only."""
    for command in commands.values():
        _run(command(pages[:1], workdir))  # a first run fills the build cache, if it is empty
    best: dict[str, dict] = {name: {} for name in commands}
    for _ in range(rounds):
        for batch, chosen in (("one", pages[:1]), ("all", pages)):
            for name, command in commands.items():
                run = _run(command(chosen, workdir))
                best[name][batch] = min(run, best[name].get(batch, run))
    results = {}
    for name, b in best.items():
        per_page = (b["all"][0] - b["one"][0]) / (len(pages) - 1)
        results[name] = {"one": b["one"][0], "startup": b["one"][0] - per_page,
                         "per_page": per_page, "all": b["all"]}  # fmt: skip
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="a folder of saved .html pages")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", metavar="REV", help="also time git revision REV's code")
    args = parser.parse_args()
    pages = sorted(args.pages.glob("**/*.html")) if args.pages else default_pages()
    if len(pages) < 2:
        sys.exit("need at least 2 pages")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        commands = {"trafilatura": trafilatura_command, "newsmon extract": newsmon_command}
        if args.before:
            commands[f"... at {args.before}"] = revision_command(args.before, workdir)
        results = measure(commands, pages, args.rounds, workdir)
    print(f"{len(pages)} pages, best of {args.rounds} runs; CPU seconds of the process:")
    print(
        f"  {'':18} {'one page':>9} {'start-up':>9} {'per page':>9} {'all pages':>10} {'(wall)':>8}"
    )
    for name, r in results.items():
        cpu, wall = r["all"]
        print(f"  {name:18} {r['one']:8.2f}s {r['startup']:8.2f}s {r['per_page'] * 1000:7.1f}ms "
              f"{cpu:9.2f}s {wall:7.2f}s")  # fmt: skip
    ours, theirs = results["newsmon extract"], results["trafilatura"]
    print(f"  per page, newsmon / trafilatura = {ours['per_page'] / theirs['per_page']:.2f}")
    whole = ours["all"][0] / theirs["all"][0]
    print(f"  all {len(pages)} pages, newsmon / trafilatura = {whole:.2f}")
    if args.before:
        old = results[f"... at {args.before}"]
        print(f"  at {args.before}: per page {old['per_page'] / theirs['per_page']:.2f}, all"
              f" {len(pages)} pages {old['all'][0] / theirs['all'][0]:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
