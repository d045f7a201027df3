"""MinHash signatures of article bodies (pipelines/facts/near_duplicates.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from datasketch import MinHash

from pipelines.facts import near_duplicates

ROOT = Path(__file__).resolve().parents[1]

RELEASE = (
    "Сотрудники полиции Алматинской области изъяли более 14 тонн наркотических средств. "
    "В том числе 1,1 тонны гашиша и 214 кг героина, сообщила прокуратура области. "
    "Возбуждено 25 уголовных дел, из них 14 по фактам сбыта."
)


def test_the_cached_permutations_give_datasketchs_own_signature():
    # stored signatures must equal a MinHash drawn afresh with the same seed and scheme
    fresh = MinHash(num_perm=near_duplicates.NUM_PERM, seed=7, scheme="affine32")
    fresh.update_batch(list(near_duplicates.shingles(RELEASE)))
    for _ in range(2):
        assert np.array_equal(
            near_duplicates.signature(RELEASE), fresh.hashvalues.astype(np.uint64)
        )


def test_a_reordered_copy_is_similar_and_another_text_is_not():
    first, second, third = RELEASE.split(". ", 2)
    reordered = ". ".join([third, first, second])
    other = (
        "В Бишкеке задержан курьер с партией синтетических наркотиков массой 3 килограмма. "
        "Ведётся следствие, подозреваемому грозит до 20 лет лишения свободы по статье 247."
    )
    signature = near_duplicates.signature(RELEASE)
    assert near_duplicates.similarity(signature, near_duplicates.signature(reordered)) >= 0.5
    assert near_duplicates.similarity(signature, near_duplicates.signature(other)) < 0.3


def test_a_text_too_short_has_no_signature():
    assert near_duplicates.signature("Изъято 5 кг.") is None


def test_storing_and_preparing_articles_leave_scipy_unloaded():
    """datasketch's package imports scipy for LSH classes newsmon does not use: 60 MB resident
    in the crawl process and in each extraction worker."""
    code = (
        "import sys, pipelines.articles, pipelines.storage_prep, pipelines.facts.near_duplicates"
        " as nd; assert nd.signature(' '.join(str(n) * 2 for n in range(99))) is not None;"
        " print(sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'datasketch')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert found.stdout.split() == ["['datasketch.hashfunc',", "'datasketch.minhash']"]
