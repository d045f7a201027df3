"""Object finders for amounts whose substance is named before them, in Latin letters, after an
amount verb or through a pronoun, tried after objects.AMOUNT_FINDERS: "мешки с марихуаной
(16,8 кг)", "гашиш, изъято 512 кг", "веществ, общая масса которых составила 42,6 кг", "3 кг
alpha-PVP", "около 364 кг составляет героин", "психотропов, а их изъяли около 3 кг"."""

from __future__ import annotations

from pipelines.figures.lexicon import (
    AMOUNT_NOUNS,
    AMOUNT_VERBS,
    DASHES,
    EVENT_NOUNS,
    GENERIC_DRUG_NOUNS,
    MULTIPLIER_WORDS,
    TIME_NOUNS,
)
from pipelines.figures.objects import (
    AMOUNT_FINDERS,
    ObjectFinder,
    before_aside,
    genitive_after_unit,
    known_common,
    owner_of_amount_word,
)
from pipelines.figures.phrases import (
    animate,
    counted_plural,
    described_noun,
    ends_prepositional_phrase,
    noun_after,
    substantive,
)
from pipelines.figures.sentence import (
    Figure,
    Sentence,
    adjective_as_noun,
    is_cyrillic,
    noun_lemma,
)
from pipelines.figures.units import unit_at
from pipelines.phrases import fold
from pipelines.substance_names import drug_names

_RELATIVES = frozenset({"которых", "которого", "которой"})
_PRONOUNS = frozenset({"их", "его", "ее"})
_PLACE_GRAMMEMES = frozenset({"Name", "Surn", "Geox"})
# "На героин приходится 40 кг", "40 кг приходится на героин": a share of a whole.
_SHARE_VERBS = frozenset({"приходиться", "прийтись", "принадлежать"})


def _common_noun(s: Sentence, k: int) -> bool:
    """A common noun written in lower case: what a mass may measure (not "Алматы")."""
    return (
        s.is_noun(k)
        and not s.tokens[k].text[:1].isupper()
        and not _PLACE_GRAMMEMES & s.readings(k)[0].grammemes
    )


def latin_name_after_unit(s: Sentence, figure: Figure) -> str | None:
    """A substance written in Latin letters right after the unit: "3 кг alpha-PVP", "MDMA"."""
    token = s.tokens[figure.last] if figure.last < len(s.tokens) else None
    if token is None or token.kind != "word" or is_cyrillic(token.text):
        return None
    return token.text if any(c.isalpha() for c in token.text) else None


def coded_name_after_unit(s: Sentence, figure: Figure) -> str | None:
    """A drug named by a code right after a mass: "2 грамма ЛСД", "2 кг 4-CMC", "4-ХМК"."""
    k = figure.last
    if figure.unit not in ("kg", "l") or k >= len(s.tokens):
        return None
    token = s.tokens[k]
    if token.kind == "num" and len(token.text) == 1 and k + 2 < len(s.tokens):
        # a digit, a hyphen and a name written together: "3-MMC", "4-хлорметкатинона"
        hyphen, word = s.tokens[k + 1], s.tokens[k + 2]
        together = token.end == hyphen.start and hyphen.end == word.start
        if together and hyphen.text == "-" and word.kind == "word":
            name = noun_lemma(s.readings(k + 2), word) if is_cyrillic(word.text) else word.text
            return f"{token.text}-{name}"
    # a Cyrillic acronym that [substances] names: "ЛСД" (not "КНБ", an agency the dictionary
    # does not know either)
    if token.kind == "word" and token.text.isupper() and is_cyrillic(token.text):
        return token.text if fold(token.text) in drug_names() else None
    return None


# what a name before «массой» may hold besides its letters: «4-СМС», «alpha-PVP», «2C-B»
_NAME_JOINS = frozenset({"-", "‑"})
_MASS_WORDS = frozenset({"масса", "вес"})
_WHOLE_ADJECTIVES = frozenset({"общий", "суммарный", "чистый", "совокупный"})
_QUOTE_MARKS = frozenset({"«", "»", '"', "“", "”", "„", "'"})


def coded_name_before_amount_word(s: Sentence, figure: Figure) -> str | None:
    """«"4-СМС" массой более 6,7 кг … и "PVP" массой 53,7 г»: a drug named by a code or in
    Latin letters right before «массой», «весом», with no noun before it (after a noun, as in
    «вещество "PVP" массой», the name is that noun's: owner_of_amount_word). The name as
    written, its digits kept: «4-СМС» is not «СМС»."""
    if figure.unit not in ("kg", "l"):
        return None
    k = figure.first - 1
    if not s.lemmas(k) & _MASS_WORDS:
        return None
    k -= 1
    while k >= 0 and s.lemma(k) in _WHOLE_ADJECTIVES:
        k -= 1
    while k >= 0 and s.tokens[k].text in _QUOTE_MARKS:
        k -= 1
    last = k
    while k >= 0 and _in_a_coded_name(s, k, last):
        k -= 1
    first = k + 1
    if first > last or not any(_coded_word(s.tokens[j].text) for j in range(first, last + 1)):
        return None
    if s.tokens[first].text in _NAME_JOINS or s.tokens[last].text in _NAME_JOINS:
        return None
    while k >= 0 and s.tokens[k].text in _QUOTE_MARKS:
        k -= 1
    if s.pos(k) == "NOUN" and not _coded_word(s.tokens[k].text):
        return None  # «вещество "PVP" массой»: the noun's name
    return "".join(t.text for t in s.tokens[first : last + 1])


def _coded_word(text: str) -> bool:
    """Latin letters, or a Cyrillic acronym («СМС», «ЛСД»)."""
    if not any(c.isalpha() for c in text):
        return False
    return not is_cyrillic(text) or (text.isupper() and len(text) > 1)


def _in_a_coded_name(s: Sentence, j: int, last: int) -> bool:
    """Token j belongs to a name written in one piece with the tokens after it, up to `last`."""
    token = s.tokens[j]
    if j < last and token.end != s.tokens[j + 1].start:
        return False  # a space ends the name
    if token.text in _NAME_JOINS:
        return True
    if token.kind == "word":
        return _coded_word(token.text)
    return token.text.isdigit() and len(token.text) <= 2  # «4-СМС», «25I-NBOMe»


def noun_before_parenthesis(s: Sentence, figure: Figure) -> str | None:
    """The noun an amount in brackets or commas measures: "мешки с марихуаной (16,8 кг)"."""
    # between commas too: "Героин, 5 кг, был спрятан в колесе"
    opening = s.norm(figure.first - 1)
    if opening != "(" and not (opening == "," and s.norm(figure.last) == ","):
        return None
    k = described_noun(s, figure.first - 2)
    if unit_at(s, k) is not None:
        return None  # «433 млн тенге (более $950 тыс)»: the same sum in another currency
    if s.lemma(k) in TIME_NOUNS:
        return None  # «чем за аналогичный период прошлого года (1 т 995 кг)»: that year's amount
    if s.lemma(k) in EVENT_NOUNS:
        return None  # «наркотических средств – 344 факта (свыше 1,5 тонны)»: no fact weighs it
    common = _common_noun(s, k) or (k == 0 and s.is_noun(k) and known_common(s, k))
    return noun_lemma(s.readings(k), s.tokens[k]) if common else None


def substance_before_clause(s: Sentence, figure: Figure) -> str | None:
    """The noun closing the clause before "изъято N кг": "Основной наркотик — гашиш, изъято
    318 кг" (a nominative noun, then a comma, then at most two verbs)."""
    k = figure.first - 1
    verbs = 0
    while s.pos(k) in ("VERB", "PRTS") and verbs < 2:
        k, verbs = k - 1, verbs + 1
    if not verbs or s.norm(k) != ",":
        return None
    if before_aside(s, k + 1) != k + 1:
        return None  # «Ущерб, по данным следствия, составил …»: the aside's noun, no substance
    k -= 1
    nominative = [r for r in s.readings(k) if r.pos == "NOUN" and "nomn" in r.grammemes]
    # capitalised as the sentence's first word only: «Гашиш, изъято 512,4 кг»
    common = _common_noun(s, k) or (k == 0 and known_common(s, k))
    if not nominative or not common or nominative[0].lemma in AMOUNT_NOUNS:
        return None
    if animate(nominative[0].lemma):
        return None  # "задержано 5 человек, изъято 2 кг": people are no substance
    if ends_prepositional_phrase(s, k):
        return None  # "их доставили в отдел, изъято 5 кг": a place, no substance
    return nominative[0].lemma


def antecedent_of_relative(s: Sentence, figure: Figure) -> str | None:
    """What "масса которых" refers to: "изъяты психотропные вещества, общая масса которых
    составила 42,6 кг" measures вещество, the noun before the comma."""
    for k in range(figure.first - 1, max(-1, figure.first - 6), -1):
        if s.norm(k) not in _RELATIVES or not s.lemmas(k - 1) & AMOUNT_NOUNS:
            continue
        j = k - 2
        while j >= 0 and (s.is_adjective(j) or s.norm(j) in ("их", "его", "ее")):
            j -= 1  # "общая", "суммарная"
        if s.norm(j) == "," and _common_noun(s, j - 1):
            return noun_lemma(s.readings(j - 1), s.tokens[j - 1])
    return None


_GENITIVE_RELATIVES = frozenset({"которого", "которой", "которых"})


def antecedent_of_relative_amount(s: Sentence, figure: Figure) -> str | None:
    """The noun «которой» stands for: "марихуана, которой было изъято более 796 кг"."""
    # «X, которого было N кг», «X, которой изъято N кг»: a genitive relative, then only its
    # verb (and «было») before the amount, measures the noun before its comma
    k = figure.first - 1
    while k >= 0 and k > figure.first - 4 and s.pos(k) in ("VERB", "PRTS"):
        k -= 1
    if s.norm(k) not in _GENITIVE_RELATIVES or s.norm(k - 1) != ",":
        return None
    return noun_lemma(s.readings(k - 2), s.tokens[k - 2]) if _common_noun(s, k - 2) else None


def counted_before_bracket(s: Sentence, figure: Figure, previous: Figure | None) -> str | None:
    """A bare number that opens brackets, "(64)", "(512, или 81,2%)", "(381 — мака, ...)",
    "(454 против 427)", breaks down or restates a count stated before it: the object of the
    count right before the brackets ("10 посевов растений (3 — мака, 7 — конопли)"), else the
    nearest plural genitive common noun before them ("преступлений зарегистрировано в Ленинском
    (64), Советском (38)")."""
    span = figure.span
    if (
        s.norm(span.first - 1) == "против"
        and previous is not None
        and s.norm(previous.first - 1) == "("
        and previous.last == span.first - 1
    ):
        return previous.object  # "(454 против 427)": the earlier value counts the same
    if s.norm(span.first - 1) != "(" or s.norm(span.last) not in (")", ",", "против", *DASHES):
        return None
    if (
        previous is not None
        and previous.unit == "count"
        and previous.last < span.first
        and all(s.is_noun(k) or s.is_adjective(k) for k in range(previous.last, span.first - 1))
    ):
        return previous.object  # its noun phrase runs up to the bracket
    ranked = _count_of_the_sentence_before(s, span)
    drugs = None  # drugs in general, weighed rather than counted: a noun further back counts
    for k in range(span.first - 2, -1, -1):
        if s.norm(k) == ")" and s.norm(k - 2) != "(":
            return drugs or ranked  # past other brackets than a list's "(47)"
        common = _common_noun(s, k) or (k == 0 and s.is_noun(k))  # "Преступлений ... (64)"
        if counted_plural(s, k) and common and unit_at(s, k) is None:
            if s.lemma(k) in MULTIPLIER_WORDS:
                # «в расчете на 100 тысяч населения …, ниже уровня в округе (319)»: a rate's
                # base, so the bracket restates a rate, which counts nothing
                return None
            k = _plural_head(s, k) if k == span.first - 2 else k
            counted = noun_lemma(s.readings(k), s.tokens[k])
            counts_before = previous is not None and previous.unit in (None, "count")
            if counted in GENERIC_DRUG_NOUNS and counts_before:
                # «355 из них связано с оборотом наркотиков (52 – в крупном размере)»: drugs in
                # general are weighed, not counted; the bracket breaks the count before down
                return previous.object
            if counted in GENERIC_DRUG_NOUNS and s.is_noun(k - 1):
                # «количество преступлений, связанных с оборотом наркотиков, – на 11% (216)»
                drugs = drugs or counted
                continue
            return counted
        plural_genitive = any({"gent", "plur"} <= r.grammemes for r in s.readings(k))
        if substantive(s, k) and plural_genitive and s.tokens[k].text.islower():
            # "Больше всего больных наркоманией зарегистрировано во Владимире (250)"
            return adjective_as_noun(s.tokens[k])
    return drugs or ranked


def _count_of_the_sentence_before(s: Sentence, span) -> str | None:
    """«… зарегистрировали 8,7 тысячи преступлений. Также в тройку вошли Краснодарский край
    (6,2 тысячи) и Московская область (6 тысяч).»: a number alone in brackets after a name
    counts what the sentence before counted last."""
    if s.norm(span.last) != ")" or not any(
        s.tokens[k].text[:1].isupper() for k in range(max(span.first - 3, 1), span.first - 1)
    ):
        return None
    counts = [f for f in s.before if f.unit == "count" and f.object]
    return counts[-1].object if counts else None


def _plural_head(s: Sentence, k: int) -> int:
    """The plural head of the genitives that end right before a bracket: "факты незаконного
    сбыта наркотиков (496, …)" count факты (not "большинство таких преступлений (56)")."""
    head = k
    for _ in range(3):
        j = head - 1
        while j >= 0 and s.is_adjective(j):
            j -= 1
        genitive = any("gent" in r.grammemes for r in s.readings(head) if r.pos == "NOUN")
        if not genitive or j < 0 or not _common_noun(s, j):
            break
        head = j
    plural = any("plur" in r.grammemes for r in s.readings(head) if r.pos == "NOUN")
    return head if plural else k


def subject_after_amount_verb(s: Sentence, figure: Figure) -> str | None:
    """The noun an amount verb after the number names: "из которых около 364 кг составляет
    героин", "237 кг приходится на гашиш" (a nominative, or the object of "на")."""
    k = figure.last
    if not s.lemmas(k) & (AMOUNT_VERBS | _SHARE_VERBS):
        return None
    k += 1
    if s.norm(k) in ("на", "в") and s.lemmas(k - 1) & _SHARE_VERBS:
        k += 1  # "приходится на гашиш"
    noun, _ = noun_after(s, k)
    if noun is None or not _common_noun(s, noun) or unit_at(s, noun) is not None:
        return None
    lemma = s.lemma(noun)
    if lemma in AMOUNT_NOUNS or animate(lemma):
        return None  # "5 кг составил вес", "составили 5 человек"
    return lemma


def antecedent_of_pronoun(s: Sentence, figure: Figure) -> str | None:
    """What "их", "его" or "ее" before the amount stands for: "На долю психотропов, а их
    изъяли около 3 кг, ..." (the noun before the pronoun that agrees in number); "Их общий
    вес составил 5 кг" at the start of a sentence (what the sentence before measured)."""
    k = figure.first - 1
    while k >= 0 and (s.pos(k) in ("VERB", "PRTS", "INFN") or s.is_adjective(k)):
        k -= 1  # "их изъяли", "Их общий вес составил"
    if k >= 0 and s.lemmas(k) & AMOUNT_NOUNS and s.is_noun(k):
        k -= 1
        while k >= 0 and s.is_adjective(k) and s.norm(k) not in _PRONOUNS:
            k -= 1
    if s.norm(k) not in _PRONOUNS or k == figure.first - 1:
        return None
    plural = s.norm(k) == "их"
    for j in range(k - 1, max(-1, k - 8), -1):
        if s.norm(j) in (";", "(", ")") or s.tokens[j].kind == "num":
            return None
        if not _common_noun(s, j) or unit_at(s, j) is not None:
            continue
        numbers = {n for r in s.readings(j) if r.pos == "NOUN" for n in r.grammemes}
        if ("plur" in numbers) == plural or {"plur", "sing"} <= numbers:
            return noun_lemma(s.readings(j), s.tokens[j])
        return None
    if k == 0 or (k == 1 and s.pos(0) == "CONJ"):
        earlier = [f for f in s.before if f.object and f.unit == figure.unit]
        return earlier[-1].object if earlier else None
    return None


def share_named_after(s: Sentence, figure: Figure) -> str | None:
    """A share verb right after the amount names what it is, whatever amount word came before:
    "из общего объёма наркотиков, изъятых …, 93 кг приходится на героин" is героин."""
    if not s.lemmas(figure.last) & _SHARE_VERBS:
        return None
    return subject_after_amount_verb(s, figure)


_TOTAL_WORDS = frozenset({"всего", "итого"})
_TOTAL_REACH = 15  # tokens before the dash a drug may be named in


def drug_before_a_total(s: Sentence, figure: Figure) -> str | None:
    """The drug a total after a dash sums: «изымали запрещенные вещества у населения — всего
    примерно 230 килограммов», «нашли пакеты с синтетическим веществом — всего около 4 кг»."""
    k = figure.first - 1
    if s.norm(k) not in _TOTAL_WORDS or s.norm(k - 1) not in DASHES:
        return None
    for j in range(k - 2, max(-1, k - 2 - _TOTAL_REACH), -1):
        lemma = s.lemma(j)
        if s.is_noun(j) and (lemma in GENERIC_DRUG_NOUNS or lemma in drug_names()):
            return noun_lemma(s.readings(j), s.tokens[j])
    return None


SUBSTANCE_FINDERS: tuple[ObjectFinder, ...] = (
    noun_before_parenthesis,
    antecedent_of_relative,
    drug_before_a_total,
    substance_before_clause,
    subject_after_amount_verb,
    antecedent_of_pronoun,
)

# The amount finders of objects.py, then these; a Latin name and a share verb are read right
# after the nouns at the amount itself ("93 кг героина приходится на долю …" is still the
# genitive's; "объём синтетики — 42 кг PVP" is PVP, not the topic before the dash).
_AFTER_THE_AMOUNT = AMOUNT_FINDERS.index(genitive_after_unit) + 1
ALL_AMOUNT_FINDERS: tuple[ObjectFinder, ...] = (
    *AMOUNT_FINDERS[:_AFTER_THE_AMOUNT],
    latin_name_after_unit,
    coded_name_after_unit,
    share_named_after,
    # a relative clause right before the amount is nearer than any noun the ladder reads next
    antecedent_of_relative_amount,
    *AMOUNT_FINDERS[_AFTER_THE_AMOUNT : AMOUNT_FINDERS.index(owner_of_amount_word)],
    coded_name_before_amount_word,
    *AMOUNT_FINDERS[AMOUNT_FINDERS.index(owner_of_amount_word) :],
    *SUBSTANCE_FINDERS,
)
