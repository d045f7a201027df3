"""What a process pays the first time it needs each thing it loads lazily, each in a new process
(wall seconds, best of --rounds): justext's stop words as trafilatura gathers them and from the
build cache (pipelines/justext_stoplist.py), the gazetteer, and natasha's NER.

    .venv/bin/python bench/first_use.py --rounds 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# Each snippet imports what it needs first, then times only the load.
LOADS = {
    "justext stop words, trafilatura's own": (
        "from pipelines import justext_stoplist as j",
        "j._TRAFILATURA_INIT()",
    ),
    "justext stop words, build cache": (
        "from pipelines import justext_stoplist as j",
        "j.cached_stoplist()",
    ),
    "gazetteer, build cache": (
        "from pipelines.places_gazetteer import load_gazetteer",
        "load_gazetteer()",
    ),
    "natasha NER (import and models)": (
        "from pipelines import places_ner",
        "places_ner._ner_models()",
    ),
}

PROGRAM = """
import sys, time
sys.path.insert(0, {repo!r})
{setup}
started = time.perf_counter()
{load}
print(time.perf_counter() - started)
"""


def time_load(setup: str, load: str) -> float:
    program = PROGRAM.format(repo=str(REPO), setup=setup, load=load)
    output = subprocess.run(
        [sys.executable, "-c", program], check=True, capture_output=True, text=True
    ).stdout
    return float(output.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for setup, load in LOADS.values():
        time_load(setup, load)  # a first run builds what the cache keeps
    print(f"first use in a new process, best of {args.rounds} (wall seconds):")
    for name, (setup, load) in LOADS.items():
        best = min(time_load(setup, load) for _ in range(args.rounds))
        print(f"  {name:40} {best:6.3f}")


if __name__ == "__main__":
    main()
