"""The compiled regular expressions kept per machine (pipelines/regex_cache.py): a process serves
what an earlier one compiled, and the patterns it serves are the ones `re` builds. Each case
runs in processes of its own, as the cache changes the `re` module of the whole process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO_PAGE = next((REPO / "crawler" / "demo" / "site").glob("*/[0-9]*-*.html"))

# Patterns of the kinds the rules write: case-insensitive Cyrillic alternations, named groups,
# lookbehind, possessive repeats, verbose mode, bytes.
PATTERNS = [
    (r"\bзадержа(?:н|на)\b|\bизъят\w*\s+(?P<mass>\d+(?:,\d+)?)\s*(?P<unit>кг|тонн\w*)", "I"),
    (r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)", ""),
    (r"\b(?P<ord>[1-4]|IV|I{1,3}|[а-яё]++)(?:-?(?:м|й|го))?\s+квартал\w*", "I"),
    (
        r"""(?x) \d+   # a number
         \s* (?:млн|млрд)\.?  # its multiplier""",
        "",
    ),
    (r"^\s*(?:в\s+том\s+числе|из\s+них)\b", "IM"),
]
TEXTS = [
    "Изъято 14,5 кг героина, задержан курьер; в том числе 3 тонны гашиша",
    "2024-03-15 III квартала, 12 млн тенге\nиз них 4",
    "ЗАДЕРЖАНА в 1999-12-31, изъяты 7 тонн",
]

PROGRAM = """
import json, re, sys
from pipelines import regex_cache
calls = []
if regex_cache.enabled():
    regex_cache.install()
    compile_ = regex_cache._State.original
    def counting(pattern, flags=0):
        if isinstance(pattern, str):  # bytes patterns are not kept: re compiles them
            calls.append(pattern)
        return compile_(pattern, flags)
    regex_cache._State.original = counting
patterns, texts = json.loads(sys.argv[1])
out = []
for pattern, flags in patterns:
    flag = 0
    for letter in flags:
        flag |= getattr(re, letter)
    compiled = re.compile(pattern, flag)
    out.append({
        "flags": compiled.flags, "groups": compiled.groups,
        "groupindex": dict(compiled.groupindex),
        "found": [[m.span(), m.groupdict()] for t in texts for m in compiled.finditer(t)],
    })
found = [b.decode() for b in re.compile(rb"\\d+ kg").findall(b"5 kg")]
print(json.dumps({"out": out, "compiled": len(calls), "bytes": found}))
"""


def _run(cache: Path, *, enabled: bool = True) -> dict:
    env = {**os.environ, "NEWSMON_CACHE_DIR": str(cache), "NEWSMON_REGEX_CACHE": "1"}
    if not enabled:
        env["NEWSMON_REGEX_CACHE"] = "0"
    run = subprocess.run(
        [sys.executable, "-c", PROGRAM, json.dumps([PATTERNS, TEXTS])],
        capture_output=True, text=True, check=True, cwd=REPO, env=env,
    )  # fmt: skip
    return json.loads(run.stdout)


def test_a_later_process_serves_what_an_earlier_one_compiled(tmp_path):
    cache = tmp_path / "cache"
    first = _run(cache)
    assert first["compiled"] >= len(PATTERNS)  # nothing known yet: the compiler ran
    assert list(cache.glob("regex-*.pickle"))  # and what it built was kept
    second = _run(cache)
    assert second["compiled"] == 0  # every pattern from the cache
    without = _run(tmp_path / "other", enabled=False)
    assert second["out"] == first["out"] == without["out"]
    assert second["bytes"] == without["bytes"] == ["5 kg"]
    assert any(item["found"] for item in without["out"])  # the texts exercise the patterns


def test_an_unreadable_cache_file_is_ignored_and_replaced(tmp_path):
    cache = tmp_path / "cache"
    _run(cache)
    (path,) = cache.glob("regex-*.pickle")
    path.write_bytes(b"not a pickle")
    again = _run(cache)
    assert again["compiled"] >= len(PATTERNS)
    assert again["out"] == _run(tmp_path / "other", enabled=False)["out"]
    assert _run(cache)["compiled"] == 0  # the broken file was written again


def test_switched_off_it_leaves_re_alone(tmp_path):
    result = _run(tmp_path / "cache", enabled=False)
    assert result["compiled"] == 0  # never installed: no counting compiler
    assert not (tmp_path / "cache").exists()


def test_an_entry_that_builds_another_pattern_is_not_kept(monkeypatch):
    import re

    from pipelines import regex_cache

    compiled = re.compile("изъят", re.I)  # (learnt, where this process has the cache)
    monkeypatch.setattr(regex_cache._State, "new", {})
    monkeypatch.setattr(regex_cache._State, "known", {})
    real_entry = regex_cache.entry_of

    def wrong(pattern, flags):
        flags_, _code, groups, groupindex, indexgroup = real_entry(pattern, flags)
        return flags_, real_entry("другое", 0)[1], groups, groupindex, indexgroup

    monkeypatch.setattr(regex_cache, "entry_of", wrong)
    regex_cache._learn("изъят", int(re.I), compiled)
    assert regex_cache._State.new == {}
    monkeypatch.setattr(regex_cache, "entry_of", real_entry)
    regex_cache._learn("изъят", int(re.I), compiled)
    assert list(regex_cache._State.new) == [("изъят", int(re.I))]


def test_it_stops_learning_at_its_size_limit(monkeypatch):
    import re

    from pipelines import regex_cache

    first, second = re.compile("a+"), re.compile("b+")
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 1)
    monkeypatch.setattr(regex_cache._State, "known", {})
    monkeypatch.setattr(regex_cache._State, "new", {})
    regex_cache._learn("a+", 0, first)
    regex_cache._learn("b+", 0, second)
    assert list(regex_cache._State.new) == [("a+", 0)]


def test_newsmon_extract_prints_the_same_with_and_without_it(tmp_path):
    def extract(enabled: bool) -> str:
        env = {**os.environ, "NEWSMON_CACHE_DIR": str(tmp_path / "cache")}
        env["NEWSMON_REGEX_CACHE"] = "1" if enabled else "0"
        run = subprocess.run(
            [sys.executable, "-m", "crawler.cli", "extract", str(DEMO_PAGE)],
            capture_output=True, text=True, check=True, cwd=REPO, env=env,
        )  # fmt: skip
        return run.stdout

    plain = extract(False)
    assert json.loads(plain)["figures"]
    assert extract(True) == plain  # fills the cache
    (path,) = (tmp_path / "cache").glob("regex-*.pickle")
    kept = path.read_bytes()
    assert extract(True) == plain  # serves from it
    # and leaves it alone: what a second run compiles (babel's tokenizer, spelt anew in each
    # process) is not worth rewriting the file for
    assert path.read_bytes() == kept


def test_a_process_that_learnt_little_does_not_rewrite_the_file(tmp_path, monkeypatch):
    from pipelines import regex_cache

    path = tmp_path / "regex-test.pickle"
    monkeypatch.setattr(regex_cache._State, "original", lambda *a: None)  # "installed"
    monkeypatch.setattr(regex_cache._State, "path", path)
    monkeypatch.setattr(regex_cache._State, "known", {})
    monkeypatch.setattr(regex_cache._State, "new", {("a+", 0): regex_cache.entry_of("a+", 0)})
    monkeypatch.setattr(regex_cache._State, "read_seconds", 0.010)
    monkeypatch.setattr(regex_cache._State, "learnt_seconds", 0.001)
    regex_cache.save()
    assert not path.exists()  # 1 ms of compiling saved by a 10 ms write: not written
    monkeypatch.setattr(regex_cache._State, "learnt_seconds", 0.050)
    regex_cache.save()
    assert path.exists()
