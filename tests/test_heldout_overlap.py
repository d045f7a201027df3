"""The held-out set holds each story once: no two texts are copies of one page."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("heldout_overlap", REPO / "bench/heldout_overlap.py")
overlap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(overlap)


def test_no_two_held_out_texts_are_copies_of_one_page():
    assert overlap.overlapping_pairs(overlap.load_bodies(), 0.5) == []


def test_a_retelling_is_found_and_distinct_stories_are_not(tmp_path):
    release = (
        "Сотрудники полиции Карагандинской области задержали жителя Темиртау, у которого при "
        "обыске изъяли более двух килограммов синтетических наркотиков и оборудование для их "
        "фасовки, сообщает пресс-служба департамента полиции региона."
    )
    other = "В Шымкенте таможенники нашли в грузовике 40 кг гашиша, спрятанного в ящиках с луком."
    for batch, text in (("a", release), ("b", release.replace("региона", "области")), ("c", other)):
        (tmp_path / batch / "texts").mkdir(parents=True)
        page = tmp_path / batch / "texts" / "001.txt"
        page.write_text(f"Заголовок\n\n{text}", encoding="utf-8")
    pairs = overlap.overlapping_pairs(overlap.load_bodies(tmp_path), 0.25)
    assert [(a, b) for _, a, b in pairs] == [("a/001", "b/001")]
