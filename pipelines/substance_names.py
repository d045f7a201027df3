"""The drug names of `data/indicators.toml`'s [substances] table, for a step that needs them
without the indicators: the figures step counts «40 единиц трамадола» as the drug and «241
единица автотранспорта» as units."""

from __future__ import annotations

import functools

from pipelines.build_cache import read_toml
from pipelines.paths import DATA_DIR

INDICATORS_FILE = DATA_DIR / "indicators.toml"


@functools.cache
def drug_names() -> frozenset[str]:
    """Lemmas of the named drugs and plants, their aliases («анаша») and the generic nouns."""
    table = read_toml(INDICATORS_FILE).get("substances", {})
    return frozenset(
        [*table.get("names", []), *table.get("aliases", {}), *table.get("generic", [])]
    )
