"""Place mentions in one text: gazetteer names (in every case form), places the gazetteer lacks
(places_unknown), and "по стране"-like words for the article's own country; each mention is
resolved to one gazetteer entry when the text allows (see pipelines.places for the rules).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from pipelines.month_names import MONTH_PATTERN
from pipelines.morph import parse_word
from pipelines.phrases import (
    Match,
    Token,
    fold,
    forms_of,
    is_common_word,
    singular_forms,
)
from pipelines.places_gazetteer import DIVISION_NOUNS, Entry, load_gazetteer, names_in
from pipelines.places_ner import NerView, SentenceNer
from pipelines.places_signs import country_of_signs
from pipelines.places_unknown import division_mentions, unknown_mentions
from pipelines.places_words import (
    _INSTITUTION_GAP,
    _LOCATED_GAP,
    _NOT_A_PLACE_WORDS,
    _OPENING_QUOTES,
    _PARTS,
    _PERSON_GRAMMEMES,
    _QUALIFIER_GAP,
    _cue,
    _follows_street_or_water,
    _in_division_list,
    _in_scope,
    _is_adjective,
    _is_name_word,
    _Mention,
    _names_a_facility,
    _next_to_a_name,
    _overlaps,
    _starts_sentence,
)


def clear_winner(votes: Counter):
    """The most voted key when no other has as many votes, else None."""
    ranked = votes.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _with_shared_nouns(tokens: list[Token], matches: list[Match]) -> list[Match]:
    """Add the adjectives of a list that shares one division noun: in "Алматинской, Жамбылской
    и Туркестанской областях" only the last adjective stands next to the noun."""
    adjectives = load_gazetteer().adjectives
    added = []
    for match in matches:
        noun = fold(match.phrases[0].words[-1])
        if match.stop - match.first != 2 or noun not in DIVISION_NOUNS:
            continue
        j = match.first - 1
        while j >= 1 and tokens[j].norm in {",", "и"} and tokens[j - 1].text[:1].isupper():
            phrase = adjectives.get((tokens[j - 1].norm, noun))
            if phrase is None:
                break
            added.append(Match(j - 1, j, (phrase,)))
            j -= 2
    added += _elided_nouns(tokens, matches)
    added += _bracketed_list(tokens, {(m.first, m.stop) for m in added})
    # The shared noun's reading replaces a one-word reading of the same adjective ("Жамбылской").
    spans = {(m.first, m.stop) for m in added}
    kept = [m for m in matches if (m.first, m.stop) not in spans]
    return sorted(kept + added, key=lambda m: (m.first, m.stop))


# what stands between the adjectives of a list with numbers in brackets: «в Мангистауской
# (+18,4%) и Атырауской (+9,1%) областях», «Карагандинской (405) и …»
_BRACKET_LIST_MARKS = {",", "и", "(", ")", "+", "−", "-", "–", "%", ";"}


def _bracketed_list(tokens: list[Token], taken: set[tuple[int, int]]) -> list[Match]:
    """The adjectives of a list that shares one division noun, each followed by its number in
    brackets (which _with_shared_nouns, reading «Алматинской, Жамбылской и …», does not cross)."""
    adjectives = load_gazetteer().adjectives
    nouns = _division_noun_forms()
    added = []
    for i, token in enumerate(tokens):
        noun = nouns.get(token.norm)
        if noun is None or i < 2 or tokens[i - 1].norm != ")":
            continue
        j = i - 1
        while j >= 0:
            norm = tokens[j].norm
            if norm in _BRACKET_LIST_MARKS or norm.isdigit():
                j -= 1
                continue
            phrase = adjectives.get((norm, noun))
            if phrase is None or not tokens[j].text[:1].isupper():
                break
            if (j, j + 1) not in taken:
                added.append(Match(j, j + 1, (phrase,)))
            j -= 1
    return added


@functools.cache
def _division_noun_forms() -> dict[str, str]:
    """Each case form of a division noun («областях», «районах») → the noun."""
    return {form: noun for noun in DIVISION_NOUNS for form in forms_of((noun,))}


# currencies named after their country: «долларов США», «долл. США», «рублей РФ»
_CURRENCY_STEMS = ("доллар", "долл", "рубл", "фунт", "юан", "иен")


def _of_a_currency(tokens: list[Token], first: int) -> bool:
    """Whether the country named at token `first` qualifies a currency before it."""
    k = first - 1
    if k >= 1 and tokens[k].norm == ".":
        k -= 1
    return k >= 0 and tokens[k].norm.startswith(_CURRENCY_STEMS)


_ELIDING_PREPOSITIONS = {"в", "во", "по", "на"}


def _elided_nouns(tokens: list[Token], matches: list[Match]) -> list[Match]:
    """A region's adjective whose noun was written once before: "в Чуйской области — 5 тонн, в
    Иссык-Кульской — 2 тонны" (after "в"/"по", within 40 words of the noun)."""
    nouns = [
        (m.stop, fold(m.phrases[0].words[-1]))
        for m in matches
        if m.stop - m.first == 2 and fold(m.phrases[0].words[-1]) in DIVISION_NOUNS
    ]
    if not nouns:
        return []
    adjectives = load_gazetteer().adjectives
    # a one-word adjective reading ("Иссык-Кульской": who, from derived.tsv) gives way
    taken = {
        i
        for m in matches
        if m.stop - m.first > 1 or any(e.named_as == "name" for e in m.payloads)
        for i in range(m.first, m.stop)
    }
    added = []
    for i in range(1, len(tokens)):
        token = tokens[i]
        if i in taken or not token.text[:1].isupper():
            continue
        if tokens[i - 1].norm not in _ELIDING_PREPOSITIONS:
            continue
        for stop, noun in reversed(nouns):
            if stop <= i and i - stop <= 40 and (token.norm, noun) in adjectives:
                added.append(Match(i, i + 1, (adjectives[(token.norm, noun)],)))
                break
    return added


def _in_a_person_name(text: str, tokens: list[Token], match: Match) -> bool | None:
    """Whether a one-word name is part of a person's name, by morphology: after a first name
    ("Сергей Киров", "Владимир Орловский"), or a first name or surname itself next to another
    ("Владимир Путин"). None when it may be a name and stands next to another capitalised word
    inside a sentence ("Абай Кунанбаев"): NER decides. Never after "город"/"г."."""
    if match.stop - match.first != 1 or _cue(tokens, match.first):
        return False
    if _turkic_patronymic(tokens[match.stop] if match.stop < len(tokens) else None):
        return True  # "Баглан Жарылкасынұлы"
    before = tokens[match.first - 1] if match.first else None
    if before is not None and before.text[:1].isupper() and before.text.isalpha():  # noqa: SIM102
        if any("Name" in r.grammemes for r in parse_word(before.norm)):
            return True
    if not _is_name_word(tokens[match.first]):
        return False
    if _next_to_a_name(tokens, match.first, match.stop):
        return True
    if _capitalised(text, tokens, match.first - 1) or _capitalised(text, tokens, match.stop):
        return None
    return False


# the patronymics of Kazakh, Kyrgyz, Uzbek and Azerbaijani names, written as one word after
# the first name: "Жарылкасынұлы", "Токтогулович" is Russian, "Асанбек уулу" is two words
_TURKIC_PATRONYMIC = re.compile(r"(?:ұлы|улы|уулу|қызы|кызы|угли|ўғли|оглы|кизи)$")


def _turkic_patronymic(token: Token | None) -> bool:
    if token is None or not token.text.isalpha():
        return False
    if token.text in ("уулу", "кызы", "оглы", "угли", "кизи"):
        return True  # "Асанбек уулу", "Эльдар оглы"
    return token.text[:1].isupper() and bool(_TURKIC_PATRONYMIC.search(token.text))


def _capitalised(text: str, tokens: list[Token], i: int) -> bool:
    """A word with a capital that is not there only because it opens a sentence."""
    if not 0 <= i < len(tokens) or not tokens[i].text.isalpha():
        return False
    return tokens[i].text[:1].isupper() and not _starts_sentence(tokens, text, i)


def _capital_marks_a_name(text: str, tokens: list[Token], match: Match) -> bool:
    """A name that is also an ordinary word ("Рудный", "Шахты"), written with a capital inside a
    sentence and not in quotes, is the place's name; a word read first as a first name or surname
    is not told apart this way ("Абай"; "Алматы" is read first as the city), nor a word opening a
    sentence or a title in quotes («Заря»)."""
    token = tokens[match.first]
    if _is_dateline(text, tokens, match):
        return True
    if token.text.isupper() or _starts_sentence(tokens, text, match.first):
        return False
    if tokens[match.first - 1].text in _OPENING_QUOTES:
        return False
    return not any(_mostly_a_name(t) for t in tokens[match.first : match.stop])


# Agencies that act where their adjective says: "Кемеровской таможни", "Гродненской региональной
# таможне", "Павлодарская областная прокуратура".
_AGENCY_NOUNS = forms_of(
    ("таможня", "прокуратура", "прокурор", "полиция", "суд", "управление", "департамент",
     # its officers: «жамбылские полицейские», «карагандинские таможенники»
     "полицейский", "наркополицейский", "таможенник", "пограничник", "оперативник")
)  # fmt: skip


def _names_an_agency(tokens: list[Token], stop: int) -> bool:
    """An agency noun after a place's adjective, perhaps past two lower-case adjectives."""
    for token in tokens[stop : stop + 3]:
        if token.norm in _AGENCY_NOUNS:
            return True
        if not (token.text.islower() and _is_adjective(token)):
            return False
    return False


_DATELINE_ENDS = {".", ",", "—", "–", "-", "(", "/"}  # «БАКУ/Trend/ -»
# ". 12 апреля", ", 8 ноября": the day after a dateline's name
_DAY_AFTER = re.compile(r"\s*[.,]\s*\d{1,2}\s+" + MONTH_PATTERN)
# «3 августа, Минск /Корр. БЕЛТА/.»: the day first, then the capital and the agency
_DAY_BEFORE = re.compile(r"(?:^|\n)[ \t]*\d{1,2}\s+" + MONTH_PATTERN + r"\w*\s*,?\s*$")
_AGENCY_AFTER = re.compile(r"\s*[/(]")
_COUNTRY_FIRST = re.compile(r"[ \t]*[А-ЯЁ][а-яё]+[ \t]*,[ \t]*")


def _is_dateline(text: str, tokens: list[Token], match: Match) -> bool:
    """ "СЕМЕЙ. Полицейские …", "РУДНЫЙ, 5 мая —": a name in capitals opening a line and closed by
    a full stop, comma or dash is where the news comes from."""
    if not all(t.text.isupper() and len(t.text) > 2 for t in tokens[match.first : match.stop]):
        return False
    after = tokens[match.stop].text if match.stop < len(tokens) else None
    return _opens_line(text, tokens, match.first) and after in _DATELINE_ENDS


def _opens_line(text: str, tokens: list[Token], first: int) -> bool:
    return first == 0 or "\n" in text[tokens[first - 1].end : tokens[first].start]


def _filed_from_the_capital(text: str, tokens: list[Token], mention) -> bool:
    """ "Астана. 12 апреля. KAZAKHSTAN TODAY - …": the capital opening a line before the day is
    where a release was filed, as a dateline in capitals is (a region's own city there is as
    often the scene: "Волгоград, 8 ноября. Полицейские …")."""
    capital = load_gazetteer().capitals.get(mention.country)
    if capital is None or mention.kind != "city" or mention.region_code != capital.region_code:
        return False
    line_start = text.rfind("\n", 0, mention.start) + 1
    # «Азербайджан, Баку, 31 июля /корр. Trend/»: the country may open the line before it
    opens = _opens_line(text, tokens, mention.first) or _COUNTRY_FIRST.fullmatch(
        text, line_start, mention.start
    )
    if opens and _DAY_AFTER.match(text, mention.end):
        return True
    return bool(
        _DAY_BEFORE.search(text[line_start : mention.start])
        and _AGENCY_AFTER.match(text, mention.end)
    )


# «у жителя Карагандинской области», «уроженцы Шымкента»: where people live, not the scene; so
# the dealers a place is named for («прессинг со стороны наркодилеров Санкт-Петербурга»)
_RESIDENT_NOUNS = forms_of(("житель", "жительница", "уроженец", "уроженка", "наркодилер",
                            "наркоторговец", "наркокурьер", "наркосбытчик", "сбытчик"))  # fmt: skip
_CITIZEN_NOUNS = forms_of(("гражданин", "гражданка", "подданный", "подданная"))
# «жителя города Шымкента», «жительница г. Тараза», «жителей села Нура»
_SETTLEMENT_WORDS = {"г", ".", "город", "города", "городе", "села", "село", "поселка", "посёлка",
                     "пос", "с", "деревни", "аула", "района", "области"}  # fmt: skip


# «поставляют из Новосибирска», «ввезли из Пермского края»: where something came from
_FROM = {"из", "изо"}
# «на въезде в город со стороны Конаева»: the direction it came from, not where it happened
_FROM_THE_SIDE = {"стороны"}
# between the items of a list: «из Пермского края, Башкирии, Московской и Калужской областей»
_LIST_GAP = re.compile(r"[\s,]*(?:\s(?:и|или)\s+)?")


# «предназначенных для переброски в РФ», «пытались вывезти в Казахстан»: where drugs were headed
# is no scene; the words are ones of carrying elsewhere, not «ввоз» (whose customs report it)
_TO = {"в", "во"}
# the word a town's name may follow: «в город Ташкент», «в г. Алматы», «в село Нура»
_TOWN_CUES = forms_of(("город", "село", "поселок", "посёлок", "деревня", "аул")) | {"г", ".", "с"}
_CARRIED_ELSEWHERE = ("переброс", "перебрас", "транспортир", "доставк", "доставл", "отправ",
                      "переправ", "вывоз", "вывез", "транзит",
                      # «пояснил, что едет в Пензу», «должен был их отвезти в Пензенскую область»
                      "едет", "ехал", "отвез", "отвоз", "следовал", "направлял")  # fmt: skip
# «не доехали из Подмосковья до Пензы»
_UNTIL = {"до"}
_NOT_REACHED = ("доех", "довез", "довоз")


# «на пресс-конференции в Минске», «на брифинге в Душанбе»: where the figures were announced,
# mostly the capital for a national summary, is no scene either
_MEETINGS = ("пресс-конференц", "брифинг", "совещани", "коллеги", "заседани", "форум",
             "конференци")  # fmt: skip


def _a_town_s_own_meeting(mention) -> bool:
    """«На заседании антинаркотической комиссии в Черкесске»: a meeting in a town other than the
    capital is that town's own, about its own figures."""
    capital = load_gazetteer().capitals.get(mention.country)
    return (
        mention.kind == "city"
        and mention.region_code is not None
        and (capital is None or mention.region_code != capital.region_code)
    )


def _after_words(
    text: str,
    tokens: list[Token],
    first: int,
    stems: tuple[str, ...],
    to: set[str] = _TO,
    reach: int = 3,
) -> bool:
    """Whether the place follows «в» (or a word of `to`) and, up to `reach` words before in its
    sentence, a word of `stems` («следовали из Ферганы в город Ташкент»: past «город»)."""
    while first > 1 and tokens[first - 1].norm in _TOWN_CUES - to:
        first -= 1  # «с» is a village's abbreviation here, unless it is the preposition sought
    if first < 2 or tokens[first - 1].norm not in to:
        return False
    # a quoted name counts as one word («на «Таможенном бизнес форуме 2025: диалог и доверие» в
    # Баку»)
    reach += _quoted_length(tokens, first - 2)
    return any(
        tokens[k].norm.startswith(stems)
        and not _SENTENCE_END.search(text, tokens[k].end, tokens[first].start)
        for k in range(max(0, first - 1 - reach), first - 1)
    )


_CLOSING_QUOTES = {"»": "«", '"': '"', "“": "„"}


def _quoted_length(tokens: list[Token], last: int) -> int:
    """How many tokens a quoted name that ends at token `last` takes, its quotes included (0
    when none ends there)."""
    opening = _CLOSING_QUOTES.get(tokens[last].text) if last >= 0 else None
    if opening is None:
        return 0
    for k in range(last - 1, max(-1, last - 16), -1):
        if tokens[k].text in (opening, "«", "„"):
            return last - k + 1
    return 0


_SENTENCE_END = re.compile(r"[.!?;]")


# a plan to deliver, whose object may stand between the verb and the place: «планировали
# доставить около 40 кг гашиша и мефедрона в Башкирию» (not «Задержанных доставили в
# отделение МНБ в Керки»: where they were brought is the scene)
_DELIVERED = ("доставить", "отвезти")


# «рейсом Пекин — Москва», «на трассе Самара — Шымкент», «поезд "Душанбе – Москва"»: a route
# named by its two ends
_ROUTE_BEFORE = re.compile(
    r"(?:\bрейс\w*|\bпоезд\w*|\b(?:авто)?трасс\w*|\bавтодорог\w*|\bдорог[аеиуо]\w*|\bшоссе"
    r"|\bмаршрут\w*|\bавтобус\w*|\bсообщени\w*)\s*(?:№\s*\d+\s*)?[«\"]?\s*$",
    re.IGNORECASE,
)
_ROUTE_DASH = re.compile(r"^\s*[-–—]\s*$")


# «Напомним, …», «Ранее сообщалось …», «Как сообщалось ранее, …»: a sentence that recalls earlier
# news, whose places are that news's scene, not this text's
_RECAP = re.compile(
    r"[\s«\"(—–-]*(?:напомним|напомню|напоминаем|ранее\s+(?:сообщал|писал|стало\s+известно)"
    r"|как\s+(?:уже\s+|ранее\s+)?сообщал)",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+|\n")


def _in_a_recap(text: str, offset: int) -> bool:
    """Whether the sentence around `offset` opens by recalling earlier news (looked for within
    400 characters before it)."""
    start = 0 if offset <= 400 else None
    for found in _SENTENCE_BREAK.finditer(text, max(0, offset - 400), offset):
        start = found.end()
    return start is not None and bool(_RECAP.match(text, start))


def _route_ends(text: str, mentions: list) -> set[int]:
    """The indices of the mentions that name a route's two ends."""
    ends: set[int] = set()
    for n in range(len(mentions) - 1):
        a, b = mentions[n], mentions[n + 1]
        if _ROUTE_DASH.match(text[a.end : b.start]) and _ROUTE_BEFORE.search(
            text[max(0, a.start - 30) : a.start]
        ):
            ends.update((n, n + 1))
    return ends


def _destination(text: str, tokens: list[Token], first: int) -> bool:
    return (
        _after_words(text, tokens, first, _CARRIED_ELSEWHERE)
        or _after_words(text, tokens, first, _DELIVERED, reach=8)
        or _after_words(text, tokens, first, _NOT_REACHED, _UNTIL)
    )


# «по всем регионам, кроме Баткенской области», «за исключением Алматы», «исключение —
# Баткен»: a place set apart from the statement is no scene of it (its country still is)
_EXCEPT = {"кроме", "исключением"}
_EXCEPTION = "исключение"
_DASHES = {"-", "—", "–", ":"}


# «ниже средних показателей по России», «в среднем по Казахстану», «чем в целом по России»,
# «по сравнению с Россией»: a country a region's figures are measured against
_COMPARISON_STEMS = ("средн", "сравнени", "чем")


def _compared_with(text: str, tokens: list[Token], mention) -> bool:
    """A country named as the yardstick of a comparison, not as the scene."""
    return mention.kind == "country" and _after_words(
        text, tokens, mention.first, _COMPARISON_STEMS, to={"по", "с", "со"}
    )


def _excepted(tokens: list[Token], first: int) -> bool:
    before = [t.norm for t in tokens[max(0, first - 2) : first]]
    return (bool(before) and before[-1] in _EXCEPT) or (
        len(before) == 2 and before[0] == _EXCEPTION and before[1] in _DASHES
    )


def _of_residents(tokens: list[Token], first: int) -> bool:
    k = first - 1
    while k >= 0 and first - k <= 3 and tokens[k].norm in _SETTLEMENT_WORDS:
        k -= 1
    return k >= 0 and tokens[k].norm in _RESIDENT_NOUNS


_FUNCTION_WORDS = frozenset({"PREP", "CONJ", "PRCL"})


def _function_word(token: Token, match: Match) -> bool:
    """A one-word match that pymorphy3 reads first as a preposition, conjunction or particle."""
    readings = parse_word(token.norm)
    return match.stop - match.first == 1 and bool(readings) and readings[0].pos in _FUNCTION_WORDS


def _mostly_a_name(token: Token) -> bool:
    readings = parse_word(token.norm)
    return bool(readings) and bool(readings[0].grammemes & _PERSON_GRAMMEMES)


def _names_an_organisation(tokens: list[Token], match: Match) -> bool:
    """A region's abbreviation before a name in quotes is an organisation's: «ВКО «Всевеликое
    войско Донское»» (a Cossack society), as «ООО «…»» is a company. A country's stays («Закона
    РК «О наркотических средствах»»: the country's law)."""
    abbreviation = all(t.text.isupper() for t in tokens[match.first : match.stop])
    return (
        abbreviation
        and all(e.kind != "country" for e in match.payloads)
        and match.stop < len(tokens)
        and tokens[match.stop].text in _OPENING_QUOTES
        and tokens[match.stop].start == tokens[match.stop - 1].end + 1
        and match.stop + 1 < len(tokens)
        and tokens[match.stop + 1].text[:1].isupper()  # a name, not «В ВКО «зачистили» …»
    )


def _gazetteer_mentions(
    text: str, tokens: list[Token], names: list[Match], ner: NerView
) -> list[_Mention]:
    matches = _with_shared_nouns(tokens, names)
    division_nouns = forms_of(DIVISION_NOUNS)
    mentions = []
    for k, match in enumerate(matches):
        start, end = tokens[match.first].start, tokens[match.stop - 1].end
        nxt = tokens[match.stop].norm if match.stop < len(tokens) else None
        if _follows_street_or_water(tokens, match.first):
            continue
        derived = all(e.named_as != "name" for e in match.payloads)
        # The name, or the form written, is also an ordinary word: "Шахты"; "Кроме" (a form of
        # "Кромы").
        common = not derived and (
            any(p.is_common_word for p in match.phrases)
            or (match.stop - match.first == 1 and is_common_word(tokens[match.first].text))
        )
        if all(e.minor for e in match.payloads) and _names_a_facility(tokens, match.first):
            continue  # "в аэропорту Кольцово": the airport's name, not the village
        person = _in_a_person_name(text, tokens, match)
        if person or (person is None and _overlaps(start, end, ner.persons(start, end))):
            continue
        if match.stop - match.first == 1 and nxt in division_nouns:
            continue
        if _names_an_organisation(tokens, match):
            continue  # «пресс-служба ВКО «Всевеликое войско Донское»»: a society, not a region
        one_word = len(match.phrases[0].words) == 1 and match.stop - match.first == 1
        if one_word and _in_division_list(tokens, match.first):
            continue  # "Волжском (21), Октябрьском (39) районах": districts, not the towns
        cue = _cue(tokens, match.first)
        if derived and nxt in forms_of(_NOT_A_PLACE_WORDS):
            continue  # "Московский проспект"
        if common:
            qualified = k + 1 < len(matches) and matches[k + 1].first == match.stop
            if not (cue or qualified) and _function_word(tokens[match.first], match):
                continue  # «Кроме того, …» (a form of «Кромы»): no NER needed to say so
            if not (cue or qualified or _capital_marks_a_name(text, tokens, match)):
                # NER decides: a place where it tags one, and not inside a person's name.
                locations = [(s, e) for s, e, _ in ner.locations(start, end)]
                if not _overlaps(start, end, locations) or _overlaps(
                    start, end, ner.persons(start, end)
                ):
                    continue
        mention = _Mention(
            match.first,
            match.stop,
            start,
            end,
            text[start:end],
            match.phrases[0].nominative,
            match.payloads,
            cue,
        )
        mentions.append(mention)
    return mentions


def _narrow_by_cue(mention: _Mention) -> list[Entry]:
    # "город"/"село" choose between a town and a village of one name; before a region or a
    # country ("город Казахстана") the word says nothing about the name, nor when it fits no
    # candidate (GeoNames' kind is by population: "село Токтогул" has 20,000 people).
    candidates = mention.candidates
    if not mention.cue or not any(c.kind in ("city", "settlement") for c in candidates):
        return candidates
    return [c for c in candidates if c.kind == mention.cue] or candidates


# «МВД по РТ», «УФСКН России по РБ»: a federal agency's branch «по» a republic's abbreviation
_BRANCH_BEFORE = re.compile(r"\bпо\s+$")


def _republic_of_a_branch(text: str, mention: _Mention, candidates: list[Entry]) -> list[Entry]:
    """«МВД по РТ» is Tatarstan's ministry, «при Президенте РТ» Tajikistan's: an abbreviation
    that a country and a republic share names the republic after «по», where a federal agency
    names its branch in a region (elsewhere the text's other places decide, else the country)."""
    if not (mention.name.isupper() and _BRANCH_BEFORE.search(text, 0, mention.start)):
        return candidates
    return [c for c in candidates if c.level == "region"] or candidates


def _narrow_by_context(candidates, regions, countries, home_country) -> list[Entry]:
    """Keep the candidates in the regions, then countries, the text names without doubt."""
    for keep in (
        lambda c: c.region_code in regions,
        lambda c: c.country in countries,
        lambda c: c.country == home_country,
    ):
        kept = [c for c in candidates if keep(c)]
        if kept:
            candidates = kept
        if len(candidates) == 1:
            break
    return candidates


# «Московский областной суд», «минской областной милиции»: the region's, not its centre's
_REGIONAL_WORD = re.compile(r"[ \t\u00a0]+(?:областн|краев|окружн)", re.IGNORECASE)


def _city_of_a_shared_adjective(text: str, mention, candidates: list[Entry]) -> list[Entry]:
    """«в московском аэропорту», «минские милиционеры»: an adjective that a city shares with
    the region named after it is the city's; the region has a name of its own to be named by
    («в Московской области»), unless a regional word follows («Московский областной суд»)."""
    if len(candidates) != 2 or any(c.named_as != "adjective" for c in candidates):
        return candidates
    cities = [c for c in candidates if c.kind == "city"]
    divisions = [c for c in candidates if c.kind == "region"]
    if len(cities) != 1 or len(divisions) != 1 or cities[0].country != divisions[0].country:
        return candidates
    return divisions if _REGIONAL_WORD.match(text, mention.end) else cities


def _locative(mention: _Mention) -> bool:
    """Whether the first word of a mention can be in the locative («Ленинградской», «Москве»)."""
    word = fold(mention.name.split()[0])
    return any(r.grammemes & {"loct", "loc2"} for r in parse_word(word))


def _qualifier(text: str, mentions: list[_Mention], index: int) -> _Mention | None:
    """The higher division named right after a name: "Нура" ← "Алматинской области"."""
    if index + 1 >= len(mentions):
        return None
    mention, following = mentions[index], mentions[index + 1]
    gap = text[mention.end : following.start]
    located = mention.cue is not None and _LOCATED_GAP.fullmatch(gap) and _locative(following)
    if not (_QUALIFIER_GAP.fullmatch(gap) or _INSTITUTION_GAP.fullmatch(gap) or located):
        return None
    if not (following.region_code or following.country) or following.rank <= mention.rank:
        return None
    if following.named_as != "name":
        return None  # «задержали в Бишкеке россиянина»: people of a country qualify no place
    return following


def _resolve(text, mentions, regions, countries, home_country, named=frozenset()) -> None:
    """Settle each mention's candidates; `named`: the countries the text names with no doubt,
    by a place the curated gazetteer holds."""
    # Right to left, so that a qualifier is resolved before the name it qualifies.
    for index in reversed(range(len(mentions))):
        mention = mentions[index]
        candidates = _narrow_by_cue(mention)
        qualifier = _qualifier(text, mentions, index)
        if qualifier is not None:
            if qualifier.region_code:
                inside = [c for c in candidates if c.region_code == qualifier.region_code]
            else:
                inside = [c for c in candidates if c.country == qualifier.country]
            if not inside:
                # The text places a name we do not hold (or hold elsewhere) in that division.
                mention.settle([])
                mention.region_code, mention.country = qualifier.region_code, qualifier.country
                continue
            candidates = inside
        if len(candidates) > 1:
            candidates = _republic_of_a_branch(text, mention, candidates)
        if len(candidates) > 1:
            candidates = _narrow_by_context(candidates, regions, countries, home_country)
        if len(candidates) > 1:
            candidates = _city_of_a_shared_adjective(text, mention, candidates)
        if len(candidates) > 1 and mention.name.isupper():
            # «при Президенте РТ» in a text that names neither: the country's abbreviation
            candidates = [c for c in candidates if c.level == "country"] or candidates
        if _foreign_village(candidates, named, home_country):
            candidates = []  # «в аэропорту «Манас»» of a Kyrgyz text: no Dagestan village
        mention.settle(candidates)


def _foreign_village(candidates: list[Entry], countries: set, home_country) -> bool:
    """Only GeoNames villages of a country that neither the text (which names other countries
    without doubt) nor the source names: a word that is also a small place abroad. A city
    (10,000 people or more) is named as itself: "поезда Куляб — Москва" in a Russian text."""
    return (
        bool(candidates)
        and bool(countries)
        and all(c.minor and c.kind != "city" for c in candidates)
        and not {c.country for c in candidates} & (set(countries) | {home_country})
    )


def _deictic_mentions(text, tokens, mentions, home_country) -> list[_Mention]:
    """ "по стране", "в республике": the article's own country, named by a common noun."""
    gazetteer = load_gazetteer()
    words = sorted(set().union(*gazetteer.deictic.values()))
    form_to_word = {form: w for w in words for form in singular_forms(w)}
    taken = set().union(*(range(m.first, m.stop) for m in mentions)) if mentions else set()
    votes = Counter(m.country for m in mentions if m.country and (m.region_code or m.national))
    own_country = clear_winner(votes) or home_country
    found = []
    for i, token in enumerate(tokens):
        word = form_to_word.get(token.norm)
        if word is None or i in taken or not _in_scope(tokens, i):
            continue
        if own_country and word not in gazetteer.deictic.get(own_country, ()):
            continue  # "по республике" in a Russian text means one of its republics
        mention = _Mention(i, i + 1, token.start, token.end, token.text, word, [], national=True)
        mention.kind = "country"
        mention.country = own_country
        mention.normalized = gazetteer.countries[own_country].name if own_country else word
        found.append(mention)
    return found


_CAPITAL_WORDS = re.compile(r"столи[цч]", re.IGNORECASE)
# the words after «столица» that make it a region's capital the text does not name
_DIVISION_WORDS = ("регион", "област", "республик", "кра", "округ", "субъект", "автоном")


def _capital_mentions(text, tokens, mentions) -> list[_Mention]:
    """ "в столице Кыргызстана", "в российской столице", "столичные полицейские": the capital
    of the country named next to the word, else of the text's own country. The capital named
    with its country is one mention, the country's mention becomes it; with a region («в
    столице Удмуртии»), the region's mention takes it in."""
    if not _CAPITAL_WORDS.search(text):
        return []  # most texts hold no such word: skip the scan of every token
    gazetteer = load_gazetteer()
    taken = set().union(*(range(m.first, m.stop) for m in mentions)) if mentions else set()
    # the country the text names (not the source's: "столица" in a Russian text on a Kazakh
    # site is Moscow)
    votes = Counter(m.country for m in mentions if m.country)
    # else the country its currency or institutions tell («столичного управления ФСКН»)
    own_country = clear_winner(votes) or country_of_signs(text)
    found = []
    for i, token in enumerate(tokens):
        noun = token.norm.startswith("столиц")
        if i in taken or not (noun or token.norm.startswith("столичн")):
            continue
        if not noun and i + 1 < len(tokens) and tokens[i + 1].norm.startswith(("област", "регион")):
            continue  # «ГУВД столичной области»: the region around the capital, not the capital
        if noun and i + 1 < len(tokens) and tokens[i + 1].norm.startswith(_DIVISION_WORDS):
            continue  # «в столице региона», «столица республики»: a region's own, not named
        after = next((m for m in mentions if m.first == i + 1), None) if noun else None
        if after is not None and after.kind == "country" and after.country in gazetteer.capitals:
            after.first, after.start, after.name = i, token.start, text[token.start : after.end]
            after.settle([gazetteer.capitals[after.country]])
            after.national = False
            continue
        if after is not None and after.kind == "region":
            # «в столице Удмуртии»: the region's capital, which lies in the region
            after.first, after.start, after.name = i, token.start, text[token.start : after.end]
            continue
        before = next((m for m in mentions if m.stop == i and m.kind == "country"), None)
        if before is None and i and any(r.pos == "ADJF" for r in parse_word(tokens[i - 1].norm)):
            continue  # "в уральскую столицу", "северной столицы": a city called so, not named
        capital = gazetteer.capitals.get(before.country if before else own_country)
        if capital is None:
            continue
        if not noun:
            # «столичные полицейские» act in the capital, as «жамбылские полицейские» in theirs;
            # «столичного наркоконтроля» names whose officers, not where («… в Бресте задержали»)
            agency = _names_an_agency(tokens, i + 1)
            capital = dataclasses.replace(capital, named_as="agency" if agency else "adjective")
        mention = _Mention(i, i + 1, token.start, token.end, token.text, capital.name, [capital])
        mention.settle([capital])
        found.append(mention)
    return found


def _outside_a_city_region(tokens: list[Token], mention: _Mention) -> bool:
    """«изъяли у наркоторговцев под Москвой»: near a city that is a region of its own is in the
    region around it, which the text names otherwise («в Солнечногорском районе»)."""
    entry = mention.entry
    return (
        mention.first > 0
        and tokens[mention.first - 1].norm == "под"
        and entry is not None
        and entry.kind == "city"
        and entry.level == "region"
    )


def _from(tokens: list[Token], first: int) -> bool:
    """A place named after «из» or «со стороны»: where something came from."""
    if not first:
        return False
    if tokens[first - 1].norm in _FROM:
        return True
    return (
        first >= 2
        and tokens[first - 1].norm in _FROM_THE_SIDE
        and tokens[first - 2].norm in ("с", "со")
    )


def _across_a_border(tokens: list[Token], first: int) -> bool:
    """A country named after «на границе с», «граничащей с»: the land across the border from
    where it happened («На Урале на границе с Казахстаном задержана партия героина»)."""
    if first < 2 or tokens[first - 1].norm not in ("с", "со"):
        return False
    border = ("границ", "граничащ", "граничит")
    # «на границе Таджикистана с Афганистаном»: past the country whose border it is
    owner = first >= 3 and tokens[first - 2].text[:1].isupper()
    return tokens[first - 2].norm.startswith(border) or (
        owner and tokens[first - 3].norm.startswith(border)
    )


def _qualifies(text: str, town: _Mention, region: _Mention) -> bool:
    """Whether `region` right after `town` only says where the town is: it is then named as
    the town is (a resident's home, an origin, a destination), not as a scene of its own."""
    return (
        town.named_as in ("resident", "origin", "destination")
        and town.kind != "region"
        and region.kind == "region"
        and town.region_code is not None
        and town.region_code == region.region_code
        and _QUALIFIER_GAP.fullmatch(text, town.end, region.start) is not None
    )  # only spaces between: «Новокузнецка Кемеровской области»


def find_mentions(
    text, home_country=None, context_regions=(), context_countries=(), ner: NerView | None = None
) -> list[dict]:
    """The place mentions of a text as dicts; ner: the tagging of a text this one is part of
    (a figure's sentence in its body), so no sentence is tagged twice."""
    tokens, names = names_in(text)
    ner = ner or NerView(SentenceNer(text))
    mentions = _gazetteer_mentions(text, tokens, list(names), ner)
    taken = set().union(*(range(m.first, m.stop) for m in mentions)) if mentions else set()
    mentions += division_mentions(text, tokens, taken)
    mentions += unknown_mentions(text, tokens, ner, mentions)
    mentions.sort(key=lambda m: m.start)
    unambiguous = [m.candidates[0] for m in mentions if len(m.candidates) == 1]
    regions = {e.region_code for e in unambiguous if e.region_code} | set(context_regions)
    countries = {e.country for e in unambiguous} | set(context_countries)
    named = {e.country for e in unambiguous if not e.minor} | set(context_countries)
    _resolve(text, mentions, regions, countries, home_country, named)
    ends = _route_ends(text, mentions)
    origin_end = -1  # where the last place named as an origin ends: a list may go on from it
    resident_end = -1  # the same for residents: «жители Хабаровского края, Республики Бурятия»
    for n, mention in enumerate(mentions):
        if mention.named_as == "name" and n in ends:
            mention.named_as = "route"  # «рейсом Пекин — Москва»: where it went, not the scene
            continue
        if (
            mention.named_as == "name"
            and mention.kind == "country"
            and _of_a_currency(tokens, mention.first)
        ):
            mention.named_as = "currency"  # «250 тыс. долларов США»: money, not a place
            continue
        if mention.named_as == "name" and _in_a_recap(text, mention.start):
            mention.named_as = "recap"  # «Напомним, что в аэропорту Ташкента …»: earlier news
            continue
        if mention.named_as == "name" and n and _qualifies(text, mentions[n - 1], mention):
            mention.named_as = mentions[n - 1].named_as  # «житель Новокузнецка Кемеровской области»
            continue
        if mention.named_as == "name" and (
            _is_dateline(text, tokens, mention) or _filed_from_the_capital(text, tokens, mention)
        ):
            # "ТАШКЕНТ, 7 июн – РИА Новости.": where the reporter files from, not the scene.
            mention.named_as = "dateline"
            continue
        if (
            mention.named_as == "name"
            and mention.kind != "country"
            and (
                _of_residents(tokens, mention.first)
                or (resident_end >= 0 and _LIST_GAP.fullmatch(text, resident_end, mention.start))
            )
        ):
            mention.named_as = "resident"
            resident_end = mention.end
            continue
        if (
            mention.named_as == "name"
            and mention.kind == "country"
            and mention.first
            and tokens[mention.first - 1].norm in _CITIZEN_NOUNS
        ):
            mention.named_as = "citizenship"
            continue
        if mention.named_as == "name" and _destination(text, tokens, mention.first):
            mention.named_as = "destination"
            continue
        if (
            mention.named_as == "name"
            and mention.kind == "country"
            and _across_a_border(tokens, mention.first)
        ):
            mention.named_as = "neighbour"  # «на границе с Казахстаном»: the other side
            continue
        if mention.named_as == "name" and _outside_a_city_region(tokens, mention):
            mention.named_as = "neighbour"  # «под Москвой»: the region around the city
            continue
        if mention.named_as == "name" and (
            (
                _after_words(text, tokens, mention.first, _MEETINGS)
                and not _a_town_s_own_meeting(mention)
            )
            or _excepted(tokens, mention.first)
            or _compared_with(text, tokens, mention)
        ):
            mention.named_as = "venue"  # where figures were announced, or a place set apart
            continue
        listed = origin_end >= 0 and _LIST_GAP.fullmatch(text, origin_end, mention.start)
        if mention.named_as == "name" and (listed or _from(tokens, mention.first)):
            # «в Горный Алтай поставляют из Новосибирска», «из Пермского края, Башкирии, …»
            mention.named_as = "origin"
            origin_end = mention.end
            continue
        if mention.kind == "country" and mention.entry and mention.named_as == "name":
            mention.national = _in_scope(tokens, mention.first) or _starts_sentence(
                tokens, text, mention.first
            )
            if mention.first and tokens[mention.first - 1].norm in _PARTS:
                mention.named_as = "part"
        # Only a region's or country's adjective: a town's may be a wider area's ("Уральское
        # таможенное управление" is the Urals', not Uralsk's).
        regional = mention.entry is not None and mention.entry.level in ("region", "country")
        if mention.named_as == "adjective" and regional and _names_an_agency(tokens, mention.stop):
            mention.named_as = "agency"
    mentions += _capital_mentions(text, tokens, mentions)
    mentions += _deictic_mentions(text, tokens, mentions, home_country)
    mentions.sort(key=lambda m: m.start)
    return [m.as_dict() for m in mentions]
