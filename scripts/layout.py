"""Print the README's project layout: every module of crawler/, pipelines/ and the Datasette
plugin with the first line of its docstring (README.md runs this through cog, so the table
cannot drift from the code)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crawler", "pipelines", "newsmon_datasette")
TOP = ("scheduler.py",)


def summary(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = " ".join(doc.strip().split("\n\n")[0].split())
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) > 150:
        sentence = sentence[:147].rsplit(" ", 1)[0] + " …"
    return sentence.replace("|", "\\|")


def modules() -> list[Path]:
    found = [ROOT / name for name in TOP]
    for package in PACKAGES:
        found += sorted(
            p
            for p in (ROOT / package).rglob("*.py")
            if "demo/site" not in p.as_posix() and not (p.name == "__init__.py" and not summary(p))
        )
    return found


def table() -> str:
    lines = ["| module | what it does |", "| --- | --- |"]
    for path in modules():
        lines.append(f"| `{path.relative_to(ROOT).as_posix()}` | {summary(path)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
