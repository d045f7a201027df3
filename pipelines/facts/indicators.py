"""Which indicator a figure measures, from `data/indicators.toml` (data, no code to add one).

The rules of that file are applied in its order; see its header for what "fits" means. The
words around a figure are its window: six words before, eight after, and never past a
neighbouring figure, so that «25 преступлений …, из них 14 фактов сбыта» gives the 25 no «сбыт».
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.build_cache import read_toml
from pipelines.facts.roles import sentence_start
from pipelines.facts.words import has_verb, lemma_list, lemmas_of, text_lemmas
from pipelines.morph import morph, parse_word
from pipelines.paths import DATA_DIR
from pipelines.search_index import words

INDICATORS_FILE = DATA_DIR / "indicators.toml"
WINDOW_BEFORE, WINDOW_AFTER = 6, 8
_WITH = re.compile(r"\s(?:с|со)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Indicator:
    code: str
    ru: str
    en: str
    units: frozenset[str]
    objects: frozenset[str]
    substance: bool = False
    any_substance: bool = False  # any drug of [substances] counts as an object
    verbs: frozenset[str] = frozenset()
    context: tuple[str, ...] = ()
    not_context: tuple[str, ...] = ()
    context_in_sentence: bool = False  # `context` may stand anywhere in the sentence
    context_in_phrase: bool = False  # `context` must stand between the commas around the figure
    # objects whose `context` may stand in the sentences just before the figure's
    context_before: frozenset[str] = frozenset()
    not_own: tuple[str, ...] = ()  # no word of the figure's own phrase starts with these
    # no word between the commas around it (and between the figures beside it) does
    not_in_phrase: tuple[str, ...] = ()
    not_in_sentence: tuple[str, ...] = ()  # no lemma of the figure's sentence starts with these
    not_before: tuple[str, ...] = ()  # no lemma of the six before the figure starts with these
    any_person: bool = False  # any noun naming people counts as an object («проводников»)
    own_object: bool = False  # the figure's own object must be one of `objects`, not a word near
    also: tuple[Indicator, ...] = ()  # other rules for the same indicator

    def takes_unit(self, unit: str | None) -> bool:
        if unit in self.units:
            return True
        return "money" in self.units and bool(unit) and len(unit) == 3 and unit.isupper()


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    substances: frozenset[str]
    generic: frozenset[str]
    aliases: tuple[tuple[str, str], ...] = ()  # (lemma, substance): «опийный» is опий
    phrases: tuple[tuple[str, str, str], ...] = ()  # (lemma, next lemma, substance)
    groups: frozenset[str] = frozenset()  # substances that name a group of drugs («синтетика»)
    members: tuple[tuple[str, frozenset[str]], ...] = ()  # (group, the drugs it holds)

    @functools.cached_property
    def drugs(self) -> frozenset[str]:
        """Substances and generic drug nouns (asked for each rule of each figure)."""
        return self.substances | self.generic

    @functools.cached_property
    def _by_unit(self) -> dict[str | None, tuple[Indicator, ...]]:
        return {}

    def rules_for(self, unit: str | None) -> tuple[Indicator, ...]:
        """The rules, in order, that may take a figure of this unit (they or an `also` rule):
        the others cannot fit it."""
        found = self._by_unit.get(unit)
        if found is None:
            found = self._by_unit[unit] = tuple(
                e for e in self.indicators
                if e.takes_unit(unit) or any(alt.takes_unit(unit) for alt in e.also)
            )  # fmt: skip
        return found

    @functools.cached_property
    def _phrase_names(self) -> dict[tuple[str, str], str]:
        names: dict[tuple[str, str], str] = {}
        for first, second, name in self.phrases:
            names.setdefault((first, second), name)  # the file's first, as the loop took it
        return names

    @functools.cached_property
    def _alias_names(self) -> dict[str, str]:
        return dict(self.aliases)

    def named(self, lemma: str, following: str | None = None) -> str | None:
        """The substance a lemma (with the lemma after it) names, or None. Asked of every word
        around every figure: the phrases and aliases are looked up, not scanned or rebuilt."""
        name = self._phrase_names.get((lemma, following))
        if name is not None:
            return name
        alias = self._alias_names.get(lemma)
        return alias or (lemma if lemma in self.substances else None)


def _entry(raw: dict, parent: dict | None = None) -> Indicator:
    """One rule of the file; an `also` rule takes what it does not state from its parent."""
    merged = {**{k: v for k, v in (parent or {}).items() if k != "also"}, **raw}
    return Indicator(
        code=merged["code"],
        ru=merged["ru"],
        en=merged["en"],
        units=frozenset(merged["units"]),
        objects=frozenset(merged.get("objects", [])),
        substance=bool(merged.get("substance", False)),
        any_substance=bool(merged.get("any_substance", merged.get("substance", False))),
        verbs=frozenset(merged.get("verbs", [])),
        context=tuple(merged.get("context", [])),
        not_context=tuple(merged.get("not_context", [])),
        context_in_sentence=merged.get("context_in") == "sentence",
        context_in_phrase=merged.get("context_in") == "phrase",
        context_before=frozenset(merged.get("context_before", [])),
        not_own=tuple(merged.get("not_own", [])),
        not_in_phrase=tuple(merged.get("not_in_phrase", [])),
        not_in_sentence=tuple(merged.get("not_in_sentence", [])),
        not_before=tuple(merged.get("not_before", [])),
        any_person=bool(merged.get("any_person", False)),
        own_object=bool(merged.get("own_object", False)),
        also=tuple(_entry(alt, raw) for alt in raw.get("also", [])) if parent is None else (),
    )


def _load(path: Path) -> Vocabulary:
    data = read_toml(path)
    entries = [_entry(raw) for raw in data.get("indicator", [])]
    codes = [e.code for e in entries]
    if len(set(codes)) != len(codes):
        raise ValueError(f"{path}: an indicator code is defined twice")
    substances = data.get("substances", {})
    aliases = substances.get("aliases", {})
    phrases = substances.get("phrases", {})
    return Vocabulary(
        tuple(entries),
        frozenset(substances.get("names", [])) | frozenset(aliases),
        frozenset(substances.get("generic", [])),
        tuple(aliases.items()),
        tuple((pair[0], pair[1], name) for name, pair in phrases.items()),
        frozenset(substances.get("groups", [])),
        tuple((group, frozenset(drugs)) for group, drugs in substances.get("members", {}).items()),
    )


@functools.cache
def vocabulary(path: Path = INDICATORS_FILE) -> Vocabulary:
    return _load(path)


def _sentence_bounds(text: str, figure: dict) -> tuple[int, int]:
    start = sentence_start(text, figure)
    return start, start + len(figure.get("sentence") or text[start:])


def window(text: str, figure: dict, previous_end: int, next_start: int) -> list[str]:
    """Lemmas of the words around a figure (its quote included), bounded by its neighbours
    and its sentence."""
    before, after = sides(text, figure, previous_end, next_start)
    return before + after


_DASH_LABEL = re.compile(r"^\s*[–—-]\s*\w")
_ITEM_BREAK = re.compile(r",|\sи\s", re.IGNORECASE)


def sides(text: str, figure: dict, previous_end: int, next_start: int) -> tuple[list, list]:
    """The lemmas of `window`: before the figure, and from its start on."""
    low, high = _sentence_bounds(text, figure)
    left = text[max(previous_end, figure["start"] - 80, low) : figure["start"]]
    left = left[left.rfind(";") + 1 :]  # a semicolon ends the clause before
    labelled = _DASH_LABEL.match(text[figure["end"] : figure["end"] + 40])
    if previous_end and (_DASH_LABEL.match(text[previous_end : figure["start"]]) or labelled):
        # «760 - сбыт наркотических средств и 858 тяжких»: the label is the number's before;
        # «66 фактов сбыта, девять - хранения»: a number with a label of its own after the dash
        # leaves the one before its words
        cut = max((m.end() for m in _ITEM_BREAK.finditer(left)), default=0)
        left = left[cut:]
    left = left[_start_of_own_clause(left) :]
    right = text[figure["start"] : min(next_start, figure["end"] + 120, high)]
    right = right[: right.find(";")] if ";" in right else right
    before = lemmas_of(words(left)[-WINDOW_BEFORE:])
    after = lemmas_of(words(right)[: WINDOW_AFTER + 3])
    return before, after


_AND_WORD = re.compile(r"\sи\s+(\w+)", re.IGNORECASE)


def _start_of_own_clause(left: str) -> int:
    """Where the figure's own clause starts in the words before it: at the last «и» before a
    verb. «задержать троих организаторов наркопритонов и пресечь пять случаев разведения
    конопли»: the dens are the organisers', not the cases'."""
    for match in reversed(list(_AND_WORD.finditer(left))):
        readings = parse_word(match.group(1).lower())
        if readings and readings[0].pos in ("VERB", "INFN"):
            return match.start()
    return 0


def _with_next(text: str, figure: dict, next_start: int, high: int) -> list[str]:
    """«8 тыс. брикетов с 915 кг гашиша»: a container's contents, after the next figure."""
    gap = text[figure["end"] : next_start]
    if next_start >= high or not _WITH.search(gap):
        return []
    return lemmas_of(words(text[next_start : min(next_start + 60, high)])[:4])


def _starts(lemmas, prefixes: tuple[str, ...]) -> bool:
    return any(lemma.startswith(prefixes) for lemma in lemmas)  # str.startswith takes a tuple


_NARKO = "нарко"


def stems(lemmas) -> set[str]:
    """The lemmas with what a «нарко-» compound names: «наркорастение» is a «растение» too,
    «наркокурьер» a «курьер», «наркомагазин» a «магазин»; and what a hyphenated one ends in:
    «интернет-ссылка» is a «ссылка», «телеграм-бот» a «бот»."""
    found = set(lemmas)
    found |= {w[len(_NARKO) :] for w in found if w.startswith(_NARKO) and len(w) > 8}
    found |= {w.rsplit("-", 1)[1] for w in found if "-" in w.strip("-")}
    return found


@functools.lru_cache(maxsize=4096)
def _word_stems(word: str) -> frozenset[str]:
    return frozenset(stems([word]))


# «задержаны трое», «двое из них»: a collective numeral counts people
_COLLECTIVE = frozenset({"двое", "трое", "четверо", "пятеро", "шестеро", "семеро", "восьмеро",
                         "девятеро", "десятеро", "оба", "обе"})  # fmt: skip


@functools.lru_cache(maxsize=4096)
def _noun(obj: str | None, unit: str | None) -> str | None:
    """The counted object, unless no rule knows it and it is an adjective («858 тяжких …
    преступлений»: the figures step took «тяжких» for it) or the figure is no count («более
    3,4 кг» with the object «год» of «в этом году»): then it says nothing of what is counted
    («подозреваемых», «задержанных» are known: they count people)."""
    if obj is None:
        return None
    vocab = vocabulary()
    known = set().union(*(e.objects for e in vocab.indicators)) | vocab.substances | vocab.generic
    if stems([obj]) & known:
        return obj
    if stems([obj.lower()]) & known:
        return obj.lower()  # «ОПГ»: an abbreviation the figures step keeps in capitals
    readings = parse_word(obj)
    if readings and "Subx" in readings[0].grammemes:
        return obj  # a participle the dictionary knows as a noun: «8 578 обучающихся» are people
    if readings and readings[0].pos == "PRTF" and "actv" in readings[0].grammemes:
        return obj  # an active participle counted: «46 однократно употребивших наркотики» did it
    adjective = bool(readings) and readings[0].pos in ("ADJF", "ADJS", "PRTF")
    return None if adjective or unit != "count" else obj


def _fits(
    entry: Indicator,
    vocab: Vocabulary,
    figure: dict,
    sentence: frozenset[str],
    near: list[str],
    clause: frozenset[str] | None = None,
    near_stems: set[str] | None = None,
) -> bool:
    """Whether `entry` fits; `clause` (default: the sentence) is where its context may stand
    when it may stand anywhere; `near_stems`: `stems(near)`, when the caller has it already."""
    if entry.also and any(
        _fits(alt, vocab, figure, sentence, near, clause, near_stems) for alt in entry.also
    ):
        return True
    if not entry.takes_unit(figure.get("unit")):
        return False
    obj = _noun(figure.get("object"), figure.get("unit"))
    if obj in _MEASURE_WORDS:
        obj = _measured_noun(figure.get("_after") or (), obj) or obj
    if obj is None:
        obj = _weighed_noun(figure, vocab)
    if obj is not None:
        if (
            entry.objects.isdisjoint(_word_stems(obj))
            # «нарковеществ», «наркосредств»: a «нарко-» compound of a drug noun is a drug
            and not (entry.any_substance and not vocab.drugs.isdisjoint(_word_stems(obj)))
            and not (entry.any_person and names_people(obj))
        ):
            return False
    elif entry.own_object:
        return False
    else:
        found = stems(near) if near_stems is None else near_stems
        if entry.objects.isdisjoint(found) and not (
            entry.any_substance and not vocab.drugs.isdisjoint(found)
        ):
            return False
    if entry.verbs and not (sentence & entry.verbs):
        return False
    wide = entry.context_in_sentence and _starts(
        sentence if clause is None else clause, entry.context
    )
    around = figure.get("_phrase") if entry.context_in_phrase else near
    if entry.context and not (_starts(around or (), entry.context) or wide):
        # «1 210 наркосайтов»: a «нарко-» compound's own word is context too, as it is an object
        compounds = stems(near) if near_stems is None else near_stems
        if around is not near or not _starts(compounds, entry.context):
            return False
    if entry.not_own and _starts(_own_phrase(figure.get("_after") or ()), entry.not_own):
        return False
    if (
        obj in _BARE_OBJECTS
        and entry.substance
        and not _names_drug(_own_phrase(figure.get("_after") or ()), vocab)
    ):
        return False
    if entry.not_in_phrase and _starts(figure.get("_phrase_to_next") or (), entry.not_in_phrase):
        return False
    if entry.not_in_sentence and _starts(sentence, entry.not_in_sentence):
        return False
    if entry.not_before and _starts(figure.get("_left") or (), entry.not_before):
        return False
    if not entry.not_context:
        return True
    if _starts(figure.get("_list_lead") or (), entry.not_context):
        return False
    tail = figure.get("_next_clause") or ()
    return not _starts([w for w in near if w not in tail] if tail else near, entry.not_context)


def _list_lead(text: str, figures: list[dict], i: int, low: int) -> list[str]:
    """The words before the first figure of the list that figure i closes, when a verbless
    list joins them: «В печь отправлено 21 кг марихуаны, 3,2 кг героина»: what the list's lead
    says of its first item it says of every item."""
    j = i
    while j > 0 and figures[j - 1]["start"] >= low:
        gap = text[figures[j - 1]["end"] : figures[j]["start"]]
        if not _LIST_JOIN.search(gap) or has_verb(gap):
            break
        j -= 1
    return (figures[j].get("_left") or []) if j < i else []


# «выросло на 18% (с 512 до 604)»: a bracket that opens a comparison right after a change (words
# such as «по сравнению с аналогичным периодом 2024 года» may stand between), and «до» before
# the comparison's second number
_COMPARISON_OPENS = re.compile(r"[^();]{0,90}\(\s*(?:с|со)\s*$", re.IGNORECASE)
_COMPARISON_GOES_ON = re.compile(r"\s*до\s*$", re.IGNORECASE)


def _comparison_lead(text: str, figures: list[dict], i: int, low: int) -> list[str]:
    """The words before the change that a bracketed comparison follows, for the comparison's
    numbers: «количество выявленных фактов сбыта выросло на 18% (с 512 до 604)» counts sales
    at 512 and 604 too, though the change stands between them and those words."""
    j = i
    if j > 0 and _COMPARISON_GOES_ON.match(text, figures[j - 1]["end"], figures[j]["start"]):
        j -= 1
    change = j - 1
    if change < 0 or figures[change]["start"] < low:
        return []
    if figures[change].get("unit") not in ("percent", "times"):
        return []
    if not _COMPARISON_OPENS.match(text, figures[change]["end"], figures[j]["start"]):
        return []
    return list(figures[change].get("_left") or [])


# what joins two items of a list: the first item's words, then a comma or «и» right before the
# second; not «к уголовной ответственности 798 человек, к административной — свыше 3,3 тыс.»,
# whose second item has its own label
_LIST_JOIN = re.compile(r"^[^;:—–(]{0,60}(?:,|\sи)\s*$")


def _next_clause(text: str, figure: dict, next_start: int, high: int) -> frozenset[str]:
    """The lemmas of the next figure's own clause where it opens, after the last comma between
    the two, with a verb: «выявлено 36 преступлений, связанных с … оборотом наркотических
    средств, раскрыто 20 преступлений»: «раскрыто» is said of the 20, not of the 36. With no
    figure after it in its sentence, the clause after its first comma, with a verb, once the
    figure's own verb came before it: «выявлено 927 наркопреступлений, в целом раскрываемость …
    выросла» says nothing of the 927's kind (but «4 тысячи преступлений, связанных с
    наркотиками, раскрыли» does)."""
    if next_start >= high:
        if not has_verb(text[sentence_start(text, figure) : figure["start"]]):
            return frozenset()
        comma = text.find(",", figure["end"], high)
        tail = text[comma + 1 : high] if comma >= 0 else ""
        if not tail or ";" in tail or not has_verb(tail):
            return frozenset()
        return frozenset(lemma_list(tail))
    if next_start - figure["end"] > 120:
        return frozenset()
    gap = text[figure["end"] : next_start]
    comma = gap.rfind(",")
    if comma < 0 or ";" in gap[comma:]:
        return frozenset()
    tail = gap[comma + 1 :]
    return frozenset(lemma_list(tail)) if has_verb(tail) else frozenset()


# nouns that count pieces of whatever their genitive names: «3 единицы светошумовых гранат»
# are grenades, «162 единицы сильнодействующих препаратов» medicines
_MEASURE_WORDS = frozenset({"единица", "штука"})


def _measured_noun(own: list[str] | tuple[str, ...], measure: str) -> str | None:
    """The first noun within three words after the measure word in the figure's own words."""
    if measure not in own:
        return None
    k = own.index(measure)
    for lemma in own[k + 1 : k + 4]:
        readings = parse_word(lemma)
        if readings and readings[0].pos == "NOUN":
            return lemma
    return None


# «50 литров жидкости, из которой можно сварить …», «900 литров неизвестной жидкости»: what
# drugs are made of, or a liquid not known yet, unless its own words name a drug («460 литров
# наркосодержащей жидкости», «35 литров жидкого мефедрона»)
_BARE_OBJECTS = frozenset({"жидкость"})


def _weighed_noun(figure: dict, vocab: Vocabulary) -> str | None:
    """The cargo a mass or volume «среди» weighs, when its words name no drug: drugs hidden
    «среди 78 тонн бананов», «среди 25 тонн груза» are not those tonnes (unknown nouns after a
    mass are otherwise as often drugs the vocabulary lacks, «18 кг афганского чарса»)."""
    obj = figure.get("object")
    if not obj or figure.get("unit") not in ("kg", "l"):
        return None
    if "среди" not in (figure.get("_left") or [])[-2:]:
        return None
    if _names_drug(_own_phrase(figure.get("_after") or ()), vocab):
        return None
    readings = parse_word(obj.lower())
    return obj.lower() if readings and readings[0].pos == "NOUN" else None


def _names_drug(lemmas: list[str], vocab: Vocabulary) -> bool:
    return any(w.startswith("нарко") or w in vocab.substances for w in lemmas)


def _own_phrase(after) -> list[str]:
    """The figure's own words up to «и»: «11 тонн жидкости и лабораторное оборудование» is no
    lab's, «1,5 тонн прекурсоров» is the precursors'; an «и» between two adjectives of one noun
    does not end them («13 единиц пневматического и охотничьего оружия»)."""
    after = list(after)
    for k in range(1, len(after)):
        if after[k] == "и" and not (_adjective(after[k - 1]) and k + 1 < len(after)
                                    and _adjective(after[k + 1])):  # fmt: skip
            return after[:k]
    return after


def _adjective(lemma: str) -> bool:
    readings = parse_word(lemma)
    return bool(readings) and readings[0].pos in ("ADJF", "PRTF")


_TOWNSPEOPLE = ("чанин", "янин")


@functools.lru_cache(maxsize=4096)
def names_people(lemma: str) -> bool:
    """Whether a noun names people: an animate common noun («проводник», «курьер»), not a name;
    or a town's people the dictionary does not know («бийчанин»: the suffix says so)."""
    if lemma.endswith(_TOWNSPEOPLE) and not morph().word_is_known(lemma):
        return True
    first = parse_word(lemma)[:1]
    if first and first[0].pos in ("ADJF", "PRTF") and "Subx" in first[0].grammemes:
        return True  # a participle used as a noun: «обвиняемый», «обучающийся»
    readings = [r for r in parse_word(lemma) if r.pos == "NOUN"]
    return bool(readings) and all(
        "anim" in r.grammemes and not {"Name", "Surn", "Patr", "Geox"} & r.grammemes
        for r in readings[:1]
    )


def classify(figure: dict, near: list[str], vocab: Vocabulary | None = None) -> Indicator | None:
    """The first indicator that fits the figure, or None."""
    vocab = vocab or vocabulary()
    sentence = text_lemmas(
        (figure.get("_header") or "") + " " + (figure.get("sentence") or figure.get("quote") or "")
    )
    clause = text_lemmas(_clause(figure))
    people = bool(set(lemma_list(figure.get("quote") or "")) & _COLLECTIVE)
    if people and figure.get("object") is None:
        near = [*near, "человек"]
    near_stems = stems(near)  # the same for every rule
    for entry in vocab.rules_for(figure.get("unit")):
        if people and figure.get("object") is None and entry.substance:
            continue  # «с курительными смесями задержаны двое»: people, not a drug
        if _fits(entry, vocab, figure, sentence, near, clause, near_stems):
            return entry
    return None


# «за этот период», «за это время», «таким образом»: an anaphor of a time or a manner, not of
# what is counted
_NOT_COUNTED = frozenset(
    {"период", "время", "день", "год", "месяц", "неделя", "сутки", "срок", "образ"}
)


def _points_back(lemmas: list[str]) -> bool:
    """Whether an anaphor among the lemmas points back at something counted."""
    return any(
        word in _ANAPHORS and (k + 1 == len(lemmas) or lemmas[k + 1] not in _NOT_COUNTED)
        for k, word in enumerate(lemmas)
    )


def _indicator_pointed_at(
    figures: list[dict], i: int, low: int, vocab: Vocabulary
) -> Indicator | None:
    """«преступлений этой категории … в Энгельсском (240)»: what an anaphor points back to is
    what the last figure before the sentence that has an indicator counts, when this figure's
    unit and noun are ones that indicator counts."""
    figure = figures[i]
    obj = _noun(figure.get("object"), figure.get("unit"))
    earlier = (f for f in reversed(figures[:i]) if f["end"] <= low and f.get("indicator"))
    code = next((f["indicator"] for f in earlier), None)
    entry = next((e for e in vocab.indicators if e.code == code), None)
    if entry is None or obj is None or not entry.takes_unit(figure.get("unit")):
        return None
    objects = entry.objects.union(*(alt.objects for alt in entry.also))
    return None if objects.isdisjoint(_word_stems(obj)) else entry


def _context_before(
    figure: dict, before: list[str], near: list[str], vocab: Vocabulary
) -> Indicator | None:
    """«Выявлено 146 преступлений, совершённых в крупном размере» after a sentence on drug
    trafficking: an indicator marked `context_before` whose context the sentences just before
    give, for a figure of one of the entry's `context_before` objects whose own sentence has
    none of its `not_context`."""
    sentence = lemma_list(figure.get("sentence") or "")
    for entry in vocab.rules_for(figure.get("unit")):
        counted = figure
        if figure.get("_in_brackets") and figure.get("object") is None:
            # «… стали чаще: Сковородинский район — на 83,3 % (с 6 до 11), …» after sentences
            # on registered crimes: a bare count in brackets counts what they count
            named = [w for w in reversed(before) if w in entry.context_before]
            if named:
                counted = {**figure, "object": named[0]}
        if counted.get("object") not in entry.context_before:
            continue
        if _starts(sentence, entry.not_context):
            continue
        if _fits(entry, vocab, counted, frozenset(sentence), before + near):
            return entry
    return None


def _clause(figure: dict) -> str:
    """The part of the figure's sentence between semicolons that holds it."""
    sentence, quote = figure.get("sentence") or "", figure.get("quote") or ""
    parts = sentence.split(";")
    return next((part for part in parts if quote and quote in part), sentence or quote)


# nouns that name drugs in general: the figure's own noun when it is one of these, unless a
# substance qualifies it («наркотики каннабисной группы»)
_GENERIC_NOUNS = frozenset({"наркотик", "средство", "вещество", "смесь", "порошок"})


def _first_named(vocab: Vocabulary, lemmas: list[str]) -> str | None:
    """The first substance the lemmas name; "" when a generic noun comes first."""
    for k, lemma in enumerate(lemmas):
        name = vocab.named(lemma, lemmas[k + 1] if k + 1 < len(lemmas) else None)
        if name == "растение":  # «42 растения мака»: the plant named after the word
            return _first_named(vocab, lemmas[k + 1 : k + 3]) or name
        if name:
            return name
        if lemma in _GENERIC_NOUNS:
            return _first_named(vocab, lemmas[k + 1 : k + 3]) or ""
        if lemma in _CLASS_ADJECTIVES:  # its noun, and what that noun names
            return _first_named(vocab, lemmas[k + 1 : k + 4]) or ""
    return None


# «146 тысяч таблеток психотропных препаратов», «около 4 кг сильнодействующих препаратов»: a
# class of drugs, whatever noun follows (not «наркотический», which goes with «средство
# «героин»»: the generic noun after it looks on)
_CLASS_ADJECTIVES = frozenset({"психотропный", "сильнодействующий"})


def substance_of(
    figure: dict,
    near: list[str],
    vocab: Vocabulary | None = None,
    after: list[str] | None = None,
    default: str | None = "наркотик",
) -> str | None:
    """The drug a seizure or destroyed crop is of: one named before it with a dash («гашиша –
    700 кг»), else the first one named from the figure on («381 — мака», «983 штуки
    наркосодержащих растений», «8,5 тоннами маковой соломки»), else the generic one when a
    generic noun follows it («303 кг наркотиков»), else the object, else the nearest one
    before it, else `default`. `after` (default: the second half of
    `near`) is the part of the window from the figure on."""
    vocab = vocab or vocabulary()
    if after is None:
        after = near[len(near) // 2 :] if near else []
    if figure.get("_label"):
        return figure["_label"]  # «марихуаны – 350 кг и героина – 150 кг»: before the next label
    obj = figure.get("object")
    if obj in vocab.substances and obj != "растение" and figure.get("_bracketed_object"):
        # «марихуана (41,8 кг) гашиш (20,8 кг)»: the drug before the bracket, not the next one
        # («растений (1,2 т) конопли»: a plant not named yet may be named after it)
        return vocab.named(obj) or obj
    found = _first_named(vocab, after)
    if found is not None:
        return found or "наркотик"
    if obj in vocab.substances:
        return vocab.named(obj) or obj
    before = near[: len(near) - len(after)]
    for k in range(len(before) - 1, -1, -1):
        name = vocab.named(before[k], near[k + 1] if k + 1 < len(near) else None)
        if name:
            return name
    return default


_ANAPHORS = frozenset({"такой", "данный", "подобный", "указанный", "этот"})
# «это соответствует … доз»: «это» itself (its lemma is also that of «в этом году»)
_THIS_WORD = re.compile(r"\bэто\b", re.IGNORECASE)


def _names_a_drug(figure: dict, near: list[str], vocab: Vocabulary) -> bool:
    drugs = vocab.drugs
    if figure.get("object") in drugs:
        return True
    return figure.get("unit") in ("kg", "l") and bool(set(near) & drugs)


_LABEL = re.compile(r"(\w+)\s*[–—:-]\s*$")
_LABEL_MARKS = frozenset("–—:-")
_COMMA = re.compile(r"[,;]")


def _own_words(text: str, figure: dict, limit: int, n: int) -> list[str]:
    """The lemmas from the figure on up to a comma or semicolon: what the figure's own phrase
    names («героина – 1,2 т, гашиша – 800 кг»: the 1,2 t is no hashish)."""
    stop = _COMMA.search(text, figure["end"], max(limit, figure["end"]))
    end = limit if stop is None else stop.start()
    return lemmas_of(words(text[figure["start"] : end])[: max(n, 1)])


def _label(text: str, figure: dict, low: int, vocab: Vocabulary) -> str | None:
    """«героина – 1,2 т»: a drug named before the figure, then a dash or colon."""
    before = text[low : figure["start"]]
    if before.rstrip()[-1:] not in _LABEL_MARKS:
        return None  # what _LABEL needs (a dash or colon last): its search is slow on a miss
    found = _LABEL.search(before)
    if not found:
        return None
    lemmas = lemma_list(found.group(1))
    return vocab.named(lemmas[0]) if lemmas else None


def _counts_a_noun(figure: dict) -> bool:
    return figure.get("object") is not None or figure.get("unit") != "count"


def _subject_counted(figures: list[dict], i: int, low: int) -> bool:
    """A bare count whose noun the sentence's subject names before it: «Число фактов сбыта
    выросло на 8% и составило 215» (its own words, «и составило», name nothing); not an item of
    a list after other counts («299 фактов сбыта, 76 - хранения и 167 - культивирования»)."""
    figure = figures[i]
    quote = figure.get("quote") or ""
    if figure.get("unit") != "count" or not quote.strip("() ").replace(" ", "").isdigit():
        return False
    return not any(
        other["start"] >= low and other.get("unit") not in ("percent", "times")
        for other in figures[:i]
    )


def _bracketed(text: str, figure: dict) -> bool:
    return text[figure["start"] - 1 : figure["start"]] == "(" or figure["quote"].startswith("(")


def _inside_brackets(text: str, figure: dict, low: int) -> bool:
    """Between an opening bracket of its sentence and its closing one: «(с 6 до 11)»."""
    opened = text.rfind("(", low, figure["start"] + 1)
    return opened >= 0 and ")" not in text[opened : figure["start"]]


# «изъяты:\n• 41 кг …;\n• более 100 кг …»: items of a list under a header line ending in a colon
_ITEM = re.compile(r"^\s*(?:[•·▪●◦*-]|[–—]|\d{1,2}[.)])\s*")


def _list_header(text: str, low: int) -> str | None:
    """The header line a list item's line stands under (its verb is the items' verb)."""
    if not _ITEM.match(text[low : low + 6]):
        return None
    end = text.rfind("\n", 0, low)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line.endswith(":"):
            return line
        if line and not _ITEM.match(line):
            return None
        end = start - 1
    return None


# A sentence with no verb of its own («Около 9,5 тонн марихуаны, 380 кг гашиша.», «Итого более
# килограмма.», «Всего было более 200 кг.») goes on with the verb of the sentence before it.
_COPULAS = frozenset({"быть", "являться"})
_VERB_POS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND"})
_SENTENCE_BREAK = re.compile(r"[.!?…]\s|\n")


def _verbless(sentence: str) -> bool:
    for word in words(sentence):
        readings = parse_word(word.lower())
        if readings and readings[0].pos in _VERB_POS and readings[0].lemma not in _COPULAS:
            return False
    return True


def _sentence_before(text: str, low: int) -> str:
    """The sentence that ends where the one at `low` starts (at most 400 characters of it)."""
    head = text[max(0, low - 400) : low].rstrip()
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(head[:-1])]
    return head[breaks[-1] if breaks else 0 :]


_OPENS_BRACKET = re.compile(r"^\s*\(\s*[+−–-]?$")


def _after_brackets(text: str, figure: dict, figures: list[dict], i: int) -> int:
    """Where the words after a figure go on: past a bracket of numbers right after it («из них
    75 (+31,6%, АППГ – 57) связаны со сбытом»), else at the next figure."""
    following = figures[i + 1]["start"] if i + 1 < len(figures) else len(text)
    if not _OPENS_BRACKET.match(text[figure["end"] : following]):
        return following
    close = text.find(")", following, following + 80)
    if close < 0:
        return following
    return next((f["start"] for f in figures[i + 1 :] if f["start"] > close), len(text))


def _phrase(text: str, figure: dict, low: int, high: int) -> list[str]:
    """The lemmas between the commas (or semicolons) around a figure, in its sentence."""
    left = text[low : figure["start"]]
    right = text[figure["start"] : high]
    quote = len(figure.get("quote") or "")
    stop = _COMMA.search(right[quote:])
    end = len(right) if stop is None else quote + stop.start()
    return lemma_list(left[max(left.rfind(","), left.rfind(";")) + 1 :] + right[:end])


_AND = re.compile(r"\sи\s", re.IGNORECASE)


def _phrase_to_next(text: str, figure: dict, low: int, high: int) -> list[str]:
    """`_phrase`, between the figures beside it: from the previous figure, or the «и» after it,
    to the next one. «54 тыс. человек с алкогольной зависимостью и 9 тыс. человек с
    зависимостью от наркотических средств»: the 9 thousand are no drinkers.
    `low` is where the previous figure ends, `high` where the next one starts."""
    joint = list(_AND.finditer(text, low, figure["start"]))
    return _phrase(text, figure, joint[-1].end() if joint else low, high)


def _text_before(text: str, low: int, title: str | None = None) -> list[str]:
    """The words of the 300 characters before a sentence: the sentence or two «таких» refers
    to («данного вида преступлений» names them one sentence further back). Near the body's
    start, the headline's words come first: «выявили 1 тысячу преступлений в этой сфере» under
    «Наркотрафик под ударом …» is about drugs."""
    head = text[max(0, low - 300) : low]
    words = lemma_list(head[head.find(" ") + 1 :] if low > 300 else head)
    return lemma_list(title) + words if title and low <= 300 else words


# the yearly operation against hemp and poppy, «Мак», «Мак-2024», «ОПМ "Мак – 2019"»: its
# name names no plant
_OPERATION_NAME = re.compile(
    r"(?<=[«\"„“])\s*Мак(?=\s*(?:[-–—]\s*)?(?:\d{2,4}\s*)?[»\"“”])"  # «Мак», «Мак - 2012»
    r"|\bМак(?=[-–]\d{2,4}\b)"  # Мак-2025
)


def _without_operation_names(text: str) -> str:
    """The text with the operation's name blanked, its length kept (figures keep their
    offsets)."""
    return _OPERATION_NAME.sub(lambda m: " " * len(m.group()), text)


def _window(
    text: str, figures: list[dict], i: int, high: int
) -> tuple[list[str], list[str], list[str]]:
    """The lemmas before figure i, after it, and of its own phrase (to a comma), each with
    what the next figure's brackets hold."""
    figure = figures[i]
    previous_end = figures[i - 1]["end"] if i else 0
    next_start = figures[i + 1]["start"] if i + 1 < len(figures) else len(text)
    before, after = sides(text, figure, previous_end, _after_brackets(text, figure, figures, i))
    contents = _with_next(text, figure, next_start, high)
    own = _own_words(text, figure, min(next_start, high), len(after)) + contents
    return before, after + contents, own


# «по» right before a figure: so much each
_DISTRIBUTIVE = re.compile(r"(?<!\w)[Пп]о\s+$")


def assign_own_indicators(
    text: str, figures: list[dict], vocab: Vocabulary | None = None, title: str | None = None
) -> None:
    """Set `indicator` and `substance` on each figure, in place, from its own words; what a
    change, baseline or part takes from the numbers around it is inherit.py's. title: the
    headline over the text, the context before its first sentences for crimes counted without
    their drug context."""
    vocab = vocab or vocabulary()
    plain = _without_operation_names(text)
    named_operation = plain != text
    for i, figure in enumerate(figures):
        previous_end = figures[i - 1]["end"] if i else 0
        next_start = figures[i + 1]["start"] if i + 1 < len(figures) else len(text)
        low, high = _sentence_bounds(text, figure)
        before, after, own = _window(text, figures, i, high)
        before = _comparison_lead(text, figures, i, low) + before
        figure["_header"] = _list_header(text, low)
        figure["_phrase"] = _phrase(text, figure, low, high)
        figure["_phrase_to_next"] = _phrase_to_next(
            text, figure, max(low, previous_end), min(high, next_start)
        )
        figure["_next_clause"] = _next_clause(text, figure, next_start, high)
        near = before + after
        figure["_near"], figure["_after"], figure["_left"] = before + own, own, before
        figure["_list_lead"] = _list_lead(text, figures, i, low)
        figure["_label"] = _label(text, figure, max(low, previous_end), vocab)
        figure["_bracketed_object"] = _bracketed(text, figure)
        lead = lemma_list(text[low : figure["start"]])
        figure["_lead"] = lead + near
        figure["_before"] = lead
        if figure.get("unit") in ("percent", "times"):
            if set(lead) & _ANAPHORS:
                figure["_lead"] = _text_before(text, low) + figure["_lead"]
            continue
        # «51 брикет по одному килограмму», «закладками по 0,6 грамма»: each piece's size, no
        # amount taken
        each = figure.get("unit") in ("kg", "l") and bool(
            _DISTRIBUTIVE.search(text, max(low, figure["start"] - 4), figure["start"])
        )
        entry = None if each else classify(figure, near, vocab)
        if (
            entry is None
            and not each
            and (
                _bracketed(text, figure)
                or not _counts_a_noun(figure)
                or _subject_counted(figures, i, low)
            )
        ):
            # «в Энгельсском (56)», «их зарегистрировано почти 1800»: the sentence's subject
            entry = classify(figure, lead + near, vocab)
        # «таких преступлений выявлено 40», «зарегистрировано 362 подобных преступления»
        anaphor = set(lead) & _ANAPHORS or set(own[:2]) & _ANAPHORS
        if anaphor or _THIS_WORD.search(text[low : figure["start"]]):
            figure["_lead"] = _text_before(text, low) + figure["_lead"]
            # «270 подростков привлечены … (за 9 месяцев прошлого года таких было 63)»: with a
            # number before it in its sentence, «таких» points at that number, not further back
            pointed_before = (
                i > 0
                and figures[i - 1]["start"] >= low
                and bool(set(lemma_list(text[figures[i - 1]["end"] : figure["start"]])) & _ANAPHORS)
            )
            if entry is None and not pointed_before and not each:  # «таких преступлений»: what
                header = figure["_header"]  # the sentences before name, and do
                figure["_header"] = f"{header or ''} {text[max(0, low - 300) : low]}"
                entry = classify(figure, figure["_lead"], vocab)
                figure["_header"] = header
            if entry is None and not pointed_before and not each and _points_back(lead + own[:2]):
                entry = _indicator_pointed_at(figures, i, low, vocab)
        if entry is None and low > 0 and not each and _verbless(text[low:high]):
            header = figure["_header"]
            figure["_header"] = f"{header or ''} {_sentence_before(text, low)}"
            entry = classify(figure, near, vocab)
            figure["_header"] = header
        if entry is None and not each:
            figure["_in_brackets"] = figure.get("unit") == "count" and _inside_brackets(
                text, figure, low
            )
            entry = _context_before(figure, _text_before(text, low, title), near, vocab)
        figure["indicator"] = entry.code if entry else None
        figure["substance"] = None
        if named_operation and (entry is None or entry.substance):
            # the operation «Мак» tells a crop, but names no plant
            before, _, own = _window(plain, figures, i, high)
        if entry and entry.substance:
            figure["substance"] = substance_of(figure, before + own, vocab, own)
        elif entry is None and _names_a_drug(figure, near, vocab):
            # a mass of drugs no indicator counts («уничтожено 2 тонн наркотических средств»)
            figure["substance"] = substance_of(figure, before + own, vocab, own)
