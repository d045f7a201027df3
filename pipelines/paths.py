"""Where newsmon's files are: the project folder and its data directory, defined once.

pipelines/ is the bottom layer (crawler/, the Datasette plugin and the scheduler import it, never
the other way round), so every module finds data/ through here.
"""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
