"""Noun phrases around a number: the noun after it, the noun an amount word belongs to, the
head of a genitive chain, substantivised adjectives, agreement. The object finders
(objects.py, substances.py) and the readers of counts (reading.py, relations.py) build on these.
"""

from __future__ import annotations

import re

from pipelines.figures.lexicon import (
    ACTION_NOUNS,
    AMOUNT_NOUNS,
    CONTAINER_NOUNS,
    DASHES,
    DESCRIBING_NOUNS,
    KIND_NOUNS,
    MEASURE_NOUNS,
    MULTIPLIER_WORDS,
    PERSON_ADJECTIVES,
    POSSESSIVES,
    PROPERTY_NOUNS,
    QUOTES,
)
from pipelines.figures.sentence import (
    Sentence,
    adjective_as_noun,
    coded_name,
    unknown_genitive_noun,
)
from pipelines.figures.units import unit_at
from pipelines.morph import morph, parse_word
from pipelines.substance_names import drug_names

_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2"})


# words that hedge what follows them: "5 кг предположительно героина"
HEDGES = frozenset({"предположительно", "вероятно", "по-видимому", "якобы", "предварительно"})


def noun_after(s: Sentence, j: int, complements: bool = False) -> tuple[int | None, list[int]]:
    """(index of the counted noun, adjectives before it) starting at token j. Possessive
    pronouns are passed over ("двое его знакомых", "трое своих сообщников"), and with
    complements an adjective's prepositional complement ("16 кг готового к реализации
    мефедрона": after a unit only, where a participle is rarely the noun itself)."""
    adjectives: list[int] = []
    k = j
    while k < len(s.tokens) and k - j < 7:
        token = s.tokens[k]
        if token.text in QUOTES:
            k += 1
            continue
        comma = s.norm(k) == "," and not adjectives
        if s.norm(k + comma) in HEDGES and not adjectives:
            k += comma + 1  # "8,5 кг, предположительно, конопли": a hedge, not the noun
            k += s.norm(k) == ","
            continue
        if s.norm(k + comma) == "так" and s.norm(k + comma + 1).startswith("называем"):
            # "2 кг так называемой «соли»", "21 килограмма, так называемой, синтетики"
            k += comma + 2
            k += s.norm(k) == ","
            continue
        joined = s.norm(k) in ("и", "или") and (
            s.is_adjective(k + 1)
            # «30 тяжких и особо тяжких преступлений»: an adverb before the second adjective
            or (s.pos(k + 1) == "ADVB" and s.is_adjective(k + 2))
        )
        listed = s.norm(k) == "," and s.pos(k + 1) == "ADJF" and s.pos(k + 2) != "PREP"
        if adjectives and (joined or listed):
            # "96 кг наркотических, психотропных и сильнодействующих веществ": one noun (not
            # "18 несовершеннолетних, входящих в состав групп": a participle's own phrase)
            k += 1
            continue
        if _compound_adjective(s, k):
            adjectives.append(k + 2)  # "двое 25-летних жителей"
            k += 3
            continue
        if token.kind != "word":
            break
        if (
            adjectives
            and token.text.isascii()
            and s.is_noun(k + 1)
            and agree(s, adjectives[-1], k + 1)
        ):
            k += 1  # "4 основных Darknet маркетплейса": a Latin name before the noun
            continue
        if (
            token.text[:1].isupper()
            and not token.text.isupper()
            and not coded_name(token.text)
            and not (k == j and _capitalised_common_noun(s, k))
        ):
            break  # a name ("47,6 кг Айгерим Манакова") or the next sentence
        if _adjective_of_next_noun(s, k):
            adjectives.append(k)  # "два безработных жителя": the noun is the next word
            k += 1
            continue
        if s.is_noun(k) or _noun_rather_than_short_form(s, k) or unknown_genitive_noun(s, k):
            if adjectives and not agree(s, adjectives[-1], k):
                if _instrumental_complement(s, adjectives[-1], k):
                    k += 1  # "46 обмотанных скотчем пакетов": the participle's complement
                    continue
                break  # "30 больных наркоманией": the adjective is the noun
            return k, adjectives
        if (
            (_possessive(s, k) or _demonstrative(s, k))
            and s.tokens[k + 1 : k + 2]
            and s.tokens[k + 1].kind == "word"
        ):
            k += 1
            continue
        if adjectives and s.norm(k) == "же":
            k += 1  # "2 кг такого же порошка": the particle after a pronoun
            continue
        if (
            adjectives
            and s.norm(k) in _AGENT_PRONOUNS
            and (s.is_noun(k + 1) or s.is_adjective(k + 1))
        ):
            k += 1  # "424 совершенных ими преступлений": the participle's agent
            continue
        if s.is_adjective(k) and adjectives and _instrumental_adjective(s, adjectives[-1], k):
            k += 1  # "изготовленных фабричным способом цилиндров": the complement's adjective
            continue
        if s.is_adjective(k):
            adjectives.append(k)
        elif complements and adjectives and s.pos(k) == "PREP" and _past_complement(s, k):
            k = _past_complement(s, k)  # "16 кг готового к реализации мефедрона"
            continue
        elif not (s.pos(k) == "ADVB" and s.is_adjective(k + 1)):  # "двое ранее судимых"
            break
        k += 1
    return None, adjectives


_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
_AGENT_PRONOUNS = frozenset({"ими", "им", "ею", "ей", "нами", "вами", "ним", "ними"})


def _capitalised_common_noun(s: Sentence, k: int) -> bool:
    """A dictionary noun in the genitive that is no name, written with a capital right after a
    number: "34 Интернет-ресурса" counts the resources."""
    readings = s.readings(k)
    return (
        bool(readings)
        and morph().word_is_known(s.tokens[k].norm)
        and all(r.pos == "NOUN" and not _PROPER & r.grammemes for r in readings)
        and "gent" in readings[0].grammemes
    )


def _instrumental_complement(s: Sentence, participle: int, k: int) -> bool:
    """Whether the noun at k is a participle's complement in the instrumental, with the noun the
    participle agrees with after it, its own adjectives between: "обмотанных скотчем пакетов",
    "изготовленных фабричным способом полиэтиленовых цилиндров" (not "больных наркоманией",
    which no noun follows)."""
    if s.pos(participle) != "PRTF" or not any(
        "ablt" in r.grammemes for r in s.readings(k) if r.pos == "NOUN"
    ):
        return False
    j = k + 1
    while j < len(s.tokens) and s.is_adjective(j) and agree(s, participle, j) and j - k < 4:
        j += 1
    return (
        s.is_noun(j)
        and agree(s, participle, j)
        # «обнаруженного сотрудниками наркоконтроля синтетического наркотика»: a genitive of
        # the complement, the phrase going on to the noun
        and not (s.is_adjective(j + 1) or s.is_noun(j + 1))
    )


def _instrumental_adjective(s: Sentence, participle: int, k: int) -> bool:
    """Whether the adjective at k opens a participle's complement in the instrumental
    ("изготовленных фабричным способом …"), not the counted noun's own adjective."""
    readings = [r for r in s.readings(k) if r.pos == "ADJF"]
    return (
        s.pos(participle) == "PRTF"
        and bool(readings)
        and all("ablt" in r.grammemes for r in readings[:1])
        and not agree(s, participle, k)
    )


def _past_complement(s: Sentence, k: int) -> int | None:
    """The index after an adjective's prepositional complement that starts at k ("к
    реализации", "для личного потребления"), when a noun that agrees with the adjective before
    follows it; else None."""
    j = k + 1
    while j < len(s.tokens) and s.is_adjective(j) and j - k < 3:
        j += 1
    if not s.is_noun(j):
        return None
    after = j + 1
    noun = after
    while s.is_adjective(noun) and noun - after < 3:
        noun += 1  # "подготовленных к сбыту синтетических наркотиков"
    if s.is_noun(noun) and agree(s, k - 1, noun):
        return after
    return None


def _compound_adjective(s: Sentence, k: int) -> bool:
    """Digits, a hyphen and an adjective written as one word: "25-летних", "3-комнатной"."""
    return (
        s.tokens[k].kind == "num"
        and s.norm(k + 1) in ("-", "‐")
        and s.glued(k + 1)
        and s.glued(k + 2)
        and s.is_adjective(k + 2)
    )


def governed_noun(s: Sentence, j: int) -> tuple[int | None, list[int]]:
    """(the genitive noun a measure noun governs, adjectives before it), from token j: the
    noun after it, past the object of a participle ("сумма причиненного государству ущерба":
    ущерб, not государство)."""
    noun, adjectives = noun_after(s, j)
    if noun is None and adjectives and s.pos(adjectives[-1]) == "PRTF":
        described = _past_participle_phrase(s, adjectives[-1])
        if described is not None:
            return described, adjectives
        complement = adjectives[-1] + 1  # what noun_after passed over: it did not agree
        if s.is_noun(complement):
            after, more = noun_after(s, complement + 1)
            if after is not None:
                return after, adjectives + more
    return noun, adjectives


def _agrees_in_number(s: Sentence, adjective: int, noun: int) -> bool:
    numbers = {n for r in s.readings(adjective) for n in r.grammemes & {"sing", "plur"}}
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"]
    return not numbers or not nouns or any(r.grammemes & numbers for r in nouns)


def _past_participle_phrase(s: Sentence, participle: int) -> int | None:
    """The noun a participle describes past its complements: "вес обнаруженного сотрудниками
    наркоконтроля синтетического наркотика", "изъятых и не допущенных в незаконный оборот
    наркотиков", "изъятых в качестве вещественного доказательства растений": the first noun
    after them that agrees with it in case and number, beyond the nouns they govern."""
    cases = {c for r in s.readings(participle) for c in r.grammemes & _CASES}
    for k in range(participle + 1, min(len(s.tokens), participle + 9)):
        token = s.tokens[k]
        if token.kind != "word":
            return None
        if s.is_noun(k) and agree(s, participle, k) and _agrees_in_number(s, participle, k):
            # «в качестве доказательства», «сотрудниками наркоконтроля»: the genitive of a
            # complement's noun (not after a dative: «причиненного государству ущерба»)
            j = k - 1
            while j > participle and s.is_adjective(j):
                j -= 1
            governed = s.pos(j) == "PREP" or (
                j > participle
                and s.is_noun(j)
                and (s.pos(j - 1) == "PREP" or "ablt" in s.readings(j)[0].grammemes)
            )
            if not governed and cases:
                if s.lemma(k) in KIND_NOUNS and s.is_noun(j) and not s.is_adjective(j):
                    return j  # "наркотических средств различных типов": the средства
                return k
        elif not (s.is_noun(k) or s.is_adjective(k) or s.pos(k) == "PREP"
                  or s.norm(k) in ("и", "не")):  # fmt: skip
            return None
    return None


def agree(s: Sentence, adjective: int, noun: int) -> bool:
    """Whether an adjective can agree in case with the noun after it."""
    cases = {c for r in s.readings(adjective) for c in r.grammemes & _CASES}
    nouns = [r for r in s.readings(noun) if r.pos == "NOUN"] or s.readings(noun)
    return not cases or any(r.grammemes & cases for r in nouns) or s.tokens[noun].text.isupper()


def _adjective_of_next_noun(s: Sentence, k: int) -> bool:
    """A noun made from an adjective ("безработный") that is an adjective here: a lower-case
    common noun in the same case follows ("два безработных жителя": after 2–4 the adjective
    is plural and the noun singular, so number is not compared)."""
    if not s.is_noun(k) or k + 1 >= len(s.tokens) or not s.tokens[k + 1].text.islower():
        return False
    adjective = [r for r in s.readings(k) if r.pos in ("ADJF", "PRTF")]
    noun_score = max((r.score for r in s.readings(k) if r.pos == "NOUN"), default=0.0)
    if not any(r.pos == "NOUN" and "anim" in r.grammemes for r in s.readings(k)) and not (
        adjective and adjective[0].score >= noun_score
    ):
        # people ("безработный", "больной"), or a thing as likely an adjective ("3 посевных
        # поля"), not "прошлое" of "прошлого года"
        return False
    nouns = [r for r in s.readings(k + 1) if r.pos == "NOUN"]
    if not adjective or not nouns or not s.is_noun(k + 1):
        return False
    cases = {c for r in adjective for c in r.grammemes & _CASES}
    return any(r.grammemes & cases for r in nouns)


def _noun_rather_than_short_form(s: Sentence, k: int) -> bool:
    """A word whose best reading is no full adjective, participle or noun but which may be a
    noun about as likely: after a number it is the noun ("150 тайников", not the short form
    of "тайниковый")."""
    readings = s.readings(k)
    if not readings or readings[0].pos not in ("ADJS", "ADVB", "COMP"):
        return False  # verbs stay verbs: "из них 12 стали жертвами"
    return any(r.pos == "NOUN" and r.score >= readings[0].score / 2 for r in readings)


def _possessive(s: Sentence, k: int) -> bool:
    """A possessive pronoun: "его", "ее", "их" (read as personal pronouns too), "свой",
    "наш"."""
    return s.norm(k) in POSSESSIVES or any(
        r.lemma in POSSESSIVES for r in s.readings(k) if r.pos == "ADJF"
    )


def _demonstrative(s: Sentence, k: int) -> bool:
    """ "этого", "тех" before an adjective or noun: "38 кг этого страшного зелья" (not before a
    kind: "этого вида преступлений" counts the crimes)."""
    return s.lemma(k + 1) not in KIND_NOUNS and any(
        r.lemma in ("этот", "тот") for r in s.readings(k) if r.pos == "ADJF"
    )


# «общим весом», «суммарной стоимостью»: words that make an amount a total, and name nothing
_TOTAL_ADJECTIVES = frozenset({"общий", "чистый", "суммарный", "совокупный"})


def noun_before_amount(s: Sentence, first: int, mass: bool = False) -> int | None:
    """The noun an amount belongs to: "активы на сумму 18 млн", "наркотики весом 5 кг". After
    a locative "на площади" the area is what is measured, not the noun before it: the index of
    "площади" then. A mass (mass=True) of a container weighs its contents: "партия героина
    весом 12 кг" is героин."""
    k = first - 1
    if (s.norm(k) == "в" or (s.norm(k) == "от" and mass)) and s.lemmas(k - 1) & AMOUNT_NOUNS:
        # "общим весом в 50 грамм", "на площади в 8 тысяч квадратных метров", and a range of
        # masses: "средств весом от ста граммов до одного килограмма"
        k -= 1
    if s.norm(k) in (*DASHES, ":") and s.lemma(k - 1) == "размер":
        k = _before_legal_size(s, k - 1)  # "героин в особо крупном размере – 5 кг"
        if k is None:
            return None
    elif k < 0 or not s.lemmas(k) & AMOUNT_NOUNS:
        return None
    elif _locative_amount(s, k):
        return k  # "коноплю уничтожили на площади 418 гектаров"
    # "весом", "площадью": an instrumental amount word describes the noun right before it,
    # even one inside a prepositional phrase ("на участке площадью 0,2 га")
    instrumental = any("ablt" in r.grammemes for r in s.readings(k) if r.pos == "NOUN")
    k -= 1
    while k >= 0 and (s.norm(k) in ("на", "в", ",") or s.lemma(k) in _TOTAL_ADJECTIVES):
        k -= 1  # "на сумму", "героин, общим весом", "суммарным весом"
    k = _past_its_weight(s, k)
    if s.norm(k) == "раз" and s.norm(k - 2) in ("на", "в"):
        k -= 3  # "партия героина - на этот раз общим весом 156 кг": an aside, not the owner
        while k >= 0 and (s.norm(k) in DASHES or s.norm(k) == ","):
            k -= 1
    if s.norm(k + 1) == ",":
        described = before_participial_phrase(s, k)
        if described is not None:  # "вещество, завернутое в пленку …, весом около 3 кг"
            described = first_conjunct(s, described)
            return _head_below_containers(s, described) if mass else described
    while k >= 0 and s.tokens[k].text in QUOTES:
        k -= 1
    k = _before_foreign_name(s, k)
    if s.norm(k) == ")":  # "наркотические средства (марихуана) общим весом": the noun before
        opening = next((j for j in range(k - 1, max(-1, k - 8), -1) if s.norm(j) == "("), None)
        k = opening - 1 if opening is not None else k
    if k < 0 or not s.is_noun(k) or unit_at(s, k) is not None:
        return None  # "1,3 тонн на сумму $62 млн": the price of a mass, of what unsaid
    if ends_prepositional_phrase(s, k) and _preposition_before(s, k) not in ("с", "со"):
        # "поставка из ЕС на сумму": not the ЕС (but "сверток с героином весом"); a purpose
        # phrase after a noun is that noun's: "прекурсоров и реактивов для их производства
        # стоимостью" is the прекурсоры
        head = _noun_before_phrase(s, k)
        if head is not None:
            return first_conjunct(s, head)
        if not (instrumental and s.norm(k + 1) != ","):
            return None
    head = _head_below_containers(s, k) if mass else head_of_genitive_chain(s, k)
    described = _described_by(s, head)
    if described is not None:  # "вещество с характерным запахом конопли весом 18 граммов"
        return _head_below_containers(s, described) if mass else described
    return head


_FOREIGN_LETTER = re.compile(r"[A-Za-zα-ωΑ-Ω]")


def _before_foreign_name(s: Sentence, k: int) -> int:
    """«вещество “альфа-pvp” общим весом», «вещество MDMA весом»: a name in Latin letters
    after a noun is that noun's name, which the dictionary cannot read; the noun before it is
    what the amount is of. k: the name's last token (its closing quote skipped)."""
    j = k
    while j >= 0 and (
        (s.tokens[j].kind == "word" and _FOREIGN_LETTER.search(s.tokens[j].text))
        or (s.norm(j) in DASHES and s.glued(j))
    ):
        j -= 1  # "alpha-PVP", "α-PvP", "альфа-pvp"
    if j == k or j < 0:
        return k
    while j >= 0 and s.tokens[j].text in QUOTES:
        j -= 1
    return j if s.is_noun(j) else k


def before_participial_phrase(s: Sentence, k: int) -> int | None:
    """The noun a participial phrase set off by commas describes, when the phrase ends at k:
    "вещество, завернутое в пленку с запахом, весом 3 кг" weighs the вещество."""
    j = k
    while j > max(0, k - 15):
        if s.norm(j) == ")":  # «входит диацетилморфин (героин), в количестве»: past the bracket
            opening = next((m for m in range(j - 1, max(-1, j - 8), -1) if s.norm(m) == "("), None)
            j = opening - 1 if opening is not None else j - 1
            continue
        if s.norm(j) in DASHES and s.glued(j) and s.glued(j + 1):
            j -= 1  # a hyphen inside a name: "CBL-2201"
            continue
        if s.norm(j) in (",", *DASHES, ":", "("):
            # or an adjective with its complement: "средство, известное под названием α-PvP,",
            # «веществом a-PVP, известным как «скорость»,»
            participle = s.pos(j + 1) == "PRTF" or (
                s.pos(j + 1) == "ADJF" and (s.pos(j + 2) == "PREP" or s.norm(j + 2) == "как")
            )
            # «смесь, в состав которой входит диацетилморфин (героин), в количестве 13,9 г»:
            # a relative clause describes the noun before it too, verb and all
            relative = any(s.lemma(m) == "который" for m in range(j + 1, min(j + 4, k + 1)))
            # a clause with its own verb is no participial phrase: "Согласно заключению
            # экспертов, изъятые кусты оказались коноплей, общим весом 55 кг"
            clause = any(s.pos(m) == "VERB" for m in range(j + 2, k + 1))
            phrase = relative or (participle and not clause)
            if not (s.norm(j) == "," and phrase):
                return None
            noun = _before_foreign_name(s, j - 1)  # «веществом a-PVP, известным как …»
            return noun if s.is_noun(noun) else None
        j -= 1
    return None


def _noun_before_phrase(s: Sentence, noun: int) -> int | None:
    """The noun right before a purpose phrase («для», «под») that the noun at index noun closes."""
    k = noun - 1
    while k >= 0 and k > noun - 4 and (s.is_adjective(k) or s.norm(k) in POSSESSIVES):
        k -= 1
    if s.norm(k) not in ("для", "под") or k < 1:
        return None
    head = k - 1
    return head if s.is_noun(head) and unit_at(s, head) is None else None


def _described_by(s: Sentence, k: int) -> int | None:
    """The noun that a property after «с» describes ("вещество с запахом конопли" → вещество),
    when the noun at k is such a property; else None."""
    if s.lemma(k) not in PROPERTY_NOUNS or not s.is_noun(k):
        return None
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if s.norm(j) not in ("с", "со") or j < 1 or not s.is_noun(j - 1):
        return None
    return j - 1


def _before_legal_size(s: Sentence, k: int) -> int | None:
    """The index of "в" opening "в (особо) крупном размере" that ends at k, or None."""
    j = k - 1
    while j >= 0 and (s.is_adjective(j) or s.pos(j) == "ADVB"):
        j -= 1
    return j if s.norm(j) == "в" else None


def contents_of(s: Sentence, k: int) -> int:
    """What the container or lot noun at k holds, when a genitive names it: "партии героина"
    is героин, "пакет с гашишем" гашиш; k itself otherwise."""
    if s.lemma(k) not in CONTAINER_NOUNS:
        return k
    j = k + 1
    while j < len(s.tokens) and s.is_adjective(j):
        j += 1
    if s.norm(j) in ("с", "со") and s.is_noun(j + 1):  # "пакет с гашишем"
        return j + 1 if unit_at(s, j + 1) is None else k
    genitive = any("gent" in r.grammemes for r in s.readings(j) if r.pos == "NOUN")
    if genitive and s.is_noun(j) and unit_at(s, j) is None and s.lemma(j) not in AMOUNT_NOUNS:
        return contents_of(s, j) if j - k < 4 else j
    return k


# Plants counted by the piece, whose mass is the drug plant's: «576 кустов марихуаны общим
# весом свыше 100 кг», «кустов растения конопля весом 45 000 кг» weigh the hemp.
_PLANT_PIECES = frozenset({"куст", "растение", "стебель"})


def _head_below_containers(s: Sentence, k: int) -> int:
    """The head of a genitive chain, climbing no higher than a container, a kind or a plant's
    pieces: "канал контрабанды партии героина" weighs героин, «двух видов психотропных веществ
    общим весом» the вещества."""
    head = head_of_genitive_chain(s, k)
    j = k
    while j > head:
        j -= 1
        if s.lemma(j) in CONTAINER_NOUNS | KIND_NOUNS | _PLANT_PIECES and s.is_noun(j):
            return k
    return head


def _past_its_weight(s: Sentence, k: int) -> int:
    """«партия наркотических средств весом 17 килограммов на общую сумму 24 миллиона»: the sum
    is of the noun the weight before it describes, not of the unit (k: the unit's index)."""
    if unit_at(s, k) is None:
        return k
    j = k - 1
    while j >= 0 and s.tokens[j].kind in ("num", "digits", "word") and s.pos(j) in ("NUMR", None):
        j -= 1  # the number, in digits or words
    if j == k - 1 or not (s.lemmas(j) & AMOUNT_NOUNS) or s.lemma(j) in ("сумма", "стоимость"):
        return k
    return j - 1 if j >= 1 and s.is_noun(j - 1) else k


def _locative_amount(s: Sentence, k: int) -> bool:
    """An amount noun after "на" that is not in the accusative: "на площади" (where), unlike
    "на сумму" (worth)."""
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    nouns = [r for r in s.readings(k) if r.pos == "NOUN"]
    return (
        s.norm(j) == "на"
        and bool(nouns)
        and not any({"accs", "sing"} <= r.grammemes for r in nouns)
    )


def head_of_genitive_chain(s: Sentence, k: int) -> int:
    """From the last noun of "ценные бумаги иностранных государств" back to its head, бумаги;
    a verbal or measure noun is no head ("хищение средств": the amount is of the средства)."""
    for _ in range(3):
        nouns = [r for r in s.readings(k) if r.pos == "NOUN"]
        genitive = max((r.score for r in nouns if "gent" in r.grammemes), default=None)
        # a word in its dictionary form, as likely as a genitive that reads alike, is that
        # word: «В наши края смертельный наркотик весом 10 кг» (not of a rare «наркотика»)
        dictionary_form = genitive is not None and any(
            {"nomn", "accs"} & r.grammemes and r.lemma == s.tokens[k].norm and r.score >= genitive
            for r in nouns
        )
        genitive = s.tokens[k].text.isupper() or (genitive is not None and not dictionary_form)
        j = k - 1
        while j >= 0 and s.is_adjective(j):
            j -= 1
        if not genitive or j < 0 or not s.is_noun(j):
            break
        head = s.lemma(j)
        # («наличие наркотического вещества массой более 40 кг»: the вещество's mass)
        if head.endswith(("ние", "тие", "чие")) or head in MEASURE_NOUNS or head in ACTION_NOUNS:
            break
        if unit_at(s, j) is not None:
            break  # "1,5 кг мефедрона стоимостью ...": the amount is of the мефедрон
        if s.lemma(j) in MULTIPLIER_WORDS:
            break  # «61 млн разовых доз на сумму 9 млрд рублей»: a number's word, no head
        k = j
    return k


def first_conjunct(s: Sentence, k: int) -> int:
    """The first of coordinated nouns that the noun at k ends: "наркотиков и психотропов" and
    "наркотических средств и психотропных веществ" name the first as what they are about."""
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if s.norm(j) not in ("и", "или") or not s.is_noun(j - 1):
        return k
    cases = {c for r in s.readings(k) if r.pos == "NOUN" for c in r.grammemes & _CASES}
    shared = any(r.grammemes & cases for r in s.readings(j - 1) if r.pos == "NOUN")
    return j - 1 if shared and unit_at(s, j - 1) is None else k


def _preposition_before(s: Sentence, noun: int) -> str:
    """The preposition that opens the phrase the noun at index noun closes, or ""."""
    k = noun - 1
    while k >= 0 and k > noun - 4 and (s.is_adjective(k) or s.norm(k) in POSSESSIVES):
        k -= 1
    return s.norm(k) if s.pos(k) == "PREP" else ""


def ends_prepositional_phrase(s: Sentence, noun: int) -> bool:
    """Whether the noun at index noun closes a phrase opened by a preposition: "в активе", "в
    том числе", "на первом этапе"."""
    k = noun - 1
    while (
        k >= 0
        and k > noun - 4
        and (s.is_adjective(k) or s.norm(k) in POSSESSIVES or _demonstrative(s, k))
    ):
        k -= 1
    return s.pos(k) == "PREP"


def _demonstrative(s: Sentence, k: int) -> bool:
    """«этом», «том»: pymorphy3 reads them as the pronoun «это» first; in «в этом году» they
    are the adjective «этот»."""
    return s.pos(k) == "NPRO" and any(
        r.pos == "ADJF" and "Apro" in r.grammemes for r in s.readings(k)
    )


def animate(lemma: str | None) -> bool:
    """Whether a noun lemma may name a living being: "курьер", "лицо" (not a drug the
    dictionary guesses a man's name of: «мефедрон», «метамфетамин»)."""
    return (
        lemma is not None
        and lemma not in drug_names()
        and (
            lemma in PERSON_ADJECTIVES
            or any(
                (r.pos == "NOUN" and r.lemma == lemma and "anim" in r.grammemes)
                or (r.pos in ("ADJF", "PRTF") and "Subx" in r.grammemes)  # "задержанный"
                for r in parse_word(lemma)
            )
        )
    )


def substantive(s: Sentence, k: int) -> bool:
    """An adjective or participle that is used as a noun: marked "Subx" in the dictionary,
    read as a noun as well ("раненых", "безработных"), or one of PERSON_ADJECTIVES."""
    readings = s.readings(k)
    if any("Apro" in r.grammemes for r in readings):
        return False  # "которых", "тех"
    adjective = {r.lemma for r in readings if r.pos in ("ADJF", "PRTF")}
    return (
        any(
            ("Subx" in r.grammemes and r.pos in ("ADJF", "PRTF"))
            or (r.pos == "NOUN" and r.lemma in adjective and r.score >= 0.2)
            for r in readings
        )
        or adjective_as_noun(s.tokens[k]) in PERSON_ADJECTIVES
    )


def counted_plural(s: Sentence, k: int) -> bool:
    """A common noun read as plural genitive: what a bare number after it may count (not an
    abbreviation, whose case the dictionary only guesses: "ГСКН выявила 112")."""
    return (
        s.is_noun(k)
        and not s.tokens[k].text.isupper()
        and any(
            {"gent", "plur"} <= r.grammemes and not {"Name", "Surn", "Geox"} & r.grammemes
            for r in s.readings(k)
            if r.pos == "NOUN"
        )
    )


def starts_the_line(s: Sentence, k: int) -> bool:
    """Whether token k opens the sentence, or a bulleted line after its marker: "• гашиш – 936
    гр", "- марихуаны 31 кг" (a sentence splitter gives each list line its own sentence)."""
    return k == 0 or (
        k == 1
        and s.tokens[0].kind == "punct"
        and s.tokens[0].text not in QUOTES
        and s.tokens[0].text not in "()[]"
    )


def opens_clause(s: Sentence, k: int) -> bool:
    """Whether token k starts the sentence or a clause after a comma, colon or semicolon, or a
    list item: "• героин – 12 кг", "1) героин – 12 кг; 2) опий – 30 кг"."""
    if starts_the_line(s, k) or s.norm(k - 1) in (",", ":", ";", "("):
        return True
    return (
        s.norm(k - 1) == ")"
        and s.tokens[k - 2 : k - 1] != []
        and s.tokens[k - 2].kind == "num"
        and (k == 2 or s.norm(k - 3) in (",", ":", ";"))
    )


def named_after_dash(s: Sentence, k: int, whole: str | None = None) -> str | None:
    """A part whose kind follows a dash: "из них почти 57 кг – синтетические наркотики",
    "из которых 12 – студенты" (but not "418 – тяжкие": no noun; nor "6 – по фактам сбыта").
    A part of people (whole: the lemma of an animate noun) may be named by a substantivised
    adjective: "из них 6 – несовершеннолетние"."""
    if s.norm(k) not in DASHES:
        return None
    k += 1
    start = k
    while k < len(s.tokens) and (
        s.is_adjective(k) or (s.pos(k) == "ADVB" and s.is_adjective(k + 1))  # "ранее судимые"
    ):
        k += 1
    if k > start and not s.is_noun(k) and animate(whole) and substantive(s, k - 1):
        return adjective_as_noun(s.tokens[k - 1])
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    if not nominative or not s.is_noun(k) or s.lemma(k) in AMOUNT_NOUNS | MEASURE_NOUNS:
        return None
    if s.lemma(k) in DESCRIBING_NOUNS - KIND_NOUNS:
        return None  # "150 кг - каннабисной группы": the class of what the total named
    if s.tokens[k].text[:1].isupper() and not s.tokens[k].text.isupper():
        return None  # a place: "из них 120 – Алматы"
    if whole and nominative[0].lemma in ACTION_NOUNS:
        return None  # "Из них 760 – сбыт наркотических средств": crimes of sale, still crimes
    return nominative[0].lemma


def described_noun(s: Sentence, k: int) -> int:
    """The noun a describing genitive at k belongs to: "наркотики синтетического происхождения
    (132 кг)" weigh the наркотики, "наркотики опийной группы – 2 т" too; else k itself."""
    if s.lemma(k) not in DESCRIBING_NOUNS or not s.is_noun(k):
        return k
    j = k - 1
    while j >= 0 and s.is_adjective(j):
        j -= 1
    if j == k - 1 or j < 0 or not s.is_noun(j) or unit_at(s, j) is not None:
        return k
    return j
