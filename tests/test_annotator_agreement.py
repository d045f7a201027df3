"""bench/annotator_agreement.py on a made-up batch and a second reading that differs from it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
_spec = importlib.util.spec_from_file_location(
    "annotator_agreement", REPO / "bench/annotator_agreement.py"
)
agreement = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(agreement)

TEXT = (
    "В Павлодаре изъяли 12 кг наркотиков\n\n"
    "Полицейские Павлодарской области изъяли 12 кг наркотиков, в том числе 9 кг гашиша. "
    "Задержаны 3 человека."
)


def figure(quote, value, unit, role="value", **extra):
    base = {"quote": quote, "value": value, "unit": unit, "qualifier": "exact", "object": None,
            "change": None, "role": role, "part_of": None, "scope": "event", "indicator": None,
            "substance": None, "in_title": False}  # fmt: skip
    return base | extra


FIRST = [
    figure("12 кг", 12, "kg", in_title=True, object="наркотик", indicator="drugs_seized",
           substance="наркотик"),
    figure("12 кг", 12, "kg", "total", occurrence=2, object="наркотик",
           indicator="drugs_seized", substance="наркотик"),
    figure("9 кг", 9, "kg", "part", part_of=1, object="гашиш", indicator="drugs_seized",
           substance="гашиш"),
    figure("3 человека", 3, "count", object="человек", indicator="persons_detained"),
]  # fmt: skip


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def make_batch(tmp_path: Path, second: list[dict], second_region: str) -> tuple[Path, Path]:
    heldout = tmp_path / "heldout"
    (heldout / "b" / "texts").mkdir(parents=True)
    (heldout / "b" / "texts" / "007.txt").write_text(TEXT, "utf-8")
    write_jsonl(heldout / "b" / "gold.jsonl", [{"id": "007", "figures": FIRST}])
    write_jsonl(
        heldout / "b" / "meta.jsonl",
        [{"id": "007", "country": "KZ", "region": "KZ-55", "published": None, "split": "dev"}],
    )
    folder = tmp_path / "agreement"
    folder.mkdir()
    (folder / "texts.json").write_text(json.dumps({"001": ["b", "007"]}), "utf-8")
    write_jsonl(folder / "gold.jsonl", [{"id": "001", "figures": second}])
    write_jsonl(folder / "meta.jsonl", [{"id": "001", "country": "KZ", "region": second_region}])
    return heldout, folder


def test_agreement_counts_what_both_found_and_where_they_differ(tmp_path):
    # the second annotator missed the detentions and read the part as a plain value
    second = [dict(f) for f in FIRST[:3]]
    second[2] |= {"role": "value", "part_of": None}
    second[1]["role"] = "value"
    heldout, folder = make_batch(tmp_path, second, second_region="KZ-55")
    counts = agreement.evaluate(agreement.load_pairs(folder, heldout))
    assert (counts["first"], counts["second"], counts["both"]) == (4, 3, 3)
    assert counts["agree_n role"] == 3 and counts["agree role"] == 1
    assert counts["agree_n object"] == counts["agree object"] == 3
    assert counts["agree_n part_of"] == 1 and counts["agree part_of"] == 0
    assert counts["agree region"] == counts["agree_n region"] == 1
    # the rules are scored on the figures both readings agree on apart
    assert counts["sys_agreed_n role"] <= 1 < counts["sys_first_n role"]
    report = agreement.report(counts, 1)
    assert "P 1.000 R 0.750" in report


def test_regions_that_differ_are_no_agreement(tmp_path):
    heldout, folder = make_batch(tmp_path, FIRST, second_region=None)
    counts = agreement.evaluate(agreement.load_pairs(folder, heldout))
    assert counts["agree_n region"] == 1 and counts["agree region"] == 0
    assert counts["sys_agreed_n region"] == 0
    assert counts["agree role"] == counts["agree_n role"] == 4
