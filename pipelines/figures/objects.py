"""Which noun a figure counts or measures.

The finders at the end of this module are named rules, tried in the order of AMOUNT_FINDERS (a
figure with a unit) and COUNT_FINDERS (a bare number nothing else explained); the first that
names a noun wins. The helpers before them look for the noun beyond the number's own phrase
(phrases.py reads the phrases). (A noun right after the number, "5 фактов сбыта", is read in
reading.py before any finder is asked.)
"""

from __future__ import annotations

from collections.abc import Callable

from pipelines.figures.lexicon import (
    AMOUNT_NOUNS,
    AMOUNT_VERBS,
    CLAUSE_STOPS,
    CONTAINER_NOUNS,
    DASHES,
    DECREASE,
    DEED_NOUNS,
    EVENT_NOUNS,
    INCREASE,
    KIND_NOUNS,
    LAW_ABBREVIATIONS,
    MEASURE_NOUNS,
    MONEY_NOUNS,
    PHYSICAL_UNITS,
    PROCESS_NOUNS,
    RANGE_WORDS,
    THRESHOLD_NOUNS,
    TIME_NOUNS,
    VALUE_NOUNS,
)
from pipelines.figures.phrases import (
    animate,
    before_participial_phrase,
    contents_of,
    counted_plural,
    described_noun,
    ends_prepositional_phrase,
    first_conjunct,
    governed_noun,
    head_of_genitive_chain,
    noun_after,
    noun_before_amount,
    opens_clause,
    starts_the_line,
    substantive,
)
from pipelines.figures.sentence import (
    Figure,
    Sentence,
    adjective_as_noun,
    noun_lemma,
    takes_paucal,
    takes_singular,
    unknown_genitive_noun,
    unknown_word,
)
from pipelines.figures.units import unit_adjective, unit_at
from pipelines.morph import Reading
from pipelines.numbers import number_forms, parse_number


def noun_before_price(s: Sentence, figure: Figure) -> str | None:
    """What money "на" or "в" an amount is worth, named just before it: "продал героин на 450
    тыс. тенге", "наркотики более чем на 52 млн тенге", "партию гашиша на 3 млн": a noun in
    the nominative or accusative, or the head of its genitive (not "в районе на 3 млн")."""
    preposition = figure.span.first - 1
    if s.norm(preposition) not in ("на", "в", "во"):
        return None
    k = min(figure.first, preposition) - 1
    readings = s.readings(k)
    if (
        not s.is_noun(k)
        or (s.tokens[k].text[:1].isupper() and not s.tokens[k].text.isupper())
        or s.lemma(k) in TIME_NOUNS
        or s.lemma(k) in THRESHOLD_NOUNS  # «достигала отметки в 50 миллионов сомов»
        or unit_at(s, k) is not None  # "5 кг на 2 млн тенге"
    ):
        return None
    direct = [r for r in readings if r.pos == "NOUN" and {"nomn", "accs"} & r.grammemes]
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if s.pos(j) == "PREP" and direct and direct[0] is not readings[0]:
        return None  # "в области на 4 млн": the noun ends a prepositional phrase
    nouns = [r for r in readings if r.pos == "NOUN"]
    # a rare genitive reading is no evidence: "наркотики" is not the genitive of "наркотика"
    genitive = any("gent" in r.grammemes and r.score >= nouns[0].score / 4 for r in nouns)
    if direct and genitive and s.is_noun(j) and unit_at(s, j) is None:
        # "партия синтетики на 20 млн": a genitive after a noun, whatever else it may read as
        head = head_of_genitive_chain(s, k)
        if head != k and {"nomn", "accs"} & s.readings(head)[0].grammemes:
            return noun_lemma(s.readings(head), s.tokens[head])
    if direct:
        return direct[0].lemma  # "наркотики", not the genitive of a rare "наркотика"
    if "gent" in readings[0].grammemes:
        head = head_of_genitive_chain(s, k)
        if head != k and {"nomn", "accs"} & s.readings(head)[0].grammemes:
            return noun_lemma(s.readings(head), s.tokens[head])
        if head == k and unit_at(s, k - 1) is not None:
            return noun_lemma(readings, s.tokens[k])  # "5 кг героина на 2 млн тенге"
        if head == k and s.pos(k - 1) in ("VERB", "PRTS", "INFN"):
            return noun_lemma(readings, s.tokens[k])  # "изъято наркотиков на 100 млн рублей"
    return None


# «по расчётам полицейских», «по предварительным данным», «по оценкам экспертов»: an aside
_ASIDE_NOUNS = frozenset({"расчёт", "расчет", "оценка", "данные", "информация", "подсчёт",
                          "подсчет", "мнение", "словам", "слово", "версия"})  # fmt: skip


def before_aside(s: Sentence, k: int) -> int:
    """Where the words before token k (a verb) stand when an aside in commas comes between them
    and it: «Его стоимость, по расчётам полицейских, составляет» → the aside's «по», «Площадь,
    на которой …, составила» → the relative clause's comma (k when there is none)."""
    if s.norm(k - 1) != ",":
        return k
    for j in range(k - 2, max(-1, k - 15), -1):
        if s.norm(j) == "," and any(s.lemma(n) == "который" for n in (j + 1, j + 2)):
            return j  # «Площадь, на которой выявлено растение, составила 97 га»: a relative clause
        if s.norm(j) in CLAUSE_STOPS or s.norm(j) == ",":
            return k
        if (
            j > k - 9
            and s.norm(j) == "по"
            and any(s.lemma(n) in _ASIDE_NOUNS for n in range(j + 1, j + 4))
        ):
            return j
    return k


# words that may stand between an amount verb and its amount: «составил уже 500 кг»
_PARTICLES = frozenset({"уже", "лишь", "только", "всего", "ещё", "еще"})


def subject_before_verb(s: Sentence, first: int, mass: bool = False) -> str | None:
    """The nominative noun before a verb that states an amount: "Ущерб государству составил
    2,3 млн рублей" (but not "курьер получил $950 тыс": the courier is not what is measured)."""
    k = first - 1
    while s.norm(k) in _PARTICLES:
        k -= 1  # «из которых героин составил уже 500 кг»
    if s.norm(k) in ("в", "во"):
        k -= 1  # "оцениваются в 25 млн рублей"
    if not s.lemmas(k) & AMOUNT_VERBS:
        k = _before_market_phrase(s, k)
        if k is None or not s.lemmas(k) & AMOUNT_VERBS:
            return None
    k = before_aside(s, k)
    if s.norm(k - 1) == ",":  # "Ущерб, причиненный бюджету, превысил": past the phrase
        # («площади, отведенные под посевы наркокультур в Афганистане, составляли»)
        opening = next((j for j in range(k - 2, max(-1, k - 12), -1) if s.norm(j) == ","), None)
        if opening is not None and s.pos(opening + 1) == "PRTF":
            k = opening
        elif s.norm(k) == "по":
            k -= 1  # «Ущерб, по данным следствия, составил»: past the aside's own comma
    j, lowest = k - 1, max(-1, k - 4)
    while j > lowest:
        nominative = [r for r in s.readings(j) if r.pos == "NOUN" and "nomn" in r.grammemes]
        if nominative and _genitive_first(s, j) and s.is_noun(j - 1):
            nominative = []  # "партия наркотика оценивается": a genitive, not «наркотика»
        if nominative and s.is_noun(j):
            lemma = nominative[0].lemma
            if lemma in PROCESS_NOUNS and s.is_noun(j - 1):
                j -= 1
                continue  # "Объем изъятия составил": the measure noun before it is the subject
            if s.pos(j - 1) == "PREP" and lemma not in TIME_NOUNS:
                j -= 2  # "Доход от продажи составил", "Ущерб по НДС": past the phrase
                lowest = max(-1, lowest - 2)
                continue
            if (
                "Fixd" in nominative[0].grammemes  # indeclinable: any case, no evidence
                or lemma in TIME_NOUNS  # "на 1 января 2022 года равнялись"
                or lemma == "раз"  # «сократился в десять раз и теперь составляет»: no subject
            ):
                return None
            if lemma in AMOUNT_NOUNS or lemma in MEASURE_NOUNS:
                noun, _ = governed_noun(s, j + 1)  # "стоимость партии составила": партия
                if noun is not None and s.lemma(noun) in PROCESS_NOUNS:
                    noun, _ = governed_noun(s, noun + 1)  # "объем изъятия героина": героин
                if noun is not None and unit_at(s, noun) is not None:
                    return None  # "стоимость одного грамма": a unit
                if noun is None:
                    # "Площадь, отведенная под посевы, составила 177 тысяч гектаров": the area
                    # itself, and «сумма изъятого достигла 14,7 млрд тенге» the sum, as «на
                    # сумму» is; a weight of nothing named counts nothing
                    return lemma if lemma == "площадь" or (lemma == "сумма" and not mass) else None
                if mass:
                    noun = contents_of(s, noun)  # "масса партии героина составила": героин
                return noun_lemma(s.readings(noun), s.tokens[noun])
            return lemma
        if s.tokens[j].kind != "word":
            break
        j -= 1
    return None


def _before_market_phrase(s: Sentence, k: int) -> int | None:
    """The word before a place phrase that stands between a price verb and its sum: «оценивается
    на черном рынке в 600 млн», «стоит на нелегальном рынке около 3 млн» (one noun, adjectives
    and a preposition)."""
    if not (s.is_noun(k) and ends_prepositional_phrase(s, k)):
        return None
    while k >= 0 and s.pos(k) != "PREP":
        k -= 1
    return k - 1


def _genitive_first(s: Sentence, k: int) -> bool:
    """Whether a word reads best as a genitive, and not also as a nominative."""
    readings = s.readings(k)
    return (
        bool(readings) and "gent" in readings[0].grammemes and "nomn" not in readings[0].grammemes
    )


def measured_noun(
    s: Sentence, before: int, measures: frozenset[str] = MEASURE_NOUNS, mass: bool = False
) -> str | None:
    """The noun that the nearest measure noun before the number governs: "Количество
    наркопреступлений ... 387", or a substantivised adjective: "Число погибших ... с 42 до
    31"."""
    if _contrast_names_its_own(s, before):
        return None  # "поставки опиума составили 1941 кг, а героина — 14213 кг"
    for k in range(before - 1, -1, -1):
        if s.norm(k) in ("числе", "числа") and s.norm(k - 1) in ("том", "из"):
            continue  # "в том числе героина – 3 кг", "из числа задержанных": no measure
        if s.tokens[k].kind == "word" and s.lemmas(k) & measures and s.is_noun(k):
            noun, adjectives = governed_noun(s, k + 1)
            if noun is not None and noun >= before:
                return None  # "на сумму порядка $62 млн": the qualifier, nothing named
            if noun is not None and unit_at(s, noun) is not None:
                return None  # "стоимость одного грамма": a unit, not what is measured
            if noun is not None and s.lemma(noun) in TIME_NOUNS:
                return None  # "превышает показатель предыдущего года на 190 кг": a period
            if noun is not None and s.tokens[noun].text.isupper():
                return None  # "Из этого количества АКН было изъято": who seized, not what
            if (
                noun is not None
                and s.lemma(noun + 1) in TIME_NOUNS
                and any(r.pos == "ADJF" for r in s.readings(noun))
            ):
                return None  # "показателем прошлого года": a year, not what is counted
            if noun is not None and s.lemma(noun) in PROCESS_NOUNS:
                # "объем производства опия": the substance; "объем изъятия": none named
                noun, adjectives = governed_noun(s, noun + 1)
                if noun is None:
                    return None
            if noun is not None and s.lemma(noun) in KIND_NOUNS:
                # "в общем числе этого вида преступлений": преступление
                kind, _ = noun_after(s, noun + 1)
                noun = kind if kind is not None and kind < before else noun
            if noun is not None:
                noun = contents_of(s, noun) if mass else noun  # "вес партии гашиша": гашиш
                return noun_lemma(s.readings(noun), s.tokens[noun])
            if adjectives and substantive(s, adjectives[-1]):
                return adjective_as_noun(s.tokens[adjectives[-1]])
    return None


def _contrast_names_its_own(s: Sentence, before: int) -> bool:
    """An elliptic clause after «а», «и», «но» names its own noun before a dash: "…, а
    героина — 14213 кг" measures героин, not the noun the first clause's measure governs."""
    k = before - 1
    if s.norm(k) not in DASHES:
        return False
    k -= 1
    if not (s.is_noun(k) and any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")):
        return False
    k -= 1
    while k >= 0 and s.is_adjective(k):
        k -= 1
    return s.norm(k) in ("а", "и", "но") and s.norm(k - 1) == ","


def topic_before_verb(s: Sentence, first: int) -> str | None:
    """A plural genitive noun, then a verb, then the number: "Наркопреступлений выявлено 387"."""
    k = first - 1
    verbs = 0
    while k >= 0 and s.pos(k) in ("VERB", "PRTS", "INFN") and verbs < 2:
        k, verbs = k - 1, verbs + 1
    if verbs and s.norm(k) == ",":
        k = _before_participle_phrase(s, k)
    if verbs:
        k = _before_time_phrase(s, k)
        k = _before_place_phrase(s, k)
    if verbs and counted_plural(s, k):
        return noun_lemma(s.readings(k), s.tokens[k])
    if verbs and _counted_substantive(s, k):
        return adjective_as_noun(s.tokens[k])  # "Наркозависимых насчитывалось более 12 тысяч"
    return None


_PLACE_PREPOSITIONS = frozenset({"в", "во", "на"})


def _before_place_phrase(s: Sentence, k: int) -> int:
    """The token before a place phrase ending at k: "Наркопреступлений в Алтайском крае выявлено
    387" (k itself when there is none): a locative noun with its adjectives after «в», «на»."""
    if not s.is_noun(k) or not any(
        "loct" in r.grammemes or "loc2" in r.grammemes for r in s.readings(k) if r.pos == "NOUN"
    ):
        return k
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    return j - 1 if s.norm(j) in _PLACE_PREPOSITIONS and j > 0 else k


def _counted_substantive(s: Sentence, k: int) -> bool:
    """An adjective used as a noun, in the plural genitive, opening its sentence: what the bare
    number after its verb counts ("Наркозависимых насчитывалось более 12 тысяч")."""
    return (
        k >= 0
        # its clause's first word, after a time at most: «По итогам 2009 года наркозависимых …»
        and (k == 0 or s.norm(k - 1) in (",", "—", "-") or s.lemma(k - 1) in TIME_NOUNS)
        and substantive(s, k)
        and any({"gent", "plur"} <= r.grammemes for r in s.readings(k))
    )


_TIME_PREPOSITIONS = frozenset({"в", "во", "за"})


def _before_time_phrase(s: Sentence, k: int) -> int:
    """The token before a time phrase ending at k: "Таких преступлений в 2023 году было 15",
    "… за 9 месяцев 2023 года выявлено 15" (k itself when there is none)."""
    if s.lemma(k) not in TIME_NOUNS:
        return k
    for j in range(k - 1, max(-1, k - 6), -1):
        if s.norm(j) in _TIME_PREPOSITIONS:
            return j - 1
        if not (s.tokens[j].kind in ("num", "digits") or s.is_adjective(j)
                or s.lemma(j) in TIME_NOUNS):  # fmt: skip
            return k
    return k


def _before_participle_phrase(s: Sentence, comma: int) -> int:
    """The token before a participle phrase in commas that ends at comma: "Наркопреступлений,
    совершенных в составе групп, выявлено 45" (-1 if there is none)."""
    for j in range(comma - 1, max(-1, comma - 12), -1):
        if s.norm(j) == ",":
            return j - 1 if s.is_adjective(j + 1) else -1
    return -1


def _counted_before_colon(s: Sentence, colon: int) -> str | None:
    """«перекрыто семь межрегиональных каналов поставки наркотиков: шесть – …, один – …»: the
    numbers after a colon break down the count before it, and count its noun."""
    for k in range(colon - 1, max(-1, colon - 12), -1):
        if s.norm(k) in CLAUSE_STOPS or s.norm(k) in DASHES or s.norm(k) == ",":
            return None
        if s.tokens[k].kind not in ("num", "digits") and s.norm(k) not in number_forms():
            continue
        j = k + 1
        while j < colon and s.is_adjective(j):
            j += 1
        if j < colon and counted_plural(s, j) and unit_at(s, j) is None:
            return noun_lemma(s.readings(j), s.tokens[j])
        return None
    return None


def _likely_nouns(readings: tuple[Reading, ...]) -> list[Reading]:
    """The noun readings not far less likely than the best: a guess's rare nominative
    («опия-сырца» as a feminine «опия-сырца») is no evidence of a nominative topic."""
    nouns = [r for r in readings if r.pos == "NOUN"]
    return [r for r in nouns if r.score >= nouns[0].score / 2] if nouns else []


def topic_before_dash(s: Sentence, first: int, measured: bool = False) -> str | None:
    """After a dash, a bare number counts the plural genitive noun its clause is about: "Больше
    всего наркопреступлений выявлено в Алматы – 1 204". An amount in a unit (measured) also
    measures a genitive noun just before the dash: "героина – 120 кг, гашиша – 300 кг" (but
    not "в Алматинской области – 5 кг"). Units are no topics ("5 кг, гашиша – 3 кг"). A colon
    after a verb's topic works as the dash: "Заблокировано ресурсов: 3 100"."""
    if s.norm(first - 1) == ":":  # "Заблокировано ресурсов: 3 100" (not "Просмотров: 173")
        verbal = ("VERB", "PRTS", "INFN")
        if not any(r.pos in verbal for k in range(first - 1) for r in s.readings(k)):
            return None
        if measured and _substance_before_colon(s, first - 2):
            return s.lemma(first - 2)  # "При нем был героин: 15 граммов"
        counted = None if measured else _counted_before_colon(s, first - 1)
        if counted is not None:
            return counted
    elif s.norm(first - 1) in ("с", "со", "от") and s.norm(first - 2) in DASHES:
        first -= 1  # a range after the dash: "преступных группировок – с 5 до 21"
    elif s.norm(first - 1) not in DASHES:
        return None
    k = first - 2
    opens = opens_clause(s, k) or _after_subset_words(s, k) or _after_share_verb(s, k)
    item = not opens and _opens_list_item(s, k)
    if (
        measured
        and (opens or item)
        and s.is_noun(k)
        and unit_at(s, k) is None
        and not s.tokens[k].text.isupper()
        and not (k > 0 and s.tokens[k].text[:1].isupper())  # a name within the sentence
        and any(
            "nomn" in r.grammemes or ("accs" in r.grammemes and s.norm(k - 1) == "на")
            for r in _likely_nouns(s.readings(k))
        )
        and not {"Name", "Surn", "Geox"} & s.readings(k)[0].grammemes
        and s.lemma(k) not in AMOUNT_NOUNS | MEASURE_NOUNS  # "объем – 2 л": of what?
    ):
        # "Ущерб – около 5 млрд тенге", "Героин – 3 кг"; an amount is of a thing ("синтетики –
        # 10 кг" is синтетика, not the plural of синтетик, a man)
        case = "accs" if s.norm(k - 1) == "на" else "nomn"
        nominative = [r for r in s.readings(k) if r.pos == "NOUN" and case in r.grammemes]
        things = [r for r in nominative if "inan" in r.grammemes]
        if things or not item:  # an item of a list of finds is a thing, not who had it
            return (things or nominative)[0].lemma
    # "в Жамбылской области - 4 кг": a capitalised adjective makes the noun a place's name
    named_place = k > 0 and s.is_adjective(k - 1) and s.tokens[k - 1].text[:1].isupper()
    if (
        measured
        and not named_place
        and s.is_noun(k)
        and (not s.tokens[k].text[:1].isupper() or (k == 0 and known_common(s, k)))
        and not s.tokens[k].text.isupper()
        and unit_at(s, k) is None
        and any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
        and not ends_prepositional_phrase(s, k)
        and s.lemma(k) not in TIME_NOUNS  # "(за 9 месяцев 2008 года – 1,8 тонны)": a period
        and not animate(s.lemma(k))  # «удивили самих оперативников: 22 кг»: no one is weighed
    ):
        k = first_conjunct(s, described_noun(s, k))  # "партии наркотиков и психотропов – 1,3 т"
        return noun_lemma(s.readings(k), s.tokens[k])
    # the tokens looked back at past the one before the dash; a deed's words lengthen the reach
    # («пациентов с первичным диагнозом "пагубное употребление наркотиков" - 9 114»)
    reach = 7
    k = first - 1
    while k > 0 and first - 2 - k < reach:
        k -= 1
        if s.norm(k) in CLAUSE_STOPS or s.norm(k) in DASHES:
            return None
        if s.norm(k) == "," and _contrasted_period(s, k + 1, first - 1):
            return None  # «21 000 преступлений …, а в прошлом году – 19 707»: no topic of its own
        if s.norm(k) == ":" and measured:
            # «Изъято героина: 2019 год – 5 кг, 2020 – 6 кг»: the heading's genitive noun
            return _measured_heading(s, k)
        if s.norm(k) in LAW_ABBREVIATIONS:
            # «по ст. 228 – 15»: the article a count is of, no noun it counts; past it, the noun
            # («правонарушений по ст. 6.8, 6.9 КоАП РФ – 37»)
            reach += 4
            continue
        described = (
            before_participial_phrase(s, k - 1) if s.norm(k) == "," and not measured else None
        )
        if (
            described is not None
            and counted_plural(s, described)
            and unit_at(s, described) is None
            and s.lemma(described) not in TIME_NOUNS
        ):
            # «Количество преступлений, связанных с незаконным оборотом наркотиков, уменьшилось
            # – с 294 до 240»: the noun the phrase describes, not the phrase's own last noun
            return noun_lemma(s.readings(described), s.tokens[described])
        if measured and s.lemma(k) in CONTAINER_NOUNS and s.is_noun(k):
            # "изъяты партии героина в Астане - 8,8 кг": what the lots hold
            held = contents_of(s, k)
            return noun_lemma(s.readings(held), s.tokens[held]) if held != k else None
        if measured and ends_prepositional_phrase(s, k):
            continue  # "В ходе оперативных разработок …": the circumstance, not what is weighed
        if k == first - 2 and not measured and _people_adjective(s, k):
            # «в том числе несовершеннолетних – с 7,9 до 5,1 тыс.»: the people it counts
            return adjective_as_noun(s.tokens[k])
        if _of_a_deed(s, k):
            reach += 4
            continue  # «из них за хранение наркотических средств – 50»: crimes of that kind
        if counted_plural(s, k) and unit_at(s, k) is None and s.lemma(k) not in TIME_NOUNS:
            if measured and animate(s.lemma(k)):
                return None  # «удивили самих оперативников: 22 килограмма»: no one is weighed
            k = _event_heading(s, k)
            if measured and s.lemma(k) in PROCESS_NOUNS:
                # «Прирост изъятий героина составил 12,5%: 45 кг»: what the seizures weighed
                held, _ = governed_noun(s, k + 1)
                k = held if held is not None else k
            return noun_lemma(s.readings(k), s.tokens[k])
    return None


def _of_a_deed(s: Sentence, k: int) -> bool:
    """Whether noun k is the genitive complement of a deed that a breakdown lists («хранения
    наркотических средств», «содержание притонов»)."""
    j = k - 1
    while j > 0 and s.is_adjective(j):
        j -= 1
    return s.is_noun(j) and s.lemma(j) in DEED_NOUNS and s.is_noun(k)


def _people_adjective(s: Sentence, k: int) -> bool:
    """A plural genitive adjective used as a noun of people, in lower case: «несовершеннолетних»,
    «осужденных» (not a place's «Алматинской»)."""
    return (
        s.is_adjective(k)
        and not s.tokens[k].text[:1].isupper()
        and substantive(s, k)
        and animate(adjective_as_noun(s.tokens[k]))
        and any({"gent", "plur"} <= r.grammemes for r in s.readings(k))
    )


def _contrasted_period(s: Sentence, start: int, stop: int) -> bool:
    """Whether tokens start..stop are «а»/«и» and a time phrase only («а в прошлом году», «и за
    аналогичный период 2022 года»): a number after it restates the figure before for another
    period."""
    if s.norm(start) not in ("а", "и") or not any(
        s.lemma(k) in TIME_NOUNS or s.norm(k) == "период" for k in range(start, stop)
    ):
        return False
    return all(
        s.tokens[k].kind == "num"
        or s.pos(k) in ("PREP", "CONJ", "ADJF")
        or s.lemma(k) in TIME_NOUNS
        or s.norm(k) in ("период", "г")
        for k in range(start + 1, stop)
    )


def _measured_heading(s: Sentence, colon: int) -> str | None:
    """The thing a heading before a colon weighs: «Изъято героина:», «Героина изъято:» (a
    genitive common noun of no person, unit or amount, beside the heading's verb)."""
    k = colon - 1
    verb = s.pos(k) in ("VERB", "PRTS")
    if verb:
        k -= 1
    elif s.pos(k - 1) not in ("VERB", "PRTS"):
        return None
    genitive = any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
    common = s.tokens[k].text.islower() or (k == 0 and known_common(s, k))
    if not (genitive and common and s.is_noun(k)) or unit_at(s, k) is not None:
        return None
    if s.lemma(k) in AMOUNT_NOUNS | MEASURE_NOUNS | TIME_NOUNS or animate(s.lemma(k)):
        return None
    return noun_lemma(s.readings(k), s.tokens[k])


def _opens_list_item(s: Sentence, k: int) -> bool:
    """«Изъяты героин – 11,7 кг и метадон – 14 граммов», «соль – 53 грамма, маковая солома –
    1 кг»: the noun k (its adjectives before it) follows the verb of the finds, «и» or a comma
    of a list. (Not at a line's start: «Таможенная служба – 1 кг» lists who seized it.)"""
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        if s.tokens[j].text[:1].isupper():
            return False  # «и Жамбылской области – 4 кг»: a place's name
        j -= 1
    return s.norm(j) in (",", ";", "и") or s.pos(j) in ("VERB", "PRTS")


def _event_heading(s: Sentence, k: int) -> int:
    """«случаев незаконного оборота наркотиков – более 220»: the cases a genitive chain ending
    at k opens with are what is counted, not the drugs it ends with."""
    j = k - 1
    while j >= 0 and k - j <= 5 and (s.is_adjective(j) or _genitive_noun(s, j)):
        if s.lemma(j) in EVENT_NOUNS and counted_plural(s, j):
            return j
        j -= 1
    return k


def _genitive_noun(s: Sentence, k: int) -> bool:
    return s.is_noun(k) and any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")


# «наибольшую долю составляет марихуана - 488 кг», «больше всего приходится на гашиш – 120 кг»
_SHARE_VERBS = frozenset({"составлять", "составить", "приходиться", "прийтись", "являться"})


def _after_share_verb(s: Sentence, k: int) -> bool:
    """Whether token k follows a verb that names a share's kind, or its «на»."""
    verb = k - 2 if s.norm(k - 1) == "на" else k - 1
    return bool(s.lemmas(verb) & _SHARE_VERBS)


def _substance_before_colon(s: Sentence, k: int) -> bool:
    """A lower-case nominative common noun, no unit nor amount noun, right before a colon."""
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    return (
        bool(nominative)
        and s.is_noun(k)
        and s.tokens[k].text.islower()
        and unit_at(s, k) is None
        and s.lemma(k) not in AMOUNT_NOUNS | MEASURE_NOUNS
        and not animate(s.lemma(k))
    )


def known_common(s: Sentence, k: int) -> bool:
    """A capitalised word that is a common noun the dictionary knows (not "Астана"): "Героина –
    11,7 кг" at the start of a sentence."""
    return not unknown_word(s.tokens[k].norm) and not any(
        {"Name", "Surn", "Geox", "Orgn"} & r.grammemes for r in s.readings(k)
    )


def _after_subset_words(s: Sentence, k: int) -> bool:
    """Whether token k follows "из них", "из которых", "в том числе": "из них героин – 30 кг"."""
    return (s.norm(k - 2) == "из" and s.norm(k - 1) in ("них", "которых")) or (
        s.norm(k - 3) == "в" and s.norm(k - 2) == "том" and s.norm(k - 1) == "числе"
    )


# --- the finders, in the order they are tried ------------------------------------------------

ObjectFinder = Callable[[Sentence, Figure], str | None]


def noun_of_unit_adjective(s: Sentence, figure: Figure) -> str | None:
    """The noun a unit adjective describes, or a lot's contents: "5-тонной партии гашиша"."""
    if unit_adjective(figure.span.suffix) is None:
        return None
    noun, _ = noun_after(s, figure.last)
    if noun is None:
        return None
    noun = contents_of(s, noun)
    return noun_lemma(s.readings(noun), s.tokens[noun])


def genitive_after_unit(s: Sentence, figure: Figure) -> str | None:
    """The genitive noun the unit governs: "5 кг героина" (not "5 кг наличными")."""
    noun, _ = noun_after(s, _past_restriction(s, figure.last), complements=True)
    if noun is None:
        return None
    genitive = any("gent" in r.grammemes for r in s.readings(noun) if r.pos == "NOUN")
    if not genitive and not unknown_genitive_noun(s, noun):  # "5 кг насвая": guessed cases
        return None
    if s.lemma(noun) in KIND_NOUNS | PROCESS_NOUNS:
        # "4 тонны всех видов наркотиков": наркотик; "67 гектаров произрастания конопли": конопля
        kind, _ = noun_after(s, noun + 1)
        if kind is not None and unit_at(s, kind) is None:
            noun = kind
    return noun_lemma(s.readings(noun), s.tokens[noun])


_RESTRICTIONS = ("только", "лишь")


def genitive_after_comparative(s: Sentence, figure: Figure) -> str | None:
    """The genitive after a comparative: "стало на 74 кг меньше запрещенных веществ"."""
    # the comparative may close the figure's own span («74 килограмма меньше»)
    k = figure.last if s.norm(figure.last) in _COMPARED_BY else figure.last + 1
    if s.norm(k) not in _COMPARED_BY:
        return None
    noun, _ = noun_after(s, k + 1)
    if noun is None or not any("gent" in r.grammemes for r in s.readings(noun) if r.pos == "NOUN"):
        return None
    if s.lemma(noun) in MEASURE_NOUNS | AMOUNT_NOUNS | _STANDARDS:
        return None  # «на 81,5 кг больше показателей 2012 года»: more than the year's figure
    return noun_lemma(s.readings(noun), s.tokens[noun])


# what a difference is measured against, in the genitive after the comparative
_STANDARDS = frozenset({"цифра", "значение", "год", "период"})


def _past_restriction(s: Sentence, k: int) -> int:
    """Past «только», «лишь» or «одного только» after a unit: «3,6 тонн одного только
    каннабиса» weighs cannabis."""
    if s.norm(k) in ("одного", "одной", "одних") and s.norm(k + 1) in _RESTRICTIONS:
        return k + 2
    return k + 1 if s.norm(k) in _RESTRICTIONS else k


def area_with_growth(s: Sentence, figure: Figure) -> str | None:
    """What grows on an area, after «с»: "103 га с дикорастущей коноплей"."""
    if figure.unit not in ("ha", "m2") or s.norm(figure.last) not in ("с", "со"):
        return None
    k = figure.last + 1
    while s.is_adjective(k):
        k += 1
    instrumental = any("ablt" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
    if not (s.is_noun(k) and instrumental) or s.tokens[k].text[:1].isupper():
        return None
    lemma = noun_lemma(s.readings(k), s.tokens[k])
    return None if lemma in _WITH_PHRASES else lemma


# Land an area is the size of: «на территории более 2 га», «на участке местности в 300
# квадратных метров», «земельный участок 4 сотки»
_LAND_NOUNS = frozenset({"территория", "участок", "поле", "плантация", "огород", "земля"})


def land_before_area(s: Sentence, figure: Figure) -> str | None:
    """The land noun right before an area: "на территории более 2 га", "на участке в 300 м2"."""
    if figure.unit not in ("ha", "m2"):
        return None
    k = figure.first - 1
    if s.norm(k) in ("в", "во"):
        k -= 1
    # past «в», and a genitive that describes the land («на участке местности в 300 кв. м»)
    if (
        s.is_noun(k)
        and s.lemma(k) not in _LAND_NOUNS
        and s.lemma(k - 1) in _LAND_NOUNS
        and any("gent" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
    ):
        k -= 1  # «участке местности»: the genitive describes the land
    if s.is_noun(k) and s.lemma(k) in _LAND_NOUNS:
        return s.lemma(k)
    return None


# «с помощью», «с целью», «с участием», «с применением»: how, not what grows
_WITH_PHRASES = frozenset({"помощь", "цель", "участие", "применение", "использование", "учёт",
                           "учет"})  # fmt: skip


_COPULAS = frozenset({"составлять", "являться"})


def named_by_copula_after(s: Sentence, figure: Figure) -> str | None:
    """What a copula after the amount names: "322,1 кг из изъятых … составляет героин"."""
    k = figure.last
    stop = min(len(s.tokens), k + 9)
    while k < stop and s.lemma(k) not in _COPULAS:
        if s.norm(k) in CLAUSE_STOPS or s.norm(k) in (",", ":") or s.norm(k) in DASHES:
            return None
        k += 1
    if k == stop or (k > figure.last and s.norm(figure.last) not in ("из", "среди")):
        return None  # only right after the amount, or past its «из …» phrase
    k += 1
    while k < len(s.tokens) and s.is_adjective(k):
        k += 1
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    if not nominative or not s.is_noun(k) or s.lemma(k) in AMOUNT_NOUNS | MEASURE_NOUNS:
        return None
    if s.tokens[k].text[:1].isupper() and not s.tokens[k].text.isupper():
        return None  # a place or a name
    return nominative[0].lemma


def _of_a_whole_before_dash(s: Sentence, k: int) -> int | None:
    """The dash after «из» and the whole it names («из партии», «из изъятого», «из общего
    объёма»), when one follows the amount at k: its index, else None."""
    if s.norm(k) != "из":
        return None
    j = k + 1
    while j < len(s.tokens) and j <= k + 3 and (s.is_adjective(j) or s.is_noun(j)):
        j += 1
    return j if j > k + 1 and j < len(s.tokens) and s.norm(j) in DASHES else None


def named_after_dash(s: Sentence, figure: Figure) -> str | None:
    """A listed amount, a dash, what it is: "24 кг составляет героин, 9 кг – опий-сырец"."""
    k = figure.last
    if s.norm(k) == "." and s.norm(k + 1) in DASHES:
        k += 1  # the dot of an abbreviated unit: "1 кг 400 гр. - героин"
    # "96 кг из партии – гашиш": a part of the whole named after «из»
    of_whole = _of_a_whole_before_dash(s, k)
    if of_whole is not None:
        k = of_whole
    if k >= len(s.tokens) or s.norm(k) not in DASHES:
        return None
    # an item of a list, or a part after «из которых»: "около 9 кило …, из которых - 1 кг"
    before = figure.first - (2 if s.norm(figure.first - 1) in DASHES else 1)
    of_them = s.norm(before - 1) == "из" and s.norm(before) in ("них", "которых")
    listed = s.norm(figure.first - 1) in (",", "и", ";") or of_them or of_whole is not None
    k += 1
    while k < len(s.tokens) and s.is_adjective(k):
        k += 1
    if k >= len(s.tokens) or not _substance_before_colon(s, k) or s.lemma(k) in TIME_NOUNS:
        return None
    after = s.tokens[k + 1] if k + 1 < len(s.tokens) else None
    if after is not None and after.text not in (",", ".", ";", ")") and s.norm(k + 1) != "и":
        return None  # a clause goes on: not a name
    # in a list: an item before it, or another amount right after it
    if not listed and not (after and after.text == "," and k + 2 < len(s.tokens)
                           and s.tokens[k + 2].kind in ("num", "digits")):  # fmt: skip
        return None
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    return nominative[0].lemma


def owner_of_amount_word(s: Sentence, figure: Figure) -> str | None:
    """The noun before "сумма", "вес" and the like: "наркотики весом 5 кг", "активы на сумму"."""
    if _total_area_of_counted(s, figure.first - 1):
        return "площадь"
    noun = noun_before_amount(s, figure.first, mass=figure.unit in PHYSICAL_UNITS)
    if noun is None or s.lemma(noun) in TIME_NOUNS:
        return None  # «плана на 2023-2025 годы стоимостью 53,1 млрд тенге»: no years cost it
    if _worth_of_goods(s, figure, noun):
        return "сумма"
    if figure.unit in ("ha", "m2") and described_noun(s, noun) != noun:
        # «поле дикорастущих растений каннабисной группы общей площадью 70 кв. м»: the area
        # is the field's, the head of what the class describes
        noun = head_of_genitive_chain(s, described_noun(s, noun))
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"]
    written = s.tokens[noun].norm
    count = _count_before(s, noun)
    if count is not None:
        # «три полимерных свертка общим весом 500 граммов»: a number governs it, so its form
        # is the number's case (сверток), not a nominative that reads alike (свёртка)
        paucal, singular = takes_paucal(count), takes_singular(count)
        return noun_lemma(s.readings(noun), s.tokens[noun], paucal=paucal, singular=singular)
    if any(
        r.lemma == written and "nomn" in r.grammemes and r.score * 2 >= nouns[0].score
        for r in nouns
    ):
        # no number governs it: a word in its dictionary form is that word ("изъят наркотик
        # общей массой 2,5 кг", not the genitive plural of a rare "наркотика"; "изъята
        # синтетика весом 100 г", not the genitive of "синтетик")
        return written
    return noun_lemma(s.readings(noun), s.tokens[noun])


# What a sum of money is on its own: assets and property are that money («активы на сумму 18
# млн долларов»); goods, drugs and deals only cost it («наркотики на сумму 3,5 млрд тенге»).
_MONEY_LIKE = frozenset(
    {"актив", "имущество", "средство", "деньги", "деньга", "штраф", "доход", "наркодоход", "счет",
     "выручка", "прибыль", "ущерб", "взятка"}
)  # fmt: skip


def _worth_of_goods(s: Sentence, figure: Figure, noun: int) -> bool:
    """«изъято наркотиков на сумму 45 млн»: the sum, not the drugs, is what the money measures."""
    k = figure.first - 1  # the amount finders meet masses, areas and money only
    if figure.unit in PHYSICAL_UNITS or s.lemma(k) != "сумма":
        return False
    if not any("accs" in r.grammemes for r in s.readings(k)):
        return False  # «на сумму», not «сумма изъятого составила»
    j = noun - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if unit_at(s, j) is not None:
        return False  # «2,4 тонны кокаина на сумму $90 млн»: the price of a mass of cocaine
    return s.lemma(noun) not in _MONEY_LIKE


def what_each_holds(s: Sentence, figure: Figure) -> str | None:
    """What each of the things a number counted holds: "пять бутылок по 1,5 литра"."""
    k = figure.first - 1
    if s.norm(k) != "по" or not s.is_noun(k - 1) or unit_at(s, k - 1) is not None:
        return None
    if _count_before(s, k - 1) is None:
        return None  # «раздали детям по 2 грамма»: no count names the things
    return noun_lemma(s.readings(k - 1), s.tokens[k - 1])


def _count_before(s: Sentence, k: int) -> float | None:
    """The value of a number right before the noun at k, past its adjectives ("три полимерных")."""
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if j < 0 or s.tokens[j].kind not in ("num", "word"):
        return None
    span = parse_number(s.tokens[j].text)  # digits or a numeral word («три»)
    return span.value if span is not None else None


def _total_area_of_counted(s: Sentence, k: int) -> bool:
    """«47 очагов дикорастущей конопли общей площадью 12 га»: the total area of things counted
    just before is an area, not one of them (but «поле площадью 2 га» is the field's)."""
    if s.lemma(k) != "площадь" or s.lemma(k - 1) != "общий":
        return False
    for j in range(k - 2, max(-1, k - 10), -1):
        if s.tokens[j].kind == "num":
            return unit_at(s, j + 1) is None  # «8 тонн конопли общей площадью»: the hemp's
        if not (s.is_noun(j) or s.is_adjective(j)):
            return False
    return False


def goods_priced(s: Sentence, figure: Figure) -> str | None:
    """What money "на" or "в" is worth, for money only: "продал героин на 450 тыс. тенге"."""
    return None if figure.unit in PHYSICAL_UNITS else noun_before_price(s, figure)


def money_named_before(s: Sentence, figure: Figure) -> str | None:
    """A sum of money after the noun naming it: "со штрафом 600 тыс.", "штрафами от 100 тысяч"."""
    if figure.unit in PHYSICAL_UNITS or figure.unit == "count":
        return None
    k = figure.first - 1
    # «штраф — 500 тыс.», «штрафом в размере до 1 млн», «штрафами в 30 тыс. и 10 тыс. руб.»:
    # prepositions, «в размере» and the sums of a range or list before it
    for _ in range(12):
        if k < 0 or not (
            s.norm(k) in _BEFORE_A_SUM
            or s.norm(k) in DASHES
            or s.lemma(k) in _SUM_WORDS
            or s.tokens[k].kind == "num"
            or s.pos(k) == "NUMR"  # «штраф от полутора до двух тысяч рублей»: a range in words
            or unit_at(s, k) is not None
        ):
            break
        k -= 1
    if k >= 0 and s.is_noun(k) and s.lemma(k) in MONEY_NOUNS and not _source_of(s, k):
        return s.lemma(k)
    return None


def _source_of(s: Sentence, k: int) -> bool:
    """Whether the noun at k says where from: «Из незаконного оборота 10 млн рублей изъято»."""
    j = k - 1
    while j >= 0 and any(r.pos == "ADJF" for r in s.readings(j)):
        j -= 1
    return s.norm(j) == "из"


_BEFORE_A_SUM = frozenset({"в", "во", "от", "до", "и", ":", ".", ","})
_SUM_WORDS = frozenset({"размер", "тыс", "тысяча", "млн", "миллион", "млрд", "миллиард"})


def value_noun_as_subject(s: Sentence, figure: Figure) -> str | None:
    """Money or an area that "стоимость" or "площадь", an amount verb's subject, states."""
    # "Общая стоимость лекарств составляет 412 млн", "стоимость которого оценивается в 600 млн"
    # and "Стоимость партии оценивается в 18 млн" (the head noun, not the lot; not "героин
    # стоимостью": the heroin has the value)
    if figure.unit in ("kg", "l"):
        return None
    k = figure.first - 1
    if s.norm(k) in ("в", "во"):
        k -= 1  # "оценивается в 600 млн"
    if not (s.lemmas(k) & AMOUNT_VERBS or s.norm(k) in DASHES):  # "Стоимость изъятого – 5 млн"
        return None
    k = before_aside(s, k)
    if s.norm(k) == "по" and s.norm(k - 1) == ",":
        k -= 1  # «Его стоимость, по расчётам полицейских, составляет»: the aside's comma
    # quotes do not count: "Стоимость изъятых наркотиков на «черном рынке» оценивается"
    for j in range(k - 1, max(-1, k - 11), -1):
        if s.norm(j) in CLAUSE_STOPS or s.norm(j) in (",", ":") or s.norm(j) in DASHES:
            return None
        nominative = [r for r in s.readings(j) if r.pos == "NOUN" and "nomn" in r.grammemes]
        if nominative and nominative[0].lemma in VALUE_NOUNS:
            noun, _ = governed_noun(s, j + 1)
            if noun is not None and unit_at(s, noun) is not None:
                return None  # "стоимость одного грамма": a price per unit
            return nominative[0].lemma
    return None


def governed_by_amount_word(s: Sentence, figure: Figure) -> str | None:
    """The noun a measure or amount noun before governs: "сумма инвестиций составит 2,5 млрд"."""
    mass = figure.unit in PHYSICAL_UNITS
    # a mass may also be of what a process noun governs: "Изъятие героина выросло до 30 кг"
    measures = MEASURE_NOUNS | AMOUNT_NOUNS | (PROCESS_NOUNS if mass else frozenset())
    return measured_noun(s, figure.first, measures, mass)


def subject_of_amount_verb(s: Sentence, figure: Figure) -> str | None:
    """The subject of "составил", "превысил" and the like: "Ущерб составил 2 млн рублей"."""
    return subject_before_verb(s, figure.first, mass=figure.unit in PHYSICAL_UNITS)


def measured_topic_before_verb(s: Sentence, figure: Figure) -> str | None:
    """A genitive noun, a verb, the amount: "Героина изъято 11,7 кг" (not "Алматы изъято")."""
    if figure.unit not in PHYSICAL_UNITS and figure.unit not in ("count", "times", None):
        # a sum of money is not what a genitive before its verb measures ("наркотика на
        # черном рынке стоит около 15 млн тенге", "через платежные системы перечислено 22 млрд")
        return None
    k = figure.first - 1
    verbs = 0
    for _ in range(6):
        if s.pos(k) in ("VERB", "PRTS", "INFN"):
            verbs += 1
        elif s.pos(k) in ("ADVB", "COMP") or (s.norm(k) == "на" and s.pos(k - 1) == "COMP"):
            pass  # "изъято больше на 2 тонны", "было изъято"
        elif s.is_noun(k) and verbs and ends_prepositional_phrase(s, k):
            k -= 1  # "Марихуаны за год изъято": past the phrase
            while k >= 0 and s.pos(k) != "PREP":
                k -= 1
        else:
            break
        k -= 1
    if not verbs or not s.is_noun(k) or s.tokens[k].text.isupper() or unit_at(s, k) is not None:
        return None
    if k > 0 and s.tokens[k].text[:1].isupper():
        return None  # a name inside the sentence
    # "За 1 грамм героина платили 9 тыс.": the genitive of another noun (but "по сравнению с
    # периодом прошлого года гашиша изъято больше на 100 кг": no noun is a year's)
    of_noun = s.is_noun(k - 1) and s.lemma(k - 1) not in TIME_NOUNS
    if of_noun or (s.tokens[k - 1 : k] and s.tokens[k - 1].kind == "num"):
        return None
    if ends_prepositional_phrase(s, k) or s.lemma(k) in AMOUNT_NOUNS | MEASURE_NOUNS | TIME_NOUNS:
        return None  # "в области изъято 5 кг", "за год изъято"
    readings = [r for r in s.readings(k) if r.pos == "NOUN"]
    if not any("gent" in r.grammemes for r in readings) or "nomn" in readings[0].grammemes:
        return None
    if {"Name", "Surn", "Geox"} & readings[0].grammemes or animate(readings[0].lemma):
        return None
    return noun_lemma(s.readings(k), s.tokens[k])


def genitive_right_before(s: Sentence, figure: Figure) -> str | None:
    """A genitive noun opening a list item before the amount: "героина 3 кг", "- гашиш 32 кг"."""
    # the item opens after a comma, "и", a colon, "в том числе" or "из них"
    k = figure.first - 1
    if s.norm(k) == "на" and figure.unit not in (None, "count"):
        k -= 1
    if not s.is_noun(k) or s.tokens[k].text.isupper() or unit_at(s, k) is not None:
        return None
    # a bullet's capitalised noun may be who counts («• Полиция - 12 кг»): only k == 0 is read
    if s.tokens[k].text[:1].isupper() and not (k == 0 and known_common(s, k)):
        return None
    line = starts_the_line(s, k)
    opener = s.norm(k - 1) in (",", "и", ":", ";") or line or _after_subset_words(s, k)
    readings = [r for r in s.readings(k) if r.pos == "NOUN"]
    # a bulleted line names its substance in any case: "- гашиш 32 кг 210 гр;"
    cases = ("gent", "nomn") if line and k == 1 else ("gent",)
    if not opener or not readings or not any(c in r.grammemes for r in readings for c in cases):
        return None
    if {"Name", "Surn", "Geox"} & readings[0].grammemes or animate(readings[0].lemma):
        return None
    if s.lemma(k) in AMOUNT_NOUNS | MEASURE_NOUNS | TIME_NOUNS:
        return None
    return noun_lemma(s.readings(k), s.tokens[k])


def measured_topic_before_dash(s: Sentence, figure: Figure) -> str | None:
    """The noun before a dash that an amount measures: "героина – 120 кг", "Ущерб – 5 млрд"."""
    return topic_before_dash(s, figure.first, measured=True)


def governed_by_count_word(s: Sentence, figure: Figure) -> str | None:
    """The noun "количество", "число" before governs: "Число погибших ... с 42 до 31"."""
    return measured_noun(s, figure.first)


def topic_of_a_comparison(s: Sentence, figure: Figure) -> str | None:
    """What grew or fell by the number: "наркозависимых стало меньше на 5 тысяч"."""
    k = figure.first - 1
    if s.norm(k) != "на":
        return None
    k -= 1
    if s.norm(k) not in _COMPARED_BY:
        return None
    k -= 1
    while k >= 0 and s.pos(k) == "ADVB":
        k -= 1  # "стало значительно меньше"
    if k < 0 or s.lemma(k) not in _BECOME:
        return None
    k -= 1
    if k >= 0 and counted_plural(s, k):
        return noun_lemma(s.readings(k), s.tokens[k])
    if k >= 0 and substantive(s, k):
        return adjective_as_noun(s.tokens[k])
    return None


# the comparatives and linking verbs of "X стало больше на N"
_COMPARED_BY = frozenset({"больше", "меньше"})
_BECOME = frozenset({"стать", "быть", "становиться"})


def topic_before_its_verb(s: Sentence, figure: Figure) -> str | None:
    """A plural genitive noun, a verb, the number: "Наркопреступлений выявлено 387"."""
    return topic_before_verb(s, figure.first)


def counted_topic_before_dash(s: Sentence, figure: Figure) -> str | None:
    """What the clause before a dash counts: "наркопреступлений выявлено в Алматы – 1 204"."""
    return topic_before_dash(s, figure.first)


def governed_by_count_word_after(s: Sentence, figure: Figure) -> str | None:
    """The noun "количество", "число" after the number governs: "с 72 до 96 количества краж"."""
    # past brackets too: "увеличение с 72 до 96 (+33,3%) количества наркопреступлений"
    k = figure.last
    if s.norm(k) in RANGE_WORDS and s.tokens[k + 1 : k + 2] and s.tokens[k + 1].kind == "num":
        k += 2  # the start of a range: "с 72 до 96 ... количества"
    if s.norm(k) == "(":
        k = next((j + 1 for j in range(k + 1, min(len(s.tokens), k + 12)) if s.norm(j) == ")"), k)
    elif s.norm(k) == ")":
        k += 1  # "На 88% (с 264 до 31) снизилось число наркозависимых": the range in brackets
    if s.pos(k) == "VERB" and s.lemmas(k) & (INCREASE | DECREASE):
        k += 1  # "с 4 до 4,3 тысячи возросло количество привлечённых лиц"
    if not (s.lemmas(k) & MEASURE_NOUNS and s.is_noun(k)):
        return None
    if substantive(s, k + 1) and not s.is_noun(k + 2) and not s.is_adjective(k + 2):
        return adjective_as_noun(s.tokens[k + 1])  # "число наркозависимых, снятых с учета"
    noun, _ = governed_noun(s, k + 1)
    if noun is None or unit_at(s, noun) is not None or s.lemma(noun) in TIME_NOUNS:
        return None
    return noun_lemma(s.readings(noun), s.tokens[noun])


def subject_of_them(s: Sentence, figure: Figure) -> str | None:
    """The plural subject «из них» points back to: "лаборатории работали на заказ, 12 из них …"."""
    k = figure.last
    if not (s.norm(k) == "из" and s.norm(k + 1) in ("них", "которых")):
        return None
    for j in range(figure.first - 1, -1, -1):
        if s.norm(j) in CLAUSE_STOPS:
            return None
        nouns = [r for r in s.readings(j) if r.pos == "NOUN"]
        if not (s.is_noun(j) and any({"nomn", "plur"} <= r.grammemes for r in nouns)):
            continue
        if unit_at(s, j) is not None or s.lemma(j) in TIME_NOUNS:
            return None
        return noun_lemma(s.readings(j), s.tokens[j])
    return None


def antecedent_of_relative_count(s: Sentence, figure: Figure) -> str | None:
    """The plural noun before the comma «N которых» points back to: «наркоманов, 50 которых»."""
    if s.lemma(figure.last) != "который" or s.norm(figure.first - 1) != ",":
        return None
    j = figure.first - 2
    if j < 0 or not s.is_noun(j) or unit_at(s, j) is not None:
        return None
    nouns = [r for r in s.readings(j) if r.pos == "NOUN" and "plur" in r.grammemes]
    return noun_lemma(nouns, s.tokens[j]) if nouns else None


def people_of_them(s: Sentence, figure: Figure) -> str | None:
    """The people a collective numeral of them counts: "жители села …, четверо из которых"."""
    # A collective numeral counts people: past any clause («в возрасте от 30 до 42 лет») the
    # nearest plural animate noun of its sentence, else the people the sentence before counted
    # («Задержаны пять жителей. Четверо из них …»).
    k = figure.last
    if figure.span.role != "collective":
        return None
    of_them = s.norm(k) == "из" and s.norm(k + 1) in ("них", "которых")
    if not of_them and s.norm(k) in DASHES:
        return None  # «а трое — курьерами»: the dash names them
    for j in range(figure.first - 1, -1, -1):
        plural = any("plur" in r.grammemes for r in s.readings(j) if r.pos == "NOUN")
        if j and s.tokens[j].text[:1].isupper():
            continue  # «В.Юркин, С.Кирилов и Н.Соцков (все трое …)»: names, no noun of people
        if plural and s.is_noun(j):
            lemma = noun_lemma(s.readings(j), s.tokens[j])
            if animate(lemma):
                return lemma
        elif (
            not of_them
            and substantive(s, j)
            and any("plur" in r.grammemes for r in s.readings(j) if r.pos in ("ADJF", "PRTF"))
        ):
            return adjective_as_noun(s.tokens[j])  # «у восьмерых доставленных …, еще у троих»
    people = [f for f in s.before if f.unit == "count" and not f.blocked and animate(f.object)]
    return people[-1].object if people else None


# «В общем числе этого вида преступлений 446 – тяжкие»: «в (общем) числе» opens a subset as
# «из» and «среди» do
_IN_THE_NUMBER = ("числе", "количестве", "структуре")


def _opens_a_subset(s: Sentence, k: int) -> bool:
    if k > 0:
        return False
    if s.norm(k) in ("среди", "из"):
        return True
    j = k + 1
    while s.is_adjective(j):
        j += 1
    return s.norm(k) in ("в", "во") and s.norm(j) in _IN_THE_NUMBER


def _subset_opening(s: Sentence, figure: Figure) -> int | None:
    """The token of an opening «Среди», «Из», «В числе» before the number, in its clause."""
    for k in range(figure.first - 1, max(-1, figure.first - 12), -1):
        if s.norm(k) in CLAUSE_STOPS or s.norm(k) in DASHES:
            return None
        if _opens_a_subset(s, k):
            return k
    return None


def partitive_adjective(s: Sentence, figure: Figure) -> str | None:
    """The people an opening «Из задержанных», «Среди осужденных» names by an adjective alone:
    the number counts some of them, whom a dash may name further («20 – граждане Ирана»)."""
    k = _subset_opening(s, figure)
    return None if k is None else _adjective_alone(s, k + 1, figure.first)


def partitive_opening(s: Sentence, figure: Figure) -> str | None:
    """The noun of an opening «Среди …», «В числе …»: "Среди преступлений 1,161 тысячи – сбыт"."""
    for k in range(figure.first - 1, max(-1, figure.first - 12), -1):
        if s.norm(k) in CLAUSE_STOPS or s.norm(k) in DASHES:
            return None
        if not _opens_a_subset(s, k):
            continue
        for j in range(figure.first - 1, k, -1):  # the noun nearest the number
            nouns = [r for r in s.readings(j) if r.pos == "NOUN"]
            if (
                s.is_noun(j)
                and any({"gent", "plur"} <= r.grammemes for r in nouns)
                and s.lemma(j) not in MEASURE_NOUNS | TIME_NOUNS
                and unit_at(s, j) is None
            ):
                return noun_lemma(s.readings(j), s.tokens[j])
        return _adjective_alone(s, k + 1, figure.first)
    return None


def _adjective_alone(s: Sentence, start: int, stop: int) -> str | None:
    """«Из задержанных 20 …», «Среди осужденных 12 …»: adjectives or participles in the genitive
    plural and nothing else between the opening word and the number; the last is a noun there."""
    if start >= stop or not all(s.is_adjective(j) for j in range(start, stop)):
        return None
    last = stop - 1
    if not any({"gent", "plur"} <= r.grammemes for r in s.readings(last)):
        return None
    return adjective_as_noun(s.tokens[last])


# A figure in a unit (mass, money, area) that names no noun of its own.
AMOUNT_FINDERS: tuple[ObjectFinder, ...] = (
    noun_of_unit_adjective,
    genitive_after_unit,
    genitive_after_comparative,
    what_each_holds,
    area_with_growth,
    land_before_area,
    named_by_copula_after,
    named_after_dash,
    owner_of_amount_word,
    goods_priced,
    money_named_before,
    value_noun_as_subject,
    # a noun and a dash at the amount before an amount word further back: "Общий вес наркотиков
    # составляет 5 кг, из них героин - три килограмма" (the three are героин)
    measured_topic_before_dash,
    governed_by_amount_word,
    subject_of_amount_verb,
    measured_topic_before_verb,
    genitive_right_before,
)
# A bare number with no noun after it that no other figure of the sentence explained.
COUNT_FINDERS: tuple[ObjectFinder, ...] = (
    antecedent_of_relative_count,
    people_of_them,  # before any noun of a thing: a collective numeral counts people
    counted_topic_before_dash,  # nearest: "Число краж выросло, грабежей – с 5 до 21"
    topic_of_a_comparison,  # nearest: "…, наркоманов стало меньше на 5 тысяч"
    governed_by_count_word,
    topic_before_its_verb,
    governed_by_count_word_after,
    subject_of_them,
    partitive_opening,
)


def find_object(s: Sentence, figure: Figure, finders: tuple[ObjectFinder, ...]) -> str | None:
    """The lemma the first finder that names one returns."""
    for finder in finders:
        lemma = finder(s, figure)
        if lemma:
            return lemma
    return None
