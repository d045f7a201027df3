"""README.md's "Daily use" commands, read from the README and run as printed through the
documented entry point (`.venv/bin/newsmon`, `.venv/bin/scrapy`), offline: the sources they name
(zakon_kz, prokuror_kz) are the bundled demo site served on 127.0.0.1, and `--db` / `--sources`
point at a temporary database and sources file (the only words added to a command)."""

from __future__ import annotations

import json
import re
import shlex
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from crawler.cli import build_parser
from crawler.demo.run import DEMO_DIR, demo_sources_toml
from crawler.demo.server import LocalSite

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
ENTRY = REPO / ".venv" / "bin" / "newsmon"
# The demo's two sources under the names the README's commands use.
RENAMED = {"demo_zakon": "zakon_kz", "demo_vestnik": "prokuror_kz"}


def daily_use_commands() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Daily use", 1)[1].split("\n## ", 1)[0]
    commands = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or cells[0] in ("task", "---"):
            continue
        commands += [c for c in re.findall(r"`([^`]+)`", cells[1]) if c.startswith(".venv/bin/")]
    return commands


def options_of(subcommand: str) -> set[str]:
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    return {s for a in choices[subcommand]._actions for s in a.option_strings}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    if not ENTRY.exists():
        pytest.skip(f"{ENTRY} is missing: README command 1 makes it")
    folder = tmp_path_factory.mktemp("readme")
    site = LocalSite(DEMO_DIR / "site")
    site.start()
    text = demo_sources_toml(site.base_url)
    for old, new in RENAMED.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    (folder / "sources.toml").write_text(text, encoding="utf-8")
    article = next((DEMO_DIR / "site").rglob("6921384-*.html"))
    (folder / "page.html").write_bytes(article.read_bytes())
    (folder / "article.txt").write_text(
        "За 7 месяцев 2025 года изъято более 14 тонн наркотических средств.", encoding="utf-8"
    )
    url = f"{site.base_url}/{article.relative_to(DEMO_DIR / 'site').as_posix()}"
    try:
        yield {"folder": folder, "db": folder / "news.db", "url": url}
    finally:
        site.stop()


def localised(command: str, world) -> tuple[list[str], Path]:
    """The command as printed, with --db/--sources added and the one example URL made local."""
    words = shlex.split(command)
    program = REPO / words[0]
    assert program.exists(), f"{words[0]} (from README) does not exist"
    folder, db = world["folder"], world["db"]
    words = [str(program)] + [world["url"] if w.startswith("https://") else w for w in words[1:]]
    if words[0].endswith("scrapy"):  # a Scrapy project command: runs in the project folder
        words = [w.replace("NEWSMON_DB=data/news.db", f"NEWSMON_DB={db}") for w in words]
        return [*words, "-s", f"NEWSMON_SOURCES={folder / 'sources.toml'}"], REPO
    options = options_of(words[1])
    extra = [*(["--db", str(db)] if "--db" in options else [])]
    extra += ["--sources", str(folder / "sources.toml")] if "--sources" in options else []
    return [words[0], words[1], *extra, *words[2:]], folder


def run_serve(words: list[str], cwd: Path) -> tuple[int, str]:
    """`newsmon serve` runs until stopped: start it, read one page, stop it."""
    port = free_port()
    proc = subprocess.Popen(
        [*words, "--port", str(port)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        first = proc.stdout.readline()
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/news.json", timeout=5) as r:
                    return r.status, first + json.loads(r.read())["database"]
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def expect(subcommand: str, rc: int, out: str, world) -> None:
    """Exit status and the shape of what each command prints."""
    if subcommand in ("crawl", "scrapy"):
        assert rc == 0
        if subcommand == "crawl":
            assert re.search(r"^source\s+status\s+pages\s+new", out, re.M)
    elif subcommand == "run":
        assert rc == 0 and ("nothing is due" in out or re.search(r"^source\s+status", out, re.M))
    elif subcommand == "status":
        assert rc in (0, 1) and "zakon_kz" in out and "prokuror_kz" in out
    elif subcommand == "sources":
        assert rc == 0 and "2 sources, all valid" in out
    elif subcommand == "extract":
        assert rc == 0
        record = json.loads(out.splitlines()[0])
        assert record.get("figures")
    elif subcommand == "reextract":
        assert rc == 0 and re.search(r"\d+ \w+", out)
    elif subcommand == "stats":
        assert rc == 0 and "periods overlap" in out
    elif subcommand == "watch":
        assert rc in (0, 3) and ("nothing new" in out or "(fact " in out)
    elif subcommand == "export":
        assert rc == 0
        assert (world["folder"] / "export" / "facts.csv").stat().st_size > 0
        assert (world["folder"] / "export" / "official_statistics.csv").exists()
    elif subcommand == "serve":
        assert rc == 200 and "news" in out
    else:
        pytest.fail(f"README command `{subcommand}` has no expectation here: add one")


def test_readme_tells_how_to_run_the_commands():
    text = README.read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in text
    commands = daily_use_commands()
    assert len(commands) >= 14
    assert all(c.startswith((".venv/bin/newsmon ", ".venv/bin/scrapy ")) for c in commands)


def test_daily_use_commands_run_as_printed(world):
    commands = daily_use_commands()
    assert commands[0].split()[1] == "crawl"  # the first fills the database the others read
    failures = []
    for command in commands:
        words, cwd = localised(command, world)
        sub = "scrapy" if words[0].endswith("scrapy") else words[1]
        if sub == "serve":
            rc, out = run_serve(words, cwd)
        else:
            done = subprocess.run(words, cwd=cwd, capture_output=True, text=True, timeout=600)
            rc, out = done.returncode, done.stdout
        try:
            expect(sub, rc, out, world)
        except AssertionError as exc:
            failures.append(f"{command}\n  rc={rc} {exc}\n  {out[-600:]}")
    assert failures == [], "\n".join(failures)
    db = world["db"]
    assert db.exists() and db.stat().st_size > 0
