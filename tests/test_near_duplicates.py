"""MinHash signatures of article bodies (pipelines/facts/near_duplicates.py)."""

from __future__ import annotations

import numpy as np
from datasketch import MinHash

from pipelines.facts import near_duplicates

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
