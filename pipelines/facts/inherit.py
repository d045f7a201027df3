"""What a number measures when its own words do not say: a change, what the numbers it
compares measure; a baseline, what its current value measures; a part, what its total
measures; «Это на N% больше», what the sentence before counted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipelines.facts.indicators import (
    Vocabulary,
    _fits,
    _own_phrase,
    _starts,
    assign_own_indicators,
    names_people,
    stems,
    substance_of,
    vocabulary,
)
from pipelines.facts.roles import sentence_spans, sentence_start
from pipelines.facts.words import lemma_list, text_lemmas


def assign_indicators(
    text: str, figures: list[dict], vocab: Vocabulary | None = None, title: str | None = None
) -> None:
    """Set `indicator` and `substance` on each figure, in place: first from its own words, then
    what it inherits. A change (a percent or factor) takes the indicator of the numbers it
    compares, or of the words around it when they fit exactly one indicator; else it stays null."""
    vocab = vocab or vocabulary()
    assign_own_indicators(text, figures, vocab, title)
    _parts_of_what_nothing_counts(figures, vocab)
    inherit_indicators(text, figures, vocab)
    _rates_count_nothing(text, figures)
    _plants_the_text_names(text, figures)
    _the_drug_the_text_identifies(text, figures, vocab, title)
    _the_one_drug_the_text_names(text, figures, vocab, title)
    _plants_not_named_are_drugs(figures)


# words that say what a part of a whole is («из которых 41 кг составлял героин», «весом …»), not
# what was done with it
_WHAT_IT_HOLDS = frozenset({"составлять", "составить", "вес", "весить", "масса", "иметь",
                            "иметься", "находиться", "содержаться", "храниться"})  # fmt: skip


def _parts_of_what_nothing_counts(figures: list[dict], vocab: Vocabulary) -> None:
    """«сожжено 169 кг 860 г наркотиков, из которых 41 кг … героина»: the words that rule an
    indicator out for a total (a destruction, not a seizure) rule it out for the total's parts
    in its sentence, past the window their own words are read in; not for a part whose own
    verb names its indicator («привлечено к уголовной ответственности 214 лиц, из которых 37
    осуждены»: the 37 are convicts, the 214 are not)."""
    entries = {e.code: e for e in vocab.indicators}
    for figure in figures:
        k = figure.get("part_of")
        if k is None or not figure.get("indicator"):
            continue
        total = figures[k]
        if total.get("indicator") or total.get("sentence") != figure.get("sentence"):
            continue
        entry = entries[figure["indicator"]]
        if not (entry.verbs - _WHAT_IT_HOLDS).isdisjoint(figure.get("_after") or ()):
            continue
        if entry.not_context and _starts(total.get("_near") or (), entry.not_context):
            figure["indicator"] = figure["substance"] = None


# names that do not say which drug: a class or a plant not named further
_NO_DRUG_NAME = frozenset({"растение", "психотроп", "соломка", "синтетика"})
# where a text says what the seized substance turned out to be
_IDENTIFIED = re.compile(
    r"\b(?:являе?тся|являются|оказал[оа]?сь|оказался|оказались|идентифицирован\w*)\b",
    re.IGNORECASE,
)


def _the_drug_the_text_identifies(
    text: str, figures: list[dict], vocab: Vocabulary, title: str | None
) -> None:
    """«изъяли 462 грамма порошкообразного вещества … экспертиза показала, что вещество является
    мефедроном»: a seizure of a generic drug in a text that says what it turned out to be, and
    names no other drug, is of that drug."""
    generic = [f for f in figures if f.get("indicator") == "drugs_seized"
               and f.get("substance") == "наркотик"]  # fmt: skip
    if not generic or not _IDENTIFIED.search(text):
        return
    identified: set[str] = set()
    for start, end in sentence_spans(text):
        if _IDENTIFIED.search(text, start, end):
            identified |= _drugs_named(text[start:end], vocab)
    if len(identified) == 1 and _drugs_named(f"{title or ''} {text}", vocab) == identified:
        drug = identified.pop()
        for figure in generic:
            figure["substance"] = drug


def _the_one_drug_the_text_names(
    text: str, figures: list[dict], vocab: Vocabulary, title: str | None
) -> None:
    """«Кокаин нашли в порту … Один прятал 47 свертков среди вещей»: a seizure counted in
    packets, doses or a bare mass, in a text that names one drug and no other, is of that
    drug. A seizure its own words call generic («6 кг наркотиков», «вещества») stays generic,
    as a text's total does where the text also names the drug of one seizure."""
    # (not a ratio: «изъято 1,8 тонны наркотиков, что в 2,5 раза больше» measures what its
    # number measures, all drugs, in a text that names cocaine for one seizure)
    unnamed = [f for f in figures if f.get("indicator") == "drugs_seized"
               and f.get("substance") == "наркотик"
               and f.get("unit") not in ("percent", "times")
               and f.get("object") not in vocab.generic | vocab.substances]  # fmt: skip
    if not unnamed:
        return
    named = _drugs_named(f"{title or ''} {text}", vocab)
    if len(named) == 1:
        drug = named.pop()
        for figure in unnamed:
            figure["substance"] = drug


def _drugs_named(text: str, vocab: Vocabulary) -> set[str]:
    lemmas = lemma_list(text)
    named = {vocab.named(w, nxt) for w, nxt in zip(lemmas, [*lemmas[1:], None], strict=True)}
    return named - {None, *vocab.generic, *_NO_DRUG_NAME}


# plants a crop or a seizure of «растений» may be of, in lower case: «Мак-2025» is the name
# of the yearly operation against both plants
_PLANTS = {
    "конопля": re.compile(r"\bконопл[яиюеё]\w*"),
    "мак": re.compile(r"\bмак(?:а|у|ом|е|и|ов|овый|овая|овой|овую|овых|овые)?\b"),
    "эфедра": re.compile(r"\bэфедр[аыеуо]\w*"),
}


def _plants_the_text_names(text: str, figures: list[dict]) -> None:
    """«уничтожено 27 700 кустов запрещенного растения» in a text that names hemp and no other
    plant: the plants are hemp; so are crops destroyed whose words name no plant («около 500
    кустов», «на двух участках»). With two plants named, or none, they stay as they were."""
    unnamed = [f for f in figures if f.get("substance") == "растение" or (
        f.get("indicator") == "crops_destroyed" and f.get("substance") == "наркотик")]  # fmt: skip
    if not unnamed:
        return
    named = [plant for plant, written in _PLANTS.items() if written.search(text)]
    if len(named) == 1:
        for figure in unnamed:
            figure["substance"] = named[0]


def _plants_not_named_are_drugs(figures: list[dict]) -> None:
    """«уничтожено 227 кустов наркосодержащих растений» in a text that names no one plant: the
    substance is the generic drug, as for «наркотиков»; «растение» names no drug."""
    for figure in figures:
        if figure.get("substance") == "растение":
            figure["substance"] = "наркотик"


# «в расчете на 100 тысяч населения», «84 на 100 тыс. жителей», «на 10 тыс. человек», «83,9
# на 100 000 населения», «(252 на 100 тыс.)»; not «наркотики на 100 тыс. рублей»
_PER_POPULATION = re.compile(
    r"\bна\s+(?:100|сто|10|десять)\s*(?:тыс(?:\.|яч\w*)?|000)"
    r"(?=\s*(?:населени|жител|человек|граждан|\)|[.,;](?!\s*[а-яё])|$))",
    re.IGNORECASE,
)
# What ends the clause of a rate: «составило 1241 или 83,9 на 100 000 населения» counts 1241
_CLAUSE_END = re.compile(r",|\sили\s")
_RATE_NAMED = re.compile(r"\b(?:показател\w*|уров\w*|коэффициент\w*)\s+(?:в\s+)?$", re.IGNORECASE)


def _rates_count_nothing(text: str, figures: list[dict]) -> None:
    """A number per 100,000 people is a rate, not a count an analyst may add to others: «В
    перерасчете на 100 тысяч населения выявлено 84 наркопреступления, при среднероссийском
    показателе в 150». It measures no indicator when the rate's words stand in its clause, or
    when it is a «показатель» of a sentence that speaks of one."""
    for figure in figures:
        if not figure.get("indicator") or figure.get("unit") not in ("count", None):
            continue
        low = sentence_start(text, figure)
        sentence = figure.get("sentence") or ""
        if not _PER_POPULATION.search(sentence):
            continue
        ends = [m.end() for m in _CLAUSE_END.finditer(text, low, figure["start"])]
        clause_start = max(ends, default=low)
        after = _CLAUSE_END.search(text, figure["end"], low + len(sentence))
        clause_end = after.start() if after else low + len(sentence)
        in_clause = _PER_POPULATION.search(text[clause_start:clause_end])
        if in_clause or _RATE_NAMED.search(text[clause_start : figure["start"]]):
            figure["indicator"] = figure["substance"] = None


def inherit_indicators(text: str, figures: list[dict], vocab: Vocabulary) -> None:
    """Set the indicator of changes, shares, baselines and parts, in place, after each figure
    has the one its own words give."""
    by_sentence = _by_sentence(figures)
    for i, figure in enumerate(figures):
        if figure.get("unit") not in ("percent", "times"):
            continue
        if i and re.match(r"^\s*\(\s*[+−–-]?$", text[figures[i - 1]["end"] : figure["start"]]):
            figure["_of"] = i - 1
        if figure.get("role") != "change":
            figure["indicator"] = figure["substance"] = None  # «80% – тяжких»: a share
            continue
        figure["indicator"], figure["substance"] = _change_indicator(figures, figure, by_sentence)
    _shared_noun_takes_the_next(text, figures)
    _this_compares_the_previous(text, figures)
    _topic_of_the_sentence_before(text, figures)
    _share_within_comparisons(figures)
    _parts_measure_their_total(figures, vocab, by_sentence)


def _by_sentence(figures: list[dict]) -> dict[str | None, list[dict]]:
    """The figures of each sentence, in text order: the rules below look at a figure's
    neighbours in its sentence, and a long page holds thousands of figures."""
    index: dict[str | None, list[dict]] = {}
    for figure in figures:
        index.setdefault(figure.get("sentence"), []).append(figure)
    return index


_JOINED = re.compile(r"^\s*(?:и|или|,)\s*$")


def _shared_noun_takes_the_next(text: str, figures: list[dict]) -> None:
    """«34 международных и 32 региональных канала поставок наркотиков»: a number whose noun is
    the next one's counts what the next counts (its own words end at that number)."""
    for i in range(len(figures) - 2, -1, -1):
        figure, after = figures[i], figures[i + 1]
        if figure.get("indicator") or not after.get("indicator"):
            continue
        same = figure.get("unit") == after.get("unit") and figure.get("object") == after.get(
            "object"
        )
        if same and _JOINED.match(text[figure["end"] : after["start"]]):
            figure["indicator"], figure["substance"] = after["indicator"], after.get("substance")


def _parts_measure_their_total(
    figures: list[dict], vocab: Vocabulary, by_sentence: dict[str | None, list[dict]]
) -> None:
    """A part counts what its total counts («изъято 2,1 т наркотиков: - 61,6 кг опия; …»), and
    a difference («на 81,5 кг больше») what the sentence's numbers count; the drug is the part's
    own when it names one, else the total's."""
    for figure in figures:
        if figure.get("indicator"):
            continue
        source = None
        if figure.get("part_of") is not None:
            source = figures[figure["part_of"]]
            if figure.get("unit") == "percent" != source.get("unit"):
                # a share («из них 70%») measures no indicator in its total's unit: it stays
                # out of the official statistics, which list values of one unit
                continue
        elif figure.get("role") == "change":
            same = [
                f
                for f in by_sentence.get(figure.get("sentence"), ())
                if f is not figure and f.get("indicator") and f.get("role") != "change"
            ]
            if same:
                source = min(same, key=lambda f: abs(f["start"] - figure["start"]))
        if source is not None:
            measure_as(figure, source, vocab)


def measure_as(figure: dict, source: dict, vocab: Vocabulary) -> None:
    """Give a figure that measures nothing of its own the indicator of `source` (its total, or
    the number it compares), with its own drug when it names one."""
    if figure.get("indicator") or not source.get("indicator"):
        return
    entry = next(e for e in vocab.indicators if e.code == source["indicator"])
    if entry.not_own and _starts(_own_phrase(figure.get("_after") or ()), entry.not_own):
        return  # «525 кг наркотиков, в том числе … более 3 тонн прекурсоров»: no drug
    figure["indicator"] = source["indicator"]
    if entry.substance:
        figure["substance"] = _own_or(figure, vocab, source)


# «Это на …», «Отмечено, что это на 582 кг больше»: «это» before the change, in its sentence
# or «их количество» («… выявлено 1 584 преступления. По сравнению с … их количество снизилось
# на 4,6%»)
_THIS = re.compile(
    r"\b(?:это|этот\s+показатель|данный\s+показатель|их\s+(?:общее\s+)?(?:количество|число))\b",
    re.IGNORECASE,
)


def _this_compares_the_previous(text: str, figures: list[dict]) -> None:
    """«… изъято 4 т 83 кг. Это на 68,4% или на 1 т 658 кг больше, чем в 2020 году»: a change
    in a sentence opening with «Это» measures the number of the sentence before; one of «данный
    показатель» does so whatever indicator its own words gave it."""
    for i, figure in enumerate(figures):
        if figure.get("role") != "change":
            continue
        low = sentence_start(text, figure)
        this = _THIS.search(text[low : figure["start"]])
        # «данный показатель» points back even past what the change's own words suggested, and
        # so does a difference in a unit («Уничтожено 987 кг наркотиков. Это на 212 кг больше»:
        # what the 987 kg measure, nothing, not a seizure for the mass alone)
        opening = this is not None and not text[low : low + this.start()].strip(' «"—–-')
        absolute = opening and figure.get("unit") in ("kg", "l", "ha", "m2")
        pointing = this and (absolute or "показатель" in this.group().lower())
        if not this or (figure.get("indicator") and not pointing):
            continue
        for other in _before_the_sentence(figures, i, low):
            if absolute and other.get("unit") == figure.get("unit"):
                if other.get("role") not in ("change", "baseline"):
                    figure["indicator"] = other.get("indicator")
                    figure["substance"] = other.get("substance")
                    break
                continue
            if other.get("indicator") and other.get("role") not in ("change", "baseline"):
                figure["indicator"] = other["indicator"]
                figure["substance"] = other.get("substance")
                break


def _before_the_sentence(figures: list[dict], i: int, low: int) -> Iterator[dict]:
    """The figures before figure i's sentence (which starts at `low`), the nearest first, back to
    the sentence before and no further (300 characters)."""
    for k in range(i - 1, -1, -1):
        other = figures[k]
        if other["end"] > low:
            continue
        if low - other["end"] > 300:
            return
        yield other


# «по этому направлению», «преступлений этой категории», «таких случаев»: the topic of the
# sentence before, named by pointing at it
_POINTED_TOPIC = re.compile(
    r"\b(?:эт|данн|так|подобн|указанн)\w*\s+(?:категори|направлени|вид|лини|преступлени"
    r"|правонарушени|факт|случа)\w*",
    re.IGNORECASE,
)


def _topic_of_the_sentence_before(text: str, figures: list[dict]) -> None:
    """«… количество наркопреступлений уменьшилось на 15,1%. В числе лидеров по этому
    направлению такие регионы, как Чукотский АО (-29,4%), Калмыкия (-28,6%) …»: a change that
    measures nothing its own words name, in a sentence that points at the topic of the one
    before, measures what the last number of that sentence measures."""
    for i, figure in enumerate(figures):
        if figure.get("role") != "change" or figure.get("indicator"):
            continue
        low = sentence_start(text, figure)
        if not _POINTED_TOPIC.search(text, low, figure["start"]):
            continue
        other = next(_before_the_sentence(figures, i, low), None)
        if other is not None and other.get("indicator"):
            figure["indicator"] = other["indicator"]
            figure["substance"] = other.get("substance")


def _own_or(figure: dict, vocab: Vocabulary, source: dict) -> str | None:
    """The drug the figure's own words name («303 кг наркотиков» names the generic one), else
    what `source` measures."""
    window = figure.get("_near") or []
    own = substance_of(figure, window, vocab, figure.get("_after"), default=None)
    return own or source.get("substance")


_NAMELESS = (None, "показатель", "уровень", "цифра", "число", "количество")


def _share_within_comparisons(figures: list[dict]) -> None:
    """A baseline measures what its current value measures; the two values of a change measure
    what the change is of («снизить уровень наркопреступлений на 15,3% (с 457 до 387 случаев)»)."""
    for figure in figures:
        current = figure.get("_current")
        if figure.get("role") != "baseline" or current is None:
            continue
        now = figures[current]
        # «…, когда этот показатель был на уровне почти 3 тыс.»: a baseline that names nothing of
        # its own measures what its current value measures, whatever the words around it say
        same = figure.get("object") in (*_NAMELESS, now.get("object"))
        nameless = same and now.get("indicator")
        if not figure.get("indicator") or nameless:
            figure["indicator"] = now.get("indicator")
            if figure["indicator"] and now.get("substance"):
                figure["substance"] = _own_or(figure, vocabulary(), now)
        elif not now.get("indicator"):  # «число наркопреступлений выросло с 1520 до 1661»
            now["indicator"], now["substance"] = figure["indicator"], figure.get("substance")
    for figure in figures:
        compared = figure.get("_compared")
        if not compared or not figure.get("indicator"):
            continue
        for k in compared:
            if not figures[k].get("indicator"):
                figures[k]["indicator"] = figure["indicator"]
                figures[k]["substance"] = figure.get("substance")


def _change_indicator(
    figures: list[dict], figure: dict, by_sentence: dict[str | None, list[dict]]
) -> tuple[str | None, str | None]:
    """What a change counts: the number its bracket follows; else the one indicator of its
    sentence («выявлено 25 наркопреступлений, что на 30% меньше»); else the pair it compares
    (which may stand in sentences before); else the words around it."""
    bracketed = figure.get("_of")  # «75 (+31,6%, АППГ – 57)»: the number the bracket follows
    if bracketed is not None and figures[bracketed].get("indicator"):
        return figures[bracketed]["indicator"], figures[bracketed].get("substance")
    compared = figure.get("_compared")
    same_sentence = [
        f
        for f in by_sentence.get(figure.get("sentence"), ())
        if f.get("unit") not in ("percent", "times") and f.get("indicator")
    ]
    codes = {f["indicator"] for f in same_sentence}
    if len(codes) == 1:
        own = _clause_indicator(figure, same_sentence)
        if own is not None and own[0] not in codes:
            # «выявлено 36 тысяч преступлений …, а количество изъятых наркотиков увеличилось
            # почти вдвое»: the change's own clause names what changed, no number of it does
            return own
        nearest = min(same_sentence, key=lambda f: abs(f["start"] - figure["start"]))
        return nearest["indicator"], nearest.get("substance")
    if compared:
        other = figures[compared[1]]
        return other.get("indicator"), other.get("substance")
    if same_sentence:
        return None, None
    measured = _the_number_its_clause_follows(figure, by_sentence)
    if measured is not None and not names_people(measured.get("object") or ""):
        # «возбуждено 214 уголовных дел о контрабанде наркотиков, что на 17% больше»: the
        # cases changed, which no indicator counts; not the drugs the words around name (people
        # counted with no indicator may be of one the words name: «наркозависимых … 1,9 тыс.
        # человек, что на 1,2% больше»)
        return measured.get("indicator"), measured.get("substance")
    return _described_indicator(figure)


# «…, что на 17% больше», «…, что в 2 раза меньше»: a clause of comparison after a number
_THAT_CLAUSE = re.compile(r",\s*что\s+(?:почти\s+|более\s+чем\s+|практически\s+)?(?:на|в)\s*$")


def _the_number_its_clause_follows(
    figure: dict, by_sentence: dict[str | None, list[dict]]
) -> dict | None:
    """The number of the same sentence right before a change that opens a «, что на N%» clause:
    that number is what changed."""
    sentence = figure.get("sentence") or ""
    at = sentence.find(figure["quote"])
    before = [
        f
        for f in by_sentence.get(sentence, ())
        if f["end"] <= figure["start"] and f.get("unit") not in ("percent", "times")
    ]
    if at < 0 or not before:
        return None
    number = max(before, key=lambda f: f["end"])
    found = sentence.rfind(number["quote"], 0, at)
    if found < 0 or not _THAT_CLAUSE.search(sentence[found + len(number["quote"]) : at]):
        return None
    return number


def _clause_indicator(figure: dict, numbers: list[dict]) -> tuple[str, str | None] | None:
    """The one indicator the words of a change's own clause fit, when no number of the
    sentence stands in that clause («…, а количество изъятых наркотиков увеличилось почти
    вдвое»)."""
    sentence = figure.get("sentence") or ""
    if any(_same_clause(sentence, n["quote"], figure["quote"]) for n in numbers):
        return None
    phrase = figure.get("_phrase") or []
    found = _narrower(_fitting(phrase, frozenset(phrase)))
    if len(found) != 1:
        return None
    entry = next(iter(found.values()))
    if not entry.substance:
        return entry.code, None
    return entry.code, substance_of({"object": None}, phrase, vocabulary(), [])


def _same_clause(sentence: str, a: str, b: str) -> bool:
    """Whether two quotes of a sentence stand with no comma or semicolon between them."""
    i, j = sentence.find(a), sentence.find(b)
    if i < 0 or j < 0:
        return False
    low, high = sorted((i, j))
    return "," not in sentence[low:high] and ";" not in sentence[low:high]


def _fitting(near: list[str], sentence: frozenset[str]) -> dict:
    """The indicators a change of no stated noun fits, by code, from the words `near` it."""
    vocab = vocabulary()
    near_stems = stems(near)  # the same for every rule and unit
    found = {}
    for entry in vocab.indicators:
        for unit in sorted(entry.units - {"money"}):
            probe = {"unit": unit, "object": None}
            if _fits(entry, vocab, probe, sentence, near, None, near_stems):
                found[entry.code] = entry
    return found


def _narrower(found: dict) -> dict:
    if set(found) == {"drug_crimes", "drug_sales_crimes"}:
        # «рост на 30,8% фактов сбыта»: sales crimes are the narrower
        return {"drug_sales_crimes": found["drug_sales_crimes"]}
    return found


def _described_indicator(figure: dict) -> tuple[str | None, str | None]:
    """«на 1281,2% увеличилось количество изъятых наркотиков»: the words around a change name
    what changed; they decide only when exactly one indicator fits them."""
    vocab = vocabulary()
    near = figure.get("_lead") or []  # the subject of a change comes before it
    found = _fitting(near, text_lemmas(figure.get("sentence") or ""))
    if len(found) > 1:
        found = _named_first(figure, found, vocab)
    found = _narrower(found)
    if len(found) != 1:
        return None, None
    entry = next(iter(found.values()))
    if not entry.substance:
        return entry.code, None
    # the subject of a change comes before it: «рост выявляемости наркотиков в 12,3 раза …»
    return entry.code, substance_of({"object": None}, figure.get("_before") or [], vocab, [])


def _named_first(figure: dict, found: dict, vocab) -> dict:
    """Of several indicators that the words around a change fit, the one whose counted noun
    comes first after it: «на 34,6% больше выявлено уголовных правонарушений, связанных с
    незаконным оборотом наркотиков» counts offences, not drugs."""
    for lemma in figure.get("_after") or []:
        words = stems([lemma])
        named = {
            code: entry
            for code, entry in found.items()
            if not entry.objects.isdisjoint(words) or (entry.any_substance and lemma in vocab.drugs)
        }
        if named:
            return named
    return found
