"""Relations found by what the numbers say, not only by the words between them.

- A comparative: «на 81,5 кг больше», «в 2,4 раза или на 63 кг больше, чем в 2020 году»: the
  difference between two periods, a change whatever its unit.
- A sum: figures that add up to an earlier figure of their unit are its parts («более 30 кг»
  in a week, then each seizure in its own sentence; «МВД - 2 т 29 кг, ГКНБ - 1 т 663 кг, …»
  under «4 тонны 83 кг»), and so are figures that add up to a later one stated as a whole
  («Общий вес составил 17 граммов»), or, after «Всего», that stay within it. Coincidences
  among small round counts are common, so a sum needs a sign that the first number is a total
  (a subset marker, a colon or bracket before the list, a rounded «более»/«около» lead) unless
  it is exact and not a small count.
"""

from __future__ import annotations

import itertools
import re

from pipelines.facts import markers
from pipelines.facts.checks import rounding
from pipelines.morph import parse_word

_I = re.IGNORECASE
# «на 17,7 кг больше», «в 2,4 раза или на 63 кг больше»: before the number, then the comparative
_COMPARED_BEFORE = re.compile(r"(?:^|[\s(])(?:на|в)\s*$", _I)
# ... then what it is compared with: «, чем в 2020 году», «показателей 2012 года», «прошлого
# года»; «на 22 кг угрозы стало меньше» compares nothing
_COMPARATIVE_AFTER = re.compile(
    r"^[^.;:()\n]{0,45}?\b(?:больше|меньше|выше|ниже|превыша\w*)\b,?\s*(?:чем\b|показател"
    r"|прошл|аналогичн|уровн|в\s+(?:19|20)\d\d|по\s+сравнению|год\w*\s+ранее"
    # «на 33 кг больше изъятого количества за соответствующий период прошлого года»
    r"|(?:\w+\s+){1,3}(?:за\s+)?(?:соответствующ|аналогичн|прошл))",
    _I,
)
# «Общий вес …», «общей массой», «всего», «итого», «в сумме», «таким образом»: a whole stated
# after its parts
_WHOLE_BEFORE = re.compile(
    r"\b(?:общ(?:ий|ая|ей|им|ее|его)|всего|итого|в\s+сумме|таким\s+образом)\b", _I
)
# «Всего изъято …», «В общей сложности …», «Итого»: a sentence that sums up what came before
_SUMS_UP = re.compile(r"^\W*(?:всего|итого|в\s+общей\s+сложности)\b", _I)
# a colon or an opening bracket, or a dash list («ГСИН – 11»), between a total and its parts
_LIST_SIGN = re.compile(r"[:(]|\s[–—-]\s*$", _I)
_NEXT_PLACE = re.compile(r"^\s*,\s*(?:а\s+)?(?:во?|на)\s+[А-ЯЁ]")
# parts a release sums up across its paragraphs may misadd it by this much («9 кг 680 граммов»
# and «2 кг 525 граммов», «Всего … 11 кг 870 граммов»)
MISADDED = 1.05
MAX_RUN = 15  # parts looked at after (or before) a total: a list, not the whole text
# how far an approximate part («около 3 кг») may be from what it stands for, in its sum
APPROX_SLACK = 0.05


# «увеличилось на 120», «снизилось почти на 40 кг», «сократилось количество наркоманов на 2 000
# человек»: a verb of change, perhaps its subject, then «на» and the number
_CHANGED_BY = re.compile(
    r"\b(?:увелич|сократ|сокращ|сниз|сниж|вырос|выросл|возрос|возросл|уменьш|упал|упало|повыс"
    r"|понизи|прибави|превыша|превыси)\w*"
    r"(?:\s+(?:количество|число|численность|показатель|уровень)(?:\s+\w+){1,2})?"
    r"(?:\s+тоже)?(?:\s*[—–-])?"  # «сократилось — на 40 по сравнению с годом ранее»
    r"\s+(?:почти\s+|более\s+чем\s+|ещ[её]\s+|сразу\s+)?на\s*$",
    _I,
)
# «прирост составил почти одну тонну»: a noun of change, the subject of «составить», then the
# number
_CHANGE_WAS = re.compile(
    # «Уменьшение судимости по ст. 328 УК в 1 пол. 2023 г. составило 13,0%»: the subject's words
    # (with their abbreviations) in between, no comma
    r"\b(?:прирост|рост|снижение|сокращение|увеличение|уменьшение|спад)\s+(?:[\w.]+\s+){0,12}?"
    r"состав(?:ил|ила|ило|или|ляет|ляют)\s+(?:почти\s+|около\s+|более\s+|свыше\s+)?$",
    _I,
)
# «по сравнению с тем же периодом прошлого года гашиша изъято больше на почти 100 кг»: a
# comparative before «на», and what it is compared with earlier in the sentence
_MORE_BY = re.compile(
    r"\b(?:больше|меньше|выше|ниже)\s+на\s+(?:почти\s+|около\s+|порядка\s+|более\s+чем\s+)?$", _I
)
_COMPARED_WITH = re.compile(
    r"по\s+сравнению|\bпрошл\w+\s+год|\bаналогичн\w+\s+период"
    # «за последние пять лет … наркозависимых стало меньше на 5 тысяч»: since then
    r"|\bза\s+последн\w+\s+(?:\w+\s+)?(?:год|лет|месяц)",
    _I,
)


# «(на 56 тысяч гектар больше)»: a bracket that opens before the number and closes after the
# comparative compares with the number before the bracket
_OPENED_BY = re.compile(r"\(\s*(?:на|в)\s", _I)
_CLOSING_COMPARATIVE = re.compile(r"^[^.;:()\n]{0,45}?\b(?:больше|меньше|выше|ниже)\s*\)", _I)


# A factor between two places or against an average («… выше, чем в среднем по Татарстану»,
# «… превышает средние показатели по России»), no earlier time named
_OTHER_PLACE = re.compile(
    r"^(?!.*\b(?:год|период|аппг|ранее|прошл))\s*(?:выше|ниже|больше|меньше|превыша\w*)\b.*?"
    r"(?:\bчем\s+(?:в\s+среднем\s+)?(?:по|в)\s+[А-ЯЁ]|\bсредн(?:ий|его|ем|ие|им|их|ее|яя)\b"
    # «превышает показатель Российской Федерации»: a place's measure, named by its name
    r"|\b(?:показател|уровен|значени)\w*\s+(?-i:[А-ЯЁ]))",
    re.IGNORECASE,
)


def comparative_change(text: str, figure: dict) -> bool:
    """«на N … больше/меньше (чем …)», «увеличилось на N»: the number is a difference, a
    change."""
    before = text[max(0, figure["start"] - 4) : figure["start"]]
    quote = (figure.get("quote") or "").lower()
    if figure.get("unit") in ("percent", "times") and _OTHER_PLACE.match(
        re.split(r"[.;!?]\s", text[figure["end"] : figure["end"] + 80])[0]
    ):
        return False  # «в полтора раза выше, чем по Татарстану»: two places, no change
    lead = text[max(0, figure["start"] - 60) : figure["start"]] + re.match(r"^\D*", quote).group()
    # _CHANGED_BY ends in «на»: only then is its search (slow on a miss) worth running
    if lead.rstrip()[-2:].lower() == "на" and _CHANGED_BY.search(lead):
        return True
    if _CHANGE_WAS.search(text, max(0, figure["start"] - 100), figure["start"]):
        return True
    if _MORE_BY.search(lead):
        before = re.split(r"[.;!?]\s", text[max(0, figure["start"] - 200) : figure["start"]])[-1]
        after = re.split(r"[.;!?]\s", text[figure["end"] : figure["end"] + 80])[0]
        # «меньше на 145 кг показателя аналогичного периода 2011 года»
        return bool(_COMPARED_WITH.search(before) or _COMPARED_WITH.search(after))
    # «на 100 кг больше», «примерно на 100 кг больше»: «на» in the quote, after its qualifier
    lead_words = re.match(r"^\D*", quote)[0]
    if not (_COMPARED_BEFORE.search(before) or _COMPARED_BEFORE.search(lead_words)):
        return False
    after = text[figure["end"] : figure["end"] + 60]
    if _COMPARATIVE_AFTER.match(after):
        return True
    # «233 тысяч гектар (на 56 тысяч гектар больше)»: a bracket compares with the number before
    opened = _OPENED_BY.search(text[max(0, figure["start"] - 8) : figure["start"]] + quote[:3])
    return bool(opened and _CLOSING_COMPARATIVE.match(after))


def adds_up(total: dict, added: float, *, exact_only: bool = False, slack: float = 0.0) -> bool:
    """Whether parts summing to `added` make up `total`, within what its wording allows and
    the `slack` of the parts' own wording (`parts_slack`)."""
    value = float(total["value"])
    if value <= 0:
        return False
    qualifier = total.get("qualifier")
    if qualifier == "more_than" and not exact_only:
        return 0.97 * value - slack <= added <= 1.2 * value  # «более 30 кг»: a rounded-down lead
    if qualifier == "approx" and not exact_only:
        return abs(added - value) <= 0.1 * value + slack
    return abs(added - value) <= max(rounding(total), 0.01 * value) + slack + 1e-9


def parts_slack(parts: list[dict]) -> float:
    """How far the sum of parts may be from what they stand for: «около 3 кг» and «порядка 400
    граммов» are 3.4 kg give or take a twentieth of each: 3.5 kg."""
    return sum(APPROX_SLACK * float(p["value"]) for p in parts if p.get("qualifier") == "approx")


def _free(i: int, figures: list[dict], roles: dict[int, str], part_of: dict[int, int]) -> bool:
    figure = figures[i]
    return (
        i not in part_of
        and roles.get(i) not in ("baseline", "change")
        and figure.get("unit") not in (None, "percent", "times")
        and not figure.get("change")
    )


def _signalled(text: str, total: dict, first: dict) -> bool:
    gap = text[total["end"] : first["start"]]
    if markers.SUBSET.search(gap) or _LIST_SIGN.search(gap):
        return True
    if total.get("qualifier") in ("more_than", "approx"):
        return True
    return float(total["value"]) >= 10 or float(total["value"]) != int(total["value"])


def _places_side_by_side(text: str, total: dict, first: dict) -> bool:
    """Whether the total and the first would-be part each follow a place of their own, as a
    list of regions' numbers («в Москве … более 10,4 тысячи, в Подмосковье - 5,8 тысячи»):
    siblings, not a whole and its parts."""
    clause_start = max(text.rfind(",", 0, total["start"]), text.rfind(".", 0, total["start"]))
    return bool(
        markers.PLACE_BEFORE.search(text, clause_start + 1, total["start"])
        and _NEXT_PLACE.match(text[total["end"] : first["start"]])
    )


def _enumerated(text: str, total: dict, parts: list[dict]) -> bool:
    """Whether the total and its would-be parts are the items of one list «A, B и C»: a comma
    alone after the total (no subset word, colon or bracket) and «и» before the last."""
    gap = text[total["end"] : parts[0]["start"]]
    if markers.SUBSET.search(gap) or _LIST_SIGN.search(gap) or not gap.rstrip().endswith(","):
        return False
    before_last = text[parts[-2]["end"] if len(parts) > 1 else total["end"] : parts[-1]["start"]]
    return bool(re.search(r"\sи\s+$", before_last))


def _other_drug(total: dict, figure: dict, named_drugs: frozenset[str]) -> bool:
    """Two masses of two drugs the text names: «Общий вес … составил 32 кг гашиша и 1,5 кг
    марихуаны» sums the hashish before it, not the marijuana."""
    a, b = total.get("object"), figure.get("object")
    return a != b and {a, b} <= named_drugs


def same_kind(total: dict, figure: dict) -> bool:
    """Same unit, and for counts the same thing counted (couriers do not add up to stashes)."""
    if figure.get("unit") != total.get("unit"):
        return False
    a, b = total.get("object"), figure.get("object")
    # «наркопреступлений» and «преступлений» count the same thing
    return total.get("unit") != "count" or not a or not b or a.endswith(b) or b.endswith(a)


def _listed_kind(total: dict, figure: dict) -> bool:
    """Of the total's kind, or, after a count of people, people of some kind: «троих человек –
    двое граждан Колумбии и один гражданин Евросоюза»."""
    if same_kind(total, figure):
        return True
    a, b = total.get("object"), figure.get("object")
    return figure.get("unit") == total.get("unit") == "count" and a in _PEOPLE and people_noun(b)


_PEOPLE = frozenset({"человек", "лицо"})


def people_noun(lemma: str | None) -> bool:
    """«человек», «лицо» (people, though pymorphy reads a face), or an animate noun
    («жителей», «граждан»)."""
    if not lemma:
        return False
    readings = parse_word(lemma)[:1]
    return lemma in _PEOPLE or any(r.pos == "NOUN" and "anim" in r.grammemes for r in readings)


def _run(figures: list[dict], order: list[int], t: int, free, added: float = 0.0) -> list[int]:
    """Figures of `order` of the kind of figure `t`, while their sum (from `added`) can still
    reach it."""
    run: list[int] = []
    limit = 1.2 * float(figures[t]["value"]) + 1e-9
    for k in order[: MAX_RUN * 3]:
        if not free(k) or not _listed_kind(figures[t], figures[k]):
            continue
        if abs(float(figures[k]["value"]) - float(figures[t]["value"])) < 1e-9:
            continue  # the total stated again («Около 9 т … — более 226 кг мака и около 9 т»)
        added += float(figures[k]["value"])
        if added > limit or len(run) >= MAX_RUN:
            break
        run.append(k)
    return run


def _longest_sum(
    figures: list[dict], t: int, run: list[int], exact_only: bool, have: list[int] = ()
) -> list[int]:
    """The longest start of `run` that, with the parts `t` already has, adds up to it."""
    best: list[int] = []
    loose: list[int] = []  # within the slack of approximate parts: only when none adds up
    added = sum(float(figures[k]["value"]) for k in have)
    slack = parts_slack([figures[k] for k in have])
    # parts that already make up the total take no more within the slack («около 334 кг … 150
    # кг» of 485 kg, then «Также … порядка 7,8 кг героина»: beside them)
    complete = len(have) >= 2 and adds_up(figures[t], added, exact_only=exact_only)
    for n, k in enumerate(run, 1):
        added += float(figures[k]["value"])
        slack += parts_slack([figures[k]])
        if n + len(have) < 2:
            continue
        if adds_up(figures[t], added, exact_only=exact_only):
            best = run[:n]
        elif adds_up(figures[t], added, exact_only=exact_only, slack=slack):
            loose = run[:n]
    return best or ([] if complete else loose)


def sum_parts(
    text: str,
    figures: list[dict],
    roles: dict[int, str],
    part_of: dict[int, int],
    named_drugs: frozenset[str] = frozenset(),
) -> None:
    """Add to `part_of` the figures that add up to a total before them (after the parts it
    has), or to a whole after them; a figure that is already a part keeps its total.
    `named_drugs`: the drug names of data/indicators.toml (a whole after its parts sums its own
    drug only)."""

    def free(k: int) -> bool:
        return _free(k, figures, roles, part_of) and k not in totals and k not in bounds

    totals = set(part_of.values())
    bounds = _range_ends(text, figures)
    # the parts each total has from the rules before (this loop adds parts to its own total
    # only), and no longer a search of all figures for each: a long page has hundreds
    parts_before: dict[int, list[int]] = {}
    for k, v in part_of.items():
        parts_before.setdefault(v, []).append(k)
    for t in range(len(figures)):
        if not (free(t) or (t in totals and t not in part_of)):
            continue
        total = figures[t]
        have = parts_before.get(t, [])
        after = max([t, *have]) + 1
        run = _run(figures, list(range(after, min(after + MAX_RUN * 3, len(figures)))), t, free,
                   sum(float(figures[k]["value"]) for k in have))  # fmt: skip
        parts = _longest_sum(figures, t, run, False, have) if run else []
        if parts and not have and _enumerated(text, total, [figures[k] for k in parts]):
            # «22 кг героина, 18 кг чарса и 4,5 кг опия»: three seizures, unless the items
            # after the first make it up exactly («28 групп, 19 для отработки и 9 для …»)
            added = sum(float(figures[k]["value"]) for k in parts)
            parts = parts if abs(added - float(total["value"])) < 1e-9 else []
        if parts and not have and _places_side_by_side(text, total, figures[parts[0]]):
            parts = []
        if parts and (have or _signalled(text, total, figures[parts[0]])):
            for k in parts:
                part_of[k] = t
            totals.add(t)
            continue
        lead = text[max(0, total["start"] - 60) : total["start"]]
        if have or not _WHOLE_BEFORE.search(lead.split(".")[-1]):
            continue
        # the nearest of the figures before (_run reads no further)
        before = itertools.islice(
            (k for k in range(t - 1, -1, -1) if not _other_drug(total, figures[k], named_drugs)),
            MAX_RUN * 3,
        )
        run = _run(figures, list(before), t, free)
        parts = _longest_sum(figures, t, run, exact_only=True) if run else []
        opening = lead.split(".")[-1]
        if not parts and _SUMS_UP.match(opening):
            # what the sentences before stated («Всего изъяли 15 кг мефедрона и 70 кг гашиша»
            # sums neither by the other)
            sentence_start = total["start"] - len(opening)
            parts = _summed_before(
                text,
                figures,
                t,
                lambda k, start=sentence_start: free(k) and figures[k]["end"] <= start,
            )
        for k in parts:
            part_of[k] = t
        if parts:
            totals.add(t)


# «от $8 тыс. до $10 тыс.»: the two bounds of one quantity
_FROM_BEFORE = re.compile(r"(?:^|\W)от\s*$", _I)


def _range_ends(text: str, figures: list[dict]) -> set[int]:
    """The figures that bound a range with the next or the one before («цены колеблются от $8
    тыс. до $10 тыс.»): bounds of one quantity, never two parts of a sum."""
    ends: set[int] = set()
    for k in range(len(figures) - 1):
        a, b = figures[k], figures[k + 1]
        if a.get("unit") != b.get("unit"):
            continue
        opened = (a.get("quote") or "").lower().startswith("от ") or _FROM_BEFORE.search(
            text[max(0, a["start"] - 4) : a["start"]]
        )
        between = text[a["end"] : b["start"]].strip().lower()
        to_in_quote = (b.get("quote") or "").lower().startswith("до")  # «до $10 тыс.»: a bound
        closed = between == "до" or (not between and to_in_quote)
        if opened and closed:
            ends.update((k, k + 1))
    return ends


def _summed_before(text: str, figures: list[dict], t: int, free) -> list[int]:
    """«… общей массой более 19 килограммов. Всего изъято свыше 21 килограмма»: a sentence that
    opens with «Всего» sums the figures of its kind before it in its paragraph, when they stay
    within it (the rest it sums the text does not number). Where a page gives each sentence its
    own paragraph («нашли около 1,5 кг …» / «нашли еще 300 граммов …» / «Всего … более 2,5
    кг»), it sums the text before, when two figures at least stay within it or misadd it by a
    few percent (the check then flags the mismatch). One alone, or one amount stated twice (a
    lead and its body), may be the same amount restated or one lot of many."""
    total = figures[t]
    paragraph = text.rfind("\n", 0, total["start"]) + 1
    kind = [k for k in range(t - 1, -1, -1) if free(k) and same_kind(total, figures[k])]
    parts = [k for k in kind if figures[k]["start"] >= paragraph][:MAX_RUN]
    if parts:
        added = sum(float(figures[k]["value"]) for k in parts)
        return parts if added < float(total["value"]) else []
    parts = kind[:MAX_RUN]
    amounts = {round(float(figures[k]["value"]), 6) for k in parts}  # a lead restated
    added = sum(float(figures[k]["value"]) for k in parts)
    distinct = len(amounts) == len(parts) >= 2
    return parts if distinct and added < MISADDED * float(total["value"]) else []


def parts_adding_up(total: dict, figures: list[dict]) -> list[int]:
    """Indices of the figures that make up `total` stated elsewhere (a headline's «более 30 кг»
    over the body's seizures): values of its kind and scope, no part, total, baseline or change
    yet, the longest run in text order (two at least) that adds up to it."""
    candidates = [
        k for k, f in enumerate(figures)
        if f.get("role") == "value" and same_kind(total, f) and f.get("scope") == total.get("scope")
        and f.get("indicator") in (total.get("indicator"), None) and not f.get("change")
        and float(f["value"]) < float(total["value"])
    ]  # fmt: skip
    best: list[int] = []
    loose: list[int] = []  # within the slack of approximate parts: only when none adds up
    added = slack = 0.0
    for n, k in enumerate(candidates, 1):
        added += float(figures[k]["value"])
        slack += parts_slack([figures[k]])
        if n < 2:
            continue
        if adds_up(total, added):
            best = candidates[:n]
        elif adds_up(total, added, slack=slack):
            loose = candidates[:n]
    return best or loose
