"""The scorer of bench/facts_eval.py on small texts of our own (not the held-out ones)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
_spec = importlib.util.spec_from_file_location("facts_eval", REPO / "bench/facts_eval.py")
facts_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(facts_eval)
import republications  # noqa: E402

TEXT = (
    "Изъято 120 кг наркотиков\n\n"
    "За год полицейские изъяли 120 кг наркотиков, в том числе 40 кг гашиша.\n\n"
    "В марте у жителя города нашли 2 кг героина.\n\n"
    "Задержаны 2 человека."
)


def gold_figure(quote, value, unit, role, **extra):
    figure = {"quote": quote, "value": value, "unit": unit, "role": role, "part_of": None,
              "scope": "period", "indicator": None, "substance": None,
              "in_title": False}  # fmt: skip
    return figure | extra


GOLD = [
    gold_figure("120 кг", 120, "kg", "value", in_title=True, indicator="drugs_seized",
                substance="наркотик"),
    gold_figure("120 кг", 120, "kg", "total", occurrence=2, indicator="drugs_seized",
                substance="наркотик"),
    gold_figure("40 кг", 40, "kg", "part", part_of=1, indicator="drugs_seized", substance="гашиш"),
    gold_figure("2 кг", 2, "kg", "value", scope="event", indicator="drugs_seized",
                substance="героин"),
    gold_figure("2 человека", 2, "count", "value", scope="event", indicator="persons_detained"),
]  # fmt: skip


def perfect_prediction() -> list[dict]:
    """What a faultless facts step would return for TEXT: headline first, offsets per part."""
    title, body = facts_eval.split_text(TEXT)
    predicted = []
    for k, g in enumerate(GOLD):
        where = title if g["in_title"] else body
        start = where.find(g["quote"])
        if k == 1:
            start = body.find(g["quote"])
        elif k == 3:
            start = body.find(g["quote"], body.find("марте"))
        predicted.append(
            {key: g[key] for key in ("value", "unit", "role", "scope", "indicator", "substance")}
            | {"quote": g["quote"], "in_title": int(g["in_title"]), "start": start,
               "end": start + len(g["quote"]), "part_of": 1 if g["role"] == "part" else None}
        )  # fmt: skip
    return predicted


def score(predicted: list[dict]) -> dict:
    spans = facts_eval.gold_spans(TEXT, GOLD)
    pairs = facts_eval.match(GOLD, spans, predicted, facts_eval.own_origins(predicted))
    return facts_eval.score_attributes(GOLD, predicted, pairs)


def accuracy(result: dict, attribute: str) -> float:
    c = result["counts"]
    return c[f"{attribute}_ok"] / c[f"{attribute}_n"]


def test_split_text_and_gold_spans():
    title, body = facts_eval.split_text(TEXT)
    assert title == "Изъято 120 кг наркотиков" and body.startswith("За год")
    spans = facts_eval.gold_spans(TEXT, GOLD)
    assert spans[0] == ("title", 7, 13)
    # the second «120 кг» of the file is the body's first
    assert spans[1][0] == "body" and body[spans[1][1] : spans[1][2]] == "120 кг"


def test_perfect_prediction_scores_one():
    result = score(perfect_prediction())
    c = result["counts"]
    assert c["matched"] == len(GOLD)
    for attribute in ("role", "scope", "indicator", "substance"):
        assert accuracy(result, attribute) == 1.0
    assert c["parts_right"] == c["parts"] == 1
    assert c["links_right"] == c["links"] == 1
    assert result["errors"] == []
    assert sum(result["confusion"].values()) == len(GOLD)


def test_wrong_role_and_scope_lower_their_accuracy_only():
    predicted = perfect_prediction()
    predicted[1]["role"] = "value"
    predicted[4]["scope"] = "period"
    result = score(predicted)
    assert accuracy(result, "role") == pytest.approx(4 / 5)
    assert accuracy(result, "scope") == pytest.approx(4 / 5)
    assert accuracy(result, "indicator") == 1.0
    assert result["confusion"][("total", "value")] == 1
    assert {e[0] for e in result["errors"]} == {"role", "scope"}


def test_part_of_a_wrong_total_is_not_right():
    predicted = perfect_prediction()
    predicted[2]["part_of"] = 3  # the 2 kg of another sentence
    c = score(predicted)["counts"]
    assert c["parts"] == 1 and c["parts_right"] == 0 and c["links_right"] == 0


def test_headline_figures_match_headline_gold_only():
    predicted = perfect_prediction()
    predicted[0]["in_title"] = 0  # as if the 120 kg of the headline were in the body
    spans = facts_eval.gold_spans(TEXT, GOLD)
    pairs = facts_eval.match(GOLD, spans, predicted, facts_eval.own_origins(predicted))
    assert 0 not in pairs.values()  # the headline's gold figure stays unmatched


def test_equal_values_go_to_the_figure_at_the_gold_quote():
    predicted = perfect_prediction()
    # two «2» figures of the body in the other order: the quote decides, not the order
    predicted[3], predicted[4] = predicted[4], predicted[3]
    predicted[3]["unit"] = predicted[4]["unit"] = "kg"
    spans = facts_eval.gold_spans(TEXT, GOLD)
    pairs = facts_eval.match(GOLD, spans, predicted, facts_eval.own_origins(predicted))
    assert pairs[4] == 3  # the prediction at «2 кг» is gold 3, though it comes second


def test_pair_scores():
    # (article, story, claim, fact): one claim in three articles, another in two
    perfect = [(1, "s", 0, 10), (2, "s", 0, 10), (3, "s", 0, 10), (1, "s", 1, 11), (2, "s", 1, 11)]
    s = facts_eval.pair_scores(perfect)
    assert (s["gold"], s["predicted"], s["right"], s["F1"]) == (4, 4, 4, 1.0)
    merged = [(a, st, c, 10) for a, st, c, _ in perfect]  # both claims in one fact
    s = facts_eval.pair_scores(merged)
    assert s["R"] == 1.0 and s["P"] < 1.0
    split = [*perfect[:2], (3, "s", 0, 12), *perfect[3:]]  # one mention in a fact of its own
    s = facts_eval.pair_scores(split)
    assert s["P"] == 1.0 and s["R"] == pytest.approx(2 / 4)
    other = [*perfect, (9, "t", 0, 10)]  # another story's mention joins the fact
    assert facts_eval.pair_scores(other)["other_story"] == 3


def test_same_article_pairs_do_not_count():
    s = facts_eval.pair_scores([(1, "s", 0, 10), (1, "s", 0, 10)])
    assert s["gold"] == s["predicted"] == 0


def test_headline_figure_is_the_claim_of_its_body_twin():
    assert facts_eval.claim_ids(GOLD) == [1, 1, 2, 3, 4]


def test_a_rounded_restatement_is_the_claim_of_the_precise_number():
    def gold(quote, value, qualifier, in_title=False):
        return {"quote": quote, "value": value, "unit": "kg", "qualifier": qualifier,
                "object": "героин", "role": "value", "indicator": "drugs_seized",
                "substance": "героин", "scope": "event", "in_title": in_title}  # fmt: skip

    figures = [gold("более 47 кг", 47, "more_than", True), gold("свыше 47 кг", 47, "more_than"),
               gold("47 кг 370 г", 47.37, "exact"), gold("3 кг", 3, "exact")]  # fmt: skip
    assert facts_eval.claim_ids(figures) == [2, 2, 2, 3]
    assert facts_eval.claim_ids(figures, restatements=False) == [1, 1, 2, 3]
    generic = {**gold("около 40 кг", 40, "approx"), "substance": "наркотик", "object": "наркотик"}
    mephedrone = {**gold("порядка 40 кг", 40, "approx"), "substance": "мефедрон"}
    assert facts_eval.claim_ids([generic, mephedrone]) == [1, 1]


def test_gold_part_pairs_link_the_facts_of_every_copy():
    doc = {"set": "x", "id": "001", "figures": GOLD}
    # (article, story, claim, fact): the 40 kg (claim 2) is a part of the 120 kg (claim 1); a
    # copy put its 40 kg in another fact; a fact that merged a part with its total is no pair
    mentions = [(1, "x/001", 1, 10), (1, "x/001", 2, 20), (2, "x/001", 1, 10),
                (2, "x/001", 2, 21), (3, "x/001", 2, 10), (1, "x/001", 3, 30)]  # fmt: skip
    assert facts_eval.gold_part_pairs([doc], mentions) == [(20, 10), (21, 10)]


@pytest.mark.parametrize("site", list(republications.SITES))
def test_versions_trace_back_to_the_original(site):
    title, body = facts_eval.split_text(TEXT)
    version = republications.make_version(title, body, site, random.Random(site))
    for part in ("title", "body"):
        for text, origin in version[part]:
            if origin is not None:
                source = title if origin[0] == "title" else body
                assert source[origin[1] : origin[1] + len(text)].lower() == text.lower()
    new_body = republications.joined(version["body"])
    assert "2 кг героина" in new_body and new_body != body  # a paragraph after the lead
    start, was = new_body.find("2 кг героина"), body.find("2 кг героина")
    figure = {"in_title": 0, "start": start, "end": start + 4}
    assert republications.version_origins(version, [figure]) == [("body", was, was + 4)]
    boilerplate = new_body.find(republications.SITES[site][1][-1])
    figure = {"in_title": 0, "start": boilerplate, "end": boilerplate + 4}
    assert republications.version_origins(version, [figure]) == [None]
    assert 0 <= version["days"] <= 2
